"""Clerk: the dashboard's CSV export (``id, first_name, last_name, username,
primary_email_address, ..., verified_email_addresses, ..., password_digest, password_hasher``)
and the JSON export Clerk support provides (the same keys, or Backend-API shaped users with
``email_addresses`` and ``primary_email_address_id``). See ``docs/bulk-import/clerk.md``.
"""

from __future__ import annotations

from typing import Any

from ..rows import SourceRecord
from ._common import JsonOrCsvExport, split_list


class ClerkExport(JsonOrCsvExport):
    """Rows of a Clerk export (CSV or JSON, told from the extension)."""

    lowercase_headers = True

    @staticmethod
    def map_user(user: dict[str, Any]) -> SourceRecord:
        """One Clerk user as a row."""
        notes: list[str] = []
        email, verified = _email(user)
        row: dict[str, Any] = {
            "email": email,
            "email_verified": verified,
            "first_name": user.get("first_name") or None,
            "last_name": user.get("last_name") or None,
            "external_id": user.get("id") or None,
        }
        digest = user.get("password_digest") or None
        hasher = user.get("password_hasher")
        hasher = hasher.strip().lower() if isinstance(hasher, str) else ""
        if digest and hasher == "bcrypt":
            row["password_hash"] = digest
            row["password_hash_type"] = "bcrypt"
        elif digest:
            notes.append(
                f"password: Clerk hasher {hasher[:20] or 'unknown'!r} can't be imported; the "
                "user gets no password"
            )
        else:
            notes.append("password: none in the export (the user signs in another way)")
        if user.get("username"):
            row["metadata"] = {"clerk_username": str(user["username"])}
        return SourceRecord({k: v for k, v in row.items() if v is not None}, notes)


def _email(user: dict[str, Any]) -> tuple[str | None, bool | None]:
    """The primary email, and whether Clerk verified it."""
    addresses = user.get("email_addresses")
    if isinstance(addresses, list):  # Backend-API shape
        primary_id = user.get("primary_email_address_id")
        chosen = next(
            (a for a in addresses if isinstance(a, dict) and a.get("id") == primary_id),
            next((a for a in addresses if isinstance(a, dict)), None),
        )
        if chosen is None:
            return None, None
        verification = chosen.get("verification")
        status = verification.get("status") if isinstance(verification, dict) else None
        return chosen.get("email_address"), status == "verified"
    email = user.get("primary_email_address") or user.get("email_address") or None
    if not isinstance(email, str):
        return None, None
    verified = {e.lower() for e in split_list(user.get("verified_email_addresses"))}
    return email, email.strip().lower() in verified
