"""The fake's one-time-code grants, the flow errors switched on from Python (403
email_verification_required / mfa_enrollment / mfa_challenge / organization_selection_required,
400 sso_required) and the grants that redeem them, the MFA challenge routes and the device
flow (raw HTTP, no SDK)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from workos_async.sessions import decode_unverified_claims
from workos_async.testing import FakeWorkOS

from .fake_helpers import Api, Resp

AUTH = "/user_management/authenticate"
PASSWORD = "correct horse battery"
MAGIC = "urn:workos:oauth:grant-type:magic-auth:code"
EMAIL_VERIFICATION = "urn:workos:oauth:grant-type:email-verification:code"
TOTP = "urn:workos:oauth:grant-type:mfa-totp"
ORG_SELECTION = "urn:workos:oauth:grant-type:organization-selection"
DEVICE = "urn:ietf:params:oauth:grant-type:device_code"


@pytest.fixture
async def public(fake: FakeWorkOS) -> AsyncIterator[Api]:
    async with aiohttp.ClientSession(fake.url) as session:
        yield Api(session)


async def authenticate(api: Api, fake: FakeWorkOS, grant_type: str, **fields: Any) -> Resp:
    body = {"client_id": fake.client_id, "client_secret": fake.api_key, "grant_type": grant_type}
    body.update(fields)
    return await api.post(AUTH, json=body)


async def password(api: Api, fake: FakeWorkOS, email: str = "ada@example.com") -> Resp:
    return await authenticate(api, fake, "password", email=email, password=PASSWORD)


def other_code(code: str) -> str:
    return "000000" if code != "000000" else "111111"


# ---------------------------------------------------------------------------- magic auth
async def test_magic_auth(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com")
    assert user["email_verified"] is False
    magic = (await api.post("/user_management/magic_auth", json={"email": user["email"]})).body
    r = await authenticate(
        api, fake, MAGIC, email="ada@example.com", code=other_code(magic["code"])
    )
    assert (r.status, r.body["code"]) == (400, "invalid_one_time_code")
    r = await authenticate(api, fake, MAGIC, email="ada@example.com", code=magic["code"])
    assert r.status == 200, r.body
    assert r.body["authentication_method"] == "MagicAuth"
    assert r.body["user"]["email_verified"] is True  # the code proved the address
    sid = decode_unverified_claims(r.body["access_token"])["sid"]
    assert fake.store.sessions[sid]["auth_method"] == "magic_code"
    r = await authenticate(api, fake, MAGIC, email="ada@example.com", code=magic["code"])
    assert (r.status, r.body["code"]) == (400, "one_time_code_previously_used")
    r = await authenticate(api, fake, MAGIC, email="eve@example.com", code=magic["code"])
    assert (r.status, r.body["code"]) == (400, "invalid_one_time_code")


async def test_magic_auth_expiry_and_attempts(api: Api, fake: FakeWorkOS) -> None:
    await api.create_user("ada@example.com")
    old = (await api.post("/user_management/magic_auth", json={"email": "ada@example.com"})).body
    fake.clock.advance(601)
    r = await authenticate(api, fake, MAGIC, email="ada@example.com", code=old["code"])
    assert (r.status, r.body["code"]) == (400, "one_time_code_expired")
    new = (await api.post("/user_management/magic_auth", json={"email": "ada@example.com"})).body
    wrong = other_code(new["code"])
    for _ in range(5):
        r = await authenticate(api, fake, MAGIC, email="ada@example.com", code=wrong)
        assert r.body["code"] in ("invalid_one_time_code", "one_time_code_expired")
    r = await authenticate(api, fake, MAGIC, email="ada@example.com", code=new["code"])
    assert (r.status, r.body["code"]) == (400, "one_time_code_too_many_attempts")
    newest = (await api.post("/user_management/magic_auth", json={"email": "ada@example.com"})).body
    r = await authenticate(api, fake, MAGIC, email="ada@example.com", code=newest["code"])
    assert r.status == 200


# ---------------------------------------------------------------- email verification
async def test_email_verification_required_then_redeemed(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    await api.create_user("verified@example.com", password=PASSWORD, email_verified=True)
    fake.auth.require_email_verification = True
    assert (await password(api, fake, "verified@example.com")).status == 200
    r = await password(api, fake)
    assert r.status == 403
    assert set(r.body) == {
        "code",
        "message",
        "pending_authentication_token",
        "email",
        "email_verification_id",
    }
    assert (r.body["code"], r.body["email"]) == ("email_verification_required", user["email"])
    token = r.body["pending_authentication_token"]
    verification = fake.store.email_verifications[r.body["email_verification_id"]]
    assert verification["user_id"] == user["id"]
    got = await api.get(f"/user_management/email_verification/{verification['id']}")
    assert got.body["code"] == verification["code"]

    wrong = other_code(verification["code"])
    r = await authenticate(
        api, fake, EMAIL_VERIFICATION, code=wrong, pending_authentication_token=token
    )
    assert (r.status, r.body["code"]) == (400, "invalid_one_time_code")
    r = await authenticate(
        api, fake, EMAIL_VERIFICATION, code=verification["code"], pending_authentication_token="x"
    )
    assert (r.status, r.body["code"]) == (400, "invalid_pending_authentication_token")
    r = await authenticate(
        api,
        fake,
        EMAIL_VERIFICATION,
        code=verification["code"],
        pending_authentication_token=token,
    )
    assert r.status == 200, r.body
    assert r.body["user"]["email_verified"] is True
    assert r.body["authentication_method"] == "Password"
    r = await authenticate(
        api,
        fake,
        EMAIL_VERIFICATION,
        code=verification["code"],
        pending_authentication_token=token,
    )
    assert (r.status, r.body["code"]) == (400, "invalid_pending_authentication_token")
    assert (await password(api, fake)).status == 200  # verified now


async def test_pending_tokens_expire_and_belong_to_one_step(api: Api, fake: FakeWorkOS) -> None:
    await api.create_user("ada@example.com", password=PASSWORD)
    fake.auth.require_email_verification = True
    token = (await password(api, fake)).body["pending_authentication_token"]
    org = await api.create_org("Acme")
    r = await authenticate(
        api, fake, ORG_SELECTION, pending_authentication_token=token, organization_id=org["id"]
    )
    assert (r.status, r.body["code"]) == (400, "invalid_pending_authentication_token")
    fake.clock.advance(601)
    code = next(iter(fake.store.email_verifications.values()))["code"]
    r = await authenticate(
        api, fake, EMAIL_VERIFICATION, code=code, pending_authentication_token=token
    )
    assert (r.status, r.body["code"]) == (400, "invalid_pending_authentication_token")


# ------------------------------------------------------------------------------- MFA
async def test_mfa_enrollment_then_totp(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    fake.auth.require_mfa = True
    r = await password(api, fake)
    assert (r.status, r.body["code"]) == (403, "mfa_enrollment")
    assert r.body["user"]["id"] == user["id"]
    token = r.body["pending_authentication_token"]
    enrolled = await api.post(
        f"/user_management/users/{user['id']}/auth_factors", json={"type": "totp"}
    )
    factor_id = enrolled.body["authentication_factor"]["id"]
    challenge_id = enrolled.body["authentication_challenge"]["id"]
    code = fake.auth.totp_code(factor_id)
    r = await authenticate(
        api,
        fake,
        TOTP,
        code=other_code(code),
        pending_authentication_token=token,
        authentication_challenge_id=challenge_id,
    )
    assert (r.status, r.body["code"]) == (400, "invalid_one_time_code")
    r = await authenticate(
        api,
        fake,
        TOTP,
        code=code,
        pending_authentication_token=token,
        authentication_challenge_id=challenge_id,
    )
    assert r.status == 200, r.body
    assert r.body["user"]["id"] == user["id"]


async def test_mfa_challenge_then_challenge_route_then_totp(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    eve = await api.create_user("eve@example.com", password=PASSWORD)
    enrolled = await api.post(
        f"/user_management/users/{user['id']}/auth_factors", json={"type": "totp"}
    )
    factor_id = enrolled.body["authentication_factor"]["id"]
    eve_factor = await api.post(
        f"/user_management/users/{eve['id']}/auth_factors", json={"type": "totp"}
    )
    fake.auth.require_mfa = True
    r = await password(api, fake)
    assert (r.status, r.body["code"]) == (403, "mfa_challenge")
    assert r.body["authentication_factors"] == [{"id": factor_id, "type": "totp"}]
    token = r.body["pending_authentication_token"]
    challenge = await api.post(f"/auth/factors/{factor_id}/challenge", json={})
    assert challenge.status == 201
    assert challenge.body["authentication_factor_id"] == factor_id
    # A challenge of another user's factor is refused.
    r = await authenticate(
        api,
        fake,
        TOTP,
        code=fake.auth.totp_code(eve_factor.body["authentication_factor"]["id"]),
        pending_authentication_token=token,
        authentication_challenge_id=eve_factor.body["authentication_challenge"]["id"],
    )
    assert (r.status, r.body["code"]) == (400, "user_mismatch")
    fields = {"pending_authentication_token": token}
    fields["authentication_challenge_id"] = challenge.body["id"]
    r = await authenticate(api, fake, TOTP, code=fake.auth.totp_code(factor_id), **fields)
    assert r.status == 200, r.body
    r = await authenticate(
        api,
        fake,
        TOTP,
        code=fake.auth.totp_code(factor_id),
        pending_authentication_token=token,
        authentication_challenge_id="auth_challenge_missing",
    )
    assert r.status == 400  # the pending token was used up


async def test_sso_sign_ins_skip_mfa(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com")
    fake.auth.require_mfa = True
    code = fake.auth.create_authorization_code(user["id"], authentication_method="SSO")
    r = await authenticate(api, fake, "authorization_code", code=code)
    assert r.status == 200 and r.body["authentication_method"] == "SSO"


async def test_challenge_routes(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com")
    totp = await api.post(
        f"/user_management/users/{user['id']}/auth_factors", json={"type": "totp"}
    )
    factor_id = totp.body["authentication_factor"]["id"]
    challenge = (await api.post(f"/auth/factors/{factor_id}/challenge", json={})).body
    verify = f"/auth/challenges/{challenge['id']}/verify"
    code = fake.auth.totp_code(factor_id)
    r = await api.post(verify, json={"code": other_code(code)})
    assert (r.status, r.body["valid"]) == (201, False)
    r = await api.post(verify, json={"code": code})
    assert (r.status, r.body["valid"], r.body["challenge"]["id"]) == (201, True, challenge["id"])
    r = await api.post(verify, json={"code": code})
    assert r.body["valid"] is False  # once only
    fresh = (await api.post(f"/auth/factors/{factor_id}/challenge", json={})).body
    verify = f"/auth/challenges/{fresh['id']}/verify"
    for _ in range(5):
        r = await api.post(verify, json={"code": "123"})
        assert (r.status, r.body["valid"]) == (201, False)
    r = await api.post(verify, json={"code": fake.auth.totp_code(factor_id)})
    assert (r.status, r.body["code"]) == (400, "one_time_code_too_many_attempts")

    sms = await api.post(
        f"/user_management/users/{user['id']}/auth_factors",
        json={"type": "sms", "phone_number": "+15555550100"},
    )
    sms_id = sms.body["authentication_factor"]["id"]
    challenge = await api.post(
        f"/auth/factors/{sms_id}/challenge", json={"sms_template": "{{code}}"}
    )
    assert challenge.status == 201 and "code" not in challenge.body
    sms_code = fake.auth.sms_code(challenge.body["id"])
    r = await api.post(f"/auth/challenges/{challenge.body['id']}/verify", json={"code": sms_code})
    assert r.body["valid"] is True
    r = await api.post(f"/auth/factors/{factor_id}/challenge", json={"sms_template": "x"})
    assert r.status == 422
    assert (await api.post("/auth/factors/auth_factor_x/challenge", json={})).status == 404
    assert (await api.post("/auth/challenges/x/verify", json={"code": "1"})).status == 404
    assert (await api.post(verify, json={})).status == 422


# ------------------------------------------------------------------ organization selection
async def test_organization_selection(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    acme = await api.create_org("Acme")
    globex = await api.create_org("Globex")
    stranger = await api.create_org("Stranger")
    for org in (acme, globex):
        r = await api.post(
            "/user_management/organization_memberships",
            json={"user_id": user["id"], "organization_id": org["id"]},
        )
        assert r.status == 201
    fake.auth.require_organization_selection = True
    r = await password(api, fake)
    assert (r.status, r.body["code"]) == (403, "organization_selection_required")
    assert sorted(o["name"] for o in r.body["organizations"]) == ["Acme", "Globex"]
    assert r.body["user"]["id"] == user["id"]
    token = r.body["pending_authentication_token"]
    r = await authenticate(
        api, fake, ORG_SELECTION, pending_authentication_token=token, organization_id=stranger["id"]
    )
    assert (r.status, r.body["code"]) == (400, "organization_membership_not_found")
    r = await authenticate(
        api, fake, ORG_SELECTION, pending_authentication_token=token, organization_id=globex["id"]
    )
    assert r.status == 200, r.body
    assert r.body["organization_id"] == globex["id"]
    assert decode_unverified_claims(r.body["access_token"])["org_id"] == globex["id"]
    # A user without memberships has nothing to choose.
    await api.create_user("solo@example.com", password=PASSWORD)
    assert (await password(api, fake, "solo@example.com")).status == 200


async def test_checks_chain_in_order(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    org = await api.create_org("Acme")
    await api.post(
        "/user_management/organization_memberships",
        json={"user_id": user["id"], "organization_id": org["id"]},
    )
    fake.auth.require_email_verification = True
    fake.auth.require_organization_selection = True
    r = await password(api, fake)
    assert r.body["code"] == "email_verification_required"
    code = fake.store.email_verifications[r.body["email_verification_id"]]["code"]
    r = await authenticate(
        api,
        fake,
        EMAIL_VERIFICATION,
        code=code,
        pending_authentication_token=r.body["pending_authentication_token"],
    )
    assert (r.status, r.body["code"]) == (403, "organization_selection_required")
    r = await authenticate(
        api,
        fake,
        ORG_SELECTION,
        pending_authentication_token=r.body["pending_authentication_token"],
        organization_id=org["id"],
    )
    assert r.status == 200 and r.body["organization_id"] == org["id"]


async def test_sso_required(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    fake.auth.sso_required_connection_ids = ("conn_01", "conn_02")
    r = await password(api, fake)
    assert r.status == 400
    assert r.body == {
        "error": "sso_required",
        "error_description": "The user must sign in with SSO.",
        "email": "ada@example.com",
        "connection_ids": ["conn_01", "conn_02"],
    }
    code = fake.auth.create_authorization_code(user["id"], authentication_method="SSO")
    assert (await authenticate(api, fake, "authorization_code", code=code)).status == 200


async def test_impersonation_skips_the_checks(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com")
    fake.auth.require_email_verification = True
    fake.auth.require_mfa = True
    code = fake.auth.create_authorization_code(user["id"], impersonator={"email": "a@corp.test"})
    r = await authenticate(api, fake, "authorization_code", code=code)
    assert r.status == 200 and r.body["impersonator"] == {"email": "a@corp.test", "reason": None}


async def test_invitation_token_signs_into_the_organization(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("ada@example.com", password=PASSWORD)
    org = await api.create_org("Acme")
    invitation = await api.post(
        "/user_management/invitations",
        json={"email": "ada@example.com", "organization_id": org["id"]},
    )
    assert invitation.status == 201
    other = await api.post("/user_management/invitations", json={"email": "eve@example.com"})
    r = await authenticate(
        api,
        fake,
        "password",
        email="ada@example.com",
        password=PASSWORD,
        invitation_token=other.body["token"],
    )
    assert (r.status, r.body["error"]) == (400, "invitation_cannot_be_used_for_email")
    r = await authenticate(
        api, fake, "password", email="ada@example.com", password=PASSWORD, invitation_token="nope"
    )
    assert (r.status, r.body["error"]) == (400, "invitation_invalid")
    r = await authenticate(
        api,
        fake,
        "password",
        email="ada@example.com",
        password=PASSWORD,
        invitation_token=invitation.body["token"],
    )
    assert r.status == 200, r.body
    assert r.body["organization_id"] == org["id"]
    assert fake.store.invitations[invitation.body["id"]]["state"] == "accepted"
    assert fake.store.membership_by_pair.get((user["id"], org["id"])) is not None


# ------------------------------------------------------------------------------ device flow
async def test_device_flow(api: Api, public: Api, fake: FakeWorkOS) -> None:
    ada = await api.create_user("ada@example.com")
    r = await public.post("/user_management/authorize/device", json={"client_id": "client_x"})
    assert (r.status, r.body["error"]) == (400, "invalid_client")
    assert (await public.post("/user_management/authorize/device", json={})).status == 422
    r = await public.post("/user_management/authorize/device", json={"client_id": fake.client_id})
    assert r.status == 200
    assert set(r.body) == {
        "device_code",
        "user_code",
        "verification_uri",
        "verification_uri_complete",
        "expires_in",
        "interval",
    }
    assert r.body["verification_uri_complete"].endswith(r.body["user_code"])
    device_code = r.body["device_code"]
    # No client secret on this grant: a device has none.
    poll = {"client_id": fake.client_id, "grant_type": DEVICE, "device_code": device_code}
    fake.auth.device_flow = "pending"
    r = await public.post(AUTH, json=poll)
    assert (r.status, r.body["error"]) == (400, "authorization_pending")
    fake.auth.device_flow = "approve"
    r = await public.post(AUTH, json=poll)
    assert r.status == 200 and r.body["user"]["id"] == ada["id"]
    r = await public.post(AUTH, json=poll)
    assert (r.status, r.body["error"]) == (400, "invalid_grant")
    r = await public.post(AUTH, json={**poll, "client_id": "client_x"})
    assert (r.status, r.body["error"]) == (400, "invalid_client")

    denied = (
        await public.post("/user_management/authorize/device", json={"client_id": fake.client_id})
    ).body
    fake.auth.device_flow = "deny"
    r = await public.post(AUTH, json={**poll, "device_code": denied["device_code"]})
    assert (r.status, r.body["error"]) == (400, "access_denied")
    late = (
        await public.post("/user_management/authorize/device", json={"client_id": fake.client_id})
    ).body
    fake.clock.advance(301)
    r = await public.post(AUTH, json={**poll, "device_code": late["device_code"]})
    assert (r.status, r.body["error"]) == (400, "expired_token")
