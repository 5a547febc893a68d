"""Sealed sessions: load a ``wos-session`` cookie, authenticate it, refresh it.

The async counterpart of the Node SDK's ``loadSealedSession`` / ``authenticateWithSessionCookie``
/ ``session.refresh`` / ``session.getLogoutUrl``::

    sessions = client.sessions                       # one per client: shares its caches
    session = sessions.load_sealed_session(cookie, cookie_password=PASSWORD)
    result = await session.authenticate()            # no network while the keys are cached
    if not result.authenticated:
        result = await session.refresh()             # single-flight per refresh token
        if result.authenticated:
            set_cookie(result.sealed_session)

:class:`AsyncSessions` holds what must be shared by every request of an app: the JWKS cache
and the refresh coordinator. :class:`Session` is one request's cookie.

Beyond one process: ``AsyncSessions(client, flights=...)`` shares refreshes with the other
workers (one refresh per session among all of them), and ``session_store=...`` keeps sessions
server-side behind a sealed id in the cookie (``await sessions.load_session(cookie)``).
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Awaitable, Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

from .._errors import APIError, ConfigurationError, WorkOSConnectionError
from ._clock import TimeFn
from ._errors import (
    InvalidAccessTokenError,
    JWKSUnavailableError,
    SealError,
    SealTooLargeError,
    SessionError,
    TokenExpiredError,
    UnknownKeyIdError,
)
from ._iron import IronSealer, Passwords
from ._jwks import JWKSCache, JWKSFetch
from ._jwt import DEFAULT_LEEWAY, AccessTokenClaims, _build_claims, decode_unverified_claims
from ._payload import Impersonator, SessionCookieData
from ._refresh import RefreshCoordinator, RefreshResultCodec, flight_key
from ._results import (
    AuthenticateResult,
    AuthenticateSuccess,
    RefreshResult,
    RefreshSuccess,
    SessionFailure,
    SessionFailureReason,
    failure_from_error,
)

if TYPE_CHECKING:
    from .._client import AsyncWorkOS
    from ..coordination.protocols import FlightStore, SessionStore
    from ..coordination.server_sessions import ServerSideSessions

__all__ = [
    "COOKIE_PASSWORD_ENV",
    "AsyncSessions",
    "LogoutUrlFn",
    "NoSessionError",
    "RefreshFn",
    "Session",
]

logger = logging.getLogger("workos_async.sessions")

#: Verification failures a new token fixes.
_REFRESHABLE = (TokenExpiredError, UnknownKeyIdError)

#: Where the cookie password is read from when none is passed (as in WorkOS's kits).
COOKIE_PASSWORD_ENV = "WORKOS_COOKIE_PASSWORD"

#: Seconds a JWKS fetch or a refresh made in a request's path may take in all (attempts and
#: waits): a slow WorkOS fails that request quickly instead of holding it for the client's
#: default deadline (120 s).
REQUEST_PATH_DEADLINE = 10.0

#: ``authenticate_with_refresh_token(refresh_token=..., organization_id=...)`` (the second
#: only when an organization is asked for or kept) → an ``AuthenticationResponse``.
RefreshFn = Callable[..., Awaitable[Any]]
#: ``(session_id, return_to) -> url``.
LogoutUrlFn = Callable[[str, str | None], str]

_CALLBACK_HINT = "pass it, or create AsyncSessions(client) for a client with a client_id"


class NoSessionError(SessionError):
    """``get_logout_url`` was called on a session that has no usable cookie or no session id.

    ``reason`` is the :class:`SessionFailureReason` (``no_session_cookie_provided``,
    ``invalid_session_cookie`` or ``invalid_jwt``).
    """

    code = "no_session"

    def __init__(self, reason: SessionFailureReason) -> None:
        super().__init__(f"no session to log out of ({reason.value})")
        self.reason = reason


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _plain(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return value


def cookie_data_from_response(response: Any) -> SessionCookieData:
    """The cookie content for an ``AuthenticationResponse`` (model or mapping)."""
    access_token = _field(response, "access_token")
    refresh_token = _field(response, "refresh_token")
    if not isinstance(access_token, str) or not access_token:
        raise ValueError("the authentication response has no access token")
    if not isinstance(refresh_token, str) or not refresh_token:
        raise ValueError("the authentication response has no refresh token")
    user = _plain(_field(response, "user"))
    impersonator: Impersonator | None = None
    raw_imp = _plain(_field(response, "impersonator"))
    if isinstance(raw_imp, Mapping) and isinstance(raw_imp.get("email"), str):
        reason = raw_imp.get("reason")
        impersonator = Impersonator(
            email=raw_imp["email"], reason=reason if isinstance(reason, str) else None
        )
    method = _field(response, "authentication_method")
    org = _field(response, "organization_id")
    return SessionCookieData(
        access_token=access_token,
        refresh_token=refresh_token,
        user=dict(user) if isinstance(user, Mapping) else {},
        impersonator=impersonator,
        organization_id=org if isinstance(org, str) else None,
        authentication_method=None if method is None else str(method),
    )


def _keep_outcome(outcome: RefreshResult) -> bool:
    # Successes are reused by late requests carrying the old cookie; so are definite refusals
    # (the token is dead either way). Outages are not: the next request may try again.
    return outcome.authenticated or not outcome.retryable


class AsyncSessions:
    """Sessions over one client: ``client.sessions`` (created on first use).

    Holds the state every request shares: the :class:`JWKSCache` (fetched through the client's
    own connection pool) and the single-flight refresh coordinator. Create one per app — the
    client's — and use it from the client's event loop.

    Args:
        client: The :class:`AsyncWorkOS` to refresh tokens and fetch keys through.
        cookie_password: Default password of the sealed cookies (a string of at least 32
            characters, or a mapping id → password for rotation); default: the
            ``WORKOS_COOKIE_PASSWORD`` environment variable, read when first needed.
        issuer: Accepted ``iss`` values of access tokens; not checked when ``None``.
        leeway: Seconds of clock skew allowed for ``iat``/``nbf`` (``exp`` is strict).
        reuse_window: Seconds a refresh's outcome is handed to late requests that still carry
            the old cookie (0 disables it).
        jwks_ttl: Seconds fetched keys count as fresh.
        authenticate_with_refresh_token: Replaces ``client.user_management``'s (tests).
        jwks: A ready :class:`JWKSCache` (tests), instead of one over the client.
        client_id: Default: the client's.
        logout_url: ``(session_id, return_to) -> url``; default: the client's
            ``get_logout_url``.
        clock: Wall-clock seconds, for token and seal expiry (tests).
        monotonic: Monotonic seconds, for cache ages (tests).
        flights: A :class:`~workos_async.coordination.FlightStore` shared by every process of
            the app (``Coordinator.from_redis(...).flights``): one refresh per session across
            all of them (see :meth:`share_refreshes`). Needs the cookie password now (argument
            or ``WORKOS_COOKIE_PASSWORD``): the shared results are encrypted with it.
        session_store: A :class:`~workos_async.coordination.SessionStore`
            (``RedisSessionStore``, or ``LocalSessionStore`` for one process): sessions
            stored by :meth:`session_cookie_from_authentication_response` live there and the
            cookie holds only a sealed id; :meth:`load_session` reads them back.
        session_ttl: Seconds a stored session lives after it was last written (a refresh
            writes it again).
    """

    def __init__(
        self,
        client: AsyncWorkOS | None = None,
        *,
        cookie_password: Passwords | None = None,
        issuer: str | Collection[str] | None = None,
        leeway: float = DEFAULT_LEEWAY,
        reuse_window: float = 30.0,
        jwks_ttl: float = 600.0,
        authenticate_with_refresh_token: RefreshFn | None = None,
        jwks: JWKSCache | None = None,
        client_id: str | None = None,
        logout_url: LogoutUrlFn | None = None,
        clock: TimeFn = time.time,
        monotonic: TimeFn = time.monotonic,
        flights: FlightStore | None = None,
        session_store: SessionStore | None = None,
        session_ttl: float = 7 * 86400.0,
    ) -> None:
        self._client = client
        self._client_id = client_id if client_id is not None else _client_attr(client)
        self._refresh_fn = authenticate_with_refresh_token
        self._logout_url = logout_url
        self._issuer = issuer
        if isinstance(leeway, bool) or not isinstance(leeway, int | float) or leeway < 0:
            raise ValueError("leeway must be a non-negative number of seconds")
        self._leeway = float(leeway)
        self._clock = clock
        self._jwks_ttl = jwks_ttl
        self._monotonic = monotonic
        self._jwks = jwks
        self._sealers: dict[int, tuple[Passwords, IronSealer]] = {}
        self._default_password = cookie_password
        if cookie_password is not None:
            self._sealer(cookie_password)  # validate now
        self._refreshes: RefreshCoordinator[RefreshResult] = RefreshCoordinator(
            reuse_window=reuse_window, keep=_keep_outcome, monotonic=monotonic
        )
        if session_store is not None:
            from ..coordination.protocols import SessionStore

            if not isinstance(session_store, SessionStore):
                raise TypeError("session_store must be a SessionStore")
        if isinstance(session_ttl, bool) or not isinstance(session_ttl, int | float):
            raise TypeError("session_ttl must be a number of seconds")
        if not session_ttl > 0:
            raise ValueError("session_ttl must be positive")
        self._session_store = session_store
        self._session_ttl = float(session_ttl)
        self._vaults: dict[int, tuple[Passwords, ServerSideSessions]] = {}
        if flights is not None:
            self.share_refreshes(flights)

    def __repr__(self) -> str:
        return (
            f"AsyncSessions(client_id={self._client_id!r}, jwks={self._jwks!r}, "
            f"refreshes={self._refreshes!r})"
        )

    # ---- shared state --------------------------------------------------------------------

    @property
    def client_id(self) -> str | None:
        return self._client_id

    @property
    def jwks(self) -> JWKSCache:
        """The JWKS cache (created on first use, fetching through the client's
        ``user_management.get_jwks``)."""
        cache = self._jwks
        if cache is None:
            cache = JWKSCache(
                self._jwks_fetch(),
                ttl=self._jwks_ttl,
                clock=self._clock,
                monotonic=self._monotonic,
            )
            self._jwks = cache
        return cache

    @property
    def refreshes(self) -> RefreshCoordinator[RefreshResult]:
        """The single-flight refresh coordinator (``.started`` counts real refreshes)."""
        return self._refreshes

    @property
    def flights(self) -> FlightStore | None:
        """The shared flight store refreshes go through (``None``: this process only)."""
        return self._refreshes.shared

    @property
    def session_store(self) -> SessionStore | None:
        """Where server-side sessions live (``None``: sessions live in the cookie)."""
        return self._session_store

    def share_refreshes(
        self, flights: FlightStore | None, *, cookie_password: Passwords | None = None
    ) -> None:
        """Refresh through ``flights``, a store shared by every process of the app: one
        refresh per (refresh token, organization) across all of them; the others get its
        result, kept ``reuse_window`` seconds, encrypted with ``cookie_password`` (default:
        the sessions' password), which every process must share. ``None`` stops sharing."""
        if flights is None:
            self._refreshes.share(None)
            return
        from ..coordination.protocols import FlightStore

        if not isinstance(flights, FlightStore):
            raise TypeError("flights must be a FlightStore (e.g. Coordinator(...).flights)")
        self._refreshes.share(flights, RefreshResultCodec(self._password(cookie_password)))

    def _jwks_fetch(self) -> JWKSFetch:
        client = self._client
        if client is None:
            raise ConfigurationError(
                f"AsyncSessions has no client to fetch the JWKS; {_CALLBACK_HINT}"
            )
        client_id = self._client_id
        if not client_id:
            raise ConfigurationError(
                "verifying access tokens needs a client_id (argument or WORKOS_CLIENT_ID)"
            )
        user_management = client.user_management
        user_management.get_jwks_url(client_id)  # a client_id that cannot be a path: fail now

        async def fetch() -> Mapping[str, Any]:
            # The table's get_jwks row. One retry; the cache handles longer outages.
            jwks = await user_management.get_jwks(
                client_id,
                request_options={"max_retries": 1, "deadline": REQUEST_PATH_DEADLINE},
            )
            return jwks.to_dict()

        return fetch

    async def prefetch_jwks(self) -> bool:
        """Fetch the signing keys now (app start-up). Returns whether it worked; a failure is
        logged, and the first verification tries again."""
        try:
            await self.jwks.prefetch()
        except JWKSUnavailableError:
            return False
        return True

    def sealer(self, cookie_password: Passwords | None = None) -> IronSealer:
        """The :class:`IronSealer` of ``cookie_password`` (default: the sessions' password),
        on the sessions' clock; cached, so it is cheap to ask for on every request."""
        return self._sealer(cookie_password)

    def _password(self, password: Passwords | None) -> Passwords:
        if password is None:
            password = self._default_password
            if password is None:
                password = os.environ.get(COOKIE_PASSWORD_ENV) or None
                if password is None:
                    raise ConfigurationError(
                        "no cookie password: pass cookie_password or set "
                        f"{COOKIE_PASSWORD_ENV} (at least 32 characters)"
                    )
                self._default_password = password
        return password

    def _vault(self, password: Passwords | None) -> ServerSideSessions | None:
        store = self._session_store
        if store is None:
            return None
        password = self._password(password)
        cached = self._vaults.get(id(password))
        if cached is not None and cached[0] is password:
            return cached[1]
        from ..coordination.server_sessions import ServerSideSessions

        vault = ServerSideSessions(store, password, ttl=self._session_ttl)
        if len(self._vaults) > 16:
            self._vaults.clear()
        self._vaults[id(password)] = (password, vault)
        return vault

    def server_sessions(
        self, cookie_password: Passwords | None = None
    ) -> ServerSideSessions | None:
        """The :class:`~workos_async.coordination.ServerSideSessions` over ``session_store``
        for ``cookie_password`` (default: the sessions' password); ``None`` without a store."""
        return self._vault(cookie_password)

    def _sealer(self, password: Passwords | None) -> IronSealer:
        password = self._password(password)
        cached = self._sealers.get(id(password))
        if cached is not None and cached[0] is password:
            return cached[1]
        sealer = IronSealer(password, clock=self._clock)
        if len(self._sealers) > 16:
            self._sealers.clear()
        # Keyed by identity and holding the object, so the id cannot be reused meanwhile.
        self._sealers[id(password)] = (password, sealer)
        return sealer

    def _refresh_callable(self) -> RefreshFn:
        fn = self._refresh_fn
        if fn is None:
            if self._client is None:
                raise ConfigurationError(
                    f"AsyncSessions has no authenticate_with_refresh_token; {_CALLBACK_HINT}"
                )
            fn = functools.partial(
                self._client.user_management.authenticate_with_refresh_token,
                request_options={"deadline": REQUEST_PATH_DEADLINE},
            )
        return fn

    def _logout(self, session_id: str, return_to: str | None) -> str:
        if self._logout_url is not None:
            return self._logout_url(session_id, return_to)
        if self._client is None:
            raise ConfigurationError(f"AsyncSessions has no logout_url; {_CALLBACK_HINT}")
        return self._client.user_management.get_logout_url(session_id, return_to)

    # ---- the public API ------------------------------------------------------------------

    def load_sealed_session(
        self, sealed_session: str | None, *, cookie_password: Passwords | None = None
    ) -> Session:
        """A :class:`Session` over a ``wos-session`` cookie value (``None`` or ``""`` when the
        request had none). Does no work until used."""
        if sealed_session is not None and not isinstance(sealed_session, str):
            raise TypeError(f"sealed_session must be a str, not {type(sealed_session).__name__}")
        return Session(self, sealed_session, self._sealer(cookie_password))

    async def load_session(
        self, cookie: str | None, *, cookie_password: Passwords | None = None
    ) -> Session:
        """A :class:`Session` over a ``wos-session`` cookie value, server-side or not.

        Without ``session_store`` this is :meth:`load_sealed_session`. With one, a cookie
        that holds a stored session's sealed id is read from the store (one round trip): an
        expired or deleted session fails ``invalid_session_cookie``; a store that does not
        answer fails ``session_store_unavailable`` (retryable: answer 503, the cookie stays).
        Any other cookie is a sealed session as before, so cookies set before the store was
        configured keep working (also while the store is down)."""
        if cookie is not None and not isinstance(cookie, str):
            raise TypeError(f"cookie must be a str, not {type(cookie).__name__}")
        sealer = self._sealer(cookie_password)
        vault = self._vault(cookie_password)
        if vault is None or not cookie or not vault.names_session(cookie):
            return Session(self, cookie, sealer)
        from ..coordination.errors import StoreUnavailableError

        try:
            data = await vault.load(cookie)
        except StoreUnavailableError as exc:
            failure = SessionFailure(
                reason=SessionFailureReason.SESSION_STORE_UNAVAILABLE,
                retryable=True,
                retry_after=1.0,
                error=exc,
            )
            return Session(self, cookie, sealer, stored=vault, failure=failure)
        if data is None:
            failure = SessionFailure(reason=SessionFailureReason.INVALID_SESSION_COOKIE)
            return Session(self, cookie, sealer, stored=vault, failure=failure)
        return Session(self, cookie, sealer, stored=vault, data=data)

    async def session_cookie_from_authentication_response(
        self, response: Any, *, cookie_password: Passwords | None = None
    ) -> str:
        """The ``wos-session`` cookie value for an ``authenticate_with_*`` response: with
        ``session_store``, the session is stored and the value is its sealed id (about 250
        bytes, whatever the session's size); without, the sealed session
        (:meth:`seal_session_from_authentication_response`). Raises
        :class:`~workos_async.coordination.StoreUnavailableError` when the store does not
        answer, and :class:`SealTooLargeError` for a cookie over 4096 bytes."""
        vault = self._vault(cookie_password)
        if vault is None:
            return self.seal_session_from_authentication_response(
                response, cookie_password=cookie_password
            )
        return await vault.create(cookie_data_from_response(response))

    async def authenticate_with_session_cookie(
        self, sealed_session: str | None, *, cookie_password: Passwords | None = None
    ) -> AuthenticateResult:
        """``load_sealed_session(...).authenticate()`` in one call."""
        return await self.load_sealed_session(
            sealed_session, cookie_password=cookie_password
        ).authenticate()

    async def verify_access_token(self, access_token: str) -> AccessTokenClaims:
        """Verify an access token (e.g. a ``Bearer`` header) with the cached keys.

        Raises :class:`InvalidAccessTokenError` or :class:`JWKSUnavailableError`."""
        return await self.jwks.verify(
            access_token, client_id=self._client_id, issuer=self._issuer, leeway=self._leeway
        )

    async def authenticate_access_token(self, access_token: str | None) -> AuthenticateResult:
        """Verify a bearer access token as a result: success with its claims (``user`` is
        empty: a token carries no profile), or a failure (``invalid_jwt``,
        ``jwks_unavailable``, ``no_session_cookie_provided`` when there is no token). Tokens
        that are not a user's session (M2M, ...) are ``invalid_jwt``."""
        if not access_token:
            return SessionFailure(reason=SessionFailureReason.NO_SESSION_COOKIE_PROVIDED)
        try:
            claims = await self.verify_access_token(access_token)
        except (InvalidAccessTokenError, JWKSUnavailableError) as exc:
            return failure_from_error(exc)
        if not claims.is_user_session:
            return SessionFailure(reason=SessionFailureReason.INVALID_JWT)
        return AuthenticateSuccess(claims=claims, access_token=access_token)

    def seal_session_from_authentication_response(
        self, response: Any, *, cookie_password: Passwords | None = None
    ) -> str:
        """The ``wos-session`` cookie value for an ``authenticate_with_*`` response (the Node
        SDK's ``sealSessionDataFromAuthenticationResponse``), in the kits' format."""
        data = cookie_data_from_response(response)
        return self._sealer(cookie_password).seal(data.to_dict())

    async def aclose(self) -> None:
        """Cancel background work (a JWKS fetch, refreshes in flight)."""
        await self._refreshes.aclose()
        if self._jwks is not None:
            await self._jwks.aclose()

    # ---- used by Session -----------------------------------------------------------------

    async def _refresh(
        self,
        data: SessionCookieData,
        organization_id: str | None,
        sealer: IronSealer,
        stored: tuple[ServerSideSessions, str] | None = None,
    ) -> RefreshResult:
        key = flight_key(data.refresh_token, organization_id)
        return await self._refreshes.run(
            key, lambda: self._refresh_once(data, organization_id, sealer, stored)
        )

    async def _refresh_once(
        self,
        data: SessionCookieData,
        organization_id: str | None,
        sealer: IronSealer,
        stored: tuple[ServerSideSessions, str] | None = None,
    ) -> RefreshResult:
        kwargs: dict[str, Any] = {"refresh_token": data.refresh_token}
        if organization_id is not None:
            kwargs["organization_id"] = organization_id
        try:
            response = await self._refresh_callable()(**kwargs)
        except (APIError, WorkOSConnectionError) as exc:
            failure = failure_from_error(exc)
            logger.info("session refresh failed: %s", failure.code)
            return failure
        try:
            new = cookie_data_from_response(response)
            claims = _build_claims(decode_unverified_claims(new.access_token))
        except (ValueError, InvalidAccessTokenError) as exc:
            logger.warning("session refresh returned an unusable token (%s)", type(exc).__name__)
            return SessionFailure(reason=SessionFailureReason.INVALID_JWT, error=exc)
        if not new.user:
            new = _with_user(new, data.user)
        if stored is not None:
            sealed = await _store_refreshed(stored, new)
            if isinstance(sealed, SessionFailure):
                return sealed
        else:
            try:
                sealed = sealer.seal(new.to_dict())
            except SealTooLargeError as exc:
                logger.warning("refreshed session does not fit in a cookie (%d bytes)", exc.size)
                return SessionFailure(reason=SessionFailureReason.SESSION_TOO_LARGE, error=exc)
        logger.debug("session refreshed")
        return RefreshSuccess.of(new, claims, sealed, response)


async def _store_refreshed(
    stored: tuple[ServerSideSessions, str], new: SessionCookieData
) -> str | SessionFailure:
    """Write a refreshed server-side session under its cookie's id (TTL renewed): the cookie
    stays the same. The refresh token is spent either way, so a store that does not answer
    now is a retryable failure (logged: the session is lost if the store stays down)."""
    from ..coordination.errors import StoreUnavailableError

    vault, cookie = stored
    try:
        written = await vault.update(cookie, new)
    except StoreUnavailableError as exc:
        logger.warning("a refreshed server-side session could not be stored (store unavailable)")
        return SessionFailure(
            reason=SessionFailureReason.SESSION_STORE_UNAVAILABLE,
            retryable=True,
            retry_after=1.0,
            error=exc,
        )
    if not written:
        return SessionFailure(reason=SessionFailureReason.INVALID_SESSION_COOKIE)
    return cookie


def _with_user(data: SessionCookieData, user: Mapping[str, Any]) -> SessionCookieData:
    return SessionCookieData(
        access_token=data.access_token,
        refresh_token=data.refresh_token,
        user=user,
        impersonator=data.impersonator,
        organization_id=data.organization_id,
        authentication_method=data.authentication_method,
    )


def _client_attr(client: AsyncWorkOS | None) -> str | None:
    return None if client is None else client.client_id


class Session:
    """One sealed session cookie (from :meth:`AsyncSessions.load_sealed_session`).

    The cookie is opened once, on first use. After a successful :meth:`refresh` the session
    holds the new cookie (``sealed_session``), so a later :meth:`authenticate` checks the new
    token.
    """

    __slots__ = ("_data", "_failure", "_manager", "_sealed", "_sealer", "_stored")

    def __init__(
        self,
        manager: AsyncSessions,
        sealed: str | None,
        sealer: IronSealer,
        *,
        stored: ServerSideSessions | None = None,
        data: SessionCookieData | None = None,
        failure: SessionFailure | None = None,
    ) -> None:
        self._manager = manager
        self._sealed = sealed or None
        self._sealer = sealer
        self._stored = stored
        self._data: SessionCookieData | None = data
        self._failure: SessionFailure | None = failure

    def __repr__(self) -> str:
        state = "empty" if self._sealed is None else "stored" if self._stored else "sealed"
        return f"<Session {state}>"

    @property
    def sealed_session(self) -> str | None:
        """The cookie value this session holds now (the new one after a refresh; for a
        server-side session, its sealed id, which a refresh keeps)."""
        return self._sealed

    @property
    def stored(self) -> bool:
        """Whether the session lives in the session store (the cookie holds only its id)."""
        return self._stored is not None

    @property
    def store_unavailable(self) -> bool:
        """Whether the cookie names a server-side session the store could not be asked for
        (an outage: answer 503, keep the cookie)."""
        failure = self._failure
        return (
            failure is not None and failure.reason is SessionFailureReason.SESSION_STORE_UNAVAILABLE
        )

    async def discard(self) -> bool:
        """Logout: delete a server-side session from the store (every process then refuses
        its cookie); whether there was one. A cookie session has nothing server-side
        (``False``). Raises :class:`~workos_async.coordination.StoreUnavailableError` when
        the store does not answer."""
        vault, cookie = self._stored, self._sealed
        if vault is None or cookie is None:
            return False
        self._data = None
        self._failure = SessionFailure(reason=SessionFailureReason.INVALID_SESSION_COOKIE)
        return await vault.delete(cookie)

    def _open(self) -> SessionCookieData | SessionFailure:
        if self._data is not None:
            return self._data
        if self._failure is not None:
            return self._failure
        if self._sealed is None:
            failure = SessionFailure(reason=SessionFailureReason.NO_SESSION_COOKIE_PROVIDED)
            self._failure = failure
            return failure
        try:
            data = SessionCookieData.from_dict(self._sealer.unseal_any(self._sealed))
        except (SealError, ValueError) as exc:
            logger.debug("session cookie refused (%s)", getattr(exc, "code", "bad_payload"))
            failure = SessionFailure(reason=SessionFailureReason.INVALID_SESSION_COOKIE, error=exc)
            self._failure = failure
            return failure
        self._data = data
        return data

    async def authenticate(self) -> AuthenticateResult:
        """Verify the cookie's access token. No network while the signing keys are cached.

        Failures: ``no_session_cookie_provided``, ``invalid_session_cookie``, ``invalid_jwt``
        (expired included: then :meth:`refresh`), ``jwks_unavailable`` (retryable).
        """
        data = self._open()
        if isinstance(data, SessionFailure):
            return data
        manager = self._manager
        try:
            claims = await manager.jwks.verify(
                data.access_token,
                client_id=manager._client_id,
                issuer=manager._issuer,
                leeway=manager._leeway,
            )
        except (InvalidAccessTokenError, JWKSUnavailableError) as exc:
            return failure_from_error(exc)
        return AuthenticateSuccess(
            claims=claims,
            access_token=data.access_token,
            user=data.user,
            impersonator=data.impersonator,
            authentication_method=data.authentication_method,
        )

    def _organization(self, data: SessionCookieData) -> str | None:
        try:
            org = decode_unverified_claims(data.access_token).get("org_id")
        except (ValueError, InvalidAccessTokenError):
            org = None
        # The cookie is authenticated by its MAC: what it holds is what we sealed.
        return org if isinstance(org, str) else data.organization_id

    async def refresh(self, *, organization_id: str | None = None) -> RefreshResult:
        """Exchange the refresh token for new tokens and a new sealed cookie.

        Concurrent refreshes of one session (same refresh token and organization) send one
        request and all return the same :class:`RefreshSuccess`; so does a refresh arriving
        within ``reuse_window`` seconds after it with the old cookie. The organization of the
        current token is kept unless ``organization_id`` asks for another.
        """
        if organization_id is not None and (
            not isinstance(organization_id, str) or not organization_id
        ):
            raise ValueError("organization_id must be a non-empty str")
        data = self._open()
        if isinstance(data, SessionFailure):
            return data
        org = organization_id if organization_id is not None else self._organization(data)
        vault, cookie = self._stored, self._sealed
        stored = (vault, cookie) if vault is not None and cookie is not None else None
        result = await self._manager._refresh(data, org, self._sealer, stored)
        if isinstance(result, RefreshSuccess):
            self._sealed = result.sealed_session
            self._data = SessionCookieData(
                access_token=result.access_token,
                refresh_token=result.refresh_token,
                user=result.user,
                impersonator=result.impersonator,
                organization_id=result.organization_id,
                authentication_method=result.authentication_method,
            )
        return result

    async def authenticate_or_refresh(self, *, refresh_buffer: float = 0.0) -> AuthenticateResult:
        """What a request handler wants: :meth:`authenticate`, and :meth:`refresh` when the
        token has expired, expires within ``refresh_buffer`` seconds, or names a signing key
        the JWKS no longer has. Other invalid tokens (bad signature, wrong issuer, ...) are not
        refreshed: a refresh would not fix them, only repeat on every request.

        A proactive refresh (the token is still valid) that fails keeps the current token: the
        result is then the :meth:`authenticate` success. A :class:`RefreshSuccess` means the
        caller must set the new cookie; a failure with ``sign_out`` that it must delete it.
        """
        if isinstance(refresh_buffer, bool) or not isinstance(refresh_buffer, int | float):
            raise TypeError("refresh_buffer must be a number of seconds")
        if refresh_buffer < 0:
            raise ValueError("refresh_buffer must not be negative")
        result = await self.authenticate()
        if result.authenticated:
            if refresh_buffer and result.claims.exp - self._manager._clock() <= refresh_buffer:
                refreshed = await self.refresh()
                if refreshed.authenticated:
                    return refreshed
                logger.info("proactive refresh failed (%s); keeping the token", refreshed.code)
            return result
        if isinstance(result.error, _REFRESHABLE):
            return await self.refresh()
        return result

    def get_logout_url(self, *, return_to: str | None = None) -> str:
        """The URL that ends this session at WorkOS and then redirects to ``return_to``.

        Works with an expired token (logging out must not need a valid one). Raises
        :class:`NoSessionError` when there is no readable cookie or no session id.
        """
        data = self._open()
        if isinstance(data, SessionFailure):
            raise NoSessionError(data.reason)
        try:
            sid = decode_unverified_claims(data.access_token).get("sid")
        except (ValueError, InvalidAccessTokenError):
            sid = None
        if not isinstance(sid, str) or not sid:
            raise NoSessionError(SessionFailureReason.INVALID_JWT)
        return self._manager._logout(sid, return_to)
