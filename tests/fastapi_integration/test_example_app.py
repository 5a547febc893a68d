"""The example Users API (examples/fastapi_app) served by uvicorn on 127.0.0.1, driven by a
real HTTP client with a cookie jar, signed in through the fake WorkOS's /authorize."""

from __future__ import annotations

import asyncio
import importlib.util
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from workos_async.fastapi import AuthKit
from workos_async.testing import FakeWorkOS

from .conftest import PASSWORD

uvicorn = pytest.importorskip("uvicorn", reason="the example's tests serve it with uvicorn")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fastapi_app" / "app.py"
PICTURE = "https://workoscdn.example/ada.png"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_fastapi_app", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Site:
    """The running example and the fake behind it."""

    def __init__(self, fake: FakeWorkOS, url: str, authkit: AuthKit, ids: dict[str, str]):
        self.fake = fake
        self.url = url
        self.authkit = authkit
        self.ids = ids

    def browser(self) -> httpx.AsyncClient:
        """A fresh browser: its own cookie jar, following redirects across both servers."""
        return httpx.AsyncClient(base_url=self.url, follow_redirects=True, timeout=10)

    async def sign_in(self, browser: httpx.AsyncClient, who: str) -> httpx.Response:
        self.fake.auth.default_user_id = self.ids[who]
        return await browser.get("/login")


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    async with FakeWorkOS() as fake:
        fake.auth.role_permissions = {
            "admin": ["users:read", "users:write", "users:delete"],
            "member": [],
        }
        created = fake.seed(
            {
                "organizations": [{"name": "Acme", "external_id": "acme"}],
                "users": [
                    {"email": "ada@acme.test", "first_name": "Ada"},
                    {"email": "root@acme.test", "first_name": "Root"},
                ],
                "memberships": [
                    {"user_email": "ada@acme.test", "organization_external_id": "acme"},
                    {
                        "user_email": "root@acme.test",
                        "organization_external_id": "acme",
                        "role_slug": "admin",
                    },
                ],
            }
        )
        ada, root = created["users"]
        fake.store.c_users.update(ada, profile_picture_url=PICTURE)

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        authkit = AuthKit(
            client_options={
                "api_key": fake.api_key,
                "client_id": fake.client_id,
                "base_url": fake.url,
                "max_retries": 0,
            },
            cookie_password=PASSWORD,
            redirect_uri=f"{url}/callback",
            cookie_secure=False,  # plain http on 127.0.0.1
        )
        app = load_example().create_app(authkit)
        config = uvicorn.Config(app, lifespan="on", log_level="warning")
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve(sockets=[sock]))
        for _ in range(500):
            if server.started or task.done():
                break
            await asyncio.sleep(0.01)
        assert server.started, "uvicorn did not start"
        try:
            yield Site(fake, url, authkit, {"ada": ada, "root": root})
        finally:
            server.should_exit = True
            await asyncio.wait_for(task, 10)
            sock.close()


