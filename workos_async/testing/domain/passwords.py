"""Passwords: how the fake keeps them and the rules a new one must meet.

A password set in plain text is kept as a salted SHA-256 digest (never the password). An
imported ``password_hash`` (with its ``password_hash_type``, one of
:data:`workos_async._constants.PASSWORD_HASH_TYPES`) is kept as given and checked by
:func:`verify_imported_password_hash`, the one place where a sign-in meets an imported hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .errors import DomainError, error_item, invalid, rejected
from .password_hashes import verify_password_hash

if TYPE_CHECKING:
    from .store import FakeStore

#: Shapes checked when a hash is imported (a bad one is 400 ``invalid_password_hash``).
HASH_SHAPES = {
    "bcrypt": re.compile(r"^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$"),
    "argon2": re.compile(r"^\$argon2(id|i|d)\$"),
    "ssha": re.compile(r"^\{SSHA\}"),
    "ssha256": re.compile(r"^\{SSHA256\}"),
}


@attrs.define
class PasswordEntry:
    """What the store keeps for one user's password (never shown in a repr)."""

    salt: bytes = attrs.field(repr=False)
    digest: bytes | None = attrs.field(default=None, repr=False)
    imported_hash_type: str | None = None
    imported_hash: str | None = attrs.field(default=None, repr=False)


def digest_entry(salt: bytes, password: str) -> PasswordEntry:
    """The entry for a password set in plain text."""
    return PasswordEntry(salt=salt, digest=_digest(salt, password))


def _digest(salt: bytes, password: str) -> bytes:
    return hashlib.sha256(salt + password.encode("utf-8", "surrogatepass")).digest()


def verify_imported_password_hash(hash_type: str, password_hash: str, password: str) -> bool:
    """Whether ``password`` matches a ``password_hash`` imported with ``hash_type``.

    Every sign-in of a user created (or updated) with ``password_hash`` comes here: bcrypt
    (Auth0, Clerk) and firebase-scrypt hashes are checked (``password_hashes.py``), so imported
    users sign in with their original passwords; any other type does not match (the sign-in is
    refused with ``invalid_credentials``).
    """
    return verify_password_hash(password, password_hash, hash_type)


def entry_matches(entry: PasswordEntry | None, password: str) -> bool:
    """Whether ``password`` is the one ``entry`` keeps (digest or imported hash)."""
    if entry is None:
        return False
    if entry.digest is not None:
        return hmac.compare_digest(_digest(entry.salt, password), entry.digest)
    if entry.imported_hash is not None and entry.imported_hash_type is not None:
        return verify_imported_password_hash(
            entry.imported_hash_type, entry.imported_hash, password
        )
    return False


def check_password_group(body: Mapping[str, Any]) -> None:
    """The ``password`` vs ``password_hash`` + ``password_hash_type`` group (400 codes)."""
    password = body.get("password")
    if password is not None and body.get("password_hash") is not None:
        raise rejected(
            "password_and_password_hash_provided",
            "password and password_hash are mutually exclusive: send one.",
        )
    if password is not None and body.get("password_hash_type") is not None:
        raise rejected(
            "password_and_password_hash_type_provided",
            "password and password_hash_type are mutually exclusive: send one.",
        )
    has_hash = body.get("password_hash") is not None
    has_type = body.get("password_hash_type") is not None
    if has_hash != has_type:
        field = "password_hash_type" if has_hash else "password_hash"
        raise invalid(
            "password_hash and password_hash_type must be sent together.",
            [error_item("required", f"{field} is required with the other.", field)],
        )
    if has_hash:
        shape = HASH_SHAPES.get(body["password_hash_type"])
        if shape is not None and not shape.match(body["password_hash"]):
            raise rejected(
                "invalid_password_hash",
                f"password_hash is not a valid {body['password_hash_type']} hash.",
            )


def password_strength_error(
    store: FakeStore, password: str, *, code: str = "password_strength_error"
) -> DomainError | None:
    """The 400 for a password under the minimum length, or ``None``."""
    if len(password) >= store.password_min_length:
        return None
    return rejected(
        code,
        "Password does not meet the strength requirements.",
        [
            error_item(
                "password_too_short",
                f"Password must be at least {store.password_min_length} characters.",
            )
        ],
    )


def apply_password(store: FakeStore, user_id: str, body: Mapping[str, Any]) -> None:
    """Store the body's ``password`` or imported ``password_hash`` for ``user_id``."""
    if body.get("password") is not None:
        store.set_password(user_id, body["password"])
    elif body.get("password_hash") is not None:
        store.set_password_hash(user_id, body["password_hash"], body["password_hash_type"])
