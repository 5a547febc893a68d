"""Sessions that never sign a user out by accident: a WebSocket handshake delivers the
refreshed cookie (accepted or refused) or does not refresh; a route that raises after a
refresh still sends the new cookie; a session too large for a cookie is a clear answer with
the cookies cleaned; a cross-site ``POST /logout`` changes nothing."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import httpx
import pytest
from fastapi import Depends, FastAPI, WebSocket

from workos_async import AsyncWorkOS
from workos_async.fastapi import AuthKit, AuthKitMiddleware
from workos_async.sessions import AuthenticateSuccess, IronSealer
from workos_async.testing import FakeWorkOS

from .conftest import PASSWORD, REDIRECT_URI, SignedIn, build_app, cookie_value, set_cookies
from .test_sign_in_routes import authorize_at_fake, callback_path, start_login


def websocket_app(authkit: AuthKit) -> FastAPI:
    app = FastAPI(lifespan=authkit.lifespan)
    app.add_middleware(AuthKitMiddleware, authkit=authkit)

    @app.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        result = await authkit.authenticate_request(websocket)
        if websocket.query_params.get("refuse") or not result.authenticated:
            await websocket.close(code=1008)
            return
        await websocket.accept()
        await websocket.send_json({"user": result.user_id, "refreshed": result.refreshed})
        await websocket.close()

    return app


class ExpiredSite:
    def __init__(self, fake: FakeWorkOS, authkit: AuthKit, user_id: str, cookie: str):
        self.fake, self.authkit, self.user_id, self.cookie = fake, authkit, user_id, cookie


@pytest.fixture
def expired_site() -> Any:
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
            clock=running.clock.now,
        )
        running.clock.advance(running.auth.access_token_ttl + 1)
        yield ExpiredSite(running, authkit, user_id, cookie)


def test_an_accepted_websocket_handshake_carries_the_refreshed_cookie(
    expired_site: ExpiredSite,
) -> None:
    from fastapi.testclient import TestClient

    with TestClient(websocket_app(expired_site.authkit)) as client:
        headers = {"Cookie": f"wos-session={expired_site.cookie}"}
        with client.websocket_connect("/ws", headers=headers) as session:
            assert session.receive_json() == {"user": expired_site.user_id, "refreshed": True}
            accept_headers: dict[bytes, bytes] = dict(session.extra_headers or [])
    new = cookie_value(accept_headers[b"set-cookie"].decode())
    assert new and new != expired_site.cookie
    assert expired_site.fake.auth.refresh_requests() == 1


def test_a_refused_websocket_handshake_still_carries_the_refreshed_cookie(
    expired_site: ExpiredSite,
) -> None:
    from fastapi.testclient import TestClient
    from starlette.testclient import WebSocketDenialResponse

    with TestClient(websocket_app(expired_site.authkit)) as client:
        headers = {"Cookie": f"wos-session={expired_site.cookie}"}
        with (
            pytest.raises(WebSocketDenialResponse) as denied,
            client.websocket_connect("/ws?refuse=1", headers=headers),
        ):
            pass
        # The denial response delivers the cookie the refresh produced: the user stays in.
        assert denied.value.status_code == 403
        new = cookie_value(denied.value.headers["set-cookie"])
        assert new and new != expired_site.cookie
    assert expired_site.fake.auth.refresh_requests() == 1


async def test_a_server_without_denial_responses_does_not_refresh_on_a_websocket(
    expired_site: ExpiredSite,
) -> None:
    app = websocket_app(expired_site.authkit)
    sent: list[MutableMapping[str, Any]] = []
    inbox = [{"type": "websocket.connect"}]

    async def receive() -> dict[str, Any]:
        return inbox.pop(0) if inbox else {"type": "websocket.disconnect", "code": 1000}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "wss",
        "path": "/ws",
        "raw_path": b"/ws",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"cookie", f"wos-session={expired_site.cookie}".encode())],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 443),
        "subprotocols": [],
        "extensions": {},  # no websocket.http.response: a cookie could not go out on refusal
    }
    async with expired_site.authkit.lifespan():
        await app(scope, receive, send)
    # Not refreshed (the refresh token is not spent), refused, and the cookie is kept.
    assert [m["type"] for m in sent] == ["websocket.close"]
    assert expired_site.fake.auth.refresh_requests() == 0


async def test_a_route_that_raises_after_a_refresh_still_sends_the_cookie(
    authkit: AuthKit, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    app = build_app(authkit)

    @app.get("/api/broken")
    async def broken(user: AuthenticateSuccess = Depends(authkit.require_user)) -> None:
        raise RuntimeError("a bug in the route")

    fake.clock.advance(fake.auth.access_token_ttl + 1)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
        response = await http.get(
            "/api/broken", headers={"Cookie": f"wos-session={signed_in.cookie}"}
        )
        assert response.status_code == 500
        new = cookie_value(set_cookies(response)["wos-session"])
        assert new and new != signed_in.cookie
        assert fake.auth.refresh_requests() == 1
        # The new cookie works: the user was not signed out by the bug.
        me = await http.get("/api/me", headers={"Cookie": f"wos-session={new}"})
        assert me.status_code == 200 and me.json()["refreshed"] is False


async def test_a_session_too_large_for_a_cookie_is_a_clear_answer(
    authkit: AuthKit, signed_in: SignedIn, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    fake.auth.role_permissions = {
        "member": [f"projects:permission-number-{i:03d}" for i in range(160)]
    }
    org = signed_in.response["organization_id"]
    fake.auth.default_user_id = signed_in.user_id
    transport = httpx.ASGITransport(app=build_app(authkit))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
        url, verifier = await start_login(http)
        location = await authorize_at_fake(url + f"&organization_id={org}")
        response = await http.get(
            callback_path(location), headers={"Cookie": f"wos-session-verifier={verifier}"}
        )
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "session_too_large"
    assert "fewer permissions" in body["hint"]
    cookies = set_cookies(response)
    assert cookie_value(cookies["wos-session"]) == ""  # deleted
    assert cookie_value(cookies["wos-session-verifier"]) == ""


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({}, True),  # not a browser (or an old one)
        ({"Origin": "https://testserver", "Sec-Fetch-Site": "same-origin"}, True),
        ({"Origin": "http://testserver"}, True),  # behind a TLS proxy the app sees http
        ({"Sec-Fetch-Site": "none"}, True),  # typed by the user
        ({"Origin": "https://app.example.com"}, True),  # trusted_origins
        ({"Origin": "https://evil.example"}, False),
        ({"Origin": "null"}, False),
        ({"Sec-Fetch-Site": "cross-site"}, False),
        ({"Sec-Fetch-Site": "same-site"}, False),
        ({"Origin": "https://testserver", "Sec-Fetch-Site": "cross-site"}, False),
    ],
)
async def test_logout_is_same_origin_only(
    workos: AsyncWorkOS, signed_in: SignedIn, headers: dict[str, str], allowed: bool
) -> None:
    authkit = AuthKit(
        client=workos,
        cookie_password=PASSWORD,
        redirect_uri=REDIRECT_URI,
        trusted_origins=["https://app.example.com"],
    )
    transport = httpx.ASGITransport(app=build_app(authkit))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as http:
        response = await http.post(
            "/logout", headers={**headers, "Cookie": f"wos-session={signed_in.cookie}"}
        )
    if allowed:
        assert response.status_code == 303
        assert cookie_value(set_cookies(response)["wos-session"]) == ""
    else:
        assert response.status_code == 403
        assert response.json() == {"error": "cross_site_request"}
        assert "set-cookie" not in response.headers
