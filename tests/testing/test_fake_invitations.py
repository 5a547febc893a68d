"""Invitations: the state machine pending → accepted / revoked / expired, with the spec's codes."""

from __future__ import annotations

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

INV = "/user_management/invitations"


async def _invite(api: Api, **body: object) -> dict[str, object]:
    r = await api.post(INV, json=body)
    assert r.status == 201, r.body
    return r.body  # type: ignore[no-any-return]


async def test_send_get_by_id_and_token(api: Api, fake: FakeWorkOS) -> None:
    org = await api.create_org("Acme")
    inviter = await api.create_user("boss@acme.com")
    inv = await _invite(
        api,
        email="new@acme.com",
        organization_id=org["id"],
        inviter_user_id=inviter["id"],
        role_slug="admin",
    )
    assert inv["object"] == "invitation" and str(inv["id"]).startswith("invitation_")
    assert inv["state"] == "pending"
    for key in ("accepted_at", "revoked_at", "accepted_user_id"):
        assert inv[key] is None
    assert inv["role_slug"] == "admin" and inv["organization_id"] == org["id"]
    assert str(inv["token"]) in str(inv["accept_invitation_url"])
    assert (await api.get(f"{INV}/{inv['id']}")).body == inv
    assert (await api.get(f"{INV}/by_token/{inv['token']}")).body == inv
    assert (await api.get(f"{INV}/by_token/nope")).status == 404
    # the token is a secret: the request log shows the route, not the token
    logged = [
        r for r in fake.requests if r.route == "GET /user_management/invitations/by_token/{token}"
    ]
    assert logged and all(str(inv["token"]) not in r.path for r in logged)


async def test_send_errors(api: Api) -> None:
    org = await api.create_org("Acme")
    member = await api.create_user("member@acme.com")
    await api.post(
        "/user_management/organization_memberships",
        json={"user_id": member["id"], "organization_id": org["id"]},
    )
    await _invite(api, email="twice@acme.com", organization_id=org["id"])
    await _invite(api, email="solo@acme.com")
    cases = [
        (
            {"email": "member@acme.com", "organization_id": org["id"]},
            "user_already_organization_member",
        ),
        ({"email": "member@acme.com"}, "user_already_exists"),
        (
            {"email": "TWICE@acme.com", "organization_id": org["id"]},
            "email_already_invited_to_organization",
        ),
        ({"email": "solo@acme.com"}, "email_already_invited"),
        ({"email": "x@acme.com", "expires_in_days": 0}, "expires_in_days_too_short"),
        ({"email": "x@acme.com", "expires_in_days": 31}, "expires_in_days_too_long"),
        (
            {"email": "x@acme.com", "organization_id": org["id"], "role_slug": "owner"},
            "invalid_role",
        ),
    ]
    for body, code in cases:
        r = await api.post(INV, json=body)
        assert (r.status, r.body.get("code")) == (400, code), body
    assert (
        await api.post(
            INV, json={"email": "x@acme.com", "organization_id": "org_01ZZZZZZZZZZZZZZZZZZZZZZZZ"}
        )
    ).status == 404
    assert (await api.post(INV, json={"email": "x@acme.com", "expires_in_days": "7"})).status == 422


async def test_accept_creates_the_membership_and_is_final(api: Api, fake: FakeWorkOS) -> None:
    org = await api.create_org("Acme")
    inv = await _invite(api, email="join@acme.com", organization_id=org["id"], role_slug="admin")
    user = await api.create_user("join@acme.com")
    r = await api.post(f"{INV}/{inv['id']}/accept")
    assert r.status == 200
    assert r.body["state"] == "accepted" and r.body["accepted_at"] is not None
    assert r.body["accepted_user_id"] == user["id"]
    memberships = [m for m in fake.store.memberships.values() if m["user_id"] == user["id"]]
    assert [(m["organization_id"], m["role"]["slug"], m["status"]) for m in memberships] == [
        (org["id"], "admin", "active")
    ]
    for action in ("accept", "revoke"):
        r = await api.post(f"{INV}/{inv['id']}/{action}")
        assert (r.status, r.body["code"]) == (400, "invite_not_pending")
    r = await api.post(f"{INV}/{inv['id']}/resend", json={})
    assert (r.status, r.body["code"]) == (400, "invite_accepted")


async def test_revoke_then_resend_fails(api: Api) -> None:
    inv = await _invite(api, email="r@example.com")
    r = await api.post(f"{INV}/{inv['id']}/revoke")
    assert r.status == 200 and r.body["state"] == "revoked" and r.body["revoked_at"] is not None
    r = await api.post(f"{INV}/{inv['id']}/resend", json={})
    assert (r.status, r.body["code"]) == (400, "invite_revoked")


async def test_expiry_follows_the_fake_clock(api: Api, fake: FakeWorkOS) -> None:
    inv = await _invite(api, email="late@example.com", expires_in_days=2)
    fresh = await _invite(api, email="fresh@example.com", expires_in_days=5)
    r = await api.post(f"{INV}/{fresh['id']}/resend")  # no body: the body is optional
    assert r.status == 200 and r.body["state"] == "pending"
    fake.clock.advance(3 * 86400)
    assert (await api.get(f"{INV}/{inv['id']}")).body["state"] == "expired"
    assert (await api.get(f"{INV}/{fresh['id']}")).body["state"] == "pending"
    r = await api.post(f"{INV}/{inv['id']}/resend", json={})
    assert (r.status, r.body["code"]) == (400, "invite_expired")
    r = await api.post(f"{INV}/{inv['id']}/accept")
    assert (r.status, r.body["code"]) == (400, "invite_not_pending")
    # an expired invitation no longer blocks a new one
    await _invite(api, email="late@example.com")
    listed = (await api.get(INV, params={"email": "late@example.com", "order": "asc"})).body["data"]
    assert [i["state"] for i in listed] == ["expired", "pending"]


async def test_list_filters(api: Api) -> None:
    org = await api.create_org("Acme")
    a = await _invite(api, email="a@example.com", organization_id=org["id"])
    b = await _invite(api, email="b@example.com")
    c = await _invite(api, email="a@example.com")
    by_org = (await api.get(INV, params={"organization_id": org["id"]})).body["data"]
    assert [i["id"] for i in by_org] == [a["id"]]
    by_email = (await api.get(INV, params={"email": "A@example.com", "order": "asc"})).body["data"]
    assert [i["id"] for i in by_email] == [a["id"], c["id"]]
    both = (
        await api.get(INV, params={"email": "a@example.com", "organization_id": org["id"]})
    ).body["data"]
    assert [i["id"] for i in both] == [a["id"]]
    everything = (await api.get(INV, params={"order": "asc"})).body["data"]
    assert [i["id"] for i in everything] == [a["id"], b["id"], c["id"]]
