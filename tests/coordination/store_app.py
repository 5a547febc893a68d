"""A FastAPI app with server-side sessions and shared refreshes on Redis, served by
``uvicorn --workers 4`` in tests/coordination/test_authkit_store.py.

Only public APIs, as the docs show them. Configured by the environment: ``WORKOS_API_KEY``,
``WORKOS_CLIENT_ID``, ``WORKOS_BASE_URL``, ``WORKOS_COOKIE_PASSWORD``,
``WORKOS_REDIRECT_URI`` and ``TEST_REDIS_URL``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI

from workos_async.coordination import Coordinator
from workos_async.fastapi import AuthKit
from workos_async.sessions import AuthenticateSuccess

#: The last of the test role's 120 permissions.
LAST_PERMISSION = "projects:permission-number-119"

coordinator = Coordinator.from_redis(os.environ["TEST_REDIS_URL"])
authkit = AuthKit(
    cookie_secure=False,  # plain http on 127.0.0.1
    session_store=coordinator.sessions,
    session_ttl=3600,
    flights=coordinator.flights,
)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with authkit.lifespan(app):
        yield
    await coordinator.aclose()


app = FastAPI(lifespan=lifespan)
authkit.install(app)

User = Annotated[AuthenticateSuccess, Depends(authkit.require_user)]


@app.get("/api/me")
async def me(user: User) -> dict[str, object]:
    return {
        "id": user.user_id,
        "email": user.user.get("email"),
        "refreshed": user.refreshed,
        "permissions": len(user.permissions),
        "pid": os.getpid(),
    }


@app.get("/api/last-permission")
async def last_permission(
    user: Annotated[AuthenticateSuccess, Depends(authkit.require_permission(LAST_PERMISSION))],
) -> dict[str, str]:
    return {"id": user.user_id}


@app.get("/health")
async def health() -> dict[str, int]:
    return {"pid": os.getpid()}
