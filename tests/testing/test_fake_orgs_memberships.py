"""Organizations and organization memberships against the spec."""

from __future__ import annotations

from typing import Any

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

OM = "/user_management/organization_memberships"


async def _member(api: Api, user_id: str, org_id: str, **extra: Any) -> Any:
    return await api.post(OM, json={"user_id": user_id, "organization_id": org_id, **extra})


async def test_organization_create_get_by_external_id_delete(api: Api, fake: FakeWorkOS) -> None:
    org = await api.create_org(
        "Acme",
        external_id="acme",
        domain_data=[{"domain": "acme.com", "state": "verified"}],
        metadata={"tier": "gold"},
    )
    assert org["object"] == "organization" and org["id"].startswith("org_")
    assert [d["domain"] for d in org["domains"]] == ["acme.com"]
    assert org["domains"][0]["organization_id"] == org["id"]
    assert (await api.get(f"/organizations/{org['id']}")).body == org
    assert (await api.get("/organizations/external_id/acme")).body["id"] == org["id"]
    r = await api.post("/organizations", json={"name": "Other", "external_id": "acme"})
    assert (r.status, r.body["code"]) == (400, "external_id_already_used")
    r = await api.post("/organizations", json={"name": "Other", "domains": ["ACME.com"]})
    assert r.status == 409 and "message" in r.body
    assert (
        await api.post("/organizations", json={"name": "X", "domains": ["not a domain"]})
    ).status == 422
    assert (await api.post("/organizations", json={})).status == 422
    user = await api.create_user("u@acme.com")
    membership = (await _member(api, user["id"], org["id"])).body
    r = await api.delete(f"/organizations/{org['id']}")
    assert r.status == 200 and r.raw == b""
    assert membership["id"] not in fake.store.memberships
    assert (await api.get("/organizations/external_id/acme")).status == 404


async def test_membership_create_embeds_user_and_org_name(api: Api) -> None:
    user = await api.create_user("m@example.com")
    org = await api.create_org("Acme")
    r = await _member(api, user["id"], org["id"], role_slug="admin")
    assert r.status == 201
    m = r.body
    assert m["object"] == "organization_membership" and m["id"].startswith("om_")
    assert m["status"] == "active" and m["directory_managed"] is False
    assert m["role"] == {"slug": "admin"}
    assert m["user"] == user and m["organization_name"] == "Acme"
    assert (await api.get(f"{OM}/{m['id']}")).body == m
    default = await _member(api, (await api.create_user("n@example.com"))["id"], org["id"])
    assert default.body["role"] == {"slug": "member"}


