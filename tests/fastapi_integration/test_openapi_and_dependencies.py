"""Security in OpenAPI (schemes, 401/403/503 answers, Swagger's Authorize), typed
dependencies (the client, the signed-in user for a cookie and a Bearer token) and
``install_exception_handlers``."""

# No ``from __future__ import annotations``: FastAPI reads the routes' local aliases at runtime.

from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, FastAPI

from workos_async import AsyncWorkOS, WorkOSConnectionError
from workos_async._errors import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    RateLimitExceededError,
    ServerError,
    UnprocessableEntityError,
)
from workos_async.fastapi import (
    BEARER_SCHEME,
    COOKIE_SCHEME,
    AuthKit,
    SignedInUser,
    install_exception_handlers,
)
from workos_async.models import User
from workos_async.sessions import AuthenticateSuccess
from workos_async.testing import FakeWorkOS

from .conftest import SignedIn


def typed_app(authkit: AuthKit) -> FastAPI:
    app = FastAPI()
    authkit.install(app)
    install_exception_handlers(app)
    WorkOSClient = Annotated[AsyncWorkOS, Depends(authkit.get_client)]
    CurrentUser = Annotated[SignedInUser, Depends(authkit.current_user)]
    Session = Annotated[AuthenticateSuccess, Depends(authkit.require_user)]

    @app.get("/api/me")
    async def me(user: CurrentUser) -> User:
        return user.user

    @app.get("/api/me/summary")
    async def summary(user: CurrentUser) -> dict[str, Any]:
        return {
            "id": user.id,
            "email": user.user.email,
            "organization_id": user.organization_id,
            "role": user.role,
            "permissions": list(user.permissions),
        }

    @app.get("/api/users/{user_id}")
    async def get_user(
        user_id: str,
        workos: WorkOSClient,
        _: Annotated[AuthenticateSuccess, Depends(authkit.require_permission("users:read"))],
    ) -> User:
        return await workos.user_management.get_user(user_id)

    @app.get("/api/admin")
    async def admin(
        _: Annotated[AuthenticateSuccess, Depends(authkit.require_role("admin"))],
    ) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/api/session")
    async def session(user: Session) -> dict[str, str]:
        return {"id": user.user_id}

    @app.get("/public")
    async def public() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/maybe")
    async def maybe(
        user: Annotated[AuthenticateSuccess | None, Depends(authkit.optional_user)],
    ) -> dict[str, bool]:
        return {"signed_in": user is not None}

    return app


@pytest.fixture
async def typed(authkit: AuthKit) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=typed_app(authkit))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        yield client


async def test_openapi_lists_the_schemes_and_the_answers(typed: httpx.AsyncClient) -> None:
    spec = (await typed.get("/openapi.json")).json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes[COOKIE_SCHEME] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "wos-session",
        "description": "The sealed WorkOS session cookie, set by the sign-in routes.",
    }
    assert schemes[BEARER_SCHEME]["type"] == "http"
    assert schemes[BEARER_SCHEME]["scheme"] == "bearer"
    assert schemes[BEARER_SCHEME]["bearerFormat"] == "JWT"
    me = spec["paths"]["/api/me"]["get"]
    assert {k for r in me["security"] for k in r} == {COOKIE_SCHEME, BEARER_SCHEME}
    assert {"200", "401", "503"} <= set(me["responses"]) and "403" not in me["responses"]
    assert me["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/User"
    }
    for path in ("/api/users/{user_id}", "/api/admin"):
        operation = spec["paths"][path]["get"]
        assert {"401", "403", "503"} <= set(operation["responses"])
    users = spec["paths"]["/api/users/{user_id}"]["get"]
    assert {"WorkOSSessionCookie": ["users:read"]} in users["security"]
    # optional_user documents the schemes (Swagger sends them) but never answers 401.
    maybe = spec["paths"]["/maybe"]["get"]
    assert {k for r in maybe["security"] for k in r} == {COOKIE_SCHEME, BEARER_SCHEME}
    assert not {"401", "403", "503"} & set(maybe["responses"])
    public = spec["paths"]["/public"]["get"]
    assert "security" not in public and "401" not in public["responses"]
    # The sign-in routes stay out of the schema.
    assert "/login" not in spec["paths"]
    # Swagger UI shows Authorize when securitySchemes exist; the page is served.
    assert "swagger-ui" in (await typed.get("/docs")).text


async def test_the_signed_in_user_is_typed_for_a_cookie(
    typed: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    headers = {"Cookie": f"wos-session={signed_in.cookie}"}
    me = await typed.get("/api/me", headers=headers)
    assert me.status_code == 200
    assert me.json()["id"] == signed_in.user_id and me.json()["email"] == "ada@example.com"
    summary = (await typed.get("/api/me/summary", headers=headers)).json()
    assert summary["organization_id"] == signed_in.response["organization_id"]
    assert summary["role"] == "member"
    assert summary["permissions"] == ["users:read", "users:write"]
    # From the cookie: no call to WorkOS for the profile.
    assert not [r for r in fake.requests if r.path.startswith("/user_management/users/")]


async def test_the_signed_in_user_is_typed_for_a_bearer_token(
    typed: httpx.AsyncClient, signed_in: SignedIn
) -> None:
    headers = {"Authorization": f"Bearer {signed_in.response['access_token']}"}
    summary = await typed.get("/api/me/summary", headers=headers)
    assert summary.status_code == 200
    assert summary.json()["email"] == "ada@example.com"  # fetched: a token has no profile
    assert summary.json()["permissions"] == ["users:read", "users:write"]
    assert (await typed.get("/api/me/summary")).status_code == 401


async def test_the_client_dependency_and_the_exception_handlers(
    typed: httpx.AsyncClient, signed_in: SignedIn
) -> None:
    headers = {"Cookie": f"wos-session={signed_in.cookie}"}
    ok = await typed.get(f"/api/users/{signed_in.user_id}", headers=headers)
    assert ok.status_code == 200 and ok.json()["id"] == signed_in.user_id
    missing = await typed.get("/api/users/user_01NOTTHERE000000000000000", headers=headers)
    assert missing.status_code == 404 and missing.json() == {"error": "not_found"}
    assert (await typed.get("/api/admin", headers=headers)).status_code == 403


@pytest.mark.parametrize(
    ("error", "status", "body", "retry_after"),
    [
        (NotFoundError(status=404, code="entity_not_found"), 404, {"error": "not_found"}, None),
        (ConflictError(status=409), 409, {"error": "conflict"}, None),
        (
            UnprocessableEntityError(status=422, code="invalid_email"),
            422,
            {"error": "invalid_request", "code": "invalid_email"},
            None,
        ),
        (BadRequestError(status=400), 400, {"error": "invalid_request"}, None),
        (RateLimitExceededError(status=429), 503, {"error": "workos_unavailable"}, "1"),
        (ServerError(status=502), 502, {"error": "workos_unavailable"}, None),
        (WorkOSConnectionError("reset"), 502, {"error": "workos_unavailable"}, None),
        (
            AuthenticationError(status=401, message="bad key sk_x"),
            500,
            {"error": "workos_error"},
            None,
        ),
    ],
)
async def test_sdk_errors_become_answers(
    error: Exception, status: int, body: dict[str, str], retry_after: str | None
) -> None:
    if isinstance(error, RateLimitExceededError):
        error.retry_after = 0.2
    app = FastAPI()
    install_exception_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise error

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
        response = await http.get("/boom")
    assert response.status_code == status
    assert response.json() == body
    assert response.headers.get("retry-after") == retry_after
    assert "sk_x" not in response.text