async def test_the_users_api(site: Site) -> None:
    async with site.browser() as ada:
        # Signed out: the page offers sign-in, the API answers 401.
        assert "Sign in" in (await ada.get("/")).text
        assert (await ada.get("/api/users/me")).status_code == 401

        landing = await site.sign_in(ada, "ada")
        assert landing.status_code == 200
        assert "Signed in as ada@acme.test" in landing.text
        assert [r.status_code for r in landing.history] == [302, 302, 303]
        assert "wos-session" in ada.cookies
        assert "wos-session-verifier" not in ada.cookies

        me = await ada.get("/api/users/me")
        assert me.status_code == 200
        assert me.headers["cache-control"] == "private, no-store"
        body = me.json()
        assert body["user"]["id"] == site.ids["ada"]
        assert body["avatar_url"] == PICTURE and body["onboarded"] is False

        # Finish onboarding, once.
        done = await ada.post(
            "/api/users/me/onboarding", json={"first_name": "Ada", "last_name": "Lovelace"}
        )
        assert done.status_code == 200
        assert done.json()["onboarded"] is True and done.json()["user"]["last_name"] == "Lovelace"
        again = await ada.post(
            "/api/users/me/onboarding", json={"first_name": "Ada", "last_name": "L"}
        )
        assert again.status_code == 409
        assert (await ada.post("/api/users/me/onboarding", json={})).status_code == 422

        # Update herself: a custom avatar; onboarding is kept.
        custom = "https://cdn.example/ada-custom.png"
        updated = await ada.patch(
            f"/api/users/{site.ids['ada']}", json={"avatar_url": custom, "first_name": "Augusta"}
        )
        assert updated.status_code == 200
        assert updated.json()["avatar_url"] == custom
        assert (
            updated.json()["user"]["first_name"] == "Augusta"
            and updated.json()["onboarded"] is True
        )
        assert (
            await ada.patch(f"/api/users/{site.ids['ada']}", json={"email": "x@y.z"})
        ).status_code == 422

        # Reset the avatar to the WorkOS profile picture.
        reset = await ada.post("/api/users/me/avatar/reset")
        assert reset.status_code == 200
        assert reset.json()["avatar_url"] == PICTURE and reset.json()["onboarded"] is True

        # A member may not touch someone else.
        root_id = site.ids["root"]
        assert (await ada.get(f"/api/users/{root_id}")).status_code == 403
        assert (
            await ada.patch(f"/api/users/{root_id}", json={"first_name": "X"})
        ).status_code == 403
        denied = await ada.delete(f"/api/users/{root_id}")
        assert denied.status_code == 403
        assert denied.json()["detail"]["missing_permissions"] == ["users:delete"]

        # An admin may.
        async with site.browser() as root:
            await site.sign_in(root, "root")
            seen = await root.get(f"/api/users/{site.ids['ada']}")
            assert seen.status_code == 200 and seen.json()["user"]["first_name"] == "Augusta"
            assert (await root.delete(f"/api/users/{root_id}")).status_code == 409
            assert (await root.delete(f"/api/users/{site.ids['ada']}")).status_code == 204
            assert (await root.get(f"/api/users/{site.ids['ada']}")).status_code == 404
            assert (await root.delete(f"/api/users/{site.ids['ada']}")).status_code == 404

        # Ada's user is gone: her profile is 404 (her token is still valid until it expires).
        assert (await ada.get("/api/users/me")).status_code == 404


async def test_sign_out(site: Site) -> None:
    site.fake.auth.logout_redirect = f"{site.url}/"
    async with site.browser() as ada:
        await site.sign_in(ada, "ada")
        assert (await ada.get("/api/users/me")).status_code == 200
        out = await ada.post("/logout")
        assert out.status_code == 200 and "Sign in" in out.text
        assert out.history[0].status_code == 303
        assert (
            out.history[0]
            .headers["location"]
            .startswith(f"{site.fake.url}/user_management/sessions/logout?session_id=")
        )
        assert "wos-session" not in ada.cookies
        assert (await ada.get("/api/users/me")).status_code == 401


async def test_concurrent_requests_share_one_refresh_over_http(site: Site) -> None:
    async with site.browser() as ada:
        await site.sign_in(ada, "ada")
        cookie = ada.cookies["wos-session"]
        # Every request now finds the token within the refresh buffer.
        site.authkit.refresh_buffer = site.fake.auth.access_token_ttl + 60
        before = site.fake.auth.refresh_requests()

        async def call() -> httpx.Response:
            async with httpx.AsyncClient(base_url=site.url) as tab:
                return await tab.get("/api/users/me", headers={"Cookie": f"wos-session={cookie}"})

        responses: list[Any] = await asyncio.gather(*(call() for _ in range(20)))
        assert {r.status_code for r in responses} == {200}
        assert site.fake.auth.refresh_requests() == before + 1
        new_cookies = {r.headers["set-cookie"] for r in responses}
        assert len(new_cookies) == 1
        header = new_cookies.pop()
        assert header.startswith("wos-session=") and header.endswith(
            "; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax"
        )


async def test_the_example_documents_sdk_models_and_its_security(site: Site) -> None:
    async with site.browser() as anyone:
        spec = (await anyone.get("/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    # The SDK's own User model, nested in the app's view (no hand-written copy).
    assert schemas["UserOut"]["properties"]["user"] == {"$ref": "#/components/schemas/User"}
    assert "email_verified" in schemas["User"]["properties"]
    assert set(spec["components"]["securitySchemes"]) == {"WorkOSSessionCookie", "WorkOSBearer"}
    delete = spec["paths"]["/api/users/{user_id}"]["delete"]
    assert {"401", "403"} <= set(delete["responses"])
