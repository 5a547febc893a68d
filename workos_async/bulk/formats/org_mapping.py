"""``--org-mapping FILE``: organizations for a provider's users, from a CSV keyed by the user's
id in that provider (the value that becomes ``external_id``).

    user_id,organization_external_id,role_slug
    auth0|60425dc4...,acme,admin
    auth0|60425dc4...,initech,
    Ty1sjU3C...,acme,member

Columns: ``user_id`` (also accepted: ``external_id``, ``firebase_uid``, ``clerk_user_id``),
one of ``organization_id`` / ``organization_external_id`` / ``organization_name`` per line
(columns may differ line to line: empty cells are skipped), and optional ``role_slug``. A user
on several lines joins every organization. The file is indexed once into a temporary SQLite
file (flat memory); each user's rows are looked up as its record streams by.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from typing import Any

from ..rows import SourceRecord
from ..sources import SourceError, _not_utf8, csv_records, open_text

_USER_COLUMNS = ("user_id", "external_id", "firebase_uid", "clerk_user_id", "auth0_user_id")
_REF_COLUMNS = {
    "organization_id": "id",
    "organization_external_id": "external_id",
    "organization_name": "name",
}


class WithOrganizations:
    """A provider's export with memberships joined in from an organization mapping file."""

    def __init__(self, source: Any, mapping: str | os.PathLike[str]) -> None:
        if not os.path.isfile(mapping):
            raise FileNotFoundError(f"org mapping: no such file: {os.fspath(mapping)!r}")
        self.source = source
        self.mapping = mapping

    def count_rows(self) -> int:
        return int(self.source.count_rows())

    def numbered_rows(self) -> Iterator[tuple[int, Any]]:
        with tempfile.TemporaryDirectory(prefix="workos-orgmap-") as tmp:
            conn = sqlite3.connect(os.path.join(tmp, "map.sqlite"), check_same_thread=False)
            try:
                self._index(conn)
                for line, record in self.source.numbered_rows():
                    if isinstance(record, SourceRecord):
                        record = self._join(conn, record)
                    yield line, record
            finally:
                conn.close()

    def _index(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE m (user TEXT NOT NULL, item TEXT NOT NULL)")
        conn.execute("CREATE INDEX m_user ON m (user)")
        where = os.fspath(self.mapping)
        with open_text(self.mapping) as fh:
            records = csv_records(fh, self.mapping)
            try:
                _, header = next(records)
            except StopIteration:
                return
            header = [h.strip().lower() for h in header]
            user_col = next((c for c in _USER_COLUMNS if c in header), None)
            if user_col is None or not any(c in header for c in _REF_COLUMNS):
                raise SourceError(
                    f"org mapping {where!r}: needs a user_id column and an organization_id, "
                    "organization_external_id or organization_name column"
                )

            def items() -> Iterator[tuple[str, str]]:
                for line, cells in records:
                    if _not_utf8(cells) is not None:
                        raise SourceError(f"org mapping {where!r} line {line}: not UTF-8")
                    row = dict(zip(header, cells, strict=False))
                    user = (row.get(user_col) or "").strip()
                    refs = {
                        key: (row.get(col) or "").strip()
                        for col, key in _REF_COLUMNS.items()
                        if (row.get(col) or "").strip()
                    }
                    if not user or len(refs) != 1:
                        raise SourceError(
                            f"org mapping {where!r} line {line}: needs a user id and exactly one "
                            "organization reference"
                        )
                    role = (row.get("role_slug") or "").strip()
                    if role:
                        refs["role_slug"] = role
                    yield user, json.dumps(refs, separators=(",", ":"))

            conn.executemany("INSERT INTO m VALUES (?, ?)", items())
        conn.commit()

    @staticmethod
    def _join(conn: sqlite3.Connection, record: SourceRecord) -> SourceRecord:
        user = record.get("external_id")
        if not isinstance(user, str):
            return record
        found = [
            json.loads(r[0])
            for r in conn.execute("SELECT item FROM m WHERE user = ? ORDER BY rowid", (user,))
        ]
        if not found:
            return record
        return SourceRecord({**record, "organizations": found}, record.notes)
