"""The ``/_fake/...`` control routes: what another process or language uses."""

from __future__ import annotations

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

USERS = "/user_management/users"


async def test_control_needs_the_api_key(api: Api, fake: FakeWorkOS) -> None:
    r = await api.get("/_fake/health", headers={"Authorization": "Bearer nope"})
    assert r.status == 401
    r = await api.get("/_fake/health")
    assert r.status == 200 and r.body == {"ok": True, "url": fake.url}
    assert (await api.get("/_fake/nothing")).status == 404


async def test_faults_over_http(api: Api, fake: FakeWorkOS) -> None:
    r = await api.post(
        "/_fake/faults",
        json={"method": "POST", "path": USERS, "status": 500, "count": 2, "retry_after": 1},
    )
    assert r.status == 201 and r.body["id"].startswith("fault_")
    listed = (await api.get("/_fake/faults")).body["data"]
    assert [(f["id"], f["remaining"], f["status"]) for f in listed] == [(r.body["id"], 2, 500)]
    assert (await api.post(USERS, json={"email": "a@example.com"})).status == 500
    r2 = await api.post(USERS, json={"email": "a@example.com"})
    assert r2.status == 500 and r2.headers["Retry-After"] == "1"
    assert (await api.post(USERS, json={"email": "a@example.com"})).status == 201
    many = await api.post(
        "/_fake/faults",
        json={
            "faults": [
                {"path": "/organizations", "status": 503},
                {"path": USERS, "kind": "latency", "latency": 0.01},
            ]
        },
    )
    assert many.status == 201 and len(many.body["ids"]) == 2
    assert (await api.delete(f"/_fake/faults/{many.body['ids'][0]}")).status == 200
    assert (await api.delete(f"/_fake/faults/{many.body['ids'][0]}")).status == 404
    assert (await api.delete("/_fake/faults")).status == 200
    assert fake.faults.list() == []
    bad = await api.post("/_fake/faults", json={"status": 500, "cuont": 2})
    assert bad.status == 422 and "cuont" in bad.body["message"]
    bad = await api.post("/_fake/faults", json={"kind": "latency"})
    assert bad.status == 422 and "latency" in bad.body["message"]


async def test_state_requests_counters_reset(api: Api, fake: FakeWorkOS) -> None:
    await api.create_user("a@example.com", password="secret-password-1")
    await api.get(USERS, params={"limit": "5"})
    state = (await api.get("/_fake/state")).body
    assert [u["email"] for u in state["users"]] == ["a@example.com"]
    logged = (await api.get("/_fake/requests")).body["data"]
    assert [(r["method"], r["route"], r["status"]) for r in logged] == [
        ("POST", "POST /user_management/users", 201),
        ("GET", "GET /user_management/users", 200),
    ]
    assert logged[0]["body"]["password"] == "<redacted>"
    assert logged[0]["headers"]["Authorization"] == "<redacted>"
    assert logged[1]["query"] == {"limit": ["5"]}
    assert "secret-password-1" not in str(logged) and fake.api_key not in str(logged)
    counters = (await api.get("/_fake/counters")).body
    assert counters["total"] == 2 and counters["by_status"] == {"201": 1, "200": 1}
    assert counters["by_route"]["POST /user_management/users"] == 1
    assert (await api.delete("/_fake/requests")).status == 200
    assert fake.requests == []
    assert (await api.post("/_fake/reset", json={})).status == 200
    assert len(fake.store.users) == 0 and fake.counters.total == 0
    assert (await api.post("/_fake/reset", json={"reseed": "yes"})).status == 422


async def test_rate_limits_over_http(api: Api, fake: FakeWorkOS) -> None:
    assert (await api.get("/_fake/rate_limits")).body == {"enabled": False, "limits": None}
    r = await api.put("/_fake/rate_limits", json={"reads": 1, "scale": 2})
    assert r.status == 200 and r.body["limits"]["reads"] == 1 and r.body["limits"]["window"] == 20.0
    assert [(await api.get(USERS)).status for _ in range(2)] == [200, 429]
    assert (await api.put("/_fake/rate_limits", json={"reads": -1})).status == 422
    assert (await api.delete("/_fake/rate_limits")).body == {"enabled": False, "limits": None}
    assert (await api.get(USERS)).status == 200


async def test_seed_sessions_clock_settings_over_http(api: Api, fake: FakeWorkOS) -> None:
    r = await api.post(
        "/_fake/seed",
        json={
            "organizations": [{"name": "Acme", "external_id": "acme"}],
            "users": [{"email": "ada@acme.com"}],
            "memberships": [
                {
                    "user_email": "ada@acme.com",
                    "organization_external_id": "acme",
                    "role_slug": "admin",
                }
            ],
        },
    )
    assert r.status == 201 and [
        len(r.body[k]) for k in ("organizations", "users", "memberships")
    ] == [1, 1, 1]
    bad = await api.post("/_fake/seed", json={"users": [{"email": "ada@acme.com"}]})
    assert (
        bad.status == 422
        and "users[0]" in bad.body["message"]
        and "email_not_available" in bad.body["message"]
    )
    user_id = r.body["users"][0]
    s = await api.post("/_fake/sessions", json={"user_id": user_id, "user_agent": "curl"})
    assert s.status == 201 and s.body["user_agent"] == "curl"
    assert (
        await api.post("/_fake/sessions", json={"user_id": "user_01ZZZZZZZZZZZZZZZZZZZZZZZZ"})
    ).status == 404
    assert (await api.post("/_fake/sessions", json={"user_id": user_id, "bogus": 1})).status == 422
    before = fake.clock.now()
    assert (await api.post("/_fake/clock/advance", json={"seconds": 3600})).status == 200
    assert fake.clock.now() - before >= 3600
    assert (await api.post("/_fake/clock/advance", json={"seconds": -1})).status == 422
    r = await api.put(
        "/_fake/settings", json={"roles": ["member", "owner"], "password_min_length": 4}
    )
    assert r.body["roles"] == ["member", "owner"] and fake.store.password_min_length == 4
    assert (await api.put("/_fake/settings", json={"roles": "owner"})).status == 422


async def test_control_traffic_is_not_faulted_limited_logged_or_counted(
    api: Api, fake: FakeWorkOS
) -> None:
    from workos_async.testing import Fault, RateLimits

    fake.faults.add(Fault(path="*", status=500, count=None))
    fake.rate_limits = RateLimits(reads=1, writes=1, total=1)
    for _ in range(3):
        assert (await api.get("/_fake/health")).status == 200
    assert fake.requests == [] and fake.counters.total == 0
