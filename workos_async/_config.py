"""Client configuration: arguments, else environment variables, validated once."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypedDict

import attrs

from ._errors import ConfigurationError

DEFAULT_BASE_URL = "https://api.workos.com"


@attrs.frozen
class Timeout:
    """Timeouts in seconds (``None`` = no limit). ``connect`` covers getting a connection
    (pool wait, DNS, TCP, TLS); ``read`` is the longest silence while waiting for the response;
    ``total`` bounds one whole attempt."""

    connect: float | None = 10.0
    read: float | None = 60.0
    total: float | None = None

    @classmethod
    def coerce(cls, value: float | Timeout | None) -> Timeout:
        """A number means: that many seconds for the whole attempt, and for connecting."""
        if isinstance(value, Timeout):
            return value
        if value is None:
            return cls(connect=None, read=None, total=None)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError(
                f"timeout must be a positive number of seconds or a Timeout, not {value!r}"
            )
        return cls(connect=min(float(value), 10.0), read=float(value), total=float(value))


#: The default of the clients' ``timeout`` (identity tells "not given" from a given value).
DEFAULT_TIMEOUT = Timeout()
#: Seconds per attempt when neither ``timeout`` nor ``request_timeout`` is given (the
#: official SDK's variable).
REQUEST_TIMEOUT_ENV = "WORKOS_REQUEST_TIMEOUT"


def resolve_timeout(
    timeout: float | Timeout | None, request_timeout: float | None
) -> float | Timeout | None:
    """``timeout``, or the official SDK's ``request_timeout=`` (seconds), or, when neither is
    given, ``WORKOS_REQUEST_TIMEOUT`` from the environment, or the default."""
    if request_timeout is not None:
        if timeout is not DEFAULT_TIMEOUT:
            raise ConfigurationError("pass timeout=... or request_timeout=..., not both")
        return request_timeout
    if timeout is DEFAULT_TIMEOUT:
        raw = os.environ.get(REQUEST_TIMEOUT_ENV)
        if raw:
            try:
                seconds = float(raw)
            except ValueError:
                seconds = float("nan")
            if not seconds > 0 or seconds == float("inf"):
                raise ConfigurationError(
                    f"{REQUEST_TIMEOUT_ENV} must be a positive number of seconds, not {raw!r}"
                )
            return seconds
    return timeout


class RequestOptions(TypedDict, total=False):
    """Per-call overrides, accepted by every API method as ``request_options=``."""

    #: Seconds (or a :class:`Timeout`) for this call's attempts.
    timeout: float | Timeout
    #: Retries after the first attempt (``0`` = try once).
    max_retries: int
    #: Headers added to (or replacing) the defaults, e.g. ``{"X-Request-ID": ...}``.
    extra_headers: Mapping[str, str]
    #: The ``Idempotency-Key`` for a POST (default: a new UUID4 per call, reused on its retries).
    idempotency_key: str


_OPTION_KEYS = frozenset(RequestOptions.__annotations__)


def check_request_options(options: object) -> RequestOptions:
    """Validate a ``request_options`` mapping before it is used (names the bad key)."""
    if not isinstance(options, Mapping):
        raise TypeError(f"request_options must be a mapping, not {type(options).__name__}")
    unknown = set(options) - _OPTION_KEYS
    if unknown:
        raise TypeError(
            f"request_options has unknown key(s) {sorted(unknown)}; known: {sorted(_OPTION_KEYS)}"
        )
    retries = options.get("max_retries")
    if retries is not None and (
        isinstance(retries, bool) or not isinstance(retries, int) or retries < 0
    ):
        raise ValueError(f"request_options['max_retries'] must be an int >= 0, not {retries!r}")
    key = options.get("idempotency_key")
    if key is not None and (not isinstance(key, str) or not key):
        raise ValueError("request_options['idempotency_key'] must be a non-empty str")
    return options  # type: ignore[return-value]


def _redact(_: str) -> str:
    return "'<redacted>'"


@attrs.frozen
class ClientConfig:
    """Everything a client needs to know, resolved once at construction."""

    api_key: str = attrs.field(repr=_redact)
    client_id: str | None
    base_url: str
    timeout: Timeout
    max_retries: int
    #: The longest ``Retry-After`` the client sleeps through; a longer one raises at once.
    max_retry_after: float
    max_connections: int
    trust_env: bool
    default_headers: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        client_id: str | None,
        base_url: str | None,
        timeout: float | Timeout | None,
        max_retries: int,
        max_retry_after: float,
        max_connections: int,
        trust_env: bool,
        default_headers: Mapping[str, str] | None,
    ) -> ClientConfig:
        api_key = api_key if api_key is not None else os.environ.get("WORKOS_API_KEY")
        if not api_key:
            raise ConfigurationError(
                "No API key: pass api_key=... or set the WORKOS_API_KEY environment variable."
            )
        if not isinstance(api_key, str):
            raise ConfigurationError(f"api_key must be a str, not {type(api_key).__name__}")
        client_id = (
            client_id if client_id is not None else os.environ.get("WORKOS_CLIENT_ID") or None
        )
        base_url = base_url or os.environ.get("WORKOS_BASE_URL") or DEFAULT_BASE_URL
        if not base_url.startswith(("http://", "https://")):
            raise ConfigurationError(
                f"base_url must start with http:// or https://, not {base_url!r}"
            )
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ConfigurationError(f"max_retries must be an int >= 0, not {max_retries!r}")
        if (
            isinstance(max_connections, bool)
            or not isinstance(max_connections, int)
            or max_connections < 1
        ):
            raise ConfigurationError(
                f"max_connections must be an int >= 1, not {max_connections!r}"
            )
        return cls(
            api_key=api_key,
            client_id=client_id,
            base_url=base_url.rstrip("/"),
            timeout=Timeout.coerce(timeout),
            max_retries=max_retries,
            max_retry_after=float(max_retry_after),
            max_connections=max_connections,
            trust_env=trust_env,
            default_headers=dict(default_headers or {}),
        )

    def require_client_id(self, method: str) -> str:
        if not self.client_id:
            raise ConfigurationError(
                f"{method}() needs a client id: pass client_id=... to the client or set "
                "the WORKOS_CLIENT_ID environment variable."
            )
        return self.client_id
