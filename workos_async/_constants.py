"""Facts about the WorkOS API that several parts of the package need, defined once.

Each names where it comes from (the vendored spec extract is in ``spec/``).
"""

from __future__ import annotations

#: ``password_hash_type`` values of ``CreateUserlandUserDto`` (spec, ``@workos/openapi-spec``
#: 0.1.0), plus ``ssha256`` (salted SHA-256, added to WorkOS's API description after that
#: extract; the official SDK 10.6 sends it). Used by the endpoint table, the bulk importer's row
#: checks and the fake.
PASSWORD_HASH_TYPES: tuple[str, ...] = (
    "bcrypt",
    "firebase-scrypt",
    "ssha",
    "ssha256",
    "scrypt",
    "pbkdf2",
    "argon2",
)

#: Where the salt sits relative to the password in an ``ssha`` / ``ssha256`` hash
#: (``password_salt_position``; the official SDK 10.6 sends it).
PASSWORD_SALT_POSITIONS: tuple[str, ...] = ("prefix", "suffix")
