"""``AuthKit(session_store=...)`` in one process (the in-process ``LocalSessionStore``):
sign-in through /login -> the fake -> /callback stores the session and sets only a sealed id,
a refresh rewrites the stored session under the same cookie, /logout deletes it, sessions over
4 KB just work, and a store that does not answer is a 503 for stored sessions only.

The same with a real Redis and four uvicorn workers: tests/coordination/test_authkit_store.py.
"""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi import Depends

from workos_async import AsyncWorkOS
from workos_async.coordination import (
    LocalSessionStore,
    SessionStore,
    StoreUnavailableError,
)
from workos_async.fastapi import AuthKit
from workos_async.sessions import AuthenticateSuccess, IronSealer
from workos_async.testing import FakeWorkOS

from .conftest import PASSWORD, REDIRECT_URI, SignedIn, build_app, cookie_value, set_cookies
from .test_sign_in_routes import authorize_at_fake, callback_path, start_login

#: A role whose permissions make a session of about 8 KB (the issue's example).
MANY_PERMISSIONS = [f"projects:permission-number-{i:03d}" for i in range(120)]


class SwitchableStore:
    """A real :class:`LocalSessionStore` that can be switched off: then every call raises
    :class:`StoreUnavailableError`, as :class:`RedisSessionStore` does when Redis is down."""

    def __init__(self) -> None:
        self.inner = LocalSessionStore()
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise StoreUnavailableError("the session store did not answer")

    async def put(self, key: bytes, value: bytes, ttl: float) -> None:
        self._check()
        await self.inner.put(key, value, ttl)

    async def get(self, key: bytes) -> bytes | None:
        self._check()
        return await self.inner.get(key)

    async def delete(self, key: bytes) -> bool:
        self._check()
        return await self.inner.delete(key)


def make_authkit(workos: AsyncWorkOS, fake: FakeWorkOS, store: SessionStore | None) -> AuthKit:
    return AuthKit(
        client=workos,
        cookie_password=PASSWORD,
        redirect_uri=REDIRECT_URI,
        clock=fake.clock.now,
        session_store=store,
    )


async def sign_in(http: httpx.AsyncClient, organization_id: str) -> httpx.Response:
    url, verifier = await start_login(http)
    location = await authorize_at_fake(url + f"&organization_id={organization_id}")
    return await http.get(
        callback_path(location), headers={"Cookie": f"wos-session-verifier={verifier}"}
    )


def client_for(authkit: AuthKit) -> httpx.AsyncClient:
    app = build_app(authkit)

    @app.get("/api/last-permission")
    async def last_permission(
        user: AuthenticateSuccess = Depends(authkit.require_permission(MANY_PERMISSIONS[-1])),
    ) -> dict[str, str]:
        return {"id": user.user_id}

    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="https://testserver")


@pytest.fixture
def big_role(fake: FakeWorkOS, signed_in: SignedIn) -> str:
    """The signed-in user's organization, where the member role has 120 permissions."""
    fake.auth.role_permissions = {"member": MANY_PERMISSIONS}
    fake.auth.default_user_id = signed_in.user_id
    organization_id: str = signed_in.response["organization_id"]
    return organization_id


