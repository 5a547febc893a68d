"""Facts about the WorkOS API that several parts of the package need, defined once.

Each names where it comes from (the vendored spec extract is in ``spec/``).
"""

from __future__ import annotations

#: ``password_hash_type`` values of ``CreateUserlandUserDto`` (spec, ``@workos/openapi-spec``
#: 0.1.0). Used by the endpoint table, the bulk importer's row checks and the fake.
PASSWORD_HASH_TYPES: tuple[str, ...] = (
    "bcrypt",
    "firebase-scrypt",
    "ssha",
    "scrypt",
    "pbkdf2",
    "argon2",
)
