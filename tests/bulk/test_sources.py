"""Streamed sources: CSV, JSONL, iterables, async iterables."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from workos_async.bulk import dry_run
from workos_async.bulk.sources import aiter_rows, estimate_rows, read_csv, read_jsonl


def test_csv_header_checks(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text("email,nickname\na@b.co,x\n")
    with pytest.raises(ValueError, match=r"unknown CSV column.*nickname"):
        list(read_csv(p))
    p.write_text("first_name\nAda\n")
    with pytest.raises(ValueError, match="no 'email' column"):
        list(read_csv(p))


def test_csv_rows_numbered_and_blank_lines_skipped(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text('\ufeffemail,metadata\na@b.co,"{""k"": ""v""}"\n\nc@d.co,\nx@y.co,,extra\n')
    rows = list(read_csv(p))
    assert [n for n, _ in rows] == [2, 4, 5]  # line numbers: header 1, blank line 3
    assert rows[0][1]["metadata"] == '{"k": "v"}'
    summary = dry_run(p)
    assert summary.outcomes == {"valid": 2, "invalid": 1}
    assert estimate_rows(p) == 3  # rows, not lines


def test_jsonl_bad_lines_are_rows(tmp_path: Path) -> None:
    p = tmp_path / "u.jsonl"
    p.write_text('{"email": "a@b.co"}\n\nnot json {"password": "pw"}\n[1]\n')
    rows = list(read_jsonl(p))
    assert [n for n, _ in rows] == [1, 3, 4]
    assert dry_run(p).outcomes == {"valid": 1, "invalid": 2}


def test_unknown_extension_and_missing_file(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_text("email\n")
    with pytest.raises(ValueError, match="extension"):
        dry_run(p)
    with pytest.raises(FileNotFoundError):
        dry_run(tmp_path / "missing.csv")
    with pytest.raises(TypeError, match="one mapping"):
        dry_run({"email": "a@b.co"})
    assert dry_run(p, format="csv").rows == 0


async def test_async_iterable_in_chunks() -> None:
    async def gen() -> AsyncIterator[dict[str, str]]:
        for i in range(10):
            yield {"email": f"u{i}@x.io"}

    chunks = [c async for c in aiter_rows(gen(), chunk=4)]
    assert [len(c) for c in chunks] == [4, 4, 2]
    assert chunks[2][-1][0] == 10
