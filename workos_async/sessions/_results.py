"""What ``Session.authenticate()`` and ``Session.refresh()`` return: a success with the
session's claims, or a :class:`SessionFailure` whose ``reason`` uses the Node SDK's names.

Results, not exceptions: a missing, tampered or expired session is an ordinary outcome of a
request, and the caller needs to know which one (sign the user out? answer 503 and retry?).
Nothing here holds a token in its repr.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, ClassVar, Final, Literal

import attrs

from .._errors import (
    APIError,
    AuthenticationFlowError,
    RateLimitExceededError,
    ServerError,
    WorkOSConnectionError,
)
from ._errors import InvalidAccessTokenError, JWKSUnavailableError, SealError
from ._jwt import AccessTokenClaims
from ._payload import Impersonator, SessionCookieData

__all__ = [
    "AuthenticateResult",
    "AuthenticateSuccess",
    "RefreshResult",
    "RefreshSuccess",
    "SessionFailure",
    "SessionFailureReason",
    "failure_from_error",
]

logger = logging.getLogger("workos_async.sessions")

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class SessionFailureReason(enum.StrEnum):
    """Why a session could not be authenticated or refreshed.

    The first seven are the Node SDK's ``AuthenticateWithSessionCookieFailureReason`` /
    ``RefreshSessionFailureReason`` values; the rest say what the Node SDK reports as a thrown
    error, so a caller can tell "sign the user out" from "try again".
    """

    #: No cookie (or an empty one) came with the request.
    NO_SESSION_COOKIE_PROVIDED = "no_session_cookie_provided"
    #: The cookie does not open: tampered, truncated, too large, sealed with another password,
    #: expired, or not a session.
    INVALID_SESSION_COOKIE = "invalid_session_cookie"
    #: The access token is not valid (expired, bad signature, wrong issuer, ...).
    INVALID_JWT = "invalid_jwt"
    #: WorkOS refused the refresh token (used, revoked or expired).
    INVALID_GRANT = "invalid_grant"
    #: The user must enroll in MFA before a new token is issued.
    MFA_ENROLLMENT = "mfa_enrollment"
    #: The organization requires SSO: the user must sign in again through it.
    SSO_REQUIRED = "sso_required"
    #: The user is not a member of the organization asked for.
    ORGANIZATION_NOT_AUTHORIZED = "organization_not_authorized"
    #: Another 4xx sign-in step WorkOS asks for (``error.code`` says which).
    AUTHENTICATION_FLOW_REQUIRED = "authentication_flow_required"
    #: The signing keys could not be fetched: an outage, not a bad token (retryable).
    JWKS_UNAVAILABLE = "jwks_unavailable"
    #: WorkOS answered 429 (retryable, see ``retry_after``).
    RATE_LIMITED = "rate_limited"
    #: WorkOS answered 408 (retryable).
    REQUEST_TIMEOUT = "request_timeout"
    #: WorkOS answered 5xx (retryable).
    SERVER_ERROR = "server_error"
    #: No answer: connection error or timeout (retryable).
    NETWORK_ERROR = "network_error"
    #: Any other API error, e.g. 401 for a wrong API key: a problem of the app, not the user.
    API_ERROR = "api_error"
    #: The refreshed session does not fit in a 4096-byte cookie.
    SESSION_TOO_LARGE = "session_too_large"
    #: The cookie names a server-side session and the session store did not answer: an
    #: outage, not a verdict on the session (retryable; the same cookie works once it is back).
    SESSION_STORE_UNAVAILABLE = "session_store_unavailable"


#: Reasons after which the cookie is worthless: sign the user out (delete it).
SIGN_OUT_REASONS: Final = frozenset(
    {
        SessionFailureReason.INVALID_SESSION_COOKIE,
        SessionFailureReason.INVALID_JWT,
        SessionFailureReason.INVALID_GRANT,
        SessionFailureReason.MFA_ENROLLMENT,
        SessionFailureReason.SSO_REQUIRED,
        SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
        SessionFailureReason.AUTHENTICATION_FLOW_REQUIRED,
        SessionFailureReason.SESSION_TOO_LARGE,
    }
)

_BY_CODE: Final = {
    **{
        reason.value: reason
        for reason in (
            SessionFailureReason.INVALID_GRANT,
            SessionFailureReason.MFA_ENROLLMENT,
            SessionFailureReason.SSO_REQUIRED,
            SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
        )
    },
    # The spec's refresh-grant codes for switching to an organization the user can't enter.
    "organization_membership_not_found": SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
    "organization_not_found": SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
}


def _redacted(value: object) -> str:
    return "None" if value is None else "'<redacted>'"


@attrs.frozen(kw_only=True)
class SessionFailure:
    """The session is not authenticated. ``reason`` says why.

    ``retryable`` is true for outages (JWKS down, 408, 429, 5xx, network): keep the cookie and
    answer 503, the same cookie may work in a moment (``retry_after`` seconds, when known).
    ``sign_out`` is true when the cookie can never work again. ``error`` is the underlying
    exception, if any (its message holds no secret).
    """

    authenticated: ClassVar[Literal[False]] = False
    refreshed: ClassVar[bool] = False

    reason: SessionFailureReason
    retryable: bool = False
    #: Seconds to wait before trying again, when WorkOS or the key cache said.
    retry_after: float | None = None
    error: BaseException | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def code(self) -> str:
        """``reason`` as a plain string (``"invalid_grant"``...)."""
        return self.reason.value

    @property
    def sign_out(self) -> bool:
        """Whether the cookie is worthless and should be deleted."""
        return self.reason in SIGN_OUT_REASONS


@attrs.frozen(kw_only=True)
class AuthenticateSuccess:
    """An authenticated session (or bearer token): its verified claims and, for a cookie, the
    user the cookie holds (snake_case, as the API returns it; empty for a bearer token).

    ``refreshed`` is false: a :class:`RefreshSuccess` is what carries a new cookie.
    """

    authenticated: ClassVar[Literal[True]] = True
    refreshed: ClassVar[bool] = False

    claims: AccessTokenClaims
    access_token: str = attrs.field(repr=_redacted)
    user: Mapping[str, Any] = attrs.field(default=_EMPTY, repr=False)
    impersonator: Impersonator | None = None
    authentication_method: str | None = None

    @property
    def user_id(self) -> str:
        """The user's id (the token's ``sub``)."""
        return self.claims.sub

    @property
    def session_id(self) -> str | None:
        """The WorkOS session id (``sid``): what ``get_logout_url`` needs."""
        return self.claims.sid

    @property
    def organization_id(self) -> str | None:
        """The organization the session is scoped to (``org_id``)."""
        return self.claims.org_id

    @property
    def role(self) -> str | None:
        return self.claims.role

    @property
    def roles(self) -> tuple[str, ...]:
        return self.claims.roles

    @property
    def permissions(self) -> tuple[str, ...]:
        return self.claims.permissions

    @property
    def entitlements(self) -> tuple[str, ...]:
        return self.claims.entitlements

    @property
    def feature_flags(self) -> tuple[str, ...]:
        return self.claims.feature_flags

    @property
    def expires_at(self) -> datetime:
        """When the access token expires (aware UTC)."""
        return self.claims.expires_at

    def has_permission(self, permission: str) -> bool:
        """Whether the token grants ``permission``."""
        return permission in self.claims.permissions

    def has_role(self, role: str) -> bool:
        """Whether ``role`` is the token's role or one of its roles."""
        return role == self.claims.role or role in self.claims.roles


