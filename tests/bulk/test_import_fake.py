"""The issue's acceptance tests, against ``workos_async.testing.FakeWorkOS`` and its faults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workos_async import AsyncWorkOS
from workos_async.bulk import (
    Limit,
    RateLimitConfig,
    dry_run,
    import_users,
    plan_import,
)
from workos_async.testing import FakeWorkOS, Fault, RateLimits

from .bulk_fake_helpers import API_KEY, assert_exact_state, make_rows, read_results

UNLIMITED = RateLimitConfig.unlimited()


async def make_orgs(client: AsyncWorkOS, n: int) -> list[str]:
    out = []
    for i in range(n):
        org = await client.organizations.create_organization(
            name=f"Org {i}", external_id=f"org-ext-{i}"
        )
        out.append(org.id)
    return out


def faults_5_percent(seed: int) -> list[Fault]:
    """~5% of writes fail: before or after being applied, 5xx, cut bodies, timeouts."""
    out: list[Fault] = []
    for n, path in enumerate(
        ("/user_management/users", "/user_management/organization_memberships")
    ):
        s = seed * 100 + n * 10
        out += [
            Fault(
                method="POST",
                path=path,
                kind="drop_after",
                probability=0.015,
                count=None,
                seed=s + 1,
            ),
            Fault(
                method="POST",
                path=path,
                kind="drop_before",
                probability=0.01,
                count=None,
                seed=s + 2,
            ),
            Fault(
                method="POST",
                path=path,
                kind="status",
                status=500,
                probability=0.01,
                count=None,
                seed=s + 3,
            ),
            Fault(
                method="POST",
                path=path,
                kind="status",
                status=503,
                probability=0.005,
                count=None,
                seed=s + 4,
            ),
            Fault(
                method="POST", path=path, kind="truncate", probability=0.005, count=None, seed=s + 5
            ),
            # Applied after the client's 0.4 s timeout: an ambiguous timeout.
            Fault(
                method="POST",
                path=path,
                kind="latency",
                latency=0.6,
                probability=0.005,
                count=None,
                seed=s + 6,
            ),
        ]
    # Lookups fail sometimes too.
    out.append(
        Fault(
            method="GET",
            path="/user_management/*",
            kind="status",
            status=502,
            probability=0.03,
            count=None,
            seed=seed + 7,
        )
    )
    return out


@pytest.mark.slow
async def test_10k_rows_with_faults_and_429_burst_exact_final_state(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    orgs = await make_orgs(client, 5)
    rows = make_rows(10_000, orgs, every_other_hash=True)
    for f in faults_5_percent(seed=1):
        fake.faults.add(f)
    # A burst of 429s partway through.
    fake.faults.add(
        Fault(
            method="*", path="*", kind="status", status=429, retry_after=0.05, skip=4000, count=400
        )
    )
    report = tmp_path / "report"
    run = import_users(
        client,
        rows,
        concurrency=64,
        rate_limits=UNLIMITED,
        timeout=0.4,
        backoff=0.01,
        max_attempts=30,
        journal=tmp_path / "j.db",
        report=report,
    )
    summary = await run.wait()
    assert summary.outcomes == {"created": 10_000}, summary.outcomes
    assert summary.memberships == {"created": 10_000}
    assert summary.rate_limited >= 400
    assert summary.recovered > 0  # some creates were applied before the connection dropped
    assert fake.faults.fired > 500
    results = read_results(report)
    assert_exact_state(fake, rows, results)
    # No secret in the report.
    for name in ("results.jsonl", "failures.csv", "summary.json"):
        text = (report / name).read_text()
        assert "pw-0-long-enough" not in text and "$2b$10$" not in text


async def test_rate_limited_fake_no_row_fails(fake: FakeWorkOS, client: AsyncWorkOS) -> None:
    # Writes 100 / 0.5 s at the fake; the governor is told the same limits.
    fake.rate_limits = RateLimits(
        writes=100, reads=200, window=0.5, total=1200, total_window=6.0, fractional_retry_after=True
    )
    limits = RateLimitConfig(writes=Limit(100, 0.5), reads=Limit(200, 0.5), all=Limit(1200, 6.0))
    rows = make_rows(300)
    summary = await import_users(client, rows, concurrency=32, rate_limits=limits).wait()
    assert summary.outcomes == {"created": 300}
    assert len(fake.store.users) == 300


async def test_rate_limited_fake_without_governor_still_no_row_fails(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    # The governor knows nothing: every 429 pauses everyone for Retry-After, rows still land.
    fake.rate_limits = RateLimits(
        writes=50, reads=200, window=0.3, total=1200, total_window=6.0, fractional_retry_after=True
    )
    rows = make_rows(200)
    summary = await import_users(client, rows, concurrency=32, rate_limits=UNLIMITED).wait()
    assert summary.outcomes == {"created": 200}
    assert summary.rate_limited > 0
    assert len(fake.store.users) == 200


def posts(counters: Any) -> int:
    return sum(n for (method, _), n in counters.by_route.items() if method in ("POST", "PUT"))


async def prepare_existing(client: AsyncWorkOS, orgs: list[str]) -> None:
    """Rows 1-10 exist by email, 11-20 by external_id only (other email), 1-5 already in their
    org."""
    um = client.user_management
    for i in range(10):
        u = await um.create_user(email=f"user{i}@example.com", first_name="Old")
        if i < 5:
            await um.create_organization_membership(
                user_id=u.id, organization_id=orgs[i % len(orgs)]
            )
    for i in range(10, 20):
        await um.create_user(email=f"other{i}@example.com", external_id=f"ext-{i}")


def _as_done(counts: Any) -> dict[str, int]:
    """A plan's ``would_*`` counts named as the run's outcomes."""
    names = {
        "would_create": "created",
        "would_adopt": "adopted",
        "would_update": "updated",
        "would_skip": "skipped",
    }
    return {names.get(k, k): v for k, v in counts.items()}


@pytest.mark.parametrize("policy", ["adopt", "skip", "update", "fail"])
async def test_on_conflict_policies_and_plan_matches_run(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path, policy: str
) -> None:
    orgs = await make_orgs(client, 2)
    await prepare_existing(client, orgs)
    rows = make_rows(40, orgs)
    rows.append({"email": "broken"})  # invalid: no request
    before = fake.counters

    plan = await plan_import(client, rows, on_conflict=policy, rate_limits=UNLIMITED).wait()
    assert plan.requests["write"] == 0
    assert posts(fake.counters) == posts(before)
    summary = await import_users(
        client, rows, on_conflict=policy, rate_limits=UNLIMITED, report=tmp_path / "r"
    ).wait()
    # The plan says what would happen, never that it happened.
    assert "created" not in plan.outcomes and "created" not in plan.memberships
    assert _as_done(plan.outcomes) == summary.outcomes
    assert _as_done(plan.memberships) == summary.memberships
    assert plan.plan is not None
    assert plan.plan["creates"] == summary.outcomes.get("created", 0) == 20

    expected = {
        "adopt": {"created": 20, "adopted": 20, "invalid": 1},
        "skip": {"created": 20, "skipped": 20, "invalid": 1},
        "update": {"created": 20, "updated": 20, "invalid": 1},
        "fail": {"created": 20, "failed": 20, "invalid": 1},
    }[policy]
    assert summary.outcomes == expected
    memberships = {
        "adopt": {"created": 35, "existing": 5},
        "update": {"created": 35, "existing": 5},
        "skip": {"created": 20},
        "fail": {"created": 20},
    }[policy]
    assert summary.memberships == memberships
    assert len(fake.store.users) == 40
    pairs = [(m["user_id"], m["organization_id"]) for m in fake.store.memberships.values_list()]
    assert len(pairs) == len(set(pairs)) == memberships["created"] + 5  # 5 pre-existing
    results = {r["row"]: r for r in read_results(tmp_path / "r")}
    if policy == "update":
        user = fake.store.users[results[1]["user_id"]]
        assert user["first_name"] == "User"
        # Matched by external_id, the email is updated to the row's.
        user = fake.store.users[results[11]["user_id"]]
        assert user["email"] == "user10@example.com"
    if policy == "fail":
        assert results[1]["error"]["code"] == "user_exists"

    # dry run counts equal the run's valid/invalid split
    dry = dry_run(rows)
    assert dry.outcomes == {"valid": 40, "invalid": 1}


async def test_organization_external_id_and_resume_after_cancel(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    await make_orgs(client, 3)
    rows = make_rows(300)
    for i, row in enumerate(rows):
        row["organization_external_id"] = f"org-ext-{i % 3}"
    journal = tmp_path / "j.db"
    run = import_users(client, rows, journal=journal, rate_limits=UNLIMITED, concurrency=16)
    seen = 0
    async for _ in run:
        seen += 1
        if seen == 100:
            break  # cancels the import mid-flight
    assert 100 <= len(fake.store.users) < 300
    summary = await import_users(
        client, rows, journal=journal, resume=True, rate_limits=UNLIMITED, report=tmp_path / "r"
    ).wait()
    assert summary.outcomes.get("created") == 300
    assert summary.resumed >= 100
    assert len(fake.store.users) == 300
    assert len(fake.store.memberships) == 300
    with pytest.raises(Exception, match="already holds"):
        await import_users(client, rows, journal=journal).wait()


async def test_journal_refuses_changed_source(client: AsyncWorkOS, tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    await import_users(client, make_rows(5), journal=journal, rate_limits=UNLIMITED).wait()
    changed = make_rows(5, start=100)
    with pytest.raises(Exception, match="different source row"):
        await import_users(client, changed, journal=journal, resume=True).wait()


def test_sync_facade(tmp_path: Path) -> None:
    from workos_async import WorkOS
    from workos_async.bulk import import_users_sync

    with (
        FakeWorkOS(api_key=API_KEY).run_in_thread() as fake,
        WorkOS(api_key=API_KEY, client_id="client_bulk", base_url=fake.url) as client,
    ):
        run = import_users_sync(client, make_rows(50), rate_limits=UNLIMITED)
        results = list(run)
        assert len(results) == 50
        assert run.summary is not None and run.summary.outcomes == {"created": 50}
        assert len(fake.store.users) == 50


async def test_refused_run_keeps_earlier_report(client: AsyncWorkOS, tmp_path: Path) -> None:
    journal, report = tmp_path / "j.db", tmp_path / "r"
    await import_users(
        client, make_rows(3), journal=journal, report=report, rate_limits=UNLIMITED
    ).wait()
    before = (report / "results.jsonl").read_text()
    with pytest.raises(Exception, match="already holds"):
        await import_users(client, make_rows(3), journal=journal, report=report).wait()
    assert (report / "results.jsonl").read_text() == before
    assert len(before.splitlines()) == 3