async def test_membership_errors(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("m@example.com")
    org = await api.create_org("Acme")
    assert (await _member(api, "user_01ZZZZZZZZZZZZZZZZZZZZZZZZ", org["id"])).status == 404
    assert (await _member(api, user["id"], "org_01ZZZZZZZZZZZZZZZZZZZZZZZZ")).status == 404
    r = await _member(api, user["id"], org["id"], role_slug="admin", role_slugs=["member"])
    assert (r.status, r.body["code"]) == (422, "invalid_request_parameters")
    r = await _member(api, user["id"], org["id"], role_slug="owner")
    assert (r.status, r.body["code"], r.body["role_slug"]) == (422, "invalid_role", "owner")
    fake.store.multiple_roles_enabled = False
    r = await _member(api, user["id"], org["id"], role_slugs=["admin", "member"])
    assert (r.status, r.body["code"]) == (422, "multiple_roles_not_enabled")
    fake.store.multiple_roles_enabled = True
    r = await _member(api, user["id"], org["id"], role_slugs=["admin", "member"])
    assert r.status == 201 and r.body["role"] == {"slug": "admin"}
    assert r.body["roles"] == [{"slug": "admin"}, {"slug": "member"}]
    dup = await _member(api, user["id"], org["id"])
    assert dup.status == 409 and dup.body["code"] == "conflict"
    assert (await _member(api, user["id"], org["id"], extra="x")).status == 422


async def test_deactivate_reactivate_and_recreate(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("m@example.com")
    org = await api.create_org("Acme")
    m = (await _member(api, user["id"], org["id"])).body
    r = await api.put(f"{OM}/{m['id']}/deactivate")
    assert r.status == 200 and r.body["status"] == "inactive"
    assert (await api.put(f"{OM}/{m['id']}/deactivate")).body["status"] == "inactive"
    # creating it again reactivates the same membership
    again = await _member(api, user["id"], org["id"], role_slug="admin")
    assert again.status == 201 and again.body["id"] == m["id"]
    assert again.body["status"] == "active" and again.body["role"] == {"slug": "admin"}
    r = await api.put(f"{OM}/{m['id']}/reactivate")
    assert r.status == 200 and r.body["status"] == "active"
    # pending memberships cannot be (de/re)activated
    other = await api.create_user("p@example.com")
    fake.seed(
        {
            "memberships": [
                {"user_id": other["id"], "organization_id": org["id"], "status": "pending"}
            ]
        }
    )
    pending = next(v for v in fake.store.memberships.values() if v["status"] == "pending")
    r = await api.put(f"{OM}/{pending['id']}/deactivate")
    assert (r.status, r.body["code"]) == (400, "cannot_deactivate_pending_organization_membership")
    r = await api.put(f"{OM}/{pending['id']}/reactivate")
    assert (r.status, r.body["code"]) == (400, "cannot_reactivate_pending_organization_membership")
    r = await _member(api, other["id"], org["id"])
    assert (r.status, r.body["code"]) == (400, "cannot_reactivate_pending_organization_membership")
    assert (await api.put(f"{OM}/om_01ZZZZZZZZZZZZZZZZZZZZZZZZ/deactivate")).status == 404


async def test_update_and_delete_membership(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("m@example.com")
    org = await api.create_org("Acme")
    m = (await _member(api, user["id"], org["id"], role_slugs=["admin", "member"])).body
    r = await api.put(f"{OM}/{m['id']}", json={"role_slug": "member"})
    assert r.status == 200 and r.body["role"] == {"slug": "member"} and "roles" not in r.body
    r = await api.put(f"{OM}/{m['id']}", json={"role_slug": "a", "role_slugs": ["b"]})
    assert r.status == 422
    r = await api.delete(f"{OM}/{m['id']}")
    assert r.status == 200 and r.raw == b""
    assert (await api.get(f"{OM}/{m['id']}")).status == 404
    # the pair is free again
    assert (await _member(api, user["id"], org["id"])).status == 201


async def test_list_rules(api: Api) -> None:
    user = await api.create_user("m@example.com")
    orgs = [await api.create_org(f"Org {i}") for i in range(3)]
    ms = [(await _member(api, user["id"], o["id"])).body for o in orgs]
    r = await api.get(OM)
    assert (r.status, r.body["code"]) == (400, "missing_user_id_or_organization_id")
    r = await api.get(OM, params={"user_id": user["id"], "order": "asc"})
    assert [m["id"] for m in r.body["data"]] == [m["id"] for m in ms]
    r = await api.get(OM, params={"user_id": user["id"], "organization_id": orgs[1]["id"]})
    assert [m["id"] for m in r.body["data"]] == [ms[1]["id"]]
    await api.put(f"{OM}/{ms[0]['id']}/deactivate")
    r = await api.get(OM, params={"user_id": user["id"]})
    assert ms[0]["id"] not in [m["id"] for m in r.body["data"]]  # active only by default
    r = await api.get(f"{OM}?user_id={user['id']}&statuses=active&statuses=inactive")
    assert (r.status, r.body["code"]) == (400, "invalid_request_parameters")
    r = await api.get(OM, params={"user_id": user["id"], "statuses": "active,bogus"})
    assert (r.status, r.body["code"]) == (400, "invalid_request_parameters")
    r = await api.get(OM, params={"user_id": user["id"], "statuses[]": "inactive"})
    assert r.status == 422  # the bracket form is not the spec's; refused, not silently ignored
