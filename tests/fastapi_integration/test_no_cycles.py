"""The middleware and the dependencies leave no garbage cycles behind: with the collector
off, N authenticated requests (and N refused ones) leave nothing for ``gc.collect()``. A
cycle per request is what makes full collections stall the event loop under load."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from workos_async.fastapi import AuthKit
from workos_async.starlette import AuthKit as StarletteAuthKit

from .conftest import SignedIn, build_app

N = 50


async def call(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> int:
    """One request straight through the ASGI app (no HTTP client and its own objects)."""
    status = 0
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 443),
    }
    await app(scope, receive, send)
    return status


async def garbage_after(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> int:
    for _ in range(5):  # warm caches (routes, the JWKS, lazily built objects)
        await call(app, path, headers)
    gc.collect()
    gc.disable()
    try:
        for _ in range(N):
            assert await call(app, path, headers) in (200, 401)
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize("path", ["/api/me", "/public"])
async def test_signed_in_requests_leave_no_cycles(
    authkit: AuthKit, signed_in: SignedIn, path: str
) -> None:
    app = build_app(authkit)
    cookie = [(b"cookie", f"wos-session={signed_in.cookie}".encode())]
    assert await garbage_after(app, path, cookie) == 0


async def test_bearer_requests_leave_no_cycles(authkit: AuthKit, signed_in: SignedIn) -> None:
    app = build_app(authkit)
    bearer = [(b"authorization", f"Bearer {signed_in.response['access_token']}".encode())]
    assert await garbage_after(app, "/api/me", bearer) == 0


async def test_the_starlette_middleware_alone_leaves_no_cycles(
    authkit: StarletteAuthKit, signed_in: SignedIn
) -> None:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from workos_async.starlette import AuthKitMiddleware

    async def me(request: Request) -> JSONResponse:
        result = await authkit.authenticate_request(request)
        return JSONResponse({"ok": result.authenticated})

    app = Starlette(
        routes=[Route("/me", me)], middleware=[Middleware(AuthKitMiddleware, authkit=authkit)]
    )
    cookie = [(b"cookie", f"wos-session={signed_in.cookie}".encode())]
    assert await garbage_after(app, "/me", cookie) == 0
