"""WorkOS sessions for FastAPI and Starlette apps (the ``fastapi`` extra).

::

    from fastapi import Depends, FastAPI
    from workos_async.fastapi import AuthKit, AuthKitMiddleware
    from workos_async.sessions import AuthenticateSuccess

    authkit = AuthKit(redirect_uri="https://app.example.com/callback")  # + WORKOS_* env vars
    app = FastAPI(lifespan=authkit.lifespan)        # the client, and the JWKS prefetch
    app.add_middleware(AuthKitMiddleware, authkit=authkit)
    app.include_router(authkit.router)              # /login, /callback, POST /logout

    @app.get("/api/me")
    async def me(user: AuthenticateSuccess = Depends(authkit.require_user)):
        return {"id": user.user_id, "permissions": user.permissions}

* **Dependencies**: ``require_user`` (a ``Bearer`` access token or the ``wos-session``
  cookie), ``optional_user``, ``require_permission(...)``, ``require_role(...)``. API requests
  get 401 with a JSON body; a browser asking for a page (``GET``, ``Accept: text/html``) is
  redirected to sign-in instead. An outage (JWKS or WorkOS down) is 503 with ``Retry-After``,
  never a sign-out.
* **The middleware** is pure ASGI (not ``BaseHTTPMiddleware``): it writes the refreshed or
  deleted cookie into the response's first message, so the cookie survives a route that
  returns its own ``Response``, and marks authenticated responses
  ``Cache-Control: private, no-store`` / ``Vary: Cookie``.
* **Sign-in routes**: ``GET /login`` (PKCE; ``state`` and the verifier sealed into a
  short-lived cookie), ``GET /callback`` (constant-time ``state`` check,
  ``authenticate_with_code``, the session cookie, a safe return path), ``POST /logout``.

A plain Starlette app uses the same middleware, ``authkit.routes()`` and
``await authkit.authenticate_request(request)``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import math
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, urlsplit

try:
    from fastapi import HTTPException
    from starlette.datastructures import MutableHeaders
    from starlette.requests import HTTPConnection, Request, cookie_parser
    from starlette.responses import JSONResponse, RedirectResponse, Response
    from starlette.routing import Route
    from starlette.types import ASGIApp, Message, Receive, Scope, Send
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "workos_async.fastapi needs FastAPI: pip install 'workos-async[fastapi]'"
    ) from exc

from ._client import AsyncWorkOS
from ._errors import APIError, ConfigurationError, WorkOSConnectionError
from .sessions import (
    AuthenticateResult,
    AuthenticateSuccess,
    IronSealer,
    Passwords,
    RefreshSuccess,
    SealError,
    SessionFailure,
    SessionFailureReason,
)
from .sessions._session import COOKIE_PASSWORD_ENV, AsyncSessions, NoSessionError

if TYPE_CHECKING:
    from fastapi import APIRouter

__all__ = [
    "AuthKit",
    "AuthKitMiddleware",
    "RequestAuth",
    "delete_cookie_header",
    "safe_return_path",
    "set_cookie_header",
]

logger = logging.getLogger("workos_async.fastapi")

REDIRECT_URI_ENV = "WORKOS_REDIRECT_URI"
SCOPE_KEY = "workos_async.auth"
#: The kits' default lifetime of the session cookie: 400 days (the browsers' maximum).
DEFAULT_COOKIE_MAX_AGE = 400 * 24 * 3600
SameSite = Literal["Lax", "Strict", "None"]

# RFC 6265 cookie-octet: what a cookie value may hold unquoted.
_COOKIE_VALUE = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*")
_COOKIE_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


# ---- cookies and redirects ------------------------------------------------------------------


def set_cookie_header(
    name: str,
    value: str,
    *,
    max_age: int,
    path: str = "/",
    domain: str | None = None,
    secure: bool = True,
    http_only: bool = True,
    same_site: SameSite = "Lax",
) -> str:
    """A ``Set-Cookie`` value with exactly these attributes (the value is written as is: iron
    seals need no quoting)."""
    if not _COOKIE_NAME.fullmatch(name):
        raise ValueError(f"invalid cookie name {name!r}")
    if not _COOKIE_VALUE.fullmatch(value):
        raise ValueError("the cookie value has characters a cookie cannot hold")
    if same_site not in ("Lax", "Strict", "None"):
        raise ValueError(f"same_site must be 'Lax', 'Strict' or 'None', not {same_site!r}")
    if same_site == "None" and not secure:
        raise ValueError("SameSite=None cookies must be Secure")
    parts = [f"{name}={value}", f"Path={path}", f"Max-Age={max_age}"]
    if domain:
        parts.append(f"Domain={domain}")
    if http_only:
        parts.append("HttpOnly")
    if secure:
        parts.append("Secure")
    parts.append(f"SameSite={same_site}")
    return "; ".join(parts)


def delete_cookie_header(
    name: str,
    *,
    path: str = "/",
    domain: str | None = None,
    secure: bool = True,
    http_only: bool = True,
    same_site: SameSite = "Lax",
) -> str:
    """A ``Set-Cookie`` value that deletes the cookie (same path and domain as when set)."""
    header = set_cookie_header(
        name,
        "",
        max_age=0,
        path=path,
        domain=domain,
        secure=secure,
        http_only=http_only,
        same_site=same_site,
    )
    return header.replace("; Max-Age=0", "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT", 1)


def safe_return_path(value: str | None, default: str = "/") -> str:
    """``value`` if it is a path on this site (``/...``), else ``default``: no scheme, no
    host, no ``//`` or ``/\\`` start, no control characters — no open redirect."""
    if not value or len(value) > 2048 or not value.startswith("/"):
        return default
    if value.startswith(("//", "/\\")) or _CONTROL.search(value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    return value


def _cookie_names_set(headers: MutableHeaders) -> set[str]:
    return {value.split("=", 1)[0].strip() for value in headers.getlist("set-cookie")}


def _merge_vary(headers: MutableHeaders, *names: str) -> None:
    current = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
    lower = {v.lower() for v in current}
    for name in names:
        if name.lower() not in lower and "*" not in lower:
            current.append(name)
    headers["vary"] = ", ".join(current)


# ---- per-request state ------------------------------------------------------------------------


class RequestAuth:
    """One request's authentication, resolved on first use and remembered; the middleware
    reads what it left behind (a new cookie, a deleted one) when the response starts."""

    __slots__ = ("_authkit", "_result", "_scope", "clear_cookie", "new_cookie", "via")

    def __init__(self, authkit: AuthKit, scope: Scope) -> None:
        self._authkit = authkit
        self._scope = scope
        self._result: AuthenticateResult | None = None
        #: The refreshed cookie value to set, if a refresh happened.
        self.new_cookie: str | None = None
        #: Whether the cookie must be deleted (it can never work again).
        self.clear_cookie = False
        #: ``"bearer"``, ``"cookie"`` or ``None`` (nothing presented).
        self.via: str | None = None

    def __repr__(self) -> str:
        state = "unresolved" if self._result is None else type(self._result).__name__
        return f"<RequestAuth {state} via={self.via!r}>"

    @property
    def result(self) -> AuthenticateResult | None:
        """The result, once :meth:`resolve` ran."""
        return self._result

    def _header(self, name: bytes) -> str | None:
        for key, value in self._scope.get("headers", ()):
            if key == name:
                return str(value.decode("latin-1"))
        return None

    async def resolve(self) -> AuthenticateResult:
        """Authenticate the request: a ``Bearer`` token if one is sent (no fallback to the
        cookie), else the session cookie, refreshed when expired or about to expire."""
        if self._result is None:
            self._result = await self._compute()
        return self._result

    async def _compute(self) -> AuthenticateResult:
        authkit = self._authkit
        authorization = self._header(b"authorization")
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                self.via = "bearer"
                return await authkit.sessions.authenticate_access_token(token.strip())
        cookie_header = self._header(b"cookie")
        cookie = cookie_parser(cookie_header).get(authkit.cookie_name) if cookie_header else None
        if not cookie:
            return SessionFailure(reason=SessionFailureReason.NO_SESSION_COOKIE_PROVIDED)
        self.via = "cookie"
        session = authkit.sessions.load_sealed_session(
            cookie, cookie_password=authkit.cookie_password
        )
        result = await session.authenticate_or_refresh(refresh_buffer=authkit.refresh_buffer)
        if isinstance(result, RefreshSuccess):
            self.new_cookie = result.sealed_session
        elif isinstance(result, SessionFailure) and result.sign_out:
            logger.info("session cookie cleared (%s)", result.code)
            self.clear_cookie = True
        return result

    def apply(self, headers: MutableHeaders) -> None:
        """Write the cookie changes and the cache headers into a response's headers."""
        authkit = self._authkit
        # A route that set or deleted the cookie itself (sign-in, sign-out) has the last word.
        if (self.new_cookie is not None or self.clear_cookie) and (
            authkit.cookie_name not in _cookie_names_set(headers)
        ):
            if self.new_cookie is not None:
                headers.append("set-cookie", authkit._session_cookie(self.new_cookie))
            else:
                headers.append("set-cookie", authkit._delete_session_cookie())
        result = self._result
        if (result is not None and result.authenticated) or self.new_cookie is not None:
            headers["cache-control"] = "private, no-store"
            if self.via == "bearer":
                _merge_vary(headers, "Cookie", "Authorization")
            else:
                _merge_vary(headers, "Cookie")


def _request_auth(authkit: AuthKit, conn: HTTPConnection) -> RequestAuth:
    state = conn.scope.get(SCOPE_KEY)
    if isinstance(state, RequestAuth):
        return state
    raise RuntimeError(
        "AuthKitMiddleware is not installed: app.add_middleware(AuthKitMiddleware, "
        "authkit=authkit) (it writes the refreshed session cookie into responses)"
    )


class AuthKitMiddleware:
    """Pure ASGI middleware: gives each HTTP request a :class:`RequestAuth` and, when the
    response starts, writes the refreshed or deleted session cookie and the cache headers into
    it — whatever ``Response`` the route returned, streaming ones included. WebSocket
    connections get a :class:`RequestAuth` too (``authkit.authenticate_request(websocket)``)
    but no cookie changes: a handshake response cannot carry them."""

    def __init__(self, app: ASGIApp, authkit: AuthKit) -> None:
        if not isinstance(authkit, AuthKit):
            raise TypeError(f"authkit must be an AuthKit, not {type(authkit).__name__}")
        self.app = app
        self.authkit = authkit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        auth = RequestAuth(self.authkit, scope)
        scope[SCOPE_KEY] = auth
        if scope["type"] == "websocket":
            # authenticate_request works; a refreshed cookie cannot be written back.
            await self.app(scope, receive, send)
            return

        async def send_with_cookies(message: Message) -> None:
            if message["type"] == "http.response.start":
                auth.apply(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_cookies)


# ---- the integration ------------------------------------------------------------------------


class AuthKit:
    """Settings and handlers of the integration. Create one per app.

    Args:
        client: The :class:`AsyncWorkOS` to use; default: the lifespan creates one from
            ``client_options`` (and the ``WORKOS_*`` environment variables) and closes it.
        client_options: Arguments for that client.
        cookie_password: Seals the session cookie (>= 32 characters, or id → password for
            rotation); default ``WORKOS_COOKIE_PASSWORD``.
        redirect_uri: The callback URL registered with WorkOS; default
            ``WORKOS_REDIRECT_URI``. Needed by ``/login``.
        cookie_name: Default ``wos-session`` (the kits').
        cookie_max_age: Seconds; default 400 days (the kits').
        cookie_domain: ``Domain`` attribute; default none (this host only).
        cookie_secure: ``Secure`` attribute (default true; false only for http://localhost).
        cookie_same_site: ``Lax`` (default), ``Strict`` or ``None``.
        refresh_buffer: Refresh a token that expires within this many seconds (default 60).
        api_prefixes: Paths under which a missing session is always 401, never a redirect.
        login_path, callback_path, logout_path: Where the sign-in routes are mounted.
        after_sign_in_path: Where ``/callback`` goes when no safe return path was given.
        after_sign_out_path: Where ``/logout`` goes when there is no session.
        logout_return_to: Absolute URL WorkOS sends the user to after logging out (must be
            configured at WorkOS); default: the environment's.
        provider: The ``provider`` of the authorization URL (default ``authkit``).
        prefetch_timeout: Seconds the lifespan waits for the JWKS prefetch (it goes on in the
            background after that).
    """

    def __init__(
        self,
        *,
        client: AsyncWorkOS | None = None,
        client_options: Mapping[str, Any] | None = None,
        cookie_password: Passwords | None = None,
        redirect_uri: str | None = None,
        cookie_name: str = "wos-session",
        cookie_max_age: int = DEFAULT_COOKIE_MAX_AGE,
        cookie_domain: str | None = None,
        cookie_secure: bool = True,
        cookie_same_site: SameSite = "Lax",
        refresh_buffer: float = 60.0,
        api_prefixes: Sequence[str] = ("/api/",),
        login_path: str = "/login",
        callback_path: str = "/callback",
        logout_path: str = "/logout",
        after_sign_in_path: str = "/",
        after_sign_out_path: str = "/",
        logout_return_to: str | None = None,
        provider: str = "authkit",
        prefetch_timeout: float = 5.0,
    ) -> None:
        if client is not None and not isinstance(client, AsyncWorkOS):
            raise TypeError(f"client must be an AsyncWorkOS, not {type(client).__name__}")
        self._client = client
        self._owns_client = False
        self._client_options = dict(client_options or {})
        password = cookie_password or os.environ.get(COOKIE_PASSWORD_ENV) or None
        if password is None:
            raise ConfigurationError(
                f"AuthKit needs cookie_password (or {COOKIE_PASSWORD_ENV}), at least 32 characters"
            )
        IronSealer(password)  # validates the password now
        self.cookie_password: Passwords = password
        self.redirect_uri = redirect_uri or os.environ.get(REDIRECT_URI_ENV) or None
        if not _COOKIE_NAME.fullmatch(cookie_name):
            raise ValueError(f"invalid cookie_name {cookie_name!r}")
        self.cookie_name = cookie_name
        self.verifier_cookie_name = f"{cookie_name}-verifier"
        if isinstance(cookie_max_age, bool) or not isinstance(cookie_max_age, int):
            raise TypeError("cookie_max_age must be an int of seconds")
        if cookie_max_age <= 0:
            raise ValueError("cookie_max_age must be positive")
        self.cookie_max_age = cookie_max_age
        self.cookie_domain = cookie_domain
        self.cookie_secure = bool(cookie_secure)
        if cookie_same_site not in ("Lax", "Strict", "None"):
            raise ValueError("cookie_same_site must be 'Lax', 'Strict' or 'None'")
        if cookie_same_site == "None" and not cookie_secure:
            raise ValueError("cookie_same_site='None' needs cookie_secure=True")
        self.cookie_same_site: SameSite = cookie_same_site
        if isinstance(refresh_buffer, bool) or not isinstance(refresh_buffer, int | float):
            raise TypeError("refresh_buffer must be a number of seconds")
        if refresh_buffer < 0:
            raise ValueError("refresh_buffer must not be negative")
        self.refresh_buffer = float(refresh_buffer)
        if isinstance(api_prefixes, str):
            raise TypeError("api_prefixes must be a sequence of path prefixes, not a str")
        self.api_prefixes = tuple(api_prefixes)
        for name, path in (
            ("login_path", login_path),
            ("callback_path", callback_path),
            ("logout_path", logout_path),
            ("after_sign_in_path", after_sign_in_path),
            ("after_sign_out_path", after_sign_out_path),
        ):
            if safe_return_path(path, "") != path:
                raise ValueError(f"{name} must be a path on this site starting with '/'")
        self.login_path = login_path
        self.callback_path = callback_path
        self.logout_path = logout_path
        self.after_sign_in_path = after_sign_in_path
        self.after_sign_out_path = after_sign_out_path
        self.logout_return_to = logout_return_to
        self.provider = provider
        self.prefetch_timeout = float(prefetch_timeout)
        self.verifier_max_age = 600

    def __repr__(self) -> str:
        return f"AuthKit(cookie_name={self.cookie_name!r}, redirect_uri={self.redirect_uri!r})"

    # ---- the client -----------------------------------------------------------------------

    @property
    def client(self) -> AsyncWorkOS:
        """The client (from the constructor or the lifespan)."""
        if self._client is None:
            raise RuntimeError(
                "AuthKit has no client yet: use FastAPI(lifespan=authkit.lifespan) (or enter "
                "it in your own lifespan), or pass AuthKit(client=...)"
            )
        return self._client

    @property
    def sessions(self) -> AsyncSessions:
        """``client.sessions``: the JWKS cache and the refresh coordinator of the app."""
        return self.client.sessions

    @asynccontextmanager
    async def lifespan(self, app: Any = None) -> AsyncIterator[None]:
        """The app's lifespan (``FastAPI(lifespan=authkit.lifespan)``, or
        ``async with authkit.lifespan(app):`` inside yours): creates the client if none was
        given, stores it as ``app.state.workos``, prefetches the signing keys, and closes the
        client it created on shutdown. A failed prefetch is logged; the app starts anyway."""
        created = self._client is None
        if created:
            self._client = AsyncWorkOS(**self._client_options)
        client = self.client
        state = getattr(app, "state", None)
        if state is not None:
            state.workos = client
        try:
            try:
                ok = await asyncio.wait_for(
                    client.sessions.prefetch_jwks(), timeout=self.prefetch_timeout
                )
            except TimeoutError:
                ok = False
            if not ok:
                logger.warning("JWKS prefetch did not complete; keys will be fetched on demand")
            yield
        finally:
            if created:
                self._client = None
                await client.aclose()

    # ---- cookies --------------------------------------------------------------------------

    def _cookie_attrs(self) -> dict[str, Any]:
        return {
            "domain": self.cookie_domain,
            "secure": self.cookie_secure,
            "same_site": self.cookie_same_site,
        }

    def _session_cookie(self, value: str) -> str:
        return set_cookie_header(
            self.cookie_name, value, max_age=self.cookie_max_age, **self._cookie_attrs()
        )

    def _delete_session_cookie(self) -> str:
        return delete_cookie_header(self.cookie_name, **self._cookie_attrs())

    def _verifier_cookie(self, value: str) -> str:
        return set_cookie_header(
            self.verifier_cookie_name,
            value,
            max_age=self.verifier_max_age,
            path=self.callback_path,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
            same_site="Lax",  # WorkOS redirects back with a top-level GET from its origin
        )

    def _delete_verifier_cookie(self) -> str:
        return delete_cookie_header(
            self.verifier_cookie_name,
            path=self.callback_path,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
        )

    # ---- dependencies ---------------------------------------------------------------------

    async def authenticate_request(self, request: HTTPConnection) -> AuthenticateResult:
        """The request's :class:`AuthenticateSuccess` or :class:`SessionFailure` (for plain
        Starlette endpoints; the dependencies are built on it)."""
        return await _request_auth(self, request).resolve()

    def _wants_redirect(self, request: HTTPConnection) -> bool:
        path = request.url.path
        if any(path.startswith(prefix) for prefix in self.api_prefixes):
            return False
        if request.scope.get("method", "GET") not in ("GET", "HEAD"):
            return False
        if "authorization" in request.headers:
            return False
        return "text/html" in request.headers.get("accept", "")

    def sign_in_url(self, request: HTTPConnection) -> str:
        """``/login?return_to=<this page>``."""
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return f"{self.login_path}?return_to={quote(here, safe='/')}"

    def _deny(self, request: HTTPConnection, failure: SessionFailure) -> HTTPException:
        if failure.retryable:
            wait = failure.retry_after
            retry_after = str(max(1, math.ceil(wait))) if wait else "1"
            return HTTPException(
                503,
                detail={"error": "authentication_unavailable", "reason": failure.code},
                headers={"Retry-After": retry_after},
            )
        if self._wants_redirect(request):
            return HTTPException(303, headers={"Location": self.sign_in_url(request)})
        return HTTPException(
            401,
            detail={"error": "not_authenticated", "reason": failure.code},
            headers={"WWW-Authenticate": 'Bearer realm="workos"'},
        )

    async def require_user(self, request: Request) -> AuthenticateSuccess:
        """Dependency: the signed-in user, or 401 (API) / a redirect to sign-in (page) / 503
        (outage)."""
        result = await self.authenticate_request(request)
        if isinstance(result, SessionFailure):
            raise self._deny(request, result)
        return result

    async def optional_user(self, request: Request) -> AuthenticateSuccess | None:
        """Dependency: the signed-in user, or ``None`` (an outage counts as signed out)."""
        result = await self.authenticate_request(request)
        return result if isinstance(result, AuthenticateSuccess) else None

    def require_permission(
        self, *permissions: str
    ) -> Callable[[Request], Awaitable[AuthenticateSuccess]]:
        """Dependency factory: the user, who must hold every one of ``permissions`` (403
        otherwise)."""
        if not permissions or not all(isinstance(p, str) and p for p in permissions):
            raise ValueError("require_permission needs one or more non-empty permission names")
        wanted = tuple(permissions)

        async def dependency(request: Request) -> AuthenticateSuccess:
            user = await self.require_user(request)
            missing = [p for p in wanted if p not in user.permissions]
            if missing:
                raise HTTPException(
                    403, detail={"error": "forbidden", "missing_permissions": missing}
                )
            return user

        return dependency

    def require_role(self, *roles: str) -> Callable[[Request], Awaitable[AuthenticateSuccess]]:
        """Dependency factory: the user, whose role (or one of whose roles) must be one of
        ``roles`` (403 otherwise)."""
        if not roles or not all(isinstance(r, str) and r for r in roles):
            raise ValueError("require_role needs one or more non-empty role names")
        wanted = tuple(roles)

        async def dependency(request: Request) -> AuthenticateSuccess:
            user = await self.require_user(request)
            if not any(user.has_role(role) for role in wanted):
                raise HTTPException(403, detail={"error": "forbidden", "required_roles": wanted})
            return user

        return dependency

    # ---- sign-in routes -------------------------------------------------------------------

    async def login(self, request: Request) -> Response:
        """``GET /login[?return_to=/path][&screen_hint=sign-up]``: redirect to WorkOS with
        PKCE; the state, the verifier and the return path go into a sealed 10-minute cookie."""
        if not self.redirect_uri:
            raise ConfigurationError(
                f"AuthKit needs redirect_uri (or {REDIRECT_URI_ENV}) for {self.login_path}"
            )
        params = request.query_params
        screen_hint = params.get("screen_hint")
        auth = self.client.user_management.get_authorization_url_with_pkce(
            redirect_uri=self.redirect_uri,
            provider=self.provider,
            screen_hint=screen_hint if screen_hint in ("sign-up", "sign-in") else None,
        )
        sealer = self.sessions._sealer(self.cookie_password)
        verifier = sealer.seal(
            {
                "state": auth.state,
                "codeVerifier": auth.code_verifier,
                "returnTo": safe_return_path(params.get("return_to"), self.after_sign_in_path),
            },
            ttl=self.verifier_max_age,
        )
        response = RedirectResponse(auth.url, status_code=302)
        response.headers.append("set-cookie", self._verifier_cookie(verifier))
        response.headers["cache-control"] = "no-store"
        return response

    def _callback_error(self, status: int, error: str, **extra: Any) -> Response:
        response = JSONResponse({"error": error, **extra}, status_code=status)
        response.headers.append("set-cookie", self._delete_verifier_cookie())
        response.headers["cache-control"] = "no-store"
        return response

    async def callback(self, request: Request) -> Response:
        """``GET /callback?code=...&state=...``: check ``state`` against the sealed verifier
        cookie (constant time), exchange the code with its PKCE verifier, set the session
        cookie and redirect to the return path. The verifier cookie is deleted whatever
        happens; a bad state is 400 and sets no session."""
        params = request.query_params
        if params.get("error"):
            # WorkOS's own error code (e.g. access_denied): a short, printable token.
            reason = "".join(ch for ch in params["error"][:64] if ch.isalnum() or ch in "_-.")
            return self._callback_error(400, "authorization_failed", reason=reason)
        code, state = params.get("code"), params.get("state")
        sealed = request.cookies.get(self.verifier_cookie_name)
        if not code or not state or not sealed:
            return self._callback_error(400, "invalid_state")
        try:
            saved = self.sessions._sealer(self.cookie_password).unseal(sealed)
        except SealError:
            return self._callback_error(400, "invalid_state")
        expected = saved.get("state") if isinstance(saved, dict) else None
        verifier = saved.get("codeVerifier") if isinstance(saved, dict) else None
        if not isinstance(expected, str) or not isinstance(verifier, str):
            return self._callback_error(400, "invalid_state")
        if not hmac.compare_digest(state.encode(), expected.encode()):
            logger.info("sign-in callback with a state that does not match")
            return self._callback_error(400, "invalid_state")
        client_host = request.client.host if request.client else None
        try:
            response = await self.client.user_management.authenticate_with_code(
                code=code,
                code_verifier=verifier,
                ip_address=client_host,
                user_agent=request.headers.get("user-agent"),
            )
        except WorkOSConnectionError:
            return self._callback_error(503, "authentication_unavailable")
        except APIError as exc:
            if exc.status >= 500 or exc.status in (408, 429):
                return self._callback_error(503, "authentication_unavailable")
            logger.info("sign-in code exchange refused (%s %s)", exc.status, exc.code)
            return self._callback_error(400, "authentication_failed", reason=exc.code)
        cookie = self.sessions.seal_session_from_authentication_response(
            response, cookie_password=self.cookie_password
        )
        return_to = safe_return_path(saved.get("returnTo"), self.after_sign_in_path)
        redirect = RedirectResponse(return_to, status_code=303)
        redirect.headers.append("set-cookie", self._session_cookie(cookie))
        redirect.headers.append("set-cookie", self._delete_verifier_cookie())
        redirect.headers["cache-control"] = "no-store"
        return redirect

    async def logout(self, request: Request) -> Response:
        """``POST /logout``: delete the session cookie and redirect to WorkOS's logout URL for
        the session (which ends it and comes back to ``logout_return_to``); without a session,
        to ``after_sign_out_path``."""
        cookie = request.cookies.get(self.cookie_name)
        target: str = self.after_sign_out_path
        if cookie:
            session = self.sessions.load_sealed_session(
                cookie, cookie_password=self.cookie_password
            )
            with suppress(NoSessionError):
                target = session.get_logout_url(return_to=self.logout_return_to)
        response = RedirectResponse(target, status_code=303)
        response.headers.append("set-cookie", self._delete_session_cookie())
        response.headers["cache-control"] = "no-store"
        return response

    def routes(self) -> list[Route]:
        """The sign-in routes as Starlette routes (``Starlette(routes=[*authkit.routes()])``)."""
        return [
            Route(self.login_path, self.login, methods=["GET"], name="workos_login"),
            Route(self.callback_path, self.callback, methods=["GET"], name="workos_callback"),
            Route(self.logout_path, self.logout, methods=["POST"], name="workos_logout"),
        ]

    @property
    def router(self) -> APIRouter:
        """The sign-in routes as a FastAPI router (``app.include_router(authkit.router)``)."""
        from fastapi import APIRouter

        router = APIRouter(include_in_schema=False)
        router.add_api_route(self.login_path, self.login, methods=["GET"], name="workos_login")
        router.add_api_route(
            self.callback_path, self.callback, methods=["GET"], name="workos_callback"
        )
        router.add_api_route(self.logout_path, self.logout, methods=["POST"], name="workos_logout")
        return router

    def install(self, app: Any) -> None:
        """Add the middleware and the sign-in routes to a FastAPI app (the lifespan is yours
        to pass: ``FastAPI(lifespan=authkit.lifespan)``)."""
        app.add_middleware(AuthKitMiddleware, authkit=self)
        app.include_router(self.router)
