"""The exception hierarchy.

``WorkOSError`` is the root. ``APIError`` and its subclasses are answers from WorkOS (a status
code); ``WorkOSConnectionError`` / ``WorkOSTimeoutError`` mean no answer arrived. Messages never
contain secrets: they are built from the status, WorkOS's ``code``/``message``, the request id
and the path *template* (never the filled path, which may hold a token).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: Response and request keys whose values are credentials: redacted from kept raw bodies and
#: from pickled errors.
SECRET_KEYS = frozenset(
    {
        "access_token",
        "api_key",
        "authkit_authorization_code",
        "client_secret",
        "code",
        "device_code",
        "id_token",
        "password",
        "password_hash",
        "password_reset_token",
        "password_reset_url",
        "accept_invitation_url",
        "pending_authentication_token",
        "qr_code",
        "refresh_token",
        "sealed_session",
        "secret",
        "session",
        "token",
        "uri",
        "user_code",
        "value",
        "verification_token",
        "verification_uri_complete",
    }
)

REDACTED = "<redacted>"


def redact_secrets(value: Any, _depth: int = 0) -> Any:
    """A copy of decoded JSON with the values of :data:`SECRET_KEYS` replaced (nested too)."""
    if _depth > 64:
        return REDACTED
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if k in SECRET_KEYS and v is not None else redact_secrets(v, _depth + 1))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact_secrets(v, _depth + 1) for v in value]
    return value


class WorkOSError(Exception):
    """Root of every error this SDK raises on purpose."""


class ConfigurationError(WorkOSError, ValueError):
    """The client is missing configuration (API key, client id) or it is invalid."""


class WorkOSConnectionError(WorkOSError):
    """No response arrived: the connection failed, was reset, or the body was cut off."""

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request_id = request_id


class WorkOSTimeoutError(WorkOSConnectionError):
    """The request timed out (connect or read)."""


class DeadlineExceededError(WorkOSTimeoutError):
    """The call's overall deadline (``deadline``: all attempts and the waits between them)
    passed before an answer arrived. ``last_error`` is the failure of the last attempt."""

    def __init__(
        self, message: str, *, request_id: str | None = None, last_error: Exception | None = None
    ) -> None:
        super().__init__(message, request_id=request_id)
        self.last_error = last_error


class RequestInDoubtError(WorkOSConnectionError):
    """A write (``POST``) got no definite answer: it may have been applied, or not.

    It was not sent again, because WorkOS does not de-duplicate these calls: a second send could
    create a second object. When the call has a natural key (``create_user``,
    ``create_organization_membership``, ``send_invitation``, ``create_organization`` with an
    ``external_id``), the client has already looked the object up and raises this only when it
    could not tell. Check with a read before you repeat the call.
    """

    #: Always true: the request reached the network and may have been processed.
    may_have_succeeded = True

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        request_id: str | None = None,
        status: int | None = None,
        resolution: str | None = None,
    ) -> None:
        super().__init__(message, request_id=request_id)
        #: The HTTP method and the path *template* of the call.
        self.method = method
        self.path = path
        #: The status of the answer, when one came (e.g. a 502 from a gateway).
        self.status = status
        #: What the lookup after the failure found (``None`` when the call has no natural key).
        self.resolution = resolution

    def __reduce__(self) -> Any:
        return (_rebuild_plain, (type(self), self.__dict__.copy(), self.message))


class ClientClosedError(WorkOSError):
    """The client was closed (``aclose()`` / ``close()``) before or while this call ran."""


class InvalidHeaderError(WorkOSError, ValueError):
    """A header name or value would change the request's framing (CR, LF or NUL in it), or is
    not a string. The message names the header, never its value."""


def _rebuild_plain(cls: type[Exception], state: dict[str, Any], message: str) -> Exception:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class APIError(WorkOSError):
    """WorkOS answered with an error status (or an unreadable body).

    WorkOS sends three body shapes — ``{message}``, ``{code, message, errors?}`` and the OAuth
    ``{error, error_description}`` — all land in the same attributes.
    """

    #: The HTTP status.
    status: int
    #: ``X-Request-ID`` of the response: quote it to WorkOS support.
    request_id: str | None
    #: WorkOS's machine-readable code (``code``, or OAuth ``error``), when sent.
    code: str | None
    #: The human-readable message (``message``, or OAuth ``error_description``).
    message: str
    #: Field-level errors (``errors: [{code, message | field}]``), when sent.
    errors: Sequence[Mapping[str, Any]]
    #: The parsed JSON body (a mapping), or ``None`` when it was not JSON.
    body: Any
    #: The raw body text (at most 2,000 characters kept), with the values of secret keys
    #: (tokens, codes, passwords, sealed sessions) replaced by ``<redacted>``. Not pickled.
    raw_body: str

    def __init__(
        self,
        *,
        status: int,
        request_id: str | None = None,
        code: str | None = None,
        message: str = "",
        errors: Sequence[Mapping[str, Any]] = (),
        body: Any = None,
        raw_body: str = "",
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        self.status = status
        self.request_id = request_id
        self.code = code
        self.message = message
        self.errors = errors
        self.body = body
        self.raw_body = raw_body
        self.method = method
        self.path = path
        super().__init__(self._describe())

    @property
    def status_code(self) -> int:
        """The HTTP status (the official SDK's name for :attr:`status`)."""
        return self.status

    # The official SDK's other names, read from the same body.
    @property
    def response_json(self) -> Mapping[str, Any] | None:
        """The parsed JSON body when it is an object (the official SDK's name of :attr:`body`)."""
        return self.body if isinstance(self.body, Mapping) else None

    @property
    def error(self) -> str | None:
        """The OAuth ``error`` field, when the body has that shape (else see :attr:`code`)."""
        value = self.response_json.get("error") if self.response_json is not None else None
        return value if isinstance(value, str) else None

    @property
    def error_description(self) -> str | None:
        """The OAuth ``error_description`` field, when the body has that shape."""
        body = self.response_json
        value = body.get("error_description") if body is not None else None
        return value if isinstance(value, str) else None

    @property
    def request_method(self) -> str | None:
        """The request's HTTP method (the official SDK's name of :attr:`method`)."""
        return self.method

    def _describe(self) -> str:
        head = f"{self.status}"
        if self.code:
            head += f" {self.code}"
        text = f"{head}: {self.message}" if self.message else head
        where = f"{self.method} {self.path}" if self.method and self.path else None
        tail = ", ".join(
            part
            for part in (where, f"request_id={self.request_id}" if self.request_id else None)
            if part
        )
        return f"{text} ({tail})" if tail else text

    def __reduce__(self) -> Any:
        # Exceptions with keyword-only __init__ need this to pickle (multiprocessing, Celery).
        # A pickle leaves the process (a result backend, a queue): no raw body, and the
        # parsed body without its secret values (a pending authentication token...).
        state = self.__dict__.copy()
        state["raw_body"] = ""
        state["body"] = redact_secrets(state.get("body"))
        return (_rebuild, (type(self), state))


def _rebuild(cls: type[APIError], state: dict[str, Any]) -> APIError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, err._describe())
    return err


