"""The SQLite journal: WAL, group commit, fetch sees queued writes, reopen keeps state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workos_async.bulk.journal import (
    CREATING,
    DONE,
    Journal,
    JournalEntry,
    iter_entries,
)


async def test_record_fetch_reopen(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    j = Journal(path)
    assert j.existing_rows() == 0
    await j.start()
    futs = [j.record(JournalEntry(row_no=i, fp=f"fp{i}", state=CREATING)) for i in range(1, 501)]
    await futs[-1]
    assert all(f.done() for f in futs)
    j.record_nowait(JournalEntry(row_no=7, fp="fp7", state=DONE, user_id="user_7", attempts=2))
    got = await j.fetch(5, 8)  # sees the not-awaited write queued before it
    assert sorted(got) == [5, 6, 7, 8]
    assert got[7].state == DONE and got[7].user_id == "user_7" and got[7].attempts == 2
    await j.close()
    assert j.commits < 500  # grouped
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    j2 = Journal(path)
    assert j2.existing_rows() == 500
    entries = list(iter_entries(path))
    assert entries[6].state == DONE


async def test_no_secret_column(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    j = Journal(path)
    await j.start()
    await j.close()
    conn = sqlite3.connect(path)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(rows)")}
    conn.close()
    assert not {"password", "password_hash"} & cols


def test_bad_sync_mode(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="synchronous"):
        Journal(tmp_path / "j.db", synchronous="OFF")  # type: ignore[arg-type]
