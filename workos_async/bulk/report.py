"""The report directory: ``results.jsonl`` (one line per row), ``failures.csv`` (failed and
invalid rows: their non-secret columns plus the error), ``summary.json``.

Rows are written as they finish (buffered), so the files grow with the run and memory stays
flat. Passwords and hashes are never among the columns: rows only ever expose
``UserRow.public_columns()``.

The files are safe to open: created ``0600`` (they name every user), never through a symlink
(a link planted in the directory is refused, not followed), and every ``failures.csv`` cell that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is
prefixed with ``'``.
"""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path
from typing import IO, Any

from .results import ImportSummary, RowResult
from .rows import COLUMNS, SECRET_COLUMNS

#: ``failures.csv`` columns.
FAILURE_COLUMNS: tuple[str, ...] = (
    "row",
    *(c for c in COLUMNS if c not in SECRET_COLUMNS),
    "outcome",
    "error_code",
    "http_status",
    "request_id",
    "attempts",
    "message",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReportError(OSError):
    """The report directory can't be written safely (a symlink where a report file goes)."""


def neutralise(cell: Any) -> Any:
    """A ``failures.csv`` cell that a spreadsheet would not run as a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def open_private(path: str | os.PathLike[str], *, truncate: bool = True) -> int:
    """Open (create) ``path`` for writing as ``0600``, refusing a symlink: returns the fd."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    if truncate:
        flags |= os.O_TRUNC
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(st.st_mode):
            raise ReportError(
                f"refusing to write through the symlink {os.fspath(path)!r}: remove it or "
                "choose another report directory"
            )
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if os.path.islink(path):
            raise ReportError(
                f"refusing to write through the symlink {os.fspath(path)!r}"
            ) from None
        raise exc
    os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
    return fd


def _open_text(path: Path) -> IO[str]:
    return os.fdopen(open_private(path), "w", encoding="utf-8", newline="", buffering=1 << 16)


class ReportWriter:
    """Writes one import's report into ``directory`` (created if missing; files replaced)."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        if self.directory.is_symlink():
            raise ReportError(f"refusing to use the symlink {os.fspath(directory)!r} as the report")
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name in ("results.jsonl", "failures.csv", "summary.json", "summary.json.tmp"):
            if (self.directory / name).is_symlink():
                raise ReportError(
                    f"refusing to write through the symlink {os.fspath(self.directory / name)!r}:"
                    " remove it or choose another report directory"
                )
        self._results: IO[str] = _open_text(self.directory / "results.jsonl")
        self._failures_fh: IO[str] = _open_text(self.directory / "failures.csv")
        self._failures = csv.writer(self._failures_fh)
        self._failures.writerow(FAILURE_COLUMNS)
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self.closed = False

    def add(self, result: RowResult) -> None:
        """Record one row."""
        self._results.write(self._encode(result.to_json()))
        self._results.write("\n")
        if result.outcome in ("failed", "invalid"):
            err = result.error
            cols = result.columns
            self._failures.writerow(
                (
                    result.row_no,
                    *(neutralise(cols.get(c, "")) for c in FAILURE_COLUMNS[1:-6]),
                    result.outcome,
                    neutralise(err.code) if err else "",
                    err.status if err and err.status is not None else "",
                    neutralise(err.request_id or "") if err else "",
                    result.attempts,
                    neutralise(err.message) if err else "",
                )
            )

    def add_valid(
        self, row_no: int, email: str, external_id: str | None, warnings: tuple[str, ...] = ()
    ) -> None:
        """Record a row that passed validation (dry run): the hot path of a million-row check,
        so it skips building a :class:`RowResult`."""
        enc = self._encode
        extra = f',"warnings":{enc(list(warnings))}' if warnings else ""
        self._results.write(
            f'{{"row":{row_no},"outcome":"valid","email":{enc(email)},'
            f'"external_id":{enc(external_id)}{extra}}}\n'
        )

    def write_summary(self, summary: ImportSummary, extra: dict[str, Any] | None = None) -> None:
        """Write ``summary.json``."""
        doc = summary.to_json()
        if extra:
            doc.update(extra)
        tmp = self.directory / "summary.json.tmp"
        with _open_text(tmp) as fh:
            fh.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
        os.replace(tmp, self.directory / "summary.json")  # replaces a link, never follows it

    def close(self) -> None:
        """Flush and close the files."""
        if self.closed:
            return
        self.closed = True
        self._results.close()
        self._failures_fh.close()
