"""A FastAPI app wired to the fake WorkOS (a real HTTP server on 127.0.0.1), driven in-process
through httpx's ASGI transport. ``AuthKit(clock=fake.clock.now)``: tests expire tokens by
moving the fake's clock forward."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse

from workos_async import AsyncWorkOS
from workos_async.fastapi import AuthKit, AuthKitMiddleware
from workos_async.sessions import AsyncSessions, AuthenticateSuccess
from workos_async.testing import FakeWorkOS

PASSWORD = "fastapi-tests-cookie-password-32-chars-min"
REDIRECT_URI = "http://testserver/callback"


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as fake:
        fake.auth.role_permissions = {"member": ["users:read", "users:write"]}
        yield fake


@pytest.fixture
async def workos(fake: FakeWorkOS) -> AsyncIterator[AsyncWorkOS]:
    client = AsyncWorkOS(
        api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url, max_retries=0
    )
    async with client:
        yield client


def build_app(authkit: AuthKit) -> FastAPI:
    app = FastAPI()
    app.add_middleware(AuthKitMiddleware, authkit=authkit)
    app.include_router(authkit.router)

    def describe(user: AuthenticateSuccess) -> dict[str, Any]:
        return {
            "id": user.user_id,
            "email": user.user.get("email"),
            "session_id": user.session_id,
            "organization_id": user.organization_id,
            "refreshed": user.refreshed,
        }

    @app.get("/api/me")
    async def me(user: AuthenticateSuccess = Depends(authkit.require_user)) -> dict[str, Any]:
        return describe(user)

    @app.get("/api/own-response")
    async def own_response(
        user: AuthenticateSuccess = Depends(authkit.require_user),
    ) -> JSONResponse:
        response = JSONResponse(describe(user))
        response.headers["cache-control"] = "public, max-age=600"
        response.headers["vary"] = "Accept-Encoding"
        return response

    @app.get("/api/stream")
    async def stream(user: AuthenticateSuccess = Depends(authkit.require_user)) -> Any:
        async def body() -> AsyncIterator[bytes]:
            yield b"hello "
            yield user.user_id.encode()

        return StreamingResponse(body(), media_type="text/plain")

    @app.get("/api/write")
    async def write(
        user: AuthenticateSuccess = Depends(authkit.require_permission("users:write")),
    ) -> dict[str, Any]:
        return describe(user)

    @app.get("/api/delete")
    async def delete(
        user: AuthenticateSuccess = Depends(authkit.require_permission("users:delete")),
    ) -> dict[str, Any]:
        return describe(user)

    @app.get("/api/admin")
    async def admin(
        user: AuthenticateSuccess = Depends(authkit.require_role("admin", "owner")),
    ) -> dict[str, Any]:
        return describe(user)

    @app.get("/api/member")
    async def member(
        user: AuthenticateSuccess = Depends(authkit.require_role("member")),
    ) -> dict[str, Any]:
        return describe(user)

    @app.get("/maybe")
    async def maybe(
        user: AuthenticateSuccess | None = Depends(authkit.optional_user),
    ) -> dict[str, Any]:
        return {"user": None if user is None else user.user_id}

    @app.get("/public")
    async def public() -> dict[str, str]:
        return {"hello": "world"}

    @app.get("/dashboard", response_class=HTMLResponse)
    async def dashboard(user: AuthenticateSuccess = Depends(authkit.require_user)) -> str:
        return f"<h1>{user.user_id}</h1>"

    return app


@pytest.fixture
def authkit(workos: AsyncWorkOS, fake: FakeWorkOS) -> AuthKit:
    return AuthKit(
        client=workos, cookie_password=PASSWORD, redirect_uri=REDIRECT_URI, clock=fake.clock.now
    )


@pytest.fixture
async def http(authkit: AuthKit) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(authkit))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


class SignedIn:
    """A user of the fake with a sealed session cookie."""

    def __init__(self, user_id: str, cookie: str, response: dict[str, Any]) -> None:
        self.user_id = user_id
        self.cookie = cookie
        self.response = response


@pytest.fixture
async def signed_in(fake: FakeWorkOS, workos: AsyncWorkOS) -> SignedIn:
    user = await workos.user_management.create_user(email="ada@example.com", first_name="Ada")
    org = await workos.organizations.create_organization(name="Acme")
    await workos.user_management.create_organization_membership(
        user_id=user.id, organization_id=org.id
    )
    response = fake.auth.sign_in(user.id, organization_id=org.id)
    cookie = AsyncSessions(cookie_password=PASSWORD).seal_session_from_authentication_response(
        response
    )
    return SignedIn(user.id, cookie, response)


def set_cookies(response: httpx.Response) -> dict[str, str]:
    """``Set-Cookie`` headers by cookie name (the whole header value)."""
    return {value.split("=", 1)[0]: value for value in response.headers.get_list("set-cookie")}


def cookie_value(header: str) -> str:
    return header.split(";", 1)[0].split("=", 1)[1]
