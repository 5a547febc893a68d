"""Client configuration: arguments, else environment variables, validated once.

Three layers set how a call is sent: the client's constructor (:class:`ClientOptions`,
resolved into :class:`ClientConfig`), ``client.with_options(...)``, and a call's
``request_options``. :meth:`CallSettings.merged` is the one place they combine: a layer that
does not set a value (key missing, or ``None``) inherits it from the layer below.
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Mapping
from typing import Any, TypedDict, Unpack
from urllib.parse import urlsplit

import attrs

from ._errors import ConfigurationError, InvalidHeaderError
from ._secret import Secret

DEFAULT_BASE_URL = "https://api.workos.com"
DEFAULT_MAX_RETRIES = 3
DEFAULT_MAX_RETRY_AFTER = 60.0
#: Connection pool size: sized for servers (100 made half of 200 concurrent handlers wait for
#: a connection); WorkOS's rate limits, not the pool, bound the real request rate.
DEFAULT_MAX_CONNECTIONS = 256
#: The largest response body read (bigger ones raise ``ResponseTooLargeError``).
DEFAULT_MAX_RESPONSE_SIZE = 10 * 1024 * 1024
#: Seconds one call may take in all: every attempt and every wait between attempts.
DEFAULT_DEADLINE = 120.0


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
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
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


class ClientOptions(TypedDict, total=False):
    """The keyword arguments of :class:`~workos_async.AsyncWorkOS` (and ``WorkOS``). Every one
    is optional; see the client's docstring for what each means and its default."""

    api_key: str | None
    client_id: str | None
    #: A public client (PKCE apps: browser, mobile, CLI): ``client_id`` only, never an API key
    #: (``WORKOS_API_KEY`` is ignored). Also the mode of ``client_id=...`` given without a key.
    is_public: bool
    base_url: str | None
    timeout: float | Timeout | None
    #: The official SDK's name: seconds for one attempt (instead of ``timeout``).
    request_timeout: float | None
    max_retries: int
    max_retry_after: float
    max_connections: int
    trust_env: bool
    default_headers: Mapping[str, str] | None
    max_response_size: int
    deadline: float | None
    #: A shared rate budget (``workos_async.coordination.RateLimiter``) every call takes from.
    rate_limiter: Any
    #: A ``workos_async.coordination.Coordinator``: its ``limiter`` is the ``rate_limiter``.
    coordinator: Any
    #: ``{"request": [hooks], "response": [hooks]}``, see ``workos_async.CallEvent``.
    event_hooks: Mapping[str, Any] | None


CLIENT_OPTION_KEYS = frozenset(ClientOptions.__annotations__)


class RequestOptions(TypedDict, total=False):
    """Per-call overrides, accepted by every API method as ``request_options=``."""

    #: Seconds (or a :class:`Timeout`) for this call's attempts.
    timeout: float | Timeout
    #: Retries after the first attempt (``0`` = try once).
    max_retries: int
    #: Headers added to (or replacing) the defaults, e.g. ``{"X-Request-ID": ...}``.
    extra_headers: Mapping[str, str]
    #: The ``Idempotency-Key`` for a POST (default: a new unique key per call, reused on its
    #: retries).
    idempotency_key: str
    #: Seconds this call may take in all, attempts and waits included (default: the client's,
    #: 120 s). ``math.inf``: no overall limit.
    deadline: float
    #: ``True``: retry this POST after any transient failure, like a GET, although it may then
    #: be applied twice (WorkOS does not de-duplicate user-management writes). Default
    #: ``False``: a POST is sent again only when it provably was not processed.
    retry_non_idempotent: bool
    #: The rate limiter's class for this call (default ``"interactive"``): ``"bulk"`` work
    #: never takes the share reserved for interactive traffic.
    priority: str
    #: ``False``: this call does not take from the client's ``rate_limiter`` (the caller
    #: already counted it, e.g. the bulk importer's governor).
    rate_limit: bool


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
    if retries is not None:
        check_max_retries(retries, "request_options['max_retries']", ValueError)
    key = options.get("idempotency_key")
    if key is not None and (not isinstance(key, str) or not key):
        raise ValueError("request_options['idempotency_key'] must be a non-empty str")
    if key is not None:
        check_headers({"Idempotency-Key": key}, "request_options['idempotency_key']")
    blind = options.get("retry_non_idempotent")
    if blind is not None and not isinstance(blind, bool):
        raise TypeError("request_options['retry_non_idempotent'] must be a bool")
    priority = options.get("priority")
    if priority is not None and priority not in ("interactive", "bulk"):
        raise ValueError("request_options['priority'] must be 'interactive' or 'bulk'")
    limited = options.get("rate_limit")
    if limited is not None and not isinstance(limited, bool):
        raise TypeError("request_options['rate_limit'] must be a bool")
    return options  # type: ignore[return-value]


