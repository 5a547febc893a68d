"""``/_fake/auth``: the authentication flows' settings, keys and counters over HTTP (for a
fake served to another process by ``workos-async fake-server``)."""

from __future__ import annotations

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api


async def test_get_put_and_rotate(api: Api, fake: FakeWorkOS) -> None:
    r = await api.get("/_fake/auth")
    assert r.status == 200
    assert r.body["settings"]["access_token_ttl"] == 300
    assert r.body["settings"]["require_mfa"] is False
    assert (r.body["jwks_fetches"], r.body["refresh_requests"]) == (0, 0)
    r = await api.put(
        "/_fake/auth",
        json={
            "access_token_ttl": 5,
            "require_email_verification": True,
            "sso_required_connection_ids": ["conn_01"],
            "role_permissions": {"admin": ["users:write"]},
            "device_flow": "pending",
        },
    )
    assert r.status == 200, r.body
    assert fake.auth.access_token_ttl == 5 and fake.auth.require_email_verification
    assert fake.auth.sso_required_connection_ids == ("conn_01",)
    assert r.body["settings"]["sso_required_connection_ids"] == ["conn_01"]
    assert r.body["settings"]["role_permissions"] == {"admin": ["users:write"]}

    # All or nothing: one refused value leaves every setting as it was.
    r = await api.put("/_fake/auth", json={"require_mfa": True, "access_token_ttl": -1})
    assert r.status == 422 and "access_token_ttl" in r.body["message"]
    assert fake.auth.require_mfa is False and fake.auth.access_token_ttl == 5
    r = await api.put("/_fake/auth", json={"require_mfa": True, "nonsense": 1})
    assert r.status == 422 and "nonsense" in r.body["message"]
    assert (await api.put("/_fake/auth", json=[1])).status == 422

    r = await api.post("/_fake/auth/rotate_key", json={})
    assert r.status == 200 and r.body["signing_kids"] == [r.body["kid"]]
    first = r.body["kid"]
    r = await api.post("/_fake/auth/rotate_key", json={"keep_old": False})
    assert r.body["signing_kids"] == [r.body["kid"]] and r.body["kid"] != first
    assert fake.auth.signing_kids == [r.body["kid"]]
    r = await api.post("/_fake/auth/rotate_key", json={"keep_old": "yes"})
    assert r.status == 422
    assert (await api.post("/_fake/auth/rotate_key", json={"other": 1})).status == 422

    r = await api.get(f"/sso/jwks/{fake.client_id}")
    assert (await api.get("/_fake/auth")).body["jwks_fetches"] == 1
    fake.reset()
    assert (await api.get("/_fake/auth")).body["settings"]["access_token_ttl"] == 300


async def test_control_needs_the_api_key(fake: FakeWorkOS) -> None:
    import aiohttp

    async with aiohttp.ClientSession(fake.url) as session:
        async with session.get("/_fake/auth") as r:
            assert r.status == 401
        async with session.put("/_fake/auth", json={"require_mfa": True}) as r:
            assert r.status == 401
    assert fake.auth.require_mfa is False
