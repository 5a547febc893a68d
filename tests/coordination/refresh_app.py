"""A minimal app for the multi-worker refresh test, served by ``uvicorn --workers 4``.

Only public APIs: ``client.sessions`` and ``share_refreshes``. Configured by the environment:
``WORKOS_API_KEY``, ``WORKOS_CLIENT_ID``, ``WORKOS_BASE_URL``, ``WORKOS_COOKIE_PASSWORD`` and
``TEST_REDIS_URL``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from workos_async import AsyncWorkOS
from workos_async.coordination import Coordinator, share_refreshes

state: dict[str, Any] = {}


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    async with AsyncWorkOS() as client:
        coordinator = Coordinator.from_redis(os.environ["TEST_REDIS_URL"])
        share_refreshes(client.sessions, coordinator)
        state["client"] = client
        yield
        await coordinator.aclose()


async def me(request: Request) -> JSONResponse:
    session = state["client"].sessions.load_sealed_session(request.cookies.get("wos-session"))
    result = await session.authenticate_or_refresh()
    if not result.authenticated:
        return JSONResponse({"error": result.code, "pid": os.getpid()}, status_code=401)
    response = JSONResponse({"user_id": result.user_id, "pid": os.getpid()})
    if result.refreshed:
        response.set_cookie("wos-session", result.sealed_session, httponly=True)
    return response


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"pid": os.getpid()})


app = Starlette(routes=[Route("/me", me), Route("/health", health)], lifespan=lifespan)