class ResponseDecodeError(APIError):
    """A response body could not be read as the JSON the API documents (empty, truncated,
    not JSON, or the wrong shape). Keeps the status and request id."""


class ResponseTooLargeError(ResponseDecodeError):
    """The response body is larger than ``max_response_size`` (default 10 MiB). Reading stopped
    at the limit (nothing bigger is held in memory). ``limit`` is that size in bytes."""

    limit: int = 0


class RedirectError(APIError):
    """WorkOS's API does not redirect: a 3xx is refused, never followed, so no API key,
    password or code goes to another host. ``location_host`` is the host it pointed to."""

    location_host: str | None = None


class BadRequestError(APIError):
    """400."""


class AuthenticationError(APIError):
    """401: the API key is missing, wrong or revoked."""


class AuthorizationError(APIError):
    """403."""


class NotFoundError(APIError):
    """404."""


class ConflictError(APIError):
    """409."""


class UnprocessableEntityError(APIError):
    """422: the request was understood but a field is invalid."""


class RateLimitExceededError(APIError):
    """429. ``retry_after`` is the server's ``Retry-After`` in seconds, when sent."""

    retry_after: float | None = None


class ServerError(APIError):
    """5xx."""


class AuthenticationFlowError(AuthorizationError):
    """A 403 from an authentication call that asks for a next step (verify email, MFA, pick an
    organization, use SSO, ...). ``pending_authentication_token`` continues the flow."""

    @property
    def pending_authentication_token(self) -> str | None:
        return self._str_field("pending_authentication_token")

    @property
    def user(self) -> Any:
        return self._field("user")

    def _field(self, name: str) -> Any:
        return self.body.get(name) if isinstance(self.body, Mapping) else None

    def _str_field(self, name: str) -> str | None:
        value = self._field(name)
        return value if isinstance(value, str) else None

    def __repr__(self) -> str:
        # The pending token is a credential: the repr shows the class and status only.
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, request_id={self.request_id!r})"


