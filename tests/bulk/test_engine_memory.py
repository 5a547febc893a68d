"""The engine's state machine against an in-memory client double (faults on demand)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from workos_async.bulk import RateLimitConfig, import_users
from workos_async.bulk.journal import iter_entries

from .memory_client import MemoryClient, MemoryStore

FAST = RateLimitConfig.unlimited()


def rows(n: int, org: str | None = None, **extra: Any) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        row: dict[str, Any] = {"email": f"u{i}@example.com", "external_id": f"ext-{i}", **extra}
        if org:
            row["organization_id"] = org
        out.append(row)
    return out


async def run(client: MemoryClient, source: Any, **kw: Any) -> tuple[list[Any], Any]:
    kw.setdefault("rate_limits", FAST)
    kw.setdefault("backoff", 0.001)
    r = import_users(client, source, **kw)
    results = [x async for x in r]
    return results, r.summary


async def test_creates_users_and_memberships_once() -> None:
    client = MemoryClient()
    org = client.store.add_org()
    results, summary = await run(client, rows(50, org), concurrency=8)
    assert len(results) == 50
    assert {r.outcome for r in results} == {"created"}
    assert len(client.store.users) == 50
    assert len(client.store.memberships) == 50
    assert summary.outcomes == {"created": 50}
    assert summary.memberships == {"created": 50}
    by_row = {r.row_no: r for r in results}
    for r in by_row.values():
        assert client.store.memberships[r.membership_id].user_id == r.user_id


async def test_ambiguous_create_applied_is_resolved_by_lookup_not_resent() -> None:
    seen: set[str] = set()

    def faults(op: str, kw: dict[str, Any]) -> str | None:
        if op == "create_user" and kw["email"] not in seen:
            seen.add(kw["email"])
            return "reset_after"  # applied, then the connection dropped
        return None

    client = MemoryClient(faults=faults)
    results, summary = await run(client, rows(20))
    assert len(client.store.users) == 20
    assert all(r.outcome == "created" and r.recovered for r in results)
    assert client.store.calls.count("create_user") == 20  # never re-sent
    assert summary.recovered == 20


async def test_ambiguous_create_not_applied_is_resent_once() -> None:
    seen: set[str] = set()

    def faults(op: str, kw: dict[str, Any]) -> str | None:
        if op == "create_user" and kw["email"] not in seen:
            seen.add(kw["email"])
            return "500"  # refused before apply
        return None

    client = MemoryClient(faults=faults)
    results, _ = await run(client, rows(10))
    assert len(client.store.users) == 10
    assert client.store.calls.count("create_user") == 20
    assert all(r.outcome == "created" and not r.recovered for r in results)


async def test_membership_in_doubt_applied() -> None:
    def faults(op: str, kw: dict[str, Any]) -> str | None:
        return "500_after" if op == "create_organization_membership" else None

    client = MemoryClient(faults=faults)
    org = client.store.add_org()
    results, _ = await run(client, rows(5, org))
    assert len(client.store.memberships) == 5
    assert all(r.membership == "created" and r.recovered for r in results)


async def test_random_faults_exact_final_state() -> None:
    rnd = random.Random(7)
    kinds = ["reset_before", "reset_after", "500", "500_after", "429"]

    def faults(op: str, kw: dict[str, Any]) -> str | None:
        return rnd.choice(kinds) if rnd.random() < 0.2 else None

    client = MemoryClient(faults=faults)
    org = client.store.add_org()
    _results, summary = await run(client, rows(300, org), concurrency=16, max_attempts=20)
    assert summary.outcomes == {"created": 300}
    assert len(client.store.users) == 300
    assert len(client.store.memberships) == 300
    emails = sorted(u.email for u in client.store.users.values())
    assert emails == sorted(f"u{i}@example.com" for i in range(300))
    assert summary.rate_limited > 0


@pytest.mark.parametrize("policy", ["adopt", "skip", "update", "fail"])
async def test_on_conflict_policies(policy: str) -> None:
    store = MemoryStore()
    org = store.add_org()
    existing = store.add_user("u0@example.com", None)
    client = MemoryClient(store)
    src = rows(2, org, first_name="New")
    src[0].pop("external_id")
    results, _summary = await run(client, src, on_conflict=policy)
    r0 = next(r for r in results if r.row_no == 1)
    expected = {"adopt": "adopted", "skip": "skipped", "update": "updated", "fail": "failed"}
    assert r0.outcome == expected[policy]
    assert r0.user_id == existing
    assert len(store.users) == 2
    members = [m for m in store.memberships.values() if m.user_id == existing]
    assert len(members) == (1 if policy in ("adopt", "update") else 0)
    if policy == "update":
        assert store.users[existing].fields["first_name"] == "New"
        assert "email" not in {k for k in store.users[existing].fields if k != "email"}
    if policy == "fail":
        assert r0.error is not None and r0.error.code == "user_exists"


async def test_existing_membership_is_success() -> None:
    store = MemoryStore()
    org = store.add_org()
    uid = store.add_user("u0@example.com", "ext-0")
    client = MemoryClient(store)
    await client.user_management.create_organization_membership(user_id=uid, organization_id=org)
    results, _summary = await run(client, rows(1, org))
    assert results[0].outcome == "adopted"
    assert results[0].membership == "existing"
    assert len(store.memberships) == 1


async def test_organization_external_id_is_resolved_once() -> None:
    store = MemoryStore()
    org = store.add_org("acme")
    client = MemoryClient(store)
    src = [{"email": f"a{i}@x.io", "organization_external_id": "acme"} for i in range(30)]
    src.append({"email": "b@x.io", "organization_external_id": "nope"})
    results, summary = await run(client, src, concurrency=8)
    assert summary.outcomes == {"created": 30, "failed": 1}
    assert all(m.organization_id == org for m in store.memberships.values())
    assert store.calls.count("get_organization_by_external_id") == 2
    failed = next(r for r in results if r.outcome == "failed")
    assert failed.error is not None and failed.error.code == "organization_not_found"


async def test_invalid_rows_cost_no_request(tmp_path: Any) -> None:
    client = MemoryClient()
    src = [
        {"email": "bad"},
        {
            "email": "ok@x.io",
            "password": "hunter22",
            "password_hash": "$2b$x",
            "password_hash_type": "bcrypt",
        },
        {"email": "ok@x.io"},
        {"email": "OK@x.io"},
    ]
    _results, summary = await run(client, src, journal=tmp_path / "j.db")
    assert summary.outcomes == {"invalid": 3, "created": 1}
    assert client.store.calls.count("create_user") == 1


async def test_transient_exhaustion_fails_row_and_resume_retries(tmp_path: Any) -> None:
    broken = True

    def faults(op: str, kw: dict[str, Any]) -> str | None:
        return "500_after" if broken and op == "create_user" else None

    client = MemoryClient(faults=faults)
    journal = tmp_path / "j.db"
    _, summary = await run(client, rows(3), journal=journal, max_attempts=1)
    # Applied once, but every answer was a 500: the lookup finds them.
    assert summary.outcomes == {"created": 3}
    broken = False
    # Now never applied: the row fails transiently and stays "creating".
    client2 = MemoryClient(faults=lambda op, kw: "500" if op == "create_user" else None)
    j2 = tmp_path / "j2.db"
    _, summary = await run(client2, rows(3), journal=j2, max_attempts=2)
    assert summary.outcomes == {"failed": 3}
    assert {e.state for e in iter_entries(j2)} == {"creating"}
    client2.faults = None
    _results, summary = await run(client2, rows(3), journal=j2, resume=True)
    assert summary.outcomes == {"created": 3}
    assert len(client2.store.users) == 3
