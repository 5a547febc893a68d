"""The dependencies and the middleware: cookie and bearer users, refresh written into any
response, exact cookie attributes, 401 / redirect / 403 / 503."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import WebSocket

from workos_async import AsyncWorkOS
from workos_async.fastapi import AuthKit
from workos_async.sessions import decode_unverified_claims
from workos_async.testing import FakeWorkOS, Fault

from .conftest import PASSWORD, SignedIn, cookie_value, set_cookies

COOKIE_ATTRS = "; Path=/; Max-Age=34560000; HttpOnly; Secure; SameSite=Lax"


def with_cookie(value: str) -> dict[str, str]:
    return {"Cookie": f"wos-session={value}"}


async def test_a_session_cookie_authenticates_an_api_route(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    response = await http.get("/api/me", headers=with_cookie(signed_in.cookie))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == signed_in.user_id
    assert body["email"] == "ada@example.com"
    assert body["organization_id"] == signed_in.response["organization_id"]
    assert body["refreshed"] is False
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["vary"] == "Cookie"
    assert "set-cookie" not in response.headers
    assert fake.auth.refresh_requests() == 0


async def test_no_session_is_401_json_for_an_api_route(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/me", headers={"Accept": "text/html"})
    assert response.status_code == 401
    assert response.json() == {
        "detail": {"error": "not_authenticated", "reason": "no_session_cookie_provided"}
    }
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "set-cookie" not in response.headers
    # Unauthenticated responses are not marked private by the middleware.
    assert "cache-control" not in response.headers
    assert (await http.get("/public")).json() == {"hello": "world"}


async def test_no_session_redirects_a_page_request_to_sign_in(http: httpx.AsyncClient) -> None:
    response = await http.get(
        "/dashboard?tab=1", headers={"Accept": "text/html,application/xhtml+xml"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/login?return_to=/dashboard%3Ftab%3D1"
    # The same page asked for by a script (no text/html) gets the 401.
    assert (await http.get("/dashboard")).status_code == 401


async def test_an_expired_cookie_is_refreshed_and_written_into_the_routes_own_response(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    fake.clock.advance(fake.auth.access_token_ttl + 1)
    response = await http.get("/api/own-response", headers=with_cookie(signed_in.cookie))
    assert response.status_code == 200
    assert response.json()["refreshed"] is True
    cookies = set_cookies(response)
    new = cookie_value(cookies["wos-session"])
    assert new and new != signed_in.cookie
    assert cookies["wos-session"] == f"wos-session={new}{COOKIE_ATTRS}"
    # The route's own caching headers cannot leak an authenticated response into a cache.
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["vary"] == "Accept-Encoding, Cookie"
    assert fake.auth.refresh_requests() == 1

    again = await http.get("/api/me", headers=with_cookie(new))
    assert again.status_code == 200 and again.json()["refreshed"] is False
    assert "set-cookie" not in again.headers
    assert fake.auth.refresh_requests() == 1


async def test_a_streaming_response_gets_the_refreshed_cookie(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    fake.clock.advance(fake.auth.access_token_ttl + 1)
    response = await http.get("/api/stream", headers=with_cookie(signed_in.cookie))
    assert response.status_code == 200
    assert response.text == f"hello {signed_in.user_id}"
    assert "wos-session" in set_cookies(response)


async def test_a_token_about_to_expire_is_refreshed_proactively(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    fake.clock.advance(fake.auth.access_token_ttl - 30)  # within the 60 s buffer
    response = await http.get("/api/me", headers=with_cookie(signed_in.cookie))
    assert response.json()["refreshed"] is True
    assert "wos-session" in set_cookies(response)


async def test_concurrent_requests_with_one_expired_cookie_share_one_refresh(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    fake.clock.advance(fake.auth.access_token_ttl + 1)
    responses = await asyncio.gather(
        *(http.get("/api/me", headers=with_cookie(signed_in.cookie)) for _ in range(50))
    )
    assert {r.status_code for r in responses} == {200}
    assert fake.auth.refresh_requests() == 1
    assert len({set_cookies(r)["wos-session"] for r in responses}) == 1


async def test_a_revoked_session_is_401_and_the_cookie_is_deleted(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    claims = decode_unverified_claims(signed_in.response["access_token"])
    await workos.user_management.revoke_session(session_id=claims["sid"])
    fake.clock.advance(fake.auth.access_token_ttl + 1)
    response = await http.get("/api/me", headers=with_cookie(signed_in.cookie))
    assert response.status_code == 401
    assert response.json()["detail"]["reason"] == "invalid_grant"
    assert set_cookies(response)["wos-session"] == (
        "wos-session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
        "HttpOnly; Secure; SameSite=Lax"
    )


async def test_a_tampered_cookie_is_401_and_deleted(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    tampered = signed_in.cookie[:40] + ("a" if signed_in.cookie[40] != "a" else "b")
    tampered += signed_in.cookie[41:]
    response = await http.get("/api/me", headers=with_cookie(tampered))
    assert response.status_code == 401
    assert response.json()["detail"]["reason"] == "invalid_session_cookie"
    assert "Max-Age=0" in set_cookies(response)["wos-session"]
    assert fake.auth.refresh_requests() == 0


async def test_bearer_tokens(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    token = signed_in.response["access_token"]
    response = await http.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["id"] == signed_in.user_id
    assert response.json()["email"] is None  # a token carries no profile
    assert response.headers["vary"] == "Cookie, Authorization"
    assert response.headers["cache-control"] == "private, no-store"
    # A bad bearer token is 401 even with a good cookie: no silent fallback.
    bad = await http.get(
        "/api/me",
        headers={"Authorization": "Bearer not.a.token", **with_cookie(signed_in.cookie)},
    )
    assert bad.status_code == 401 and bad.json()["detail"]["reason"] == "invalid_jwt"
    assert "set-cookie" not in bad.headers
    # An expired bearer token cannot be refreshed: 401.
    fake.clock.advance(fake.auth.access_token_ttl + 1)
    expired = await http.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert expired.status_code == 401


async def test_permission_and_role_dependencies(
    http: httpx.AsyncClient, signed_in: SignedIn
) -> None:
    headers = with_cookie(signed_in.cookie)
    assert (await http.get("/api/write", headers=headers)).status_code == 200
    denied = await http.get("/api/delete", headers=headers)
    assert denied.status_code == 403
    assert denied.json() == {
        "detail": {"error": "forbidden", "missing_permissions": ["users:delete"]}
    }
    assert (await http.get("/api/member", headers=headers)).status_code == 200
    not_admin = await http.get("/api/admin", headers=headers)
    assert not_admin.status_code == 403
    assert not_admin.json()["detail"]["required_roles"] == ["admin", "owner"]
    # Without a session they are 401 first.
    assert (await http.get("/api/write")).status_code == 401
    with pytest.raises(ValueError, match="permission"):
        AuthKit(cookie_password=PASSWORD).require_permission()
    with pytest.raises(ValueError, match="role"):
        AuthKit(cookie_password=PASSWORD).require_role("")


async def test_optional_user(http: httpx.AsyncClient, signed_in: SignedIn) -> None:
    assert (await http.get("/maybe")).json() == {"user": None}
    signed = await http.get("/maybe", headers=with_cookie(signed_in.cookie))
    assert signed.json() == {"user": signed_in.user_id}
    assert signed.headers["cache-control"] == "private, no-store"
    garbage = await http.get("/maybe", headers=with_cookie("garbage"))
    assert garbage.json() == {"user": None}
    assert "Max-Age=0" in set_cookies(garbage)["wos-session"]


async def test_a_jwks_outage_is_503_and_keeps_the_cookie(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="GET", path="/sso/jwks/*", status=503, count=None))
    response = await http.get("/api/me", headers=with_cookie(signed_in.cookie))
    assert response.status_code == 503
    assert response.json()["detail"] == {
        "error": "authentication_unavailable",
        "reason": "jwks_unavailable",
    }
    assert int(response.headers["retry-after"]) >= 1
    assert "set-cookie" not in response.headers
    assert fake.auth.refresh_requests() == 0


async def test_a_workos_outage_during_refresh_is_503_and_keeps_the_cookie(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    assert (await http.get("/api/me", headers=with_cookie(signed_in.cookie))).status_code == 200
    fake.clock.advance(fake.auth.access_token_ttl + 1)
    fake.faults.add(
        Fault(method="POST", path="/user_management/authenticate", status=429, retry_after=3)
    )
    response = await http.get("/api/me", headers=with_cookie(signed_in.cookie))
    assert response.status_code == 503
    assert response.json()["detail"]["reason"] == "rate_limited"
    assert response.headers["retry-after"] == "3"
    assert "set-cookie" not in response.headers
    # WorkOS is back: the same cookie refreshes.
    ok = await http.get("/api/me", headers=with_cookie(signed_in.cookie))
    assert ok.status_code == 200 and "wos-session" in set_cookies(ok)


async def test_the_dependency_needs_the_middleware(authkit: AuthKit) -> None:
    from fastapi import Depends, FastAPI

    app = FastAPI()

    @app.get("/api/me")
    async def me(user: object = Depends(authkit.require_user)) -> dict[str, str]:
        return {}

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        with pytest.raises(RuntimeError, match="AuthKitMiddleware is not installed"):
            await client.get("/api/me")


def test_websocket_connections_can_authenticate() -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from workos_async.fastapi import AuthKitMiddleware
    from workos_async.sessions import IronSealer

    fake = FakeWorkOS()
    (user_id,) = fake.seed({"users": [{"email": "ws@example.com"}]})["users"]
    with fake.run_in_thread() as running:
        response = running.auth.sign_in(user_id)
        cookie = IronSealer(PASSWORD).seal(
            {"accessToken": response["access_token"], "refreshToken": response["refresh_token"]}
        )
        authkit = AuthKit(
            client_options={
                "api_key": running.api_key,
                "client_id": running.client_id,
                "base_url": running.url,
            },
            cookie_password=PASSWORD,
        )
        app = FastAPI(lifespan=authkit.lifespan)
        app.add_middleware(AuthKitMiddleware, authkit=authkit)

        @app.websocket("/ws")
        async def ws(websocket: WebSocket) -> None:
            result = await authkit.authenticate_request(websocket)
            await websocket.accept()
            await websocket.send_json({"user": result.user_id if result.authenticated else None})
            await websocket.close()

        with TestClient(app) as client:
            with client.websocket_connect("/ws", headers={"Cookie": f"wos-session={cookie}"}) as s:
                assert s.receive_json() == {"user": user_id}
            with client.websocket_connect("/ws") as anonymous:
                assert anonymous.receive_json() == {"user": None}


async def test_a_token_built_to_break_the_json_parser_is_a_401(http: httpx.AsyncClient) -> None:
    # 3,000 '[' in the token's header: once an HTTP 500 (RecursionError without orjson).
    from workos_async.sessions._codec import b64url_encode

    header = b64url_encode(b"[" * 3_000)
    token = f"{header}.{b64url_encode(b'{}')}.c2ln"
    response = await http.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["detail"]["reason"] == "invalid_jwt"
