"""Amazon Cognito: ``aws cognito-idp list-users`` JSON (``{"Users": [{"Username", "Attributes":
[{"Name", "Value"}], ...}]}``, pages concatenated or one per line) or the user pool's CSV
(``cognito:username, email, email_verified, given_name, family_name, ...``). Cognito never
exports password hashes: every user is imported without a password (reported on the row).
See ``docs/bulk-import/cognito.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import SourceRecord, UnreadableRecord
from ..sources import _not_utf8, csv_records, open_text
from ._common import as_bool, count, fit_metadata, iter_json_records

NO_PASSWORD = "password: Cognito exports no password hashes; the user gets no password"


class CognitoExport:
    """Rows of a Cognito export (JSON or CSV, told from the extension)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        if not os.path.isfile(path):
            raise FileNotFoundError(f"source: no such file: {os.fspath(path)!r}")
        self.path = path
        self.is_json = Path(path).suffix.lower() in (".json", ".jsonl", ".ndjson")

    def _raw(self) -> Iterator[tuple[int, Any]]:
        if self.is_json:
            yield from iter_json_records(self.path)
            return
        with open_text(self.path) as fh:
            records = csv_records(fh, self.path)
            try:
                _, header = next(records)
            except StopIteration:
                return
            header = [h.strip() for h in header]
            for line, cells in records:
                bad = _not_utf8(cells)
                if bad is not None:
                    yield line, UnreadableRecord(bad)
                else:
                    yield line, dict(zip(header, cells, strict=False))

    def count_rows(self) -> int:
        return count(self._raw())

    def numbered_rows(self) -> Iterator[tuple[int, Any]]:
        for line, user in self._raw():
            if isinstance(user, UnreadableRecord):
                yield line, user
            elif not isinstance(user, dict):
                yield line, UnreadableRecord("expected a JSON object")
            else:
                yield line, self.map_user(user)

    @staticmethod
    def map_user(user: dict[str, Any]) -> SourceRecord:
        """One Cognito user (list-users item or CSV record) as a row."""
        attrs: dict[str, Any] = {}
        if isinstance(user.get("Attributes"), list):
            for item in user["Attributes"]:
                if isinstance(item, dict) and isinstance(item.get("Name"), str):
                    attrs[item["Name"]] = item.get("Value")
            username = user.get("Username")
        else:
            attrs = dict(user)
            username = user.get("cognito:username")
        notes = [NO_PASSWORD]
        custom = {k[7:]: v for k, v in attrs.items() if k.startswith("custom:") and v}
        metadata, dropped = fit_metadata(custom)
        notes += dropped
        row: dict[str, Any] = {
            "email": attrs.get("email") or None,
            "email_verified": as_bool(attrs.get("email_verified")),
            "first_name": attrs.get("given_name") or None,
            "last_name": attrs.get("family_name") or None,
            "external_id": attrs.get("sub") or username or None,
        }
        if metadata:
            row["metadata"] = metadata
        if user.get("Enabled") is False:
            notes.append("account: disabled in Cognito (imported all the same)")
        return SourceRecord({k: v for k, v in row.items() if v is not None}, notes)
