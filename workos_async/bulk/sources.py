"""Streamed row sources: CSV, JSONL, providers' exports (see ``bulk/formats/``), any iterable
or async iterable of mappings.

Every source yields ``(row_no, record)`` one row at a time, so memory stays flat however long
the file is. For files ``row_no`` is the line the record starts on (the CSV header is line 1,
so the first CSV row is line 2; blank lines keep their numbers), which is what an editor shows;
for in-memory iterables it counts records from 1. A record that can't be read at all (a JSONL
line that is not a JSON object, a line that is not UTF-8) is yielded as an
:class:`UnreadableRecord` so it lands in the report instead of stopping the import.

What stops the import before any request, with one clear line: an unreadable file, a CSV
header with unknown columns, a CSV cell over the csv module's field limit (:class:`SourceError`).
"""

from __future__ import annotations

import asyncio
import csv
import itertools
import json
import os
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TypeAlias, runtime_checkable

from .rows import COLUMNS, UnreadableRecord

#: ``--from``: the plain formats and the providers' exports.
SourceFormat = Literal["csv", "jsonl", "auth0", "clerk", "firebase", "cognito"]
SOURCE_FORMATS: tuple[str, ...] = ("csv", "jsonl", "auth0", "clerk", "firebase", "cognito")
#: What ``import_users`` accepts as a source.
Source: TypeAlias = (
    "str | os.PathLike[str] | Iterable[Mapping[str, Any]] | AsyncIterable[Mapping[str, Any]]"
)

_EXTRA_CELLS = "(cells beyond the header)"
_DELIMITERS = (",", ";", "\t")


class SourceError(ValueError):
    """The source can't be read as a whole (stops the import before any request)."""


@runtime_checkable
class NumberedSource(Protocol):
    """A source that numbers its own rows (the providers' exports)."""

    def numbered_rows(self) -> Iterator[tuple[int, Any]]:
        """``(line, record)`` pairs, streamed."""

    def count_rows(self) -> int:
        """How many records ``numbered_rows`` will yield (for the ETA)."""


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


def sniff_delimiter(path: str | os.PathLike[str], header: str) -> str:
    """``.tsv`` is tab-separated; otherwise the most frequent of ``,`` ``;`` tab in the
    header line (``,`` on a tie)."""
    if Path(path).suffix.lower() == ".tsv":
        return "\t"
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _not_utf8(cells: Iterable[str]) -> str | None:
    """The reason a record decoded with ``surrogateescape`` held bytes that are not UTF-8."""
    for cell in cells:
        if cell.isascii():
            continue
        try:
            cell.encode("utf-8")
        except UnicodeEncodeError as exc:
            byte = ord(cell[exc.start]) - 0xDC00
            return f"not UTF-8: byte 0x{byte:02x} (save the file as UTF-8)"
    return None


def open_text(path: str | os.PathLike[str]) -> IO[str]:
    """A source file as text: UTF-8 (a BOM skipped), undecodable bytes kept as surrogates so
    the record holding them can be reported by line instead of stopping everything."""
    return open(path, newline="", encoding="utf-8-sig", errors="surrogateescape")


