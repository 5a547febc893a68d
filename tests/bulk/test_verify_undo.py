"""``import verify`` finds every difference between a source and WorkOS; ``import undo``
deletes exactly what the import created — never an adopted or pre-existing user or an
existing membership — once, resumably, under faults."""

from __future__ import annotations

import asyncio
import io
import json
import os
from pathlib import Path
from typing import Any

from workos_async import AsyncWorkOS
from workos_async.bulk import RateLimitConfig, import_users
from workos_async.bulk.cli import main
from workos_async.bulk.undo import undo_import
from workos_async.bulk.verify import verify_import
from workos_async.testing import FakeWorkOS, Fault

from .bulk_fake_helpers import API_KEY, write_jsonl

UNLIMITED = RateLimitConfig.unlimited()


async def setup(client: AsyncWorkOS) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Two organizations, two users that exist before the import (one already a member), and
    rows: the two old users, 20 new ones (some in both organizations), 3 in a new one."""
    um = client.user_management
    org_a = await client.organizations.create_organization(name="A", external_id="org-a")
    org_b = await client.organizations.create_organization(name="B", external_id="org-b")
    old_p = await um.create_user(email="p@example.com", first_name="Old")
    old_q = await um.create_user(email="q@example.com")
    await um.create_organization_membership(user_id=old_q.id, organization_id=org_a.id)
    rows: list[dict[str, Any]] = [
        {"email": "p@example.com", "organization_id": org_a.id},
        {"email": "q@example.com", "organization_id": org_a.id},
    ]
    for i in range(20):
        row: dict[str, Any] = {
            "email": f"new{i}@example.com",
            "external_id": f"new-{i}",
            "first_name": "New",
            "metadata": {"n": str(i)},
        }
        if i % 2:
            row["organizations"] = [org_a.id, {"external_id": "org-b"}]
        rows.append(row)
    rows += [
        {"email": f"c{i}@example.com", "organization_external_id": "org-new"} for i in range(3)
    ]
    ids = {"p": old_p.id, "q": old_q.id, "a": org_a.id, "b": org_b.id}
    return rows, ids


def state(fake: FakeWorkOS) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    users = {u["email"] for u in fake.store.users.values_list()}
    memberships = {
        (m["user_id"], m["organization_id"]) for m in fake.store.memberships.values_list()
    }
    orgs = {o["name"] for o in fake.store.organizations.values_list()}
    return users, memberships, orgs


async def test_verify_then_undo_exactly_once(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    rows, ids = await setup(client)
    before_users, before_memberships, _ = state(fake)
    journal = tmp_path / "j"
    fake.faults.add(
        Fault(method="POST", path="*", kind="drop_after", probability=0.1, count=None, seed=5)
    )
    summary = await import_users(
        client,
        rows,
        journal=journal,
        rate_limits=UNLIMITED,
        backoff=0.001,
        max_attempts=30,
        create_organizations=True,
    ).wait()
    fake.faults.clear()
    assert summary.outcomes == {"created": 23, "adopted": 2, "linked": 10}
    out = io.StringIO()
    verified = await verify_import(client, rows, journal, out=out, rate_limits=UNLIMITED)
    assert verified.differences == 0, out.getvalue()
    assert verified.verdicts["ok"] == 35

    # Drift: a user deleted, a name changed, a membership removed.
    um = client.user_management
    users = {u["email"]: u for u in fake.store.users.values_list()}
    await um.delete_user(users["new0@example.com"]["id"])
    await um.update_user(users["new2@example.com"]["id"], first_name="Changed")
    member = next(
        m
        for m in fake.store.memberships.values_list()
        if m["user_id"] == users["new1@example.com"]["id"] and m["organization_id"] == ids["b"]
    )
    await um.delete_organization_membership(member["id"])
    out = io.StringIO()
    drift = await verify_import(client, rows, journal, out=out, rate_limits=UNLIMITED)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert drift.verdicts["missing_user"] == 1 and drift.verdicts["field_mismatch"] == 1
    assert drift.verdicts["missing_membership"] == 1
    assert {(x["row"], x["verdict"]) for x in lines} == {
        (3, "missing_user"),
        (5, "field_mismatch"),
        (4, "missing_membership"),
    }
    assert next(x for x in lines if x["verdict"] == "field_mismatch")["detail"] == "first_name"

    # Undo, interrupted by faults first: nothing pre-existing is touched, nothing twice.
    fake.faults.add(
        Fault(method="DELETE", path="*", kind="drop_after", probability=0.3, count=None, seed=9)
    )
    first = await undo_import(client, journal, rate_limits=UNLIMITED, max_attempts=2)
    fake.faults.clear()
    second = await undo_import(client, journal, rate_limits=UNLIMITED, include_organizations=True)
    assert second.failed == 0 and second.already_done > 0
    users_after, memberships_after, orgs_after = state(fake)
    assert users_after == before_users == {"p@example.com", "q@example.com"}
    assert memberships_after == before_memberships  # P's new one gone, Q's old one kept
    assert orgs_after == {"A", "B"}  # the created one went with include_organizations
    total_users = first.users_deleted + second.users_deleted + first.gone + second.gone
    assert total_users >= 22  # 23 created, one deleted by hand (gone)
    third = await undo_import(client, journal, rate_limits=UNLIMITED)
    assert third.users_deleted == third.memberships_deleted == 0 and third.gone == 0
    assert fake.store.users[ids["p"]]["first_name"] == "Old"


def test_cli_verify_and_undo(tmp_path: Path, capsys: Any) -> None:
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as fake:

        async def prepare() -> list[dict[str, Any]]:
            async with AsyncWorkOS(api_key=API_KEY, base_url=fake.url) as c:
                rows, _ = await setup(c)
                return rows

        rows = asyncio.run(prepare())
        src = tmp_path / "u.jsonl"
        write_jsonl(src, rows)
        journal = str(tmp_path / "j")
        common = ["--base-url", fake.url, "--quiet", "--journal", journal]
        old = os.environ.get("WORKOS_API_KEY")
        os.environ["WORKOS_API_KEY"] = API_KEY
        try:
            assert main(["users", str(src), *common, "--create-organizations"]) == 0
            capsys.readouterr()
            assert main(["verify", str(src), *common, "--report", str(tmp_path / "r")]) == 0
            assert json.loads(capsys.readouterr().out)["differences"] == 0
            assert main(["undo", *common]) == 0
            assert json.loads(capsys.readouterr().out)["users_deleted"] == 23
            assert main(["verify", str(src), *common, "--report", str(tmp_path / "r")]) == 1
            assert "missing_user" in (tmp_path / "r" / "verify.jsonl").read_text()
            assert main(["undo", "--quiet"]) == 2
        finally:
            if old is None:
                os.environ.pop("WORKOS_API_KEY", None)
            else:
                os.environ["WORKOS_API_KEY"] = old
        assert {u["email"] for u in fake.store.users.values_list()} == {
            "p@example.com",
            "q@example.com",
        }