async def test_sign_in_refresh_and_logout_with_a_large_session(
    workos: AsyncWorkOS, fake: FakeWorkOS, big_role: str
) -> None:
    store = LocalSessionStore()
    authkit = make_authkit(workos, fake, store)
    async with client_for(authkit) as http:
        response = await sign_in(http, big_role)
        assert response.status_code == 303, response.text
        cookie = cookie_value(set_cookies(response)["wos-session"])
        # Only a sealed id goes to the browser; the ~8 KB session is in the store.
        assert 0 < len(cookie) < 512
        assert set(IronSealer(PASSWORD).unseal(cookie)) == {"sid"}
        assert repr(store) == "LocalSessionStore(sessions=1)"
        headers = {"Cookie": f"wos-session={cookie}"}

        me = await http.get("/api/me", headers=headers)
        assert me.status_code == 200 and me.json()["email"] == "ada@example.com"
        assert "set-cookie" not in me.headers
        # The 120 permissions are there: the last one is granted.
        granted = await http.get("/api/last-permission", headers=headers)
        assert granted.status_code == 200, granted.text

        # The access token expires: one refresh, the stored session is rewritten, the cookie
        # (the same id) is set again so its lifetime starts over.
        fake.clock.advance(fake.auth.access_token_ttl + 1)
        refreshed = await http.get("/api/me", headers=headers)
        assert refreshed.status_code == 200 and refreshed.json()["refreshed"] is True
        assert cookie_value(set_cookies(refreshed)["wos-session"]) == cookie
        assert fake.auth.refresh_requests() == 1
        again = await http.get("/api/me", headers=headers)
        assert again.status_code == 200 and again.json()["refreshed"] is False
        assert fake.auth.refresh_requests() == 1  # the store holds the new tokens

        # Logout deletes the session server-side: the same cookie no longer works.
        out = await http.post("/logout", headers=headers)
        assert out.status_code == 303
        assert out.headers["location"].startswith(f"{fake.url}/user_management/sessions/logout")
        assert cookie_value(set_cookies(out)["wos-session"]) == ""
        assert repr(store) == "LocalSessionStore(sessions=0)"
        gone = await http.get("/api/me", headers=headers)
        assert gone.status_code == 401
        assert gone.json()["detail"]["reason"] == "invalid_session_cookie"
        assert cookie_value(set_cookies(gone)["wos-session"]) == ""


async def test_without_a_store_the_too_large_answer_names_the_store(
    workos: AsyncWorkOS, fake: FakeWorkOS, big_role: str
) -> None:
    async with client_for(make_authkit(workos, fake, None)) as http:
        response = await sign_in(http, big_role)
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "session_too_large"
    assert "session_store=" in body["hint"] and "Large sessions" in body["hint"]


async def test_a_store_that_does_not_answer_is_a_503_for_stored_sessions_only(
    workos: AsyncWorkOS,
    fake: FakeWorkOS,
    signed_in: SignedIn,
    big_role: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = SwitchableStore()
    authkit = make_authkit(workos, fake, store)
    async with client_for(authkit) as http:
        cookie = cookie_value(set_cookies(await sign_in(http, big_role))["wos-session"])
        stored = {"Cookie": f"wos-session={cookie}"}
        # A cookie session from before the store was configured (small role).
        fake.auth.role_permissions = {"member": ["users:read"]}
        plain = {"Cookie": f"wos-session={signed_in.cookie}"}
        assert (await http.get("/api/me", headers=stored)).status_code == 200
        assert (await http.get("/api/me", headers=plain)).status_code == 200

        store.down = True
        caplog.set_level(logging.INFO)
        for _ in range(3):
            down = await http.get("/api/me", headers=stored)
            assert down.status_code == 503
            assert down.json()["detail"] == {
                "error": "authentication_unavailable",
                "reason": "session_store_unavailable",
            }
            assert down.headers["retry-after"] == "1"
            assert "set-cookie" not in down.headers  # not a sign-out
        assert (await http.get("/api/me", headers=plain)).status_code == 200
        # Logout cannot delete the session now: 503, nothing changes.
        refused = await http.post("/logout", headers=stored)
        assert refused.status_code == 503
        assert refused.json()["error"] == "session_store_unavailable"
        assert "set-cookie" not in refused.headers
        # A sign-in cannot store its session: a clear 503, cookies cleaned.
        failed = await sign_in(http, big_role)
        assert failed.status_code == 503
        assert failed.json()["error"] == "session_store_unavailable"
        assert cookie_value(set_cookies(failed)["wos-session-verifier"]) == ""

        store.down = False
        back = await http.get("/api/me", headers=stored)
        assert back.status_code == 200 and back.json()["email"] == "ada@example.com"
    assert not any(cookie in record.getMessage() for record in caplog.records)
