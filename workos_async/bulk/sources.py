"""Streamed row sources: CSV, JSONL, any iterable or async iterable of mappings.

Every source yields ``(row_no, record)`` one row at a time, so memory stays flat however long
the file is. ``row_no`` counts data records from 1 (the CSV header and blank JSONL lines are not
rows). A record that can't be read at all (a JSONL line that is not a JSON object) is yielded
as an :class:`UnreadableRecord` so it lands in the report instead of stopping the import.
"""

from __future__ import annotations

import asyncio
import csv
import itertools
import json
import os
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TypeAlias

from .rows import COLUMNS, UnreadableRecord

SourceFormat = Literal["csv", "jsonl"]
#: What ``import_users`` accepts as a source.
Source: TypeAlias = (
    "str | os.PathLike[str] | Iterable[Mapping[str, Any]] | AsyncIterable[Mapping[str, Any]]"
)

_EXTRA_CELLS = "(cells beyond the header)"


def detect_format(path: str | os.PathLike[str]) -> SourceFormat:
    """``csv`` or ``jsonl`` from the file name; ``ValueError`` when neither fits."""
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise ValueError(
        f"source: can't tell the format of {os.fspath(path)!r} from its extension; "
        "name it .csv or .jsonl, or pass format='csv' / format='jsonl'"
    )


def read_csv(path: str | os.PathLike[str]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Stream a CSV file with a header row of known columns (see ``rows.COLUMNS``).

    Raises ``ValueError`` before the first row when the header has an unknown or repeated
    column, or no ``email`` column: a typo in a header would otherwise fail every row.
    """
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return
        header = [h.strip() for h in header]
        known = set(COLUMNS)
        unknown = [h for h in header if h not in known]
        if unknown:
            raise ValueError(
                f"source: unknown CSV column(s) {', '.join(map(repr, unknown))}; "
                f"known columns: {', '.join(COLUMNS)}"
            )
        if len(set(header)) != len(header):
            raise ValueError("source: a CSV column appears twice in the header")
        if "email" not in header:
            raise ValueError("source: the CSV header has no 'email' column")
        width = len(header)
        row_no = 0
        for cells in reader:
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            row_no += 1
            record: dict[str, Any] = dict(zip(header, cells, strict=False))
            if len(cells) > width:
                record[_EXTRA_CELLS] = ""
            yield row_no, record


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Mapping[str, Any] | Any]]:
    """Stream a JSON-lines file: one JSON object per line; blank lines are skipped."""
    with open(path, encoding="utf-8-sig") as fh:
        row_no = 0
        for line in fh:
            if not line.strip():
                continue
            row_no += 1
            try:
                value = json.loads(line)
            except ValueError:
                yield row_no, UnreadableRecord("not valid JSON")
                continue
            if not isinstance(value, dict):
                yield row_no, UnreadableRecord("expected a JSON object")
                continue
            yield row_no, value


def iter_file(
    path: str | os.PathLike[str], format: SourceFormat | None = None
) -> Iterator[tuple[int, Any]]:
    """Stream a CSV or JSONL file (format from the extension unless given)."""
    fmt = format or detect_format(path)
    if fmt == "csv":
        return read_csv(path)
    if fmt == "jsonl":
        return read_jsonl(path)
    raise ValueError(f"format: expected 'csv' or 'jsonl', got {fmt!r}")


def iter_sync(source: Any, format: SourceFormat | None = None) -> Iterator[tuple[int, Any]] | None:
    """A numbered iterator over a path or a plain iterable; ``None`` for async sources."""
    if isinstance(source, (str, os.PathLike)):
        if not os.path.exists(source):
            raise FileNotFoundError(f"source: no such file: {os.fspath(source)!r}")
        return iter_file(source, format)
    if isinstance(source, AsyncIterable):
        return None
    if isinstance(source, (Mapping, bytes, bytearray)):
        raise TypeError("source: expected a path or an iterable of mappings, not one mapping")
    if isinstance(source, Iterable):
        return enumerate(source, start=1)
    raise TypeError(
        "source: expected a file path, an iterable or an async iterable of mappings, "
        f"got {type(source).__name__}"
    )


async def aiter_rows(
    source: Any, format: SourceFormat | None = None, *, chunk: int = 256
) -> AsyncIterator[list[tuple[int, Any]]]:
    """Numbered rows of any source, in chunks of up to ``chunk`` rows.

    Files are read a chunk at a time in a worker thread, so a slow disk or network filesystem
    never stalls the event loop; in-memory iterables are read on the loop; async sources are
    awaited row by row.
    """
    sync = iter_sync(source, format)
    if sync is not None:
        from_file = isinstance(source, (str, os.PathLike))
        while True:
            batch = await asyncio.to_thread(_take, sync, chunk) if from_file else _take(sync, chunk)
            if not batch:
                return
            yield batch
    row_no = 0
    abatch: list[tuple[int, Any]] = []
    async for record in source:
        row_no += 1
        abatch.append((row_no, record))
        if len(abatch) >= chunk:
            yield abatch
            abatch = []
    if abatch:
        yield abatch


def _take(rows: Iterator[tuple[int, Any]], n: int) -> list[tuple[int, Any]]:
    return list(itertools.islice(rows, n))


def estimate_rows(source: Any) -> int | None:
    """A quick row-count estimate for ETAs: lines in a file (minus a CSV header), ``len()`` of a
    sized iterable, else ``None``."""
    if isinstance(source, (str, os.PathLike)):
        try:
            lines = 0
            with open(source, "rb") as fh:
                while block := fh.read(1 << 20):
                    lines += block.count(b"\n")
                # A last line without a newline.
            if detect_format(source) == "csv":
                lines -= 1
            return max(lines, 0)
        except (OSError, ValueError):
            return None
    try:
        return len(source)
    except TypeError:
        return None
