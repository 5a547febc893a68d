"""One request's authentication: resolved on first use, remembered, and read back by the
middleware when the response starts (a refreshed cookie to set, a worthless one to delete).

It holds the request's header list, never the ASGI scope: the scope holds it (under
:data:`SCOPE_KEY`), and a reference back would make every request a garbage cycle — full
collections of those are what stalls an event loop under load.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection, cookie_parser

from ..sessions import (
    AuthenticateResult,
    RefreshSuccess,
    SessionFailure,
    SessionFailureReason,
    TokenExpiredError,
    UnknownKeyIdError,
)
from ._cookies import cookie_names_set, merge_vary

if TYPE_CHECKING:
    from ._authkit import AuthKit

__all__ = ["SCOPE_KEY", "RequestAuth", "request_auth"]

logger = logging.getLogger("workos_async.starlette")

#: Where the middleware keeps a request's :class:`RequestAuth` in the ASGI scope.
SCOPE_KEY = "workos_async.auth"

#: Failures a refresh would fix.
_REFRESHABLE = (TokenExpiredError, UnknownKeyIdError)


class RequestAuth:
    """One request's authentication. ``may_refresh`` is false where a refreshed cookie could
    not be delivered (a WebSocket handshake on a server that cannot send a denial response):
    an expired token is then a failure that keeps the cookie, never a spent refresh token."""

    __slots__ = (
        "_authkit",
        "_headers",
        "_result",
        "clear_cookie",
        "may_refresh",
        "new_cookie",
        "via",
    )

    def __init__(
        self, authkit: AuthKit, headers: list[tuple[bytes, bytes]], *, may_refresh: bool = True
    ) -> None:
        self._authkit = authkit
        self._headers = headers
        self._result: AuthenticateResult | None = None
        self.may_refresh = may_refresh
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

    @property
    def changes_cookie(self) -> bool:
        """Whether the response must set or delete the session cookie."""
        return self.new_cookie is not None or self.clear_cookie

    def _header(self, name: bytes) -> str | None:
        for key, value in self._headers:
            if key == name:
                return value.decode("latin-1")
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
        # A server-side session (``AuthKit(session_store=...)``) is read from the store here.
        session = await authkit.sessions.load_session(
            cookie, cookie_password=authkit.cookie_password
        )
        if not self.may_refresh:
            result = await session.authenticate()
            if isinstance(result, SessionFailure) and isinstance(result.error, _REFRESHABLE):
                # Refreshable, but not here: the cookie stays for the next HTTP request.
                return result
        else:
            result = await session.authenticate_or_refresh(refresh_buffer=authkit.refresh_buffer)
        if isinstance(result, RefreshSuccess):
            self.new_cookie = result.sealed_session
        elif isinstance(result, SessionFailure) and result.sign_out:
            logger.info("session cookie cleared (%s)", result.code)
            self.clear_cookie = True
        return result

    def cookie_header(self) -> str | None:
        """The ``Set-Cookie`` value the response needs, if any."""
        if self.new_cookie is not None:
            return self._authkit.session_cookie_header(self.new_cookie)
        if self.clear_cookie:
            return self._authkit.delete_session_cookie_header()
        return None

    def apply(self, headers: MutableHeaders) -> None:
        """Write the cookie changes and the cache headers into a response's headers."""
        # A route that set or deleted the cookie itself (sign-in, sign-out) has the last word.
        if self.changes_cookie and self._authkit.cookie_name not in cookie_names_set(headers):
            header = self.cookie_header()
            if header is not None:
                headers.append("set-cookie", header)
        result = self._result
        if (result is not None and result.authenticated) or self.new_cookie is not None:
            headers["cache-control"] = "private, no-store"
            if self.via == "bearer":
                merge_vary(headers, "Cookie", "Authorization")
            else:
                merge_vary(headers, "Cookie")


def request_auth(conn: HTTPConnection | Any) -> RequestAuth:
    """The :class:`RequestAuth` the middleware gave this request (``RuntimeError`` without
    the middleware)."""
    state = conn.scope.get(SCOPE_KEY)
    if isinstance(state, RequestAuth):
        return state
    raise RuntimeError(
        "AuthKitMiddleware is not installed: app.add_middleware(AuthKitMiddleware, "
        "authkit=authkit) (it writes the refreshed session cookie into responses)"
    )
