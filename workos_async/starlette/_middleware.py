"""The pure ASGI middleware: gives each request a :class:`RequestAuth` and writes its cookie
changes into whatever response goes out — a route's own ``Response``, a stream, the 500 of a
route that raised, a WebSocket handshake's accept or denial."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._request_auth import SCOPE_KEY, RequestAuth

if TYPE_CHECKING:
    from ._authkit import AuthKit

__all__ = ["AuthKitMiddleware"]

logger = logging.getLogger("workos_async.starlette")

_DENIAL_EXTENSION = "websocket.http.response"


class AuthKitMiddleware:
    """Pure ASGI middleware (not ``BaseHTTPMiddleware``): when the response starts, writes the
    refreshed or deleted session cookie and the cache headers into it, whatever ``Response``
    the route returned, streaming ones included. A route that raises after a refresh still
    sends the new cookie (on the 500 this middleware then sends itself).

    WebSocket handshakes refresh only when the server can send a denial response (the
    ``websocket.http.response`` ASGI extension: uvicorn, Hypercorn, Starlette's TestClient):
    the new cookie goes out on the ``websocket.accept`` headers, or on a 403 denial when the
    app closes before accepting. Elsewhere an expired token fails without being refreshed, and
    the cookie stays for the next HTTP request.
    """

    def __init__(self, app: ASGIApp, authkit: AuthKit) -> None:
        from ._authkit import AuthKit

        if not isinstance(authkit, AuthKit):
            raise TypeError(f"authkit must be an AuthKit, not {type(authkit).__name__}")
        self.app = app
        self.authkit = authkit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        auth = RequestAuth(self.authkit, scope.get("headers") or [])
        scope[SCOPE_KEY] = auth
        started = False

        async def send_with_cookies(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                auth.apply(MutableHeaders(scope=message))
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookies)
        except Exception:
            if started or not auth.changes_cookie:
                raise
            # The refresh token is spent: a 500 without the new cookie signs the user out.
            logger.info("the route raised after a session refresh; the 500 carries the cookie")
            headers = MutableHeaders({"content-type": "text/plain; charset=utf-8"})
            await send_with_cookies(
                {"type": "http.response.start", "status": 500, "headers": headers.raw}
            )
            await send({"type": "http.response.body", "body": b"Internal Server Error"})
            raise

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        can_deny = _DENIAL_EXTENSION in (scope.get("extensions") or {})
        auth = RequestAuth(self.authkit, scope.get("headers") or [], may_refresh=can_deny)
        scope[SCOPE_KEY] = auth
        handshake_done = False

        async def send_with_cookie(message: Message) -> None:
            nonlocal handshake_done
            kind = message["type"]
            if not handshake_done and kind in ("websocket.accept", "websocket.close"):
                handshake_done = True
                header = auth.cookie_header()
                if header is not None and kind == "websocket.accept":
                    message = dict(message)
                    message["headers"] = [
                        *message.get("headers", ()),
                        (b"set-cookie", header.encode("latin-1")),
                    ]
                elif header is not None and can_deny:
                    # Refused after a refresh: a 403 denial response carries the cookie.
                    await send(
                        {
                            "type": "websocket.http.response.start",
                            "status": 403,
                            "headers": [
                                (b"set-cookie", header.encode("latin-1")),
                                (b"cache-control", b"no-store"),
                                (b"content-length", b"0"),
                            ],
                        }
                    )
                    await send({"type": "websocket.http.response.body", "body": b""})
                    return
            elif kind == "websocket.http.response.start":
                handshake_done = True
                header = auth.cookie_header()
                if header is not None:
                    message = dict(message)
                    message["headers"] = [
                        *message.get("headers", ()),
                        (b"set-cookie", header.encode("latin-1")),
                    ]
            await send(message)

        await self.app(scope, receive, send_with_cookie)