def check_max_retries(value: object, name: str, error: type[Exception]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"{name} must be an int >= 0, not {value!r}")
    return value


def check_deadline(value: object, name: str) -> float | None:
    """Seconds > 0; ``math.inf`` (or ``None`` in the constructor) means no overall limit."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {value!r}")
    return None if math.isinf(value) else float(value)


# RFC 9110 token characters: anything else in a name could smuggle a header or a request.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def check_headers(headers: object, where: str) -> dict[str, str]:
    """Header names and values as ``str``, without CR, LF or NUL (which would let a value end
    the header and add others). The error names the header, never shows its value."""
    if not isinstance(headers, Mapping):
        raise InvalidHeaderError(f"{where} must be a mapping of header names to values")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise InvalidHeaderError(f"{where}: {name!r} is not a valid header name")
        if not isinstance(value, str):
            raise InvalidHeaderError(
                f"{where}: the value of header {name!r} must be a str, not {type(value).__name__}"
            )
        if "\r" in value or "\n" in value or "\x00" in value:
            raise InvalidHeaderError(
                f"{where}: the value of header {name!r} contains a CR, LF or NUL character"
            )
        checked[name] = value
    return checked


class InsecureBaseUrlWarning(UserWarning):
    """``base_url`` sends the API key over plain ``http://`` to a host that is not this
    machine."""


_warned_hosts: set[str] = set()


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    import ipaddress  # only for plain-http URLs: not worth its import on every start

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(value: object) -> str:
    """The API origin (optionally with a path prefix), without userinfo, query or fragment.

    Messages never echo the URL: it may hold a password.
    """
    if not isinstance(value, str):
        raise ConfigurationError(f"base_url must be a str, not {type(value).__name__}")
    if any(c in value for c in "\r\n\t\x00 "):
        raise ConfigurationError("base_url must not contain whitespace or control characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ConfigurationError("base_url is not a valid URL") from None
    del port
    if parts.scheme not in ("http", "https"):
        raise ConfigurationError("base_url must start with http:// or https://")
    if "@" in parts.netloc:
        raise ConfigurationError(
            "base_url must not contain credentials (user:password@host): the API key is sent "
            "as a header; pass it as api_key"
        )
    if parts.query or "?" in value:
        raise ConfigurationError(
            "base_url must not have a query string (?...): it would replace every call's query"
        )
    if parts.fragment or "#" in value:
        raise ConfigurationError("base_url must not have a fragment (#...)")
    host = parts.hostname
    if not host:
        raise ConfigurationError("base_url has no host")
    if parts.scheme == "http" and not _is_loopback(host) and host not in _warned_hosts:
        _warned_hosts.add(host)
        warnings.warn(
            f"base_url uses plain http:// to {host}: the API key and passwords travel "
            "unencrypted. Use https:// (http:// is meant for a local fake or emulator).",
            InsecureBaseUrlWarning,
            stacklevel=4,
        )
    return value.rstrip("/")


@attrs.frozen
class CallSettings:
    """How a call is sent: the resolved result of config, ``with_options`` and
    ``request_options`` (see :meth:`merged`)."""

    timeout: Timeout
    max_retries: int
    max_retry_after: float
    #: Seconds for the whole call (attempts and waits); ``None``: no overall limit.
    deadline: float | None
    max_response_size: int
    #: Headers sent with every request (``default_headers`` + ``extra_headers``).
    headers: Mapping[str, str]
    retry_non_idempotent: bool = False

    def merged(self, overrides: Mapping[str, Any]) -> CallSettings:
        """These settings with ``overrides`` applied. Keys are option names (``timeout``,
        ``max_retries``, ``deadline``, ``extra_headers``, ``retry_non_idempotent``,
        ``max_response_size``, ``max_retry_after``); a missing key or ``None`` inherits.
        ``extra_headers`` add to (or replace) the inherited headers."""
        changes: dict[str, Any] = {}
        value = overrides.get("timeout")
        if value is not None:
            changes["timeout"] = Timeout.coerce(value)
        value = overrides.get("max_retries")
        if value is not None:
            changes["max_retries"] = check_max_retries(value, "max_retries", ValueError)
        if overrides.get("deadline") is not None:
            changes["deadline"] = check_deadline(overrides["deadline"], "deadline")
        value = overrides.get("extra_headers")
        if value is not None:
            changes["headers"] = {**self.headers, **check_headers(value, "extra_headers")}
        value = overrides.get("retry_non_idempotent")
        if value is not None:
            changes["retry_non_idempotent"] = bool(value)
        value = overrides.get("max_response_size")
        if value is not None:
            changes["max_response_size"] = check_max_response_size(value)
        value = overrides.get("max_retry_after")
        if value is not None:
            changes["max_retry_after"] = check_max_retry_after(value)
        return attrs.evolve(self, **changes) if changes else self


def check_max_response_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_response_size must be an int >= 1 (bytes), not {value!r}")
    return value


def check_max_retry_after(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ConfigurationError(f"max_retry_after must be a number >= 0, not {value!r}")
    return float(value)


def check_rate_limiter(limiter: object, coordinator: object) -> Any:
    """The limiter to use: ``rate_limiter``, else ``coordinator.limiter``, else ``None``."""
    if limiter is None and coordinator is None:
        return None
    if limiter is not None and coordinator is not None:
        raise ConfigurationError("pass rate_limiter or coordinator, not both")
    from .coordination.protocols import RateLimiter

    if limiter is None:
        limiter = getattr(coordinator, "limiter", None)
        if limiter is None:
            raise ConfigurationError("coordinator must be a workos_async.coordination.Coordinator")
    if not isinstance(limiter, RateLimiter):
        raise ConfigurationError(
            "rate_limiter must have async acquire(kind, priority) and "
            "report_rate_limited(retry_after) (workos_async.coordination.RateLimiter)"
        )
    return limiter


def check_event_hooks(value: object) -> Any:
    from ._hooks import EventHooks

    try:
        return EventHooks.coerce(value)
    except TypeError as exc:
        raise ConfigurationError(str(exc)) from None


def _redact(_: str) -> str:
    return "'<redacted>'"


@attrs.frozen
class ClientConfig:
    """Everything a client needs to know, resolved once at construction."""

    #: ``None`` for a public client (see :attr:`is_public`).
    api_key: Secret | None = attrs.field(repr=_redact)
    client_id: str | None
    base_url: str
    timeout: Timeout
    max_retries: int
    #: The longest ``Retry-After`` the client sleeps through; a longer one raises at once.
    max_retry_after: float
    max_connections: int
    trust_env: bool
    default_headers: Mapping[str, str] = attrs.field(factory=dict)
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    deadline: float | None = DEFAULT_DEADLINE
    #: The shared rate budget (``None``: none; see ``rate_limiter``).
    rate_limiter: Any = attrs.field(default=None, repr=False)
    #: The ``Coordinator`` given (``None``: none): ``client.sessions`` shares its flights.
    coordinator: Any = attrs.field(default=None, repr=False)
    #: Validated ``EventHooks`` (``None``: none).
    event_hooks: Any = attrs.field(default=None, repr=False)

    @classmethod
    def resolve(cls, **options: Unpack[ClientOptions]) -> ClientConfig:
        """Validate the constructor's options (a missing one takes its default or its
        environment variable)."""
        unknown = set(options) - CLIENT_OPTION_KEYS
        if unknown:
            raise TypeError(
                f"unexpected keyword argument(s) {sorted(unknown)}; "
                f"known: {sorted(CLIENT_OPTION_KEYS)}"
            )
        given_key = options.get("api_key")
        given_client_id = options.get("client_id")
        client_id = (
            given_client_id
            if given_client_id is not None
            else os.environ.get("WORKOS_CLIENT_ID") or None
        )
        is_public = options.get("is_public", False)
        if not isinstance(is_public, bool):
            raise ConfigurationError(f"is_public must be a bool, not {type(is_public).__name__}")
        api_key: str | None
        if is_public:
            if given_key is not None:
                raise ConfigurationError(
                    "is_public=True takes no api_key: a public client never sends one"
                )
            if not client_id:
                raise ConfigurationError(
                    "a public client needs a client id: pass client_id=... or set the "
                    "WORKOS_CLIENT_ID environment variable."
                )
            api_key = None  # WORKOS_API_KEY is ignored: a public client holds no secret
        else:
            api_key = given_key if given_key is not None else os.environ.get("WORKOS_API_KEY")
            if not api_key:
                if given_client_id is None or given_key is not None:
                    raise ConfigurationError(
                        "No API key: pass api_key=... or set the WORKOS_API_KEY environment "
                        "variable (or pass client_id=... alone for a public client)."
                    )
                api_key = None  # client_id=... without a key: a public client
        if api_key is not None:
            if not isinstance(api_key, str):
                raise ConfigurationError(f"api_key must be a str, not {type(api_key).__name__}")
            if any(c in api_key for c in "\r\n\x00"):
                raise ConfigurationError("api_key contains a CR, LF or NUL character")
        base_url = check_base_url(
            options.get("base_url") or os.environ.get("WORKOS_BASE_URL") or DEFAULT_BASE_URL
        )
        max_retries = check_max_retries(
            options.get("max_retries", DEFAULT_MAX_RETRIES), "max_retries", ConfigurationError
        )
        max_connections = options.get("max_connections", DEFAULT_MAX_CONNECTIONS)
        if (
            isinstance(max_connections, bool)
            or not isinstance(max_connections, int)
            or max_connections < 1
        ):
            raise ConfigurationError(
                f"max_connections must be an int >= 1, not {max_connections!r}"
            )
        try:
            deadline = check_deadline(options.get("deadline", DEFAULT_DEADLINE), "deadline")
            timeout = Timeout.coerce(
                resolve_timeout(
                    options.get("timeout", DEFAULT_TIMEOUT), options.get("request_timeout")
                )
            )
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from None
        return cls(
            api_key=None if api_key is None else Secret(api_key),
            client_id=client_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_retry_after=check_max_retry_after(
                options.get("max_retry_after", DEFAULT_MAX_RETRY_AFTER)
            ),
            max_connections=max_connections,
            trust_env=bool(options.get("trust_env", False)),
            default_headers=check_headers(options.get("default_headers") or {}, "default_headers"),
            max_response_size=check_max_response_size(
                options.get("max_response_size", DEFAULT_MAX_RESPONSE_SIZE)
            ),
            deadline=deadline,
            rate_limiter=check_rate_limiter(
                options.get("rate_limiter"), options.get("coordinator")
            ),
            event_hooks=check_event_hooks(options.get("event_hooks")),
            coordinator=options.get("coordinator"),
        )

    @property
    def settings(self) -> CallSettings:
        """The client-level call settings (what ``with_options`` and ``request_options``
        start from)."""
        return CallSettings(
            timeout=self.timeout,
            max_retries=self.max_retries,
            max_retry_after=self.max_retry_after,
            deadline=self.deadline,
            max_response_size=self.max_response_size,
            headers=self.default_headers,
        )

    @property
    def is_public(self) -> bool:
        """A public client: no API key, only the calls a PKCE app makes
        (``authenticate_with_code_pkce``, ``authenticate_with_refresh_token``)."""
        return self.api_key is None

    def require_api_key(self, method: str) -> Secret:
        """The API key, or a :class:`ConfigurationError` naming ``method`` (public client)."""
        if self.api_key is None:
            raise ConfigurationError(public_client_refusal(f"{method}()"))
        return self.api_key

    def require_client_id(self, method: str) -> str:
        if not self.client_id:
            raise ConfigurationError(
                f"{method}() needs a client id: pass client_id=... to the client or set "
                "the WORKOS_CLIENT_ID environment variable."
            )
        return self.client_id


def public_client_refusal(call: str) -> str:
    """Why a public client (no API key) refuses ``call``."""
    return (
        f"No API key: {call} needs one, and this is a public client (client_id only), which "
        "runs only authenticate_with_code_pkce and authenticate_with_refresh_token. Pass "
        "api_key=... or set WORKOS_API_KEY for the other calls."
    )
