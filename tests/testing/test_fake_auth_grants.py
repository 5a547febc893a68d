"""The fake's /authenticate: password and authorization-code grants, client checks, /authorize
and PKCE (raw HTTP, no SDK)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from workos_async.sessions import decode_unverified_claims
from workos_async.testing import FakeWorkOS

from .fake_helpers import Api, Resp

AUTH = "/user_management/authenticate"
AUTHORIZE = "/user_management/authorize"
PASSWORD = "correct horse battery"


@pytest.fixture
async def public(fake: FakeWorkOS) -> AsyncIterator[Api]:
    """A client that sends no API key (the browser, a device, a public client)."""
    async with aiohttp.ClientSession(fake.url) as session:
        yield Api(session)


async def authenticate(api: Api, fake: FakeWorkOS, grant_type: str, **fields: Any) -> Resp:
    body = {"client_id": fake.client_id, "client_secret": fake.api_key, "grant_type": grant_type}
    body.update(fields)
    return await api.post(AUTH, json={k: v for k, v in body.items() if v is not None})


async def authorize(public: Api, fake: FakeWorkOS, **params: str) -> dict[str, list[str]]:
    """Follow /authorize to its redirect; the redirect's query."""
    query = {"client_id": fake.client_id, "redirect_uri": "http://localhost:3000/callback"}
    query.update(response_type="code", **params)
    r = await public.get(AUTHORIZE, params=query, allow_redirects=False)
    assert r.status == 302, r.body
    location = urlsplit(r.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == query["redirect_uri"]
    return parse_qs(location.query)


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# ------------------------------------------------------------------------------ password
async def test_password_success_shape_session_and_sign_in_time(
    api: Api, public: Api, fake: FakeWorkOS
) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    assert user["last_sign_in_at"] is None
    # Public route: no API key, the client secret authenticates the caller.
    r = await authenticate(
        public,
        fake,
        "password",
        email="ADA@example.com",
        password=PASSWORD,
        ip_address="203.0.113.9",
        user_agent="pytest-agent",
    )
    assert r.status == 200, r.body
    assert set(r.body) == {
        "user",
        "access_token",
        "refresh_token",
        "authentication_method",
    }  # organization_id omitted when none, no impersonator
    assert r.body["authentication_method"] == "Password"
    assert r.body["user"]["id"] == user["id"] and r.body["user"]["last_sign_in_at"] is not None
    claims = decode_unverified_claims(r.body["access_token"])
    session = fake.store.sessions[claims["sid"]]
    assert session["user_id"] == user["id"] and session["status"] == "active"
    assert session["auth_method"] == "password"
    assert (session["ip_address"], session["user_agent"]) == ("203.0.113.9", "pytest-agent")
    assert "organization_id" not in session


async def test_password_failures_are_400_invalid_credentials(api: Api, fake: FakeWorkOS) -> None:
    await api.create_user("ada@example.com", password=PASSWORD)
    await api.create_user("nopass@example.com")
    await api.create_user(
        "hashed@example.com",
        password_hash="$2b$10$" + "a" * 53,
        password_hash_type="bcrypt",
    )
    for email, password in [
        ("ada@example.com", "wrong password"),
        ("nobody@example.com", PASSWORD),
        ("nopass@example.com", PASSWORD),
        ("hashed@example.com", PASSWORD),
    ]:
        r = await authenticate(api, fake, "password", email=email, password=password)
        assert r.status == 400, (email, r.body)
        assert r.body == {"code": "invalid_credentials", "message": "Invalid credentials."}
    assert len(fake.store.sessions) == 0


async def test_client_id_and_secret_are_checked(api: Api, fake: FakeWorkOS) -> None:
    await api.create_user("ada@example.com", password=PASSWORD)
    fields = {"email": "ada@example.com", "password": PASSWORD}
    cases: list[dict[str, str | None]] = [
        {"client_id": "client_other"},
        {"client_id": None},
        {"client_secret": "sk_test_wrong"},
        {"client_secret": None},
    ]
    for override in cases:
        r = await authenticate(api, fake, "password", **fields, **override)
        assert r.status == 400, override
        assert r.body["error"] == "invalid_client", override
        assert "sk_test" not in str(r.body)
    ok = await authenticate(api, fake, "password", **fields)
    assert ok.status == 200


async def test_bad_bodies(api: Api, fake: FakeWorkOS) -> None:
    r = await api.post(AUTH, json={"client_id": fake.client_id})
    assert r.status == 422 and r.body["errors"][0]["field"] == "grant_type"
    r = await authenticate(api, fake, "client_credentials")
    assert (r.status, r.body["error"]) == (400, "invalid_request")
    r = await authenticate(api, fake, "password", email="ada@example.com")
    assert r.status == 422 and [e["field"] for e in r.body["errors"]] == ["password"]
    r = await authenticate(api, fake, "password", email="a@b.co", password=PASSWORD, extra=1)
    assert r.status == 422 and r.body["errors"][0]["code"] == "unknown_field"
    r = await authenticate(api, fake, "password", email="a@b.co", password=123)
    assert r.status == 422 and r.body["errors"][0]["field"] == "password"
    r = await api.post(AUTH, data=b"grant_type=password", headers={"Content-Type": "text/plain"})
    assert (r.status, r.body["code"]) == (400, "invalid_request_body")


# ---------------------------------------------------------------- /authorize and codes
async def test_authorize_and_code_exchange(api: Api, public: Api, fake: FakeWorkOS) -> None:
    await api.create_user("first@example.com")
    ada = await api.create_user("ada@example.com")
    query = await authorize(public, fake, login_hint="ada@example.com", state="s-1")
    assert query["state"] == ["s-1"] and len(query["code"]) == 1
    r = await authenticate(api, fake, "authorization_code", code=query["code"][0])
    assert r.status == 200, r.body
    assert r.body["user"]["id"] == ada["id"] and r.body["authentication_method"] == "Password"
    again = await authenticate(api, fake, "authorization_code", code=query["code"][0])
    assert (again.status, again.body["error"]) == (400, "invalid_grant")
    # Without login_hint: the oldest user, or the configured default.
    first = await authorize(public, fake)
    r = await authenticate(api, fake, "authorization_code", code=first["code"][0])
    assert r.body["user"]["email"] == "first@example.com"
    fake.auth.default_user_id = ada["id"]
    default = await authorize(public, fake)
    r = await authenticate(api, fake, "authorization_code", code=default["code"][0])
    assert r.body["user"]["id"] == ada["id"]


async def test_codes_expire_after_ten_minutes(api: Api, public: Api, fake: FakeWorkOS) -> None:
    await api.create_user("ada@example.com")
    query = await authorize(public, fake)
    fake.clock.advance(600)
    r = await authenticate(api, fake, "authorization_code", code=query["code"][0])
    assert (r.status, r.body["error"]) == (400, "invalid_grant")
    r = await authenticate(api, fake, "authorization_code", code="not-a-code")
    assert (r.status, r.body["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize("method", ["S256", "plain"])
async def test_pkce(api: Api, public: Api, fake: FakeWorkOS, method: str) -> None:
    await api.create_user("ada@example.com")
    verifier = "v" * 43 + method
    challenge = s256(verifier) if method == "S256" else verifier

    async def code() -> str:
        q = await authorize(public, fake, code_challenge=challenge, code_challenge_method=method)
        return q["code"][0]

    r = await authenticate(api, fake, "authorization_code", code=await code())
    assert (r.status, r.body["error"]) == (400, "invalid_grant")  # verifier missing
    wrong = await code()
    r = await authenticate(api, fake, "authorization_code", code=wrong, code_verifier="x" * 43)
    assert (r.status, r.body["error"]) == (400, "invalid_grant")
    # A failed attempt used the code up.
    r = await authenticate(api, fake, "authorization_code", code=wrong, code_verifier=verifier)
    assert (r.status, r.body["error"]) == (400, "invalid_grant")
    r = await authenticate(
        api, fake, "authorization_code", code=await code(), code_verifier=verifier
    )
    assert r.status == 200, r.body


async def test_pkce_plain_is_the_default_method_and_verifier_without_challenge(
    api: Api, public: Api, fake: FakeWorkOS
) -> None:
    await api.create_user("ada@example.com")
    q = await authorize(public, fake, code_challenge="plain-challenge-" + "p" * 30)
    r = await authenticate(
        api,
        fake,
        "authorization_code",
        code=q["code"][0],
        code_verifier="plain-challenge-" + "p" * 30,
    )
    assert r.status == 200, r.body
    q = await authorize(public, fake)
    r = await authenticate(
        api, fake, "authorization_code", code=q["code"][0], code_verifier="v" * 43
    )
    assert (r.status, r.body["code"]) == (400, "code_challenge_not_found")


async def test_authorize_refusals(api: Api, public: Api, fake: FakeWorkOS) -> None:
    base = {
        "client_id": fake.client_id,
        "redirect_uri": "http://localhost:3000/callback",
        "response_type": "code",
    }
    for drop, error in [
        ("client_id", "invalid_request"),
        ("redirect_uri", "invalid_request"),
        ("response_type", "invalid_request"),
    ]:
        query = {k: v for k, v in base.items() if k != drop}
        r = await public.get(AUTHORIZE, params=query, allow_redirects=False)
        assert (r.status, r.body["error"]) == (400, error), drop
        assert drop in r.body["error_description"]
    for change, error in [
        ({"client_id": "client_other"}, "invalid_client"),
        ({"response_type": "token"}, "invalid_request"),
        ({"redirect_uri": "not a url"}, "invalid_request"),
        ({"code_challenge_method": "S512", "code_challenge": "c"}, "invalid_request"),
        ({"provider": "MySpaceOAuth"}, "invalid_request"),
    ]:
        r = await public.get(AUTHORIZE, params={**base, **change}, allow_redirects=False)
        assert (r.status, r.body["error"]) == (400, error), change
    r = await public.get(AUTHORIZE, params={**base, "bogus": "1"}, allow_redirects=False)
    assert r.status == 422
    # No user to sign in, or an unknown hint: back to the app with an OAuth error.
    r = await public.get(AUTHORIZE, params={**base, "state": "st"}, allow_redirects=False)
    assert r.status == 302
    refused = parse_qs(urlsplit(r.headers["Location"]).query)
    assert refused["error"] == ["access_denied"] and refused["state"] == ["st"]
    await api.create_user("ada@example.com")
    r = await public.get(
        AUTHORIZE, params={**base, "login_hint": "eve@example.com"}, allow_redirects=False
    )
    assert parse_qs(urlsplit(r.headers["Location"]).query)["error"] == ["access_denied"]


async def test_authorize_honours_configured_redirect_uris(
    api: Api, public: Api, fake: FakeWorkOS
) -> None:
    await api.create_user("ada@example.com")
    r = await api.post("/user_management/redirect_uris", json={"uri": "https://app.test/cb"})
    assert r.status == 201
    base = {"client_id": fake.client_id, "response_type": "code"}
    r = await public.get(
        AUTHORIZE, params={**base, "redirect_uri": "http://localhost/cb"}, allow_redirects=False
    )
    assert (r.status, r.body["error"]) == (400, "invalid_request")
    r = await public.get(
        AUTHORIZE, params={**base, "redirect_uri": "https://app.test/cb"}, allow_redirects=False
    )
    assert r.status == 302 and r.headers["Location"].startswith("https://app.test/cb?code=")


async def test_authorize_provider_connection_and_organization(
    api: Api, public: Api, fake: FakeWorkOS
) -> None:
    ada = await api.create_user("ada@example.com")
    org = await api.create_org("Acme")
    other = await api.create_org("Other")
    for org_id in (org["id"], other["id"]):
        r = await api.post(
            "/user_management/organization_memberships",
            json={"user_id": ada["id"], "organization_id": org_id},
        )
        assert r.status == 201
    q = await authorize(public, fake, provider="GoogleOAuth", provider_scopes="a,b")
    r = await authenticate(api, fake, "authorization_code", code=q["code"][0])
    assert r.body["authentication_method"] == "GoogleOAuth"
    assert "organization_id" not in r.body  # two memberships: no automatic choice
    assert (
        fake.store.sessions[decode_unverified_claims(r.body["access_token"])["sid"]]["auth_method"]
        == "oauth"
    )
    q = await authorize(public, fake, connection_id="conn_123", organization_id=org["id"])
    r = await authenticate(api, fake, "authorization_code", code=q["code"][0])
    assert r.body["authentication_method"] == "SSO" and r.body["organization_id"] == org["id"]
    assert decode_unverified_claims(r.body["access_token"])["org_id"] == org["id"]
    q = await authorize(public, fake, **{"provider_query_params[hd]": "acme.com"})
    assert "code" in q
    stranger = await api.create_org("Stranger")
    r = await public.get(
        AUTHORIZE,
        params={
            "client_id": fake.client_id,
            "redirect_uri": "http://localhost/cb",
            "response_type": "code",
            "organization_id": stranger["id"],
        },
        allow_redirects=False,
    )
    assert parse_qs(urlsplit(r.headers["Location"]).query)["error"] == ["access_denied"]


async def test_impersonation_code(api: Api, fake: FakeWorkOS) -> None:
    ada = await api.create_user("ada@example.com")
    code = fake.auth.create_authorization_code(
        ada["id"], impersonator={"email": "admin@example.com", "reason": "support ticket"}
    )
    r = await authenticate(api, fake, "authorization_code", code=code)
    assert r.status == 200, r.body
    assert r.body["authentication_method"] == "Impersonation"
    assert r.body["impersonator"] == {"email": "admin@example.com", "reason": "support ticket"}
    claims = decode_unverified_claims(r.body["access_token"])
    assert claims["act"] == {"sub": "admin@example.com"}
    session = fake.store.sessions[claims["sid"]]
    assert session["auth_method"] == "impersonation" and session["impersonator"]["email"]
    # Refreshing keeps the impersonation.
    r = await authenticate(api, fake, "refresh_token", refresh_token=r.body["refresh_token"])
    assert r.body["impersonator"]["email"] == "admin@example.com"
    assert decode_unverified_claims(r.body["access_token"])["act"] == {"sub": "admin@example.com"}
    with pytest.raises(KeyError):
        fake.auth.create_authorization_code("user_missing")
    with pytest.raises(ValueError, match="code_challenge_method"):
        fake.auth.create_authorization_code(ada["id"], code_challenge_method="S512")


async def test_secrets_stay_out_of_the_request_log(api: Api, public: Api, fake: FakeWorkOS) -> None:
    await api.create_user("ada@example.com", password=PASSWORD)
    r = await authenticate(api, fake, "password", email="ada@example.com", password=PASSWORD)
    refresh = r.body["refresh_token"]
    await authenticate(api, fake, "refresh_token", refresh_token=refresh)
    q = await authorize(public, fake, code_challenge="c" * 43)
    await authenticate(api, fake, "authorization_code", code=q["code"][0], code_verifier="c" * 43)
    log = repr(fake.requests) + repr(fake.auth)
    for secret in (PASSWORD, refresh, fake.api_key, q["code"][0]):
        assert secret not in log
