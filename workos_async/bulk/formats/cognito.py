"""Amazon Cognito: ``aws cognito-idp list-users`` JSON (``{"Users": [{"Username", "Attributes":
[{"Name", "Value"}], ...}]}``, pages concatenated or one per line) or the user pool's CSV
(``cognito:username, email, email_verified, given_name, family_name, ...``). Cognito never
exports password hashes: every user is imported without a password (reported on the row).
See ``docs/bulk-import/cognito.md``.
"""

from __future__ import annotations

from typing import Any

from ..rows import SourceRecord
from ._common import JsonOrCsvExport, as_bool, fit_metadata

NO_PASSWORD = "password: Cognito exports no password hashes; the user gets no password"


class CognitoExport(JsonOrCsvExport):
    """Rows of a Cognito export (JSON or CSV, told from the extension)."""

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
