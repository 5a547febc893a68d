"""The report directory: ``results.jsonl`` (one line per row), ``failures.csv`` (failed and
invalid rows: their non-secret columns plus the error), ``summary.json``.

Rows are written as they finish (buffered), so the files grow with the run and memory stays
flat. Passwords and hashes are never among the columns: rows only ever expose
``UserRow.public_columns()``.
"""

from __future__ import annotations

import csv
import json
import os
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


class ReportWriter:
    """Writes one import's report into ``directory`` (created if missing; files replaced)."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._results: IO[str] = open(  # noqa: SIM115 - closed in close()
            self.directory / "results.jsonl", "w", encoding="utf-8", buffering=1 << 16
        )
        self._failures_fh: IO[str] = open(  # noqa: SIM115 - closed in close()
            self.directory / "failures.csv", "w", encoding="utf-8", newline="", buffering=1 << 16
        )
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
                    *(cols.get(c, "") for c in FAILURE_COLUMNS[1:-6]),
                    result.outcome,
                    err.code if err else "",
                    err.status if err and err.status is not None else "",
                    (err.request_id or "") if err else "",
                    result.attempts,
                    err.message if err else "",
                )
            )

    def add_valid(self, row_no: int, email: str, external_id: str | None) -> None:
        """Record a row that passed validation (dry run): the hot path of a million-row check,
        so it skips building a :class:`RowResult`."""
        enc = self._encode
        self._results.write(
            f'{{"row":{row_no},"outcome":"valid","email":{enc(email)},'
            f'"external_id":{enc(external_id)}}}\n'
        )

    def write_summary(self, summary: ImportSummary, extra: dict[str, Any] | None = None) -> None:
        """Write ``summary.json``."""
        doc = summary.to_json()
        if extra:
            doc.update(extra)
        tmp = self.directory / "summary.json.tmp"
        tmp.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, self.directory / "summary.json")

    def close(self) -> None:
        """Flush and close the files."""
        if self.closed:
            return
        self.closed = True
        self._results.close()
        self._failures_fh.close()
