"""Safe report and journal files, clear fatal errors (exit 2, one line), and accounting that
never calls a pre-existing user ``created`` — across faults, kills and resumes."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from workos_async import AsyncWorkOS
from workos_async.bulk import RateLimitConfig, import_users
from workos_async.bulk.cli import main
from workos_async.bulk.governor import Limit, RateGovernor
from workos_async.bulk.journal import CREATING, Journal, JournalEntry, iter_entries
from workos_async.bulk.rows import parse_row
from workos_async.bulk.sources import count_rows
from workos_async.testing import FakeWorkOS, Fault

from .bulk_fake_helpers import API_KEY, make_rows, read_results, write_jsonl

UNLIMITED = RateLimitConfig.unlimited()


def one_error_line(capsys: Any) -> str:
    err: str = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- report files --------------------------------------------------------------------------


def test_failures_csv_cells_are_neutralised_and_files_private(tmp_path: Path) -> None:
    src = tmp_path / "u.csv"
    src.write_text(
        "email,first_name,last_name,external_id\n"
        'bad-email,=HYPERLINK("http://x"),+1,@a\n'
        'also-bad,-2,"\tTab","\rCR"\n'
    )
    report = tmp_path / "rep"
    assert main(["users", str(src), "--dry-run", "--report", str(report), "--quiet"]) == 1
    with open(report / "failures.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["first_name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["last_name"] == "'+1" and rows[0]["external_id"] == "'@a"
    assert rows[1]["first_name"] == "'-2"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    for name in ("results.jsonl", "failures.csv", "summary.json"):
        assert stat.S_IMODE(os.stat(report / name).st_mode) == 0o600, name


@pytest.mark.parametrize("name", ["failures.csv", "results.jsonl", "summary.json"])
def test_symlink_inside_report_is_refused_not_followed(
    tmp_path: Path, capsys: Any, name: str
) -> None:
    src = tmp_path / "u.csv"
    src.write_text("email\nbad\n")
    report = tmp_path / "rep"
    report.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    (report / name).symlink_to(precious)
    assert main(["users", str(src), "--dry-run", "--report", str(report), "--quiet"]) == 2
    assert "symlink" in one_error_line(capsys)
    assert precious.read_text() == "keep me\n"


def test_csv_cell_over_field_limit_is_one_clear_line(tmp_path: Path, capsys: Any) -> None:
    src = tmp_path / "u.csv"
    src.write_text("email,first_name\na@b.co,Ada\nc@d.co," + "x" * (csv.field_size_limit() + 10))
    code = main(["users", str(src), "--dry-run", "--report", str(tmp_path / "r"), "--quiet"])
    assert code == 2
    line = one_error_line(capsys)
    assert "line 3" in line and "field larger than field limit" in line


# -- journal files -------------------------------------------------------------------------


async def test_journal_is_private_and_foreign_or_damaged_ones_refused(tmp_path: Path) -> None:
    j = tmp_path / "j.sqlite"
    journal = Journal(j)
    await journal.start()
    await journal.record(JournalEntry(row_no=2, fp="fp", state=CREATING))
    await journal.close()
    assert stat.S_IMODE(os.stat(j).st_mode) == 0o600

    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE precious (x)")
    conn.commit()
    conn.close()
    garbage = tmp_path / "garbage.journal"
    garbage.write_bytes(b"not a database at all" * 100)
    truncated = tmp_path / "truncated.journal"
    data = j.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    for path in (foreign, garbage, truncated):
        with pytest.raises(Exception) as info:
            Journal(path).existing_rows()
        assert type(info.value).__name__ == "JournalError", (path, info.value)
    # The foreign database was not touched (no tables added).
    conn = sqlite3.connect(foreign)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["precious"]
    conn.close()


def test_cli_damaged_journal_exit_2_one_line(tmp_path: Path, capsys: Any) -> None:
    src = tmp_path / "u.jsonl"
    write_jsonl(src, make_rows(3))
    journal = tmp_path / "u.journal"
    journal.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)  # a cut-off header
    code = main(
        [
            *("users", str(src), "--journal", str(journal), "--resume", "--quiet"),
            *("--base-url", "http://127.0.0.1:9"),
        ]
    )
    assert code == 2
    assert "journal" in one_error_line(capsys)


# -- fatal answers ---------------------------------------------------------------------------


def test_wrong_api_key_stops_at_once_exit_2(tmp_path: Path, capsys: Any) -> None:
    src = tmp_path / "u.jsonl"
    write_jsonl(src, make_rows(400))
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as fake:
        env = {"WORKOS_API_KEY": "sk_test_wrong", "WORKOS_CLIENT_ID": "client_x"}
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            code = main(
                [
                    *("users", str(src), "--base-url", fake.url, "--quiet"),
                    *("--concurrency", "8", "--journal", str(tmp_path / "j")),
                    *("--report", str(tmp_path / "r")),
                ]
            )
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        sent = sum(fake.counters.by_route.values())
    assert code == 2
    line = one_error_line(capsys)
    assert "401" in line and "WORKOS_API_KEY" in line and "sk_test_wrong" not in line
    assert sent <= 16, f"{sent} requests sent after a 401"
    assert len(fake.store.users) == 0


# -- accounting ------------------------------------------------------------------------------


async def test_preexisting_user_found_in_doubt_is_adopted_not_created(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    old = await client.user_management.create_user(email="user0@example.com", external_id="ext-0")
    await asyncio.sleep(0.05)
    # The create is not applied (connection dropped first): the lookup finds the old user.
    fake.faults.add(Fault(method="POST", path="/user_management/users", kind="drop_before"))
    results = [
        r
        async for r in import_users(
            client, make_rows(1), rate_limits=UNLIMITED, backoff=0.001, clock_skew=0.01
        )
    ]
    (res,) = results
    assert res.outcome == "adopted" and res.user_id == old.id and not res.recovered


async def test_preexisting_user_after_sigkill_mid_create_is_not_created(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    # A journal left by a run killed after marking the row `creating` (an hour after the
    # user was created in WorkOS): on resume the lookup finds a user older than the mark.
    old = await client.user_management.create_user(email="user0@example.com", external_id="ext-0")
    rows = make_rows(1)
    journal_path = tmp_path / "j.sqlite"
    parsed = parse_row(1, rows[0])
    journal = Journal(journal_path)
    await journal.start()
    await journal.record(
        JournalEntry(
            row_no=1,
            fp=parsed.fingerprint(),  # type: ignore[union-attr]
            state=CREATING,
            attempts=1,
            creating_at=time.time() + 3600,
        )
    )
    await journal.close()
    for policy, outcome in (("skip", "skipped"),):
        (res,) = [
            r
            async for r in import_users(
                client,
                rows,
                journal=journal_path,
                resume=True,
                on_conflict=policy,
                rate_limits=UNLIMITED,
            )
        ]
        assert res.outcome == outcome and res.user_id == old.id and not res.recovered
    assert len(fake.store.users) == 1


async def test_recovered_and_totals_survive_resume(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    fake.faults.add(Fault(method="POST", path="/user_management/users", kind="drop_after", count=5))
    rows = make_rows(30)
    journal = tmp_path / "j.sqlite"
    first = await import_users(
        client, rows, journal=journal, rate_limits=UNLIMITED, backoff=0.001
    ).wait()
    assert first.recovered == 5 and first.runs == 1
    report = tmp_path / "rep"
    second = await import_users(
        client, rows, journal=journal, resume=True, rate_limits=UNLIMITED, report=report
    ).wait()
    assert second.recovered == 5 and second.resumed == 30
    assert second.runs == 2
    assert second.requests["all"] == first.requests["all"]  # nothing new sent, totals kept
    assert second.outcomes == {"created": 30}
    recovered_rows = [r for r in read_results(report) if r.get("recovered")]
    assert len(recovered_rows) == 5 and all(r["resumed"] for r in recovered_rows)
    assert json.loads((report / "summary.json").read_text())["runs"] == 2
    assert sum(1 for e in iter_entries(journal) if e.recovered) == 5


async def test_unknown_organization_fails_before_the_user_is_created(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    rows = [
        {"email": "a@example.com", "organization_id": "org_01NOPE"},
        {"email": "b@example.com", "organization_external_id": "nope"},
        {"email": "c@example.com", "organization_id": "org_01NOPE"},
    ]
    results = [r async for r in import_users(client, rows, rate_limits=UNLIMITED)]
    assert {r.outcome for r in results} == {"failed"}
    assert {r.error.code for r in results if r.error} == {"organization_not_found"}
    assert len(fake.store.users) == 0  # no orphan users
    gets = sum(
        n for (m, p), n in fake.counters.by_route.items() if m == "GET" and p and "organ" in p
    )
    assert gets == 2  # one lookup per organization, cached


async def test_on_progress_and_total(fake: FakeWorkOS, client: AsyncWorkOS) -> None:
    samples: list[dict[str, Any]] = []
    await import_users(
        client,
        make_rows(20),
        rate_limits=UNLIMITED,
        on_progress=samples.append,
        progress_interval=0.01,
        total=20,
    ).wait()
    assert samples and samples[-1]["rows"] == 20 and samples[-1]["total"] == 20
    assert samples[-1]["eta_s"] == 0


def test_total_counts_rows_not_lines(tmp_path: Path) -> None:
    src = tmp_path / "u.csv"
    src.write_text('email,first_name\n\na@b.co,"two\nlines"\nc@d.co,x\n\n')
    assert count_rows(src) == 2
    jl = tmp_path / "u.jsonl"
    jl.write_text('{"email": "a@b.co"}\n\n{"email": "c@d.co"}\n')
    assert count_rows(jl) == 2


async def test_429_pause_and_rate_are_persisted_and_restored(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    fake.faults.add(Fault(method="POST", path="*", kind="status", status=429, retry_after=30))
    journal = tmp_path / "j.sqlite"
    run = import_users(
        client,
        make_rows(3),
        journal=journal,
        rate_limits=RateLimitConfig(writes=Limit(100, 1.0), reads=None, all=None),
    )

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(run.wait(), 0.5)
    state = Journal(journal).read_state()
    assert state["governor"]["factor"] < 1.0
    assert state["governor"]["paused_until"] > time.time() + 20
    restored = RateGovernor(RateLimitConfig())
    restored.restore(state["governor"])
    assert restored.factor == state["governor"]["factor"]
    assert restored.snapshot()["paused_for"] > 20
