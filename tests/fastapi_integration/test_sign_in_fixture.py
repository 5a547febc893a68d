"""The ``workos_sign_in`` fixture with a FastAPI app, as docs/testing.md shows it: Starlette's
``TestClient`` and httpx's ASGI transport; the fake's clock drives the app's (``clock=``)."""

# No ``from __future__ import annotations``: FastAPI reads the route's local alias at runtime.
from collections.abc import Callable, Iterator
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI

from workos_async.fastapi import AuthKit, SignedInUser
from workos_async.testing import FakeWorkOS
from workos_async.testing._fixtures_auth import SignedInSession

PASSWORD = "my-apps-test-cookie-password-32-chars"


def create_app(fake: FakeWorkOS) -> FastAPI:
    authkit = AuthKit(
        client_options={"api_key": fake.api_key, "client_id": fake.client_id, "base_url": fake.url},
        cookie_password=PASSWORD,
        clock=fake.clock.now,  # fake.clock.advance() expires the app's tokens
    )
    app = FastAPI(lifespan=authkit.lifespan)
    authkit.install(app)
    CurrentUser = Annotated[SignedInUser, Depends(authkit.current_user)]

    @app.get("/api/me")
    async def me(user: CurrentUser) -> dict[str, object]:
        return {"id": user.id, "role": user.role, "permissions": list(user.permissions)}

    return app


@pytest.fixture
def client(workos_fake: FakeWorkOS) -> Iterator[object]:
    from fastapi.testclient import TestClient

    with TestClient(create_app(workos_fake), base_url="https://testserver") as client:
        yield client


def test_with_testclient(
    client: object, workos_sign_in: Callable[..., SignedInSession], workos_fake: FakeWorkOS
) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    workos_fake.auth.role_permissions = {"admin": ["users:delete"]}
    ada = workos_sign_in("ada@example.com", organization="Acme", role="admin",
                         cookie_password=PASSWORD)  # fmt: skip
    client.cookies.update(ada.cookies)  # on the client: per-request cookies are deprecated
    me = client.get("/api/me")
    assert me.json() == {"id": ada.user_id, "role": "admin", "permissions": ["users:delete"]}
    assert client.get("/api/me", headers=ada.bearer_headers).json()["id"] == ada.user_id
    client.cookies.clear()
    assert client.get("/api/me").status_code == 401

    # The fake's clock is the app's: the token expires, the next request refreshes it.
    workos_fake.clock.advance(workos_fake.auth.access_token_ttl + 1)
    refreshed = client.get("/api/me", headers=ada.cookie_headers)
    assert refreshed.status_code == 200
    assert "wos-session=" in refreshed.headers["set-cookie"]
    assert workos_fake.auth.refresh_requests() == 1
    # A Bearer token cannot be refreshed: expired is 401.
    assert client.get("/api/me", headers=ada.bearer_headers).status_code == 401


async def test_with_httpx(
    workos_fake: FakeWorkOS, workos_sign_in: Callable[..., SignedInSession]
) -> None:
    app = create_app(workos_fake)
    bob = workos_sign_in("bob@example.com", cookie_password=PASSWORD)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
            me = await http.get("/api/me", headers=bob.cookie_headers)
    assert me.status_code == 200 and me.json()["id"] == bob.user_id


def test_the_fixture_needs_the_apps_password(
    workos_sign_in: Callable[..., SignedInSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    with pytest.raises(ValueError, match="cookie_password"):
        workos_sign_in("eve@example.com")
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    eve = workos_sign_in("eve@example.com")
    assert eve.user_id and eve.access_token not in repr(eve) and eve.cookie not in repr(eve)
