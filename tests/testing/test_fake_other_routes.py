"""Sessions, auth factors, redirect URIs, CORS origins, the JWT template and the smaller
user resources (identities, authorized apps, connected accounts, data providers, flags, API
keys)."""

from __future__ import annotations

import pytest

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

U = "/user_management/users"


async def test_sessions_list_and_revoke(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("s@example.com")
    org = await api.create_org("Acme")
    session = fake.store.create_session(
        user["id"], organization_id=org["id"], ip_address="10.0.0.1", user_agent="ua"
    )
    listed = (await api.get(f"{U}/{user['id']}/sessions")).body["data"]
    assert listed == [session]
    assert (
        session["status"] == "active"
        and session["ended_at"] is None
        and session["organization_id"] == org["id"]
    )
    r = await api.post("/user_management/sessions/revoke", json={"session_id": session["id"]})
    assert r.status == 200 and r.raw == b""
    revoked = (await api.get(f"{U}/{user['id']}/sessions")).body["data"][0]
    assert revoked["status"] == "revoked" and revoked["ended_at"] is not None
    r = await api.post(
        "/user_management/sessions/revoke",
        json={"session_id": "session_01ZZZZZZZZZZZZZZZZZZZZZZZZ"},
    )
    assert r.status == 400 and "message" in r.body
    assert (await api.get(f"{U}/user_01ZZZZZZZZZZZZZZZZZZZZZZZZ/sessions")).status == 404
    with pytest.raises(KeyError):
        fake.store.create_session("user_01ZZZZZZZZZZZZZZZZZZZZZZZZ")


async def test_enroll_totp_list_get_delete(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("f@example.com")
    r = await api.post(
        f"{U}/{user['id']}/auth_factors", json={"type": "totp", "totp_issuer": "Acme"}
    )
    assert r.status == 201
    factor, challenge = r.body["authentication_factor"], r.body["authentication_challenge"]
    assert factor["type"] == "totp" and factor["user_id"] == user["id"]
    assert set(factor["totp"]) == {"issuer", "user", "secret", "qr_code", "uri"}
    assert factor["totp"]["secret"] == fake.store.factor_secret(factor["id"])
    assert factor["totp"]["uri"].startswith("otpauth://totp/Acme:")
    assert challenge["authentication_factor_id"] == factor["id"]
    got = (await api.get(f"/auth/factors/{factor['id']}")).body
    assert got["totp"] == {"issuer": "Acme", "user": "f@example.com"}  # no secret once enrolled
    listed = (await api.get(f"{U}/{user['id']}/auth_factors")).body["data"]
    assert [f["id"] for f in listed] == [factor["id"]]
    r = await api.delete(f"/auth/factors/{factor['id']}")
    assert r.status == 200 and r.raw == b""
    assert (await api.get(f"/auth/factors/{factor['id']}")).status == 404
    assert fake.store.factor_secret(factor["id"]) is None


async def test_enroll_sms_and_bad_types(api: Api) -> None:
    user = await api.create_user("f@example.com")
    r = await api.post(
        f"{U}/{user['id']}/auth_factors", json={"type": "sms", "phone_number": "+15555550100"}
    )
    assert r.status == 201 and r.body["authentication_factor"]["sms"] == {
        "phone_number": "+15555550100"
    }
    for body in ({"type": "webauthn"}, {"type": "sms"}, {}, {"type": "totp", "phone_number": "+1"}):
        r = await api.post(f"{U}/{user['id']}/auth_factors", json=body)
        assert r.status == 422, body
    assert (
        await api.post(f"{U}/user_01ZZZZZZZZZZZZZZZZZZZZZZZZ/auth_factors", json={"type": "totp"})
    ).status == 404


async def test_redirect_uris_and_cors_origins(api: Api) -> None:
    r = await api.post(
        "/user_management/redirect_uris", json={"uri": "https://app.example.com/callback"}
    )
    assert r.status == 201 and r.body["default"] is True and r.body["object"] == "redirect_uri"
    r2 = await api.post("/user_management/redirect_uris", json={"uri": "myapp://callback"})
    assert r2.status == 201 and r2.body["default"] is False
    dup = await api.post(
        "/user_management/redirect_uris", json={"uri": "https://app.example.com/callback"}
    )
    assert dup.status == 400 and set(dup.body) == {"message"}
    assert (
        await api.post("/user_management/redirect_uris", json={"uri": "no-scheme"})
    ).status == 422
    r = await api.post("/user_management/cors_origins", json={"origin": "https://App.example.com"})
    assert r.status == 201 and r.body["origin"] == "https://app.example.com"
    dup = await api.post(
        "/user_management/cors_origins", json={"origin": "https://app.example.com"}
    )
    assert dup.status == 409 and set(dup.body) == {"code", "message"}
    bad = await api.post("/user_management/cors_origins", json={"origin": "https://x.com/path"})
    assert bad.status == 422 and set(bad.body) == {"message", "errors"}


async def test_jwt_template(api: Api) -> None:
    r = await api.get("/user_management/jwt_template")
    assert r.status == 200 and r.body["object"] == "jwt_template" and r.body["content"] == "{}"
    content = '{"urn:myapp:role": "{{ organization_membership.role }}"}'
    r = await api.put("/user_management/jwt_template", json={"content": content})
    assert r.status == 200 and r.body["content"] == content
    assert (await api.get("/user_management/jwt_template")).body["content"] == content
    for bad in ({"content": "not json"}, {"content": "[1]"}, {}, {"content": {"a": 1}}):
        assert (await api.put("/user_management/jwt_template", json=bad)).status == 422, bad


async def test_identities_apps_connected_accounts_providers_flags(
    api: Api, fake: FakeWorkOS
) -> None:
    user = await api.create_user("r@example.com")
    uid = user["id"]
    assert (await api.get(f"{U}/{uid}/identities")).body == []  # a bare array
    fake.store.add_identity(uid, provider="GoogleOAuth", idp_id="g-1")
    assert (await api.get(f"{U}/{uid}/identities")).body == [
        {"idp_id": "g-1", "type": "OAuth", "provider": "GoogleOAuth"}
    ]
    app = fake.store.add_authorized_application(uid, name="CLI", scopes=["openid"])
    listed = (await api.get(f"{U}/{uid}/authorized_applications")).body["data"]
    assert [a["id"] for a in listed] == [app["id"]] and "_user_id" not in listed[0]
    r = await api.delete(f"{U}/{uid}/authorized_applications/{app['application']['id']}")
    assert r.status == 204
    assert (await api.get(f"{U}/{uid}/authorized_applications")).body["data"] == []
    assert (await api.delete(f"{U}/{uid}/authorized_applications/{app['id']}")).status == 404
    fake.store.add_data_provider(uid, "github")
    fake.store.add_connected_account(uid, "github", scopes=["repo"])
    providers = (await api.get(f"{U}/{uid}/data_providers")).body
    assert set(providers) == {"object", "data"} and providers["data"][0]["connected_account"][
        "scopes"
    ] == ["repo"]
    account = (await api.get(f"{U}/{uid}/connected_accounts/github")).body
    assert account["object"] == "connected_account" and account["user_id"] == uid
    assert (await api.delete(f"{U}/{uid}/connected_accounts/github")).status == 204
    assert (await api.get(f"{U}/{uid}/connected_accounts/github")).status == 404
    flag = fake.store.add_feature_flag(uid, "new-ui")
    flags = (await api.get(f"{U}/{uid}/feature-flags")).body["data"]
    assert [f["slug"] for f in flags] == ["new-ui"] and flags[0]["id"] == flag["id"]


async def test_user_api_keys(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("k@example.com")
    org = await api.create_org("Acme")
    path = f"{U}/{user['id']}/api_keys"
    r = await api.post(path, json={"name": "ci", "organization_id": org["id"]})
    assert r.status == 400 and "errors" in r.body  # not a member yet
    await api.post(
        "/user_management/organization_memberships",
        json={"user_id": user["id"], "organization_id": org["id"]},
    )
    r = await api.post(
        path, json={"name": "ci", "organization_id": org["id"], "permissions": ["read"]}
    )
    assert r.status == 201
    key = r.body
    assert key["value"].startswith("sk_user_") and key["obfuscated_value"].endswith(
        key["value"][-4:]
    )
    listed = (await api.get(path)).body["data"]
    assert len(listed) == 1 and "value" not in listed[0]
    assert (await api.get(path, params={"organization_id": "org_01ZZZZZZZZZZZZZZZZZZZZZZZZ"})).body[
        "data"
    ] == []
    assert (await api.post(path, json={"name": "x"})).status == 422
