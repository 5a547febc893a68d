"""Organizations: named by id, external id or name; created once with
``create_organizations``; a user in several organizations is created once, with every
membership — under faults and across resumes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from workos_async import AsyncWorkOS, NotFoundError
from workos_async.bulk import RateLimitConfig, import_users, plan_import
from workos_async.bulk.journal import iter_created_orgs
from workos_async.testing import FakeWorkOS, Fault

from .bulk_fake_helpers import read_results
from .memory_client import MemoryClient

UNLIMITED = RateLimitConfig.unlimited()


def multi_org_rows(org_ids: list[str], n: int = 60) -> list[dict[str, Any]]:
    """Users in several organizations, both ways: a list column, and repeated rows."""
    rows: list[dict[str, Any]] = []
    for i in range(n):
        if i % 2:
            rows.append(
                {
                    "email": f"list{i}@example.com",
                    "external_id": f"list-{i}",
                    "organizations": [
                        org_ids[0],
                        {"external_id": "ext-b", "role_slug": "member"},
                        {"id": org_ids[2]},
                    ],
                }
            )
        else:
            for org in ("ext-a", "ext-b"):
                rows.append(
                    {
                        "email": f"rep{i}@example.com",
                        "external_id": f"rep-{i}",
                        "first_name": "Rep",
                        "organization_external_id": org,
                    }
                )
    return rows


def assert_memberships(fake: FakeWorkOS, expected: int) -> None:
    users = fake.store.users.values_list()
    emails = [u["email"] for u in users]
    assert len(emails) == len(set(emails)), "a user was created twice"
    pairs = [(m["user_id"], m["organization_id"]) for m in fake.store.memberships.values_list()]
    assert len(pairs) == len(set(pairs)) == expected, "a membership is missing or twice"


async def test_user_in_several_organizations_created_once_every_membership(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    orgs = [
        (await client.organizations.create_organization(name=n, external_id=e)).id
        for n, e in (("A", "ext-a"), ("B", "ext-b"), ("C", "ext-c"))
    ]
    rows = multi_org_rows(orgs)
    for f in (
        Fault(method="POST", path="*", kind="drop_after", probability=0.05, count=None, seed=1),
        Fault(method="POST", path="*", kind="drop_before", probability=0.05, count=None, seed=2),
    ):
        fake.faults.add(f)
    report = tmp_path / "rep"
    summary = await import_users(
        client,
        rows,
        rate_limits=UNLIMITED,
        backoff=0.001,
        max_attempts=30,
        timeout=2,
        concurrency=16,
        journal=tmp_path / "j",
        report=report,
    ).wait()
    # 30 list users (3 memberships each) + 30 repeated users (2 rows each).
    assert len(fake.store.users) == 60
    assert_memberships(fake, 30 * 3 + 30 * 2)
    assert summary.outcomes == {"created": 60, "linked": 30 + 60}
    assert summary.rows == 90  # rows, not units: a list row's extra memberships are parts
    results = read_results(report)
    by_email: dict[str, set[str]] = {}
    for r in results:
        assert r["outcome"] in ("created", "linked")
        by_email.setdefault(r["email"], set()).add(r["user_id"])
    assert all(len(ids) == 1 for ids in by_email.values())  # one user per email
    linked = [r for r in results if r["outcome"] == "linked" and "part" not in r]
    assert linked and all(r["user_row"] < r["row"] for r in linked)


async def test_create_organizations_once_before_their_users(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    rows = [
        {"email": f"u{i}@example.com", "organization_external_id": f"new-{i % 3}"}
        for i in range(30)
    ]
    unknown = await import_users(client, rows[:1], rate_limits=UNLIMITED).wait()
    assert unknown.outcomes == {"failed": 1} and len(fake.store.users) == 0
    plan = await plan_import(client, rows, rate_limits=UNLIMITED, create_organizations=True).wait()
    assert plan.outcomes == {"would_create": 30} and len(fake.store.organizations) == 0
    # Creates answered ambiguously some of the time: still exactly one each.
    fake.faults.add(Fault(method="POST", path="/organizations", kind="drop_after", count=2))
    journal = tmp_path / "j"
    summary = await import_users(
        client,
        rows,
        rate_limits=UNLIMITED,
        backoff=0.001,
        journal=journal,
        create_organizations=True,
        concurrency=8,
    ).wait()
    assert summary.outcomes == {"created": 30}
    orgs = fake.store.organizations.values_list()
    assert sorted(o["external_id"] for o in orgs) == ["new-0", "new-1", "new-2"]
    assert_memberships(fake, 30)
    assert sorted(ref for ref, _ in iter_created_orgs(journal)) == [
        "ext:new-0",
        "ext:new-1",
        "ext:new-2",
    ]
    # A resume sends nothing more and creates nothing again.
    again = await import_users(
        client, rows, rate_limits=UNLIMITED, journal=journal, resume=True, create_organizations=True
    ).wait()
    assert again.resumed == 30 and len(fake.store.organizations) == 3


class _Orgs:
    """Organizations with a list endpoint (names), on the memory client."""

    def __init__(self, client: MemoryClient) -> None:
        self._c = client

    async def get_organization(self, id: str, **kw: Any) -> Any:
        org = self._c.store.orgs.get(id)
        if org is None:
            raise NotFoundError(status=404, code="not_found", message="no")
        return org

    async def get_organization_by_external_id(self, external_id: str, **kw: Any) -> Any:
        raise NotFoundError(status=404, code="not_found", message="no")

    async def list_organizations(self, **kw: Any) -> Any:
        self._c.store.calls.append("list_organizations")
        return SimpleNamespace(data=list(self._c.store.orgs.values()), list_metadata=None)

    async def create_organization(self, *, name: str, **kw: Any) -> Any:
        self._c.store.calls.append("create_organization")
        org_id = self._c.store.new_id("org")
        self._c.store.orgs[org_id] = SimpleNamespace(id=org_id, name=name, external_id=None)
        return self._c.store.orgs[org_id]


async def test_organization_by_name(tmp_path: Path) -> None:
    client = MemoryClient()
    client.organizations = _Orgs(client)  # type: ignore[assignment]
    existing = client.store.new_id("org")
    client.store.orgs[existing] = SimpleNamespace(id=existing, name="Acme", external_id=None)
    rows = [
        {"email": f"u{i}@example.com", "organization_name": "Acme" if i % 2 else "Initech"}
        for i in range(10)
    ]
    summary = await import_users(
        client, rows, rate_limits=UNLIMITED, journal=tmp_path / "j", create_organizations=True
    ).wait()
    assert summary.outcomes == {"created": 10}
    names = sorted(o.name for o in client.store.orgs.values())
    assert names == ["Acme", "Initech"]
    assert client.store.calls.count("list_organizations") == 1
    assert client.store.calls.count("create_organization") == 1
    by_org: dict[str, int] = {}
    for m in client.store.memberships.values():
        by_org[client.store.orgs[m.organization_id].name] = (
            by_org.get(client.store.orgs[m.organization_id].name, 0) + 1
        )
    assert by_org == {"Acme": 5, "Initech": 5}


async def test_organization_by_name_through_the_client(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    """``AsyncWorkOS`` names organizations through ``organizations.list_organizations``: one
    walk of the list (several pages) for the run, and each missing name created exactly once
    even when its create is answered ambiguously (resolved by a new walk, not a re-send)."""
    for i in range(12):  # other organizations in the list
        await client.organizations.create_organization(name=f"Filler {i}")
    acme = await client.organizations.create_organization(name="Acme")
    rows = [
        {"email": f"n{i}@example.com", "organization_name": ("Acme", "Initech", "Globex")[i % 3]}
        for i in range(30)
    ]
    fake.faults.add(Fault(method="POST", path="/organizations", kind="drop_after", count=2))
    journal = tmp_path / "j"
    summary = await import_users(
        client,
        rows,
        rate_limits=UNLIMITED,
        backoff=0.001,
        journal=journal,
        create_organizations=True,
        concurrency=8,
    ).wait()
    assert summary.outcomes == {"created": 30}
    names = sorted(o["name"] for o in fake.store.organizations.values_list())
    assert names.count("Initech") == names.count("Globex") == names.count("Acme") == 1
    assert sorted(ref for ref, _ in iter_created_orgs(journal)) == [
        "name:Globex",
        "name:Initech",
    ]
    by_name = {o["id"]: o["name"] for o in fake.store.organizations.values_list()}
    members = [by_name[m["organization_id"]] for m in fake.store.memberships.values_list()]
    assert sorted(members) == sorted(r["organization_name"] for r in rows)
    assert members.count("Acme") == 10 and acme.id in by_name
    # Two ambiguous creates, each resolved by a walk: the run's walk + at most two more.
    walks = [r for r in fake.requests if r.method == "GET" and r.path == "/organizations"]
    assert 1 <= len(walks) <= 3  # 13 organizations: one page of 100 per walk
    posts = [r for r in fake.requests if r.method == "POST" and r.path == "/organizations"]
    assert sum(r.fault is not None for r in posts) == 2
    assert len(posts) == 2 + 13  # one create per missing name (none re-sent) + the seeding
    again = await import_users(
        client, rows, rate_limits=UNLIMITED, journal=journal, resume=True, create_organizations=True
    ).wait()
    assert again.resumed == 30 and len(fake.store.organizations) == 15