@attrs.frozen(kw_only=True)
class RefreshSuccess(AuthenticateSuccess):
    """A refreshed session: new tokens, and ``sealed_session``, the new cookie value to set.

    Every caller that shared one refresh gets this same object. The new access token's claims
    are read without a JWKS round trip: the token came straight from WorkOS.
    """

    refreshed: ClassVar[bool] = True

    sealed_session: str = attrs.field(repr=_redacted)
    refresh_token: str = attrs.field(repr=_redacted)
    #: What ``authenticate_with_refresh_token`` returned.
    authentication_response: Any = attrs.field(default=None, repr=False, eq=False)

    @classmethod
    def of(
        cls,
        data: SessionCookieData,
        claims: AccessTokenClaims,
        sealed_session: str,
        authentication_response: Any = None,
    ) -> RefreshSuccess:
        """The result for the refreshed session ``data``, sealed as ``sealed_session``."""
        return cls(
            claims=claims,
            access_token=data.access_token,
            refresh_token=data.refresh_token,
            sealed_session=sealed_session,
            user=data.user,
            impersonator=data.impersonator,
            authentication_method=data.authentication_method,
            authentication_response=authentication_response,
        )


AuthenticateResult = AuthenticateSuccess | SessionFailure
RefreshResult = RefreshSuccess | SessionFailure


def failure_from_error(error: BaseException) -> SessionFailure:
    """The failure for an exception raised while authenticating or refreshing."""
    reason: SessionFailureReason
    retryable = False
    retry_after: float | None = None
    if isinstance(error, SealError):
        reason = SessionFailureReason.INVALID_SESSION_COOKIE
    elif isinstance(error, InvalidAccessTokenError):
        reason = SessionFailureReason.INVALID_JWT
    elif isinstance(error, JWKSUnavailableError):
        reason, retryable, retry_after = (
            SessionFailureReason.JWKS_UNAVAILABLE,
            True,
            error.retry_after,
        )
    elif isinstance(error, WorkOSConnectionError):
        reason, retryable = SessionFailureReason.NETWORK_ERROR, True
    elif isinstance(error, RateLimitExceededError):
        reason, retryable = SessionFailureReason.RATE_LIMITED, True
        retry_after = error.retry_after
    elif isinstance(error, ServerError):
        reason, retryable = SessionFailureReason.SERVER_ERROR, True
    elif isinstance(error, APIError) and error.status == 408:
        reason, retryable = SessionFailureReason.REQUEST_TIMEOUT, True
    elif isinstance(error, APIError) and error.code in _BY_CODE:
        reason = _BY_CODE[error.code]
    elif isinstance(error, AuthenticationFlowError):
        reason = SessionFailureReason.AUTHENTICATION_FLOW_REQUIRED
    elif isinstance(error, APIError):
        reason = SessionFailureReason.API_ERROR
    else:
        raise TypeError(f"no session failure for {type(error).__name__}") from error
    return SessionFailure(reason=reason, retryable=retryable, retry_after=retry_after, error=error)
