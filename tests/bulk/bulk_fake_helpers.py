"""Shared helpers for the bulk tests that run against ``workos_async.testing.FakeWorkOS``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

API_KEY = "sk_test_bulk"
BCRYPT = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"


def make_rows(
    n: int, org_ids: list[str] | None = None, *, start: int = 0, every_other_hash: bool = False
) -> list[dict[str, Any]]:
    """``n`` valid rows; with ``org_ids`` each gets a membership (cycling through them)."""
    rows: list[dict[str, Any]] = []
    for i in range(start, start + n):
        row: dict[str, Any] = {
            "email": f"user{i}@example.com",
            "first_name": "User",
            "last_name": str(i),
            "external_id": f"ext-{i}",
            "metadata": {"n": str(i)},
        }
        if every_other_hash and i % 2:
            row["password_hash"] = BCRYPT
            row["password_hash_type"] = "bcrypt"
        elif i % 3 == 0:
            row["password"] = f"pw-{i}-long-enough"
        if org_ids:
            row["organization_id"] = org_ids[i % len(org_ids)]
            row["role_slug"] = "member"
        rows.append(row)
    return rows


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    with open(path, "w") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def assert_exact_state(
    fake: Any,
    rows: list[dict[str, Any]],
    results: list[dict[str, Any]],
    *,
    preexisting_users: int = 0,
) -> None:
    """The fake holds each row's user once and each membership once, and the results name
    exactly those objects, row for row."""
    users = fake.store.users.values_list()
    memberships = fake.store.memberships.values_list()
    assert len(users) == len(rows) + preexisting_users
    emails = [u["email"].lower() for u in users]
    assert len(set(emails)) == len(emails), "a user was created twice"
    pairs = [(m["user_id"], m["organization_id"]) for m in memberships]
    assert len(set(pairs)) == len(pairs), "a membership was created twice"
    wanted_memberships = sum(1 for r in rows if r.get("organization_id"))
    assert len(memberships) == wanted_memberships

    by_row = {r["row"]: r for r in results}
    assert sorted(by_row) == list(range(1, len(rows) + 1)), "a row is missing from the report"
    user_ids = set()
    for row_no, row in enumerate(rows, start=1):
        res = by_row[row_no]
        assert res["outcome"] in ("created", "adopted", "updated"), res
        user = fake.store.users[res["user_id"]]
        assert user["email"].lower() == row["email"].lower()
        assert user["external_id"] == row.get("external_id")
        user_ids.add(res["user_id"])
        if row.get("organization_id"):
            m = fake.store.memberships[res["membership_id"]]
            assert m["user_id"] == res["user_id"]
            assert m["organization_id"] == row["organization_id"]
    assert len(user_ids) == len(rows)


def read_results(report_dir: Path) -> list[dict[str, Any]]:
    lines = (report_dir / "results.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]
