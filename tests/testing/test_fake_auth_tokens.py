"""The fake's tokens: refresh rotation and single use, organization switch, revocation and
logout, claims, the JWKS (shape, counter, rotation) and verification with
``workos_async.sessions.verify_access_token`` (raw HTTP, no SDK)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from cryptography import x509

from workos_async.sessions import (
    InvalidIssuerError,
    KeySet,
    TokenExpiredError,
    UnknownKeyIdError,
    decode_unverified_claims,
    decode_unverified_header,
    verify_access_token,
)
from workos_async.testing import FakeWorkOS

from .fake_helpers import Api, Resp

AUTH = "/user_management/authenticate"
PASSWORD = "correct horse battery"


@pytest.fixture
async def public(fake: FakeWorkOS) -> AsyncIterator[Api]:
    async with aiohttp.ClientSession(fake.url) as session:
        yield Api(session)


async def authenticate(api: Api, fake: FakeWorkOS, grant_type: str, **fields: Any) -> Resp:
    body = {"client_id": fake.client_id, "client_secret": fake.api_key, "grant_type": grant_type}
    body.update(fields)
    return await api.post(AUTH, json=body)


async def sign_in(api: Api, fake: FakeWorkOS, email: str = "ada@example.com") -> dict[str, Any]:
    if fake.store.user_by_email_lookup(email) is None:
        await api.create_user(email, password=PASSWORD)
    r = await authenticate(api, fake, "password", email=email, password=PASSWORD)
    assert r.status == 200, r.body
    return r.body  # type: ignore[no-any-return]


async def refresh(api: Api, fake: FakeWorkOS, token: str, **fields: Any) -> Resp:
    return await authenticate(api, fake, "refresh_token", refresh_token=token, **fields)


async def jwks(public: Api, fake: FakeWorkOS) -> dict[str, Any]:
    r = await public.get(f"/sso/jwks/{fake.client_id}")
    assert r.status == 200, r.body
    return r.body  # type: ignore[no-any-return]


async def member(api: Api, user_id: str, org_id: str, **fields: Any) -> dict[str, Any]:
    r = await api.post(
        "/user_management/organization_memberships",
        json={"user_id": user_id, "organization_id": org_id, **fields},
    )
    assert r.status == 201, r.body
    return r.body  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------ refresh
async def test_refresh_rotates_and_each_token_is_single_use(api: Api, fake: FakeWorkOS) -> None:
    first = await sign_in(api, fake)
    sid = decode_unverified_claims(first["access_token"])["sid"]
    second = await refresh(api, fake, first["refresh_token"])
    assert second.status == 200, second.body
    assert second.body["refresh_token"] != first["refresh_token"]
    assert second.body["access_token"] != first["access_token"]
    assert second.body["user"]["id"] == first["user"]["id"]
    assert second.body["authentication_method"] == "Password"
    assert decode_unverified_claims(second.body["access_token"])["sid"] == sid  # same session
    reused = await refresh(api, fake, first["refresh_token"])
    assert (reused.status, reused.body["error"]) == (400, "invalid_grant")
    third = await refresh(api, fake, second.body["refresh_token"])
    assert third.status == 200
    unknown = await refresh(api, fake, "no-such-token")
    assert (unknown.status, unknown.body["error"]) == (400, "invalid_grant")
    # One count per presentation, whatever the outcome.
    assert fake.auth.refresh_requests(first["refresh_token"]) == 2
    assert fake.auth.refresh_requests(second.body["refresh_token"]) == 1
    assert fake.auth.refresh_requests(third.body["refresh_token"]) == 0
    assert fake.auth.refresh_requests() == 4
    assert len(fake.store.sessions) == 1


async def test_refresh_needs_an_active_session(api: Api, public: Api, fake: FakeWorkOS) -> None:
    revoked = await sign_in(api, fake)
    sid = decode_unverified_claims(revoked["access_token"])["sid"]
    r = await api.post("/user_management/sessions/revoke", json={"session_id": sid})
    assert r.status == 200
    r = await refresh(api, fake, revoked["refresh_token"])
    assert (r.status, r.body["error"]) == (400, "invalid_grant")

    logged_out = await sign_in(api, fake)
    sid = decode_unverified_claims(logged_out["access_token"])["sid"]
    r = await public.get(
        "/user_management/sessions/logout",
        params={"session_id": sid, "return_to": "http://localhost:3000/bye"},
        allow_redirects=False,
    )
    assert (r.status, r.headers["Location"]) == (302, "http://localhost:3000/bye")
    assert fake.store.sessions[sid]["status"] == "revoked"
    assert fake.store.sessions[sid]["ended_at"] is not None
    r = await refresh(api, fake, logged_out["refresh_token"])
    assert (r.status, r.body["error"]) == (400, "invalid_grant")

    expired = await sign_in(api, fake)
    fake.clock.advance(30 * 24 * 3600)
    r = await refresh(api, fake, expired["refresh_token"])
    assert (r.status, r.body["error"]) == (400, "invalid_grant")

    deleted = await sign_in(api, fake, "gone@example.com")
    assert (await api.delete(f"/user_management/users/{deleted['user']['id']}")).status == 200
    r = await refresh(api, fake, deleted["refresh_token"])
    assert (r.status, r.body["error"]) == (400, "invalid_grant")


async def test_logout(api: Api, public: Api, fake: FakeWorkOS) -> None:
    body = await sign_in(api, fake)
    sid = decode_unverified_claims(body["access_token"])["sid"]
    r = await public.get("/user_management/sessions/logout", params={"session_id": sid})
    assert (r.status, r.raw) == (200, b"")
    assert fake.store.sessions[sid]["status"] == "revoked"
    fake.auth.logout_redirect = "http://localhost:3000/signed-out"
    r = await public.get(
        "/user_management/sessions/logout", params={"session_id": sid}, allow_redirects=False
    )
    assert (r.status, r.headers["Location"]) == (302, "http://localhost:3000/signed-out")
    r = await public.get("/user_management/sessions/logout")
    assert r.status == 422 and "session_id" in r.body["message"]
    r = await public.get("/user_management/sessions/logout", params={"session_id": "session_x"})
    assert r.status == 422
    r = await public.get(
        "/user_management/sessions/logout", params={"session_id": sid, "return_to": "/relative"}
    )
    assert r.status == 422


async def test_refresh_switches_organization(api: Api, fake: FakeWorkOS) -> None:
    body = await sign_in(api, fake)
    user_id = body["user"]["id"]
    acme = await api.create_org("Acme")
    globex = await api.create_org("Globex")
    stranger = await api.create_org("Stranger")
    await member(api, user_id, acme["id"], role_slug="admin")
    await member(api, user_id, globex["id"], role_slugs=["member", "admin"])
    fake.auth.role_permissions = {"admin": ["users:write", "users:read"], "member": ["users:read"]}
    fake.auth.entitlements = {acme["id"]: ["audit-logs"]}

    r = await refresh(api, fake, body["refresh_token"], organization_id=acme["id"])
    assert r.status == 200, r.body
    assert r.body["organization_id"] == acme["id"]
    claims = decode_unverified_claims(r.body["access_token"])
    assert claims["org_id"] == acme["id"]
    assert (claims["role"], claims["roles"]) == ("admin", ["admin"])
    assert claims["permissions"] == ["users:write", "users:read"]
    assert claims["entitlements"] == ["audit-logs"]
    assert fake.store.sessions[claims["sid"]]["organization_id"] == acme["id"]

    # The organization is kept unless another is asked for.
    kept = await refresh(api, fake, r.body["refresh_token"])
    assert decode_unverified_claims(kept.body["access_token"])["org_id"] == acme["id"]

    switched = await refresh(api, fake, kept.body["refresh_token"], organization_id=globex["id"])
    claims = decode_unverified_claims(switched.body["access_token"])
    assert (claims["org_id"], claims["role"], claims["roles"]) == (
        globex["id"],
        "member",
        ["member", "admin"],
    )
    assert claims["permissions"] == ["users:read", "users:write"]
    assert "entitlements" not in claims

    token = switched.body["refresh_token"]
    r = await refresh(api, fake, token, organization_id=stranger["id"])
    assert (r.status, r.body["code"]) == (400, "organization_membership_not_found")
    r = await refresh(api, fake, token, organization_id="org_missing")
    assert (r.status, r.body["code"]) == (400, "organization_not_found")
    # A refused switch does not burn the token.
    assert (await refresh(api, fake, token)).status == 200


async def test_single_membership_is_selected_and_claims(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    acme = await api.create_org("Acme")
    await member(api, user["id"], acme["id"])
    fake.store.add_feature_flag(user["id"], "new-dashboard")
    fake.store.add_feature_flag(user["id"], "old-thing", enabled=False)
    fake.auth.custom_claims = {"tier": "gold", "sub": "ignored"}
    body = await sign_in(api, fake)
    assert body["organization_id"] == acme["id"]
    claims = decode_unverified_claims(body["access_token"])
    assert claims["org_id"] == acme["id"] and claims["role"] == "member"
    assert claims["permissions"] == [] and claims["feature_flags"] == ["new-dashboard"]
    assert claims["tier"] == "gold" and claims["sub"] == user["id"]
    assert set(claims) == {
        "iss", "sub", "sid", "jti", "iat", "exp", "org_id", "role", "roles", "permissions",
        "feature_flags", "tier",
    }  # fmt: skip
    assert claims["iss"] == fake.url and claims["exp"] - claims["iat"] == 300
    assert len(claims["jti"]) == 26
    fake.auth.auto_select_organization = False
    assert "organization_id" not in await sign_in(api, fake)


# ------------------------------------------------------------------------------ JWKS
async def test_jwks_document(api: Api, public: Api, fake: FakeWorkOS) -> None:
    document = await jwks(public, fake)
    (key,) = document["keys"]
    assert set(key) == {"alg", "kty", "use", "x5c", "n", "e", "kid", "x5t#S256"}
    assert (key["alg"], key["kty"], key["use"]) == ("RS256", "RSA", "sig")
    der = base64.b64decode(key["x5c"][0])
    cert = x509.load_der_x509_certificate(der)
    numbers = cert.public_key().public_numbers()  # type: ignore[union-attr]
    n = int.from_bytes(base64.urlsafe_b64decode(key["n"] + "=" * (-len(key["n"]) % 4)), "big")
    assert numbers.n == n and numbers.n.bit_length() == 2048  # type: ignore[union-attr]
    digest = base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b"=").decode()
    assert key["x5t#S256"] == digest
    assert fake.auth.signing_kids == [key["kid"]]
    r = await public.get("/sso/jwks/client_other")
    assert r.status == 404 and set(r.body) == {"message"}
    assert fake.auth.jwks_fetches == 1
    await jwks(public, fake)
    assert fake.auth.jwks_fetches == 2
    assert fake.counters.by_route[("GET", "/sso/jwks/{client_id}")] == 3


async def test_tokens_verify_against_the_jwks(api: Api, public: Api, fake: FakeWorkOS) -> None:
    body = await sign_in(api, fake)
    keys = KeySet.from_jwks(await jwks(public, fake))
    claims = verify_access_token(body["access_token"], keys, issuer=fake.url, clock=fake.clock.now)
    assert claims.sub == body["user"]["id"] and claims.is_user_session
    with pytest.raises(InvalidIssuerError):
        verify_access_token(body["access_token"], keys, issuer="https://api.workos.com")
    fake.auth.issuer = "https://auth.example.com"
    fake.auth.audience = fake.client_id
    other = await sign_in(api, fake)
    claims = verify_access_token(
        other["access_token"], keys, issuer="https://auth.example.com", client_id=fake.client_id
    )
    assert claims.aud == fake.client_id


async def test_short_access_tokens_expire_on_the_fake_clock(
    api: Api, public: Api, fake: FakeWorkOS
) -> None:
    fake.auth.access_token_ttl = 2
    body = await sign_in(api, fake)
    keys = KeySet.from_jwks(await jwks(public, fake))
    verify_access_token(body["access_token"], keys, clock=fake.clock.now)
    fake.clock.advance(3)
    with pytest.raises(TokenExpiredError) as info:
        verify_access_token(body["access_token"], keys, clock=fake.clock.now)
    assert info.value.claims.sid == decode_unverified_claims(body["access_token"])["sid"]
    fresh = await refresh(api, fake, body["refresh_token"])
    verify_access_token(fresh.body["access_token"], keys, clock=fake.clock.now)


async def test_key_rotation(api: Api, public: Api, fake: FakeWorkOS) -> None:
    old = await sign_in(api, fake)
    old_kid = decode_unverified_header(old["access_token"])["kid"]
    new_kid = fake.rotate_signing_key()
    assert new_kid != old_kid and fake.auth.signing_kids == [new_kid, old_kid]
    new = await sign_in(api, fake)
    assert decode_unverified_header(new["access_token"])["kid"] == new_kid
    both = KeySet.from_jwks(await jwks(public, fake))
    for token in (old["access_token"], new["access_token"]):
        verify_access_token(token, both, clock=fake.clock.now)
    newest = fake.rotate_signing_key(keep_old=False)
    only = KeySet.from_jwks(await jwks(public, fake))
    assert list(only) == [newest]
    with pytest.raises(UnknownKeyIdError):
        verify_access_token(new["access_token"], only, clock=fake.clock.now)
    with pytest.raises(TypeError):
        fake.rotate_signing_key(keep_old="no")  # type: ignore[arg-type]


async def test_sign_token_and_settings_checks(fake: FakeWorkOS) -> None:
    token = fake.auth.sign_token({"sub": "user_1", "exp": 1})
    assert decode_unverified_claims(token) == {"sub": "user_1", "exp": 1}
    assert decode_unverified_header(token)["kid"] == fake.auth.signing_kids[0]
    with pytest.raises(KeyError):
        fake.auth.sign_token({"sub": "x"}, kid="unknown")
    for name, value, error in [
        ("access_token_ttl", 0, ValueError),
        ("access_token_ttl", "5", ValueError),
        ("require_mfa", 1, TypeError),
        ("issuer", "", TypeError),
        ("device_flow", "maybe", ValueError),
        ("role_permissions", {"admin": "users:read"}, TypeError),
        ("sso_required_connection_ids", [""], TypeError),
    ]:
        with pytest.raises(error, match=name):
            setattr(fake.auth, name, value)
    fake.auth.sso_required_connection_ids = ["conn_1"]  # type: ignore[assignment]
    assert fake.auth.sso_required_connection_ids == ("conn_1",)


async def test_reset_restores_settings_and_forgets_tokens(api: Api, fake: FakeWorkOS) -> None:
    body = await sign_in(api, fake)
    kid = fake.auth.signing_kids[0]
    fake.auth.access_token_ttl = 10
    fake.auth.require_mfa = True
    fake.auth.role_permissions = {"admin": ["x"]}
    fake.reset()
    assert fake.auth.access_token_ttl == 300 and fake.auth.require_mfa is False
    assert fake.auth.role_permissions == {} and fake.auth.refresh_requests() == 0
    assert fake.auth.signing_kids == [kid]  # keys survive a reset
    await api.create_user("ada@example.com", password=PASSWORD)
    r = await refresh(api, fake, body["refresh_token"])
    assert (r.status, r.body["error"]) == (400, "invalid_grant")


_WITHOUT_CRYPTOGRAPHY = """
import asyncio, sys
sys.modules["cryptography"] = None  # as if the 'sessions' extra were not installed
import aiohttp
from workos_async.testing import FakeWorkOS

async def main():
    async with FakeWorkOS() as fake, aiohttp.ClientSession(fake.url) as http:
        key = {"Authorization": f"Bearer {fake.api_key}"}
        body = {"email": "ada@example.com", "password": "correct horse battery"}
        async with http.post("/user_management/users", json=body, headers=key) as r:
            print(r.status)
        body.update(grant_type="password", client_id=fake.client_id, client_secret=fake.api_key)
        async with http.post("/user_management/authenticate", json=body) as r:
            print(r.status, (await r.json())["message"])
        async with http.get(f"/sso/jwks/{fake.client_id}") as r:
            print(r.status)
        print(len(fake.store.sessions), fake.internal_errors, "cryptography" in sys.modules)

asyncio.run(main())
"""


def test_everything_else_works_without_cryptography() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_CRYPTOGRAPHY],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "201"
    assert lines[1].startswith("500 ") and "pip install 'workos-async[sessions]'" in lines[1]
    assert lines[2] == "500"
    assert lines[3] == "0 [] True"  # no half-made session, no crash
