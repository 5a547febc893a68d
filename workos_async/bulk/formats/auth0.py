"""Auth0: the user export (``.json`` NDJSON from an export job, or a JSON array) joined with
the password-hash export Auth0 support sends (NDJSON, one ``{"_id": {"$oid": ...},
"passwordHash": "$2b$..."}`` per line).

The hash file is indexed once into a temporary SQLite file keyed by ``_id.$oid`` (flat memory
however many users), then each user looks up its own: the oid is the part of ``user_id`` after
``auth0|``. See ``docs/bulk-import/auth0.md`` for the mapping.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from typing import Any

from ..rows import SourceRecord, UnreadableRecord
from ..sources import SourceError, jsonl_objects
from ._common import as_bool, count, fit_metadata, iter_json_records, split_name


class Auth0Export:
    """Rows of an Auth0 user export, with bcrypt hashes from ``password_hashes`` when given."""

    def __init__(
        self,
        users: str | os.PathLike[str],
        *,
        password_hashes: str | os.PathLike[str] | None = None,
    ) -> None:
        self.users = users
        self.password_hashes = password_hashes
        for path in (users, password_hashes):
            if path is not None and not os.path.isfile(path):
                raise FileNotFoundError(f"source: no such file: {os.fspath(path)!r}")

    def count_rows(self) -> int:
        return count(iter_json_records(self.users))

    def numbered_rows(self) -> Iterator[tuple[int, Any]]:
        with tempfile.TemporaryDirectory(prefix="workos-auth0-") as tmp:
            index = self._index(os.path.join(tmp, "hashes.sqlite"))
            try:
                for line, user in iter_json_records(self.users):
                    if isinstance(user, UnreadableRecord):
                        yield line, user
                    elif not isinstance(user, dict):
                        yield line, UnreadableRecord("expected a JSON object")
                    else:
                        yield line, self.map_user(user, index)
            finally:
                if index is not None:
                    index.close()

    def _index(self, path: str) -> sqlite3.Connection | None:
        if self.password_hashes is None:
            return None
        # Read from the importer's reader threads, one at a time.
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("CREATE TABLE h (oid TEXT PRIMARY KEY, hash TEXT NOT NULL)")

        def pairs() -> Iterator[tuple[str, str]]:
            assert self.password_hashes is not None
            for line, rec in jsonl_objects(self.password_hashes):
                if isinstance(rec, UnreadableRecord):
                    raise SourceError(
                        f"source: password hashes {os.fspath(self.password_hashes)!r} line "
                        f"{line}: {rec.reason}"
                    )
                oid = rec.get("_id")
                oid = oid.get("$oid") if isinstance(oid, dict) else oid
                digest = rec.get("passwordHash")
                if isinstance(oid, str) and isinstance(digest, str) and digest:
                    yield oid, digest

        conn.executemany("INSERT OR REPLACE INTO h VALUES (?, ?)", pairs())
        conn.commit()
        return conn

    @staticmethod
    def map_user(user: dict[str, Any], index: sqlite3.Connection | None) -> SourceRecord:
        """One Auth0 user as a row (``index``: the hash lookup)."""
        notes: list[str] = []
        first, last = user.get("given_name"), user.get("family_name")
        if not first and not last:
            first, last = split_name(user.get("name"))
        row: dict[str, Any] = {
            "email": user.get("email"),
            "email_verified": as_bool(user.get("email_verified")),
            "first_name": first,
            "last_name": last,
            "external_id": user.get("user_id") or user.get("Id"),
        }
        user_id = row["external_id"]
        if index is not None and isinstance(user_id, str):
            oid = user_id.split("|", 1)[1] if "|" in user_id else user_id
            found = index.execute("SELECT hash FROM h WHERE oid = ?", (oid,)).fetchone()
            if found is not None:
                row["password_hash"] = found[0]
                row["password_hash_type"] = "bcrypt"
        if "password_hash" not in row:
            notes.append("password: none in the export (the user signs in another way)")
        metadata, dropped = fit_metadata(
            _parsed(user.get("user_metadata")), _parsed(user.get("app_metadata"))
        )
        notes += dropped
        if metadata:
            row["metadata"] = metadata
        return SourceRecord({k: v for k, v in row.items() if v is not None}, notes)


def _parsed(value: Any) -> Any:
    """Metadata given as JSON text (CSV-shaped exports) or as an object."""
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value