def csv_records(
    fh: IO[str], path: str | os.PathLike[str], *, delimiter: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for every record of an open CSV file, the header included (blank
    records are skipped). A cell over the csv field limit is a :class:`SourceError`."""
    first = fh.readline()
    if not first:
        return
    delim = delimiter or sniff_delimiter(path, first)
    reader = csv.reader(itertools.chain((first,), fh), delimiter=delim)
    line = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(
                f"source: {os.fspath(path)!r} line {start}: {exc} (a quote left open, or a "
                "cell too large for a CSV file)"
            ) from None
        line = start
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        yield line, cells


def read_csv(path: str | os.PathLike[str]) -> Iterator[tuple[int, Mapping[str, Any] | Any]]:
    """Stream a CSV file with a header row of known columns (see ``rows.COLUMNS``; matched
    case-insensitively). The delimiter is ``,``, ``;`` or tab, told from the header
    (``.tsv`` is tab).

    Raises ``ValueError`` before the first row when the header has an unknown or repeated
    column, or no ``email`` column: a typo in a header would otherwise fail every row.
    """
    with open_text(path) as fh:
        records = csv_records(fh, path)
        try:
            _, header = next(records)
        except StopIteration:
            return
        header = [h.strip().lower() for h in header]
        known = set(COLUMNS)
        unknown = [h for h in header if h not in known]
        if unknown:
            raise SourceError(
                f"source: unknown CSV column(s) {', '.join(map(repr, unknown))}; "
                f"known columns: {', '.join(COLUMNS)}"
            )
        if len(set(header)) != len(header):
            raise SourceError("source: a CSV column appears twice in the header")
        if "email" not in header:
            raise SourceError("source: the CSV header has no 'email' column")
        width = len(header)
        isascii = str.isascii
        for line, cells in records:
            if not all(map(isascii, cells)):
                bad = _not_utf8(cells)
                if bad is not None:
                    yield line, UnreadableRecord(bad)
                    continue
            record: dict[str, Any] = dict(zip(header, cells, strict=False))
            if len(cells) > width:
                record[_EXTRA_CELLS] = ""
            yield line, record


def jsonl_objects(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """``(line, object)`` for each non-blank line of a JSON-lines file; a line that is not
    UTF-8, not JSON or not an object is an :class:`UnreadableRecord`."""
    with open(path, "rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield (
                    line_no,
                    UnreadableRecord(
                        f"not UTF-8: byte 0x{raw[exc.start]:02x} (save the file as UTF-8)"
                    ),
                )
                continue
            try:
                value = json.loads(text)
            except ValueError:
                yield line_no, UnreadableRecord("not valid JSON")
                continue
            if not isinstance(value, dict):
                yield line_no, UnreadableRecord("expected a JSON object")
                continue
            yield line_no, value


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Mapping[str, Any] | Any]]:
    """Stream a JSON-lines file: one JSON object per line; blank lines are skipped."""
    return jsonl_objects(path)


def iter_file(path: str | os.PathLike[str], format: str | None = None) -> Iterator[tuple[int, Any]]:
    """Stream a file in ``format`` (from the extension unless given)."""
    fmt = format or detect_format(path)
    if fmt == "csv":
        return read_csv(path)
    if fmt == "jsonl":
        return read_jsonl(path)
    if fmt in SOURCE_FORMATS:
        from .formats import provider_source

        source: NumberedSource = provider_source(fmt, path)
        return source.numbered_rows()
    raise ValueError(f"format: expected one of {', '.join(SOURCE_FORMATS)}, got {fmt!r}")


def iter_sync(source: Any, format: str | None = None) -> Iterator[tuple[int, Any]] | None:
    """A numbered iterator over a path or a plain iterable; ``None`` for async sources."""
    if isinstance(source, NumberedSource):
        return source.numbered_rows()
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
    source: Any, format: str | None = None, *, chunk: int = 256
) -> AsyncIterator[list[tuple[int, Any]]]:
    """Numbered rows of any source, in chunks of up to ``chunk`` rows.

    Files are read a chunk at a time in a worker thread, so a slow disk or network filesystem
    never stalls the event loop; in-memory iterables are read on the loop; async sources are
    awaited row by row.
    """
    sync = iter_sync(source, format)
    if sync is not None:
        from_file = isinstance(source, (str, os.PathLike, NumberedSource))
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


def count_rows(source: Any, format: str | None = None) -> int | None:
    """How many rows ``source`` holds (records, not lines: a quoted cell spanning lines and
    blank lines are counted right), for the total and the ETA; ``len()`` of a sized iterable;
    ``None`` when unknown. Reads the whole file (call it in a thread)."""
    if isinstance(source, NumberedSource):
        return source.count_rows()
    if isinstance(source, (str, os.PathLike)):
        try:
            fmt = format or detect_format(source)
            if fmt == "jsonl":
                with open(source, "rb") as fh:
                    return sum(1 for raw in fh if raw.strip())
            if fmt == "csv":
                with open_text(source) as fh:
                    return max(sum(1 for _ in csv_records(fh, source)) - 1, 0)
            from .formats import provider_source

            provider: NumberedSource = provider_source(fmt, source)
            return provider.count_rows()
        except (OSError, ValueError):
            return None
    try:
        return len(source)
    except TypeError:
        return None


def estimate_rows(source: Any, format: str | None = None) -> int | None:
    """Kept for callers of the old name: :func:`count_rows`."""
    return count_rows(source, format)