class EmailVerificationRequiredError(AuthenticationFlowError):
    """403 ``email_verification_required``: verify the email, then
    ``authenticate_with_email_verification``."""

    @property
    def email(self) -> str | None:
        return self._str_field("email")

    @property
    def email_verification_id(self) -> str | None:
        return self._str_field("email_verification_id")


class MfaEnrollmentError(AuthenticationFlowError):
    """403 ``mfa_enrollment``: the user must enroll an MFA factor."""


class MfaChallengeError(AuthenticationFlowError):
    """403 ``mfa_challenge``: answer a challenge for one of ``authentication_factors``."""

    @property
    def authentication_factors(self) -> list[Any]:
        return self._field("authentication_factors") or []


class OrganizationSelectionRequiredError(AuthenticationFlowError):
    """403 ``organization_selection_required``: pick one of ``organizations``, then
    ``authenticate_with_organization_selection``."""

    @property
    def organizations(self) -> list[Any]:
        return self._field("organizations") or []


class SsoRequiredError(AuthenticationFlowError):
    """403 ``sso_required``: the user must sign in through one of ``connection_ids``."""

    @property
    def connection_ids(self) -> list[str]:
        return self._field("connection_ids") or []

    @property
    def email(self) -> str | None:
        return self._str_field("email")


class OrganizationAuthenticationMethodsRequiredError(AuthenticationFlowError):
    """403 ``organization_authentication_methods_required``: the organization allows only
    ``sso_connection_ids`` / ``auth_methods``."""

    @property
    def sso_connection_ids(self) -> list[str]:
        return self._field("sso_connection_ids") or []

    @property
    def auth_methods(self) -> Mapping[str, Any]:
        return self._field("auth_methods") or {}

    @property
    def email(self) -> str | None:
        return self._str_field("email")


#: The official ``workos`` SDK's name for the same error.
OrganizationAuthMethodsRequiredError = OrganizationAuthenticationMethodsRequiredError


class AuthenticationMethodNotAllowedError(AuthenticationFlowError):
    """403 ``authentication_method_not_allowed``."""


class EmailPasswordAuthDisabledError(AuthenticationFlowError):
    """403 ``email_password_auth_disabled``."""


class RadarChallengeError(AuthenticationFlowError):
    """403 ``radar_challenge``."""


class RadarSignUpChallengeError(AuthenticationFlowError):
    """403 ``radar_sign_up_challenge``."""


class PasskeyProgressiveEnrollmentError(AuthenticationFlowError):
    """403 ``passkey_progressive_enrollment``."""


class ApplicationConsentRequiredError(AuthenticationFlowError):
    """403 ``application_consent_required``."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: AuthorizationError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitExceededError,
}

#: 403 codes of the authentication flows.
AUTH_FLOW_ERRORS: dict[str, type[AuthenticationFlowError]] = {
    "email_verification_required": EmailVerificationRequiredError,
    "mfa_enrollment": MfaEnrollmentError,
    "mfa_challenge": MfaChallengeError,
    "organization_selection_required": OrganizationSelectionRequiredError,
    "sso_required": SsoRequiredError,
    "organization_authentication_methods_required": OrganizationAuthenticationMethodsRequiredError,
    "authentication_method_not_allowed": AuthenticationMethodNotAllowedError,
    "email_password_auth_disabled": EmailPasswordAuthDisabledError,
    "radar_challenge": RadarChallengeError,
    "radar_sign_up_challenge": RadarSignUpChallengeError,
    "passkey_progressive_enrollment": PasskeyProgressiveEnrollmentError,
    "application_consent_required": ApplicationConsentRequiredError,
}


def error_class(status: int, code: str | None) -> type[APIError]:
    """The exception class for a status and WorkOS code.

    Flow codes win over the status: the spec sends ``sso_required`` and
    ``organization_authentication_methods_required`` as 400 OAuth errors, the rest as 403.
    """
    if code in AUTH_FLOW_ERRORS and 400 <= status < 500:
        return AUTH_FLOW_ERRORS[code]
    cls = _BY_STATUS.get(status)
    if cls is not None:
        return cls
    if status >= 500:
        return ServerError
    return APIError
