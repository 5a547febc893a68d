"""``AuthKit``: the settings of the integration, the app's client and sessions, the lifespan,
and the session cookie's ``Set-Cookie`` values. Needs Starlette only.

Nothing is read from the environment when an ``AuthKit`` is created: the cookie password and
the redirect URI are read when the app starts (the lifespan) or on first use, so an app module
can be imported before its environment is set.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.routing import Route

from .._client import AsyncWorkOS
from .._errors import ConfigurationError
from ..sessions import (
    COOKIE_PASSWORD_ENV,
    AsyncSessions,
    AuthenticateResult,
    IronSealer,
    Passwords,
    TimeFn,
)
from . import _routes
from ._cookies import COOKIE_NAME, SameSite, delete_cookie_header, set_cookie_header
from ._request_auth import request_auth
from ._return_path import safe_return_path

if TYPE_CHECKING:
    from ..coordination.protocols import FlightStore, SessionStore

__all__ = ["DEFAULT_COOKIE_MAX_AGE", "REDIRECT_URI_ENV", "AuthKit"]

logger = logging.getLogger("workos_async.starlette")

REDIRECT_URI_ENV = "WORKOS_REDIRECT_URI"
#: The kits' default lifetime of the session cookie: 400 days (the browsers' maximum).
DEFAULT_COOKIE_MAX_AGE = 400 * 24 * 3600


class AuthKit:
    """Settings and handlers of the integration. Create one per app.

    Args:
        client: The :class:`AsyncWorkOS` to use; default: the lifespan creates one from
            ``client_options`` (and the ``WORKOS_*`` environment variables) and closes it.
        client_options: Arguments for that client.
        cookie_password: Seals the session cookie (>= 32 characters, or id → password for
            rotation); default ``WORKOS_COOKIE_PASSWORD``, read when the app starts.
        redirect_uri: The callback URL registered with WorkOS; default
            ``WORKOS_REDIRECT_URI``, read when the app starts. Needed by ``/login``.
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
        trusted_origins: Origins (``https://app.example.com``) besides the request's own host
            allowed to ``POST /logout`` (a front end on another host).
        provider: The ``provider`` of the authorization URL (default ``authkit``).
        prefetch_timeout: Seconds the lifespan waits for the JWKS prefetch (it goes on in the
            background after that).
        clock: Wall-clock seconds for token and cookie expiry. Default ``time.time``; tests
            pass the fake's (``clock=fake.clock.now``) so ``fake.clock.advance()`` expires
            tokens. With a clock, ``AuthKit`` keeps sessions of its own over the client.
        session_store: Keep sessions server-side (``RedisSessionStore`` for several workers,
            ``LocalSessionStore`` for one process): ``/callback`` stores the session and the
            cookie holds only its sealed id (about 250 bytes, whatever the session's size),
            a refresh rewrites it (same cookie, TTL renewed), ``/logout`` deletes it. A store
            that does not answer is a 503 ``session_store_unavailable`` for the requests whose
            session lives there; cookie sessions keep working.
        session_ttl: Seconds a stored session lives after it was last written (default 7
            days; each refresh writes it again).
        flights: A :class:`~workos_async.coordination.FlightStore` shared by every worker
            (``Coordinator.from_redis(...).flights``): one refresh per session across all of
            them, so a page whose requests land on several workers is not signed out.
        With ``session_store`` or ``flights`` too, ``AuthKit`` keeps sessions of its own.
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
        trusted_origins: Sequence[str] = (),
        provider: str = "authkit",
        prefetch_timeout: float = 5.0,
        clock: TimeFn | None = None,
        session_store: SessionStore | None = None,
        session_ttl: float = 7 * 86400.0,
        flights: FlightStore | None = None,
    ) -> None:
        if client is not None and not isinstance(client, AsyncWorkOS):
            raise TypeError(f"client must be an AsyncWorkOS, not {type(client).__name__}")
        self._client = client
        self._client_options = dict(client_options or {})
        self._cookie_password: Passwords | None = None
        if cookie_password is not None:
            IronSealer(cookie_password)  # validates the password now
            self._cookie_password = cookie_password
        self._redirect_uri = redirect_uri or None
        if not COOKIE_NAME.fullmatch(cookie_name):
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
        if isinstance(trusted_origins, str):
            raise TypeError("trusted_origins must be a sequence of origins, not a str")
        self.trusted_origins = tuple(o.rstrip("/").lower() for o in trusted_origins)
        self.provider = provider
        self.prefetch_timeout = float(prefetch_timeout)
        self.verifier_max_age = 600
        self._clock = clock
        from ..coordination.protocols import FlightStore, SessionStore

        if session_store is not None and not isinstance(session_store, SessionStore):
            raise TypeError("session_store must be a SessionStore (e.g. RedisSessionStore)")
        if flights is not None and not isinstance(flights, FlightStore):
            raise TypeError("flights must be a FlightStore (e.g. Coordinator(...).flights)")
        if isinstance(session_ttl, bool) or not isinstance(session_ttl, int | float):
            raise TypeError("session_ttl must be a number of seconds")
        if not session_ttl > 0:
            raise ValueError("session_ttl must be positive")
        self.session_store = session_store
        self.session_ttl = float(session_ttl)
        self.flights = flights
        self._own_sessions: AsyncSessions | None = None

    def __repr__(self) -> str:
        return f"AuthKit(cookie_name={self.cookie_name!r}, redirect_uri={self._redirect_uri!r})"

    # ---- configuration, read at start ------------------------------------------------------

    def configure(self) -> None:
        """Read what was not passed from the environment (``WORKOS_COOKIE_PASSWORD``,
        ``WORKOS_REDIRECT_URI``) and check it. The lifespan calls this at start; so does
        the first request otherwise. Raises :class:`ConfigurationError`."""
        if self._cookie_password is None:
            password = os.environ.get(COOKIE_PASSWORD_ENV) or None
            if password is None:
                raise ConfigurationError(
                    f"AuthKit needs cookie_password (or {COOKIE_PASSWORD_ENV}), "
                    "at least 32 characters"
                )
            IronSealer(password)
            self._cookie_password = password
        if self._redirect_uri is None:
            self._redirect_uri = os.environ.get(REDIRECT_URI_ENV) or None

    @property
    def cookie_password(self) -> Passwords:
        """The cookie password (from the constructor, else ``WORKOS_COOKIE_PASSWORD``)."""
        if self._cookie_password is None:
            self.configure()
        assert self._cookie_password is not None
        return self._cookie_password

    @property
    def redirect_uri(self) -> str | None:
        """The callback URL registered with WorkOS (or ``WORKOS_REDIRECT_URI``)."""
        if self._redirect_uri is None:
            self._redirect_uri = os.environ.get(REDIRECT_URI_ENV) or None
        return self._redirect_uri

    # ---- the client -----------------------------------------------------------------------

    @property
    def client(self) -> AsyncWorkOS:
        """The client (from the constructor or the lifespan)."""
        if self._client is None:
            raise RuntimeError(
                "AuthKit has no client yet: use lifespan=authkit.lifespan (or enter it in "
                "your own lifespan), or pass AuthKit(client=...)"
            )
        return self._client

    @property
    def sessions(self) -> AsyncSessions:
        """The app's sessions (the JWKS cache and the refresh coordinator): the client's
        ``client.sessions``, or sessions of AuthKit's own when ``clock``, ``session_store`` or
        ``flights`` was given."""
        if self._clock is None and self.session_store is None and self.flights is None:
            return self.client.sessions
        sessions = self._own_sessions
        if sessions is None:
            extra: dict[str, Any] = {} if self._clock is None else {"clock": self._clock}
            sessions = AsyncSessions(
                self.client,
                cookie_password=self.cookie_password,
                session_store=self.session_store,
                session_ttl=self.session_ttl,
                flights=self.flights,
                **extra,
            )
            self._own_sessions = sessions
        return sessions

    @asynccontextmanager
    async def lifespan(self, app: Any = None) -> AsyncIterator[None]:
        """The app's lifespan (``FastAPI(lifespan=authkit.lifespan)``,
        ``Starlette(lifespan=authkit.lifespan)``, or ``async with authkit.lifespan(app):``
        inside yours): reads the configuration, creates the client if none was given, stores
        it as ``app.state.workos``, builds the client's resources (so the first request does
        not pay for it), prefetches the signing keys, and closes what it created on shutdown.
        A failed prefetch is logged; the app starts anyway."""
        self.configure()
        created = self._client is None
        if created:
            self._client = AsyncWorkOS(**self._client_options)
        client = self.client
        state = getattr(app, "state", None)
        if state is not None:
            state.workos = client
        try:
            await client.warm_up()  # resources, structure functions, pool: not in request 1
            try:
                ok = await asyncio.wait_for(
                    self.sessions.prefetch_jwks(), timeout=self.prefetch_timeout
                )
            except TimeoutError:
                ok = False
            if not ok:
                logger.warning("JWKS prefetch did not complete; keys will be fetched on demand")
            yield
        finally:
            own, self._own_sessions = self._own_sessions, None
            if own is not None:
                await own.aclose()
            if created:
                self._client = None
                await client.aclose()

    # ---- cookies --------------------------------------------------------------------------

    def session_cookie_header(self, value: str) -> str:
        """The ``Set-Cookie`` value of a session cookie with this integration's attributes."""
        return set_cookie_header(
            self.cookie_name,
            value,
            max_age=self.cookie_max_age,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
            same_site=self.cookie_same_site,
        )

    def delete_session_cookie_header(self) -> str:
        """The ``Set-Cookie`` value that deletes the session cookie."""
        return delete_cookie_header(
            self.cookie_name,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
            same_site=self.cookie_same_site,
        )

    def verifier_cookie_header(self, value: str) -> str:
        """The ``Set-Cookie`` value of the sign-in verifier cookie (``Path`` = the callback)."""
        return set_cookie_header(
            self.verifier_cookie_name,
            value,
            max_age=self.verifier_max_age,
            path=self.callback_path,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
            same_site="Lax",  # WorkOS redirects back with a top-level GET from its origin
        )

    def delete_verifier_cookie_header(self) -> str:
        """The ``Set-Cookie`` value that deletes the verifier cookie."""
        return delete_cookie_header(
            self.verifier_cookie_name,
            path=self.callback_path,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
        )

    # ---- requests -------------------------------------------------------------------------

    async def authenticate_request(self, request: HTTPConnection) -> AuthenticateResult:
        """The request's :class:`AuthenticateSuccess` or :class:`SessionFailure`, computed
        once per request (needs :class:`AuthKitMiddleware`)."""
        return await request_auth(request).resolve()

    def wants_redirect(self, request: HTTPConnection) -> bool:
        """Whether a request without a session should be redirected to sign-in (a browser
        asking for a page) rather than answered 401."""
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

    # ---- sign-in routes -------------------------------------------------------------------

    async def login(self, request: Request) -> Response:
        """``GET /login`` (see :func:`workos_async.starlette._routes.login`)."""
        return await _routes.login(self, request)

    async def callback(self, request: Request) -> Response:
        """``GET /callback`` (see :func:`workos_async.starlette._routes.callback`)."""
        return await _routes.callback(self, request)

    async def logout(self, request: Request) -> Response:
        """``POST /logout`` (see :func:`workos_async.starlette._routes.logout`)."""
        return await _routes.logout(self, request)

    def routes(self) -> list[Route]:
        """The sign-in routes as Starlette routes (``Starlette(routes=[*authkit.routes()])``)."""
        return [
            Route(self.login_path, self.login, methods=["GET"], name="workos_login"),
            Route(self.callback_path, self.callback, methods=["GET"], name="workos_callback"),
            Route(self.logout_path, self.logout, methods=["POST"], name="workos_logout"),
        ]
