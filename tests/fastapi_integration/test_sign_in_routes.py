"""/login, /callback and /logout against the fake WorkOS's real /authorize (which signs the
user in at once and redirects back with a code), plus the lifespan and the helpers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from workos_async import AsyncWorkOS
from workos_async.fastapi import (
    AuthKit,
    delete_cookie_header,
    safe_return_path,
    set_cookie_header,
)
from workos_async.sessions import IronSealer, SessionCookieData
from workos_async.testing import FakeWorkOS

from .conftest import PASSWORD, REDIRECT_URI, SignedIn, cookie_value, set_cookies

VERIFIER_ATTRS = "; Path=/callback; Max-Age=600; HttpOnly; Secure; SameSite=Lax"
VERIFIER_DELETED = (
    "wos-session-verifier=; Path=/callback; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
    "HttpOnly; Secure; SameSite=Lax"
)


async def start_login(http: httpx.AsyncClient, query: str = "") -> tuple[str, str]:
    """GET /login: (the authorization URL, the verifier cookie value)."""
    response = await http.get(f"/login{query}")
    assert response.status_code == 302
    cookies = set_cookies(response)
    header = cookies["wos-session-verifier"]
    value = cookie_value(header)
    assert header == f"wos-session-verifier={value}{VERIFIER_ATTRS}"
    assert "wos-session" not in cookies
    return response.headers["location"], value


async def authorize_at_fake(url: str) -> str:
    """Follow the authorization URL at the fake (a real HTTP request): the callback URL."""
    async with httpx.AsyncClient() as browser:
        response = await browser.get(url)
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT_URI + "?")
    return location


def callback_path(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"


async def test_sign_in_round_trip(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS
) -> None:
    url, verifier = await start_login(http, "?return_to=/dashboard%3Ftab%3D2")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{fake.url}/user_management/authorize?")
    assert query["redirect_uri"] == [REDIRECT_URI]
    assert query["provider"] == ["authkit"]
    assert query["code_challenge_method"] == ["S256"]
    # The verifier cookie holds the state and the PKCE verifier, sealed.
    saved = IronSealer(PASSWORD).unseal(verifier)
    assert saved["state"] == query["state"][0]
    assert saved["returnTo"] == "/dashboard?tab=2"
    assert saved["codeVerifier"] not in url

    location = await authorize_at_fake(url)
    response = await http.get(
        callback_path(location), headers={"Cookie": f"wos-session-verifier={verifier}"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard?tab=2"
    assert response.headers["cache-control"] == "no-store"
    cookies = set_cookies(response)
    session = cookie_value(cookies["wos-session"])
    assert cookies["wos-session"] == (
        f"wos-session={session}; Path=/; Max-Age=34560000; HttpOnly; Secure; SameSite=Lax"
    )
    assert cookies["wos-session-verifier"] == VERIFIER_DELETED
    # The kits' camelCase payload.
    data = SessionCookieData.from_dict(IronSealer(PASSWORD).unseal(session))
    assert data.user["id"] == signed_in.user_id

    me = await http.get("/api/me", headers={"Cookie": f"wos-session={session}"})
    assert me.status_code == 200 and me.json()["id"] == signed_in.user_id

    # The same callback again (the verifier cookie replayed): the code is single use.
    replay = await http.get(
        callback_path(location), headers={"Cookie": f"wos-session-verifier={verifier}"}
    )
    assert replay.status_code == 400
    assert replay.json()["error"] == "authentication_failed"
    assert set_cookies(replay) == {"wos-session-verifier": VERIFIER_DELETED}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda state: state[:-1] + ("A" if state[-1] != "A" else "B"), id="altered"),
        pytest.param(lambda state: "", id="empty"),
        pytest.param(lambda state: state + "x", id="longer"),
    ],
)
async def test_a_tampered_state_is_400_and_sets_no_session(
    http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS, change: object
) -> None:
    url, verifier = await start_login(http)
    location = await authorize_at_fake(url)
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["state"] = change(query["state"])  # type: ignore[operator]
    fake.clear_requests()
    response = await http.get(
        parts.path,
        params=query,
        headers={"Cookie": f"wos-session-verifier={verifier}"},
    )
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_state"}
    assert set_cookies(response) == {"wos-session-verifier": VERIFIER_DELETED}
    assert not [r for r in fake.requests if r.path == "/user_management/authenticate"]


async def test_callback_without_the_verifier_cookie_or_with_a_forged_one(
    http: httpx.AsyncClient, signed_in: SignedIn
) -> None:
    url, verifier = await start_login(http)
    location = await authorize_at_fake(url)
    missing = await http.get(callback_path(location))
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_state"
    # Over plain http with Secure cookies the answer says why the cookie did not come back.
    assert "cookie_secure=False" in missing.json()["hint"]
    forged_value = IronSealer("an-attacker-password-of-32-characters-xx").seal(
        {"state": parse_qs(urlsplit(location).query)["state"][0], "codeVerifier": "x" * 43}
    )
    forged = await http.get(
        callback_path(location), headers={"Cookie": f"wos-session-verifier={forged_value}"}
    )
    assert forged.status_code == 400 and "wos-session" not in set_cookies(forged)
    # The verifier cookie expires after 10 minutes (sealed with a TTL, not only Max-Age).
    assert IronSealer(PASSWORD).unseal(verifier)["state"]


async def test_an_error_from_workos_is_400(http: httpx.AsyncClient) -> None:
    response = await http.get("/callback?error=access_denied&error_description=no")
    assert response.status_code == 400
    assert response.json() == {"error": "authorization_failed", "reason": "access_denied"}
    assert set_cookies(response) == {"wos-session-verifier": VERIFIER_DELETED}


@pytest.mark.parametrize(
    "return_to",
    [
        "//evil.example/x",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\t/evil.example",
        "evil.example",
    ],
)
async def test_no_open_redirect_after_sign_in(
    http: httpx.AsyncClient, signed_in: SignedIn, return_to: str
) -> None:
    url, verifier = await start_login(http, "?" + httpx.QueryParams(return_to=return_to).__str__())
    assert IronSealer(PASSWORD).unseal(verifier)["returnTo"] == "/"
    location = await authorize_at_fake(url)
    response = await http.get(
        callback_path(location), headers={"Cookie": f"wos-session-verifier={verifier}"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_safe_return_path() -> None:
    assert safe_return_path("/a/b?c=1#d") == "/a/b?c=1#d"
    assert safe_return_path("/") == "/"
    for bad in (None, "", "a", "//x", "/\\x", "/a\r\nSet-Cookie: x", "http://x/", "/" + "a" * 3000):
        assert safe_return_path(bad, "/home") == "/home"


def test_cookie_headers() -> None:
    assert set_cookie_header("n", "v*1~2", max_age=5) == (
        "n=v*1~2; Path=/; Max-Age=5; HttpOnly; Secure; SameSite=Lax"
    )
    assert set_cookie_header(
        "n", "v", max_age=5, domain="example.com", secure=False, same_site="Strict"
    ) == ("n=v; Path=/; Max-Age=5; Domain=example.com; HttpOnly; SameSite=Strict")
    assert delete_cookie_header("n", path="/p").startswith("n=; Path=/p; Max-Age=0; Expires=")
    with pytest.raises(ValueError, match="cookie value"):
        set_cookie_header("n", "a;b", max_age=1)
    with pytest.raises(ValueError, match="cookie name"):
        set_cookie_header("a b", "v", max_age=1)
    with pytest.raises(ValueError, match="Secure"):
        set_cookie_header("n", "v", max_age=1, secure=False, same_site="None")


async def test_logout(http: httpx.AsyncClient, signed_in: SignedIn, fake: FakeWorkOS) -> None:
    response = await http.post("/logout", headers={"Cookie": f"wos-session={signed_in.cookie}"})
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(f"{fake.url}/user_management/sessions/logout?session_id=session_")
    assert "Max-Age=0" in set_cookies(response)["wos-session"]
    # Expired tokens still log out (the session id is what matters).
    fake.clock.advance(fake.auth.access_token_ttl + 10)
    expired = await http.post("/logout", headers={"Cookie": f"wos-session={signed_in.cookie}"})
    assert expired.headers["location"] == location
    # No session, or a garbage one: home, cookie deleted.
    for headers in ({}, {"Cookie": "wos-session=garbage"}):
        anonymous = await http.post("/logout", headers=headers)
        assert anonymous.status_code == 303 and anonymous.headers["location"] == "/"
        assert "Max-Age=0" in set_cookies(anonymous)["wos-session"]
    # GET is not logout (a link or an <img> must not sign users out).
    assert (await http.get("/logout")).status_code == 405


async def test_the_lifespan_creates_the_client_and_prefetches_the_keys(fake: FakeWorkOS) -> None:
    authkit = AuthKit(
        client_options={"api_key": fake.api_key, "client_id": fake.client_id, "base_url": fake.url},
        cookie_password=PASSWORD,
    )
    app = FastAPI(lifespan=authkit.lifespan)
    async with authkit.lifespan(app):
        assert isinstance(app.state.workos, AsyncWorkOS)
        assert authkit.client is app.state.workos
        assert fake.auth.jwks_fetches == 1
        assert authkit.sessions.jwks.key_set is not None
    with pytest.raises(RuntimeError, match="lifespan"):
        authkit.client  # noqa: B018


async def test_the_lifespan_starts_when_the_jwks_endpoint_is_down(fake: FakeWorkOS) -> None:
    from workos_async.testing import Fault

    fake.faults.add(Fault(method="GET", path="/sso/jwks/*", status=500, count=None))
    authkit = AuthKit(
        client_options={
            "api_key": fake.api_key,
            "client_id": fake.client_id,
            "base_url": fake.url,
            "max_retries": 0,
        },
        cookie_password=PASSWORD,
    )
    async with authkit.lifespan():
        assert authkit.sessions.jwks.key_set is None


def test_authkit_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    # Nothing is read at construction: a missing password is reported when the app starts.
    unconfigured = AuthKit()
    with pytest.raises(ValueError, match="cookie_password"):
        unconfigured.configure()
    with pytest.raises(ValueError, match="32"):
        AuthKit(cookie_password="short")
    with pytest.raises(ValueError, match="login_path"):
        AuthKit(cookie_password=PASSWORD, login_path="https://x/login")
    with pytest.raises(ValueError, match="cookie_same_site"):
        AuthKit(cookie_password=PASSWORD, cookie_same_site="None", cookie_secure=False)
    with pytest.raises(TypeError, match="client"):
        AuthKit(cookie_password=PASSWORD, client="x")  # type: ignore[arg-type]
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    assert "wos-session" in repr(AuthKit())


async def test_configuration_is_read_when_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, workos: AsyncWorkOS
) -> None:
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    monkeypatch.delenv("WORKOS_REDIRECT_URI", raising=False)
    authkit = AuthKit(client=workos)  # nothing read yet
    with pytest.raises(ValueError, match="WORKOS_COOKIE_PASSWORD"):
        async with authkit.lifespan():
            pass
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    monkeypatch.setenv("WORKOS_REDIRECT_URI", REDIRECT_URI)
    assert "user_management" not in workos._resources
    async with authkit.lifespan():
        assert authkit.redirect_uri == REDIRECT_URI
        assert authkit.cookie_password == PASSWORD
        # Warmed at start: the first request does not build the resource.
        assert "user_management" in workos._resources
