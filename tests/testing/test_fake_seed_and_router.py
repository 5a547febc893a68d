"""Seed data loading, and the router's matching and plug-in mechanism."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workos_async.testing import FakeWorkOS, Reply, Router
from workos_async.testing.domain.seed import read_seed_file
from workos_async.testing.http.router import route_modules

SEED: dict[str, list[dict[str, Any]]] = {
    "organizations": [{"name": "Acme", "external_id": "acme", "domains": ["acme.com"]}],
    "users": [
        {
            "email": "ada@acme.com",
            "first_name": "Ada",
            "password": "correct-horse",
            "external_id": "u1",
        },
        {"email": "bob@acme.com"},
    ],
    "memberships": [
        {"user_email": "ada@acme.com", "organization_external_id": "acme", "role_slug": "admin"},
        {"user_external_id": "u1", "organization_name": "Acme"},
    ],
}


def test_seed_creates_through_the_api_rules() -> None:
    bad = {**SEED, "memberships": SEED["memberships"][:1]}
    fake = FakeWorkOS(seed_data=bad)
    (user,) = [u for u in fake.store.users.values() if u["email"] == "ada@acme.com"]
    assert user["first_name"] == "Ada" and fake.store.check_password(user["id"], "correct-horse")
    (membership,) = fake.store.memberships.values()
    assert membership["role"] == {"slug": "admin"} and membership["user_id"] == user["id"]
    fake.reset()
    assert len(fake.store.users) == 0
    fake.reset(reseed=True)
    assert len(fake.store.users) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SEED, r"memberships\[1\]: .*conflict"),
        ({"users": [{"email": "x"}]}, r"users\[0\]: .*email"),
        ({"users": [{"email": "a@example.com", "nick": "x"}]}, r"users\[0\]: .*nick"),
        (
            {"memberships": [{"user_email": "nobody@example.com", "organization_id": "org_x"}]},
            "no user with email",
        ),
        ({"groups": []}, "unknown seed section"),
        ({"users": {"email": "a@example.com"}}, "must be a list"),
        ([1, 2], "must be an object"),
    ],
)
def test_seed_errors_name_the_entry(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FakeWorkOS(seed_data=data)  # type: ignore[arg-type]


def test_seed_file_json_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "seed.json"
    good.write_text(json.dumps(SEED["users"] and {"users": SEED["users"]}))
    assert read_seed_file(good)["users"][0]["email"] == "ada@acme.com"
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    with pytest.raises(ValueError, match="not valid JSON"):
        read_seed_file(broken)
    with pytest.raises(ValueError, match="cannot read"):
        read_seed_file(tmp_path / "missing.json")


def test_router_matching() -> None:
    router = Router()

    def handler(ctx: object) -> Reply:
        return Reply(200)

    router.add("GET", "/users/{id}", handler)
    router.add("GET", "/users/external_id/{external_id}", handler)
    router.add("GET", "/users/{id}/sessions", handler)
    router.add("GET", "/users", handler)
    assert router.match("GET", "/users") is not None
    route, params = router.match("GET", "/users/external_id/sessions")  # type: ignore[misc]
    assert route.template == "/users/external_id/{external_id}" and params == {
        "external_id": "sessions"
    }
    route, params = router.match("GET", "/users/a%2Fb")  # type: ignore[misc]
    assert route.template == "/users/{id}" and params == {"id": "a/b"}
    assert router.match("GET", "/users/") is None  # trailing slash
    assert router.match("GET", "/users//sessions") is None
    assert router.match("POST", "/users") is None
    with pytest.raises(ValueError, match="twice"):
        router.add("GET", "/users/{id}", handler)
    with pytest.raises(ValueError, match="start and not end"):
        router.add("GET", "/users/", handler)


def test_route_modules_are_discovered_by_name() -> None:
    names = route_modules()
    assert "workos_async.testing.http.routes.users" in names
    assert names == sorted(names)
    keys = {r.key for r in FakeWorkOS().router.routes}
    assert {
        "POST /user_management/users",
        "GET /organizations/external_id/{external_id}",
        "DELETE /auth/factors/{id}",
    } <= keys


async def test_an_extra_route_plugs_in() -> None:
    import aiohttp

    fake = FakeWorkOS()
    fake.router.add("GET", "/custom/{name}", lambda ctx: Reply(200, {"hello": ctx.params["name"]}))
    fake.router.add("GET", "/public", lambda ctx: Reply(200, {"ok": True}), public=True)
    async with fake, aiohttp.ClientSession(fake.url) as s:
        async with s.get("/custom/ada", headers={"Authorization": f"Bearer {fake.api_key}"}) as r:
            assert (r.status, await r.json()) == (200, {"hello": "ada"})
        async with s.get("/custom/ada") as r:
            assert r.status == 401
        async with s.get("/public") as r:
            assert r.status == 200
