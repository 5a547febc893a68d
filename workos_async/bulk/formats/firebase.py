"""Firebase: ``firebase auth:export users.json --format=JSON`` (``{"users": [{"localId",
"email", "emailVerified", "passwordHash", "salt", "displayName", "customAttributes", ...}]}``)
with the project's scrypt parameters turned into WorkOS's ``firebase-scrypt`` hash strings:

    $firebase-scrypt$hash=<b64 hash>$salt=<b64 salt>$sk=<b64 signer key>$ss=<b64 salt separator>$r=<rounds>$m=<mem cost>

(the PHC-style string of WorkOS's Firebase migration; standard base64, URL-safe input
normalised). The parameters are checked before any request, and an export holding hashes
without them is refused up front. See ``docs/bulk-import/firebase.md``.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ..rows import SourceRecord, UnreadableRecord
from ..sources import SourceError
from ._common import as_bool, count, fit_metadata, iter_json_records, split_name

_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*[:=]\s*\"?([^,\s\"}]+)\"?")


def _b64(value: str, what: str) -> str:
    """``value`` as standard base64 (URL-safe accepted), checked to decode."""
    text = value.strip().replace("-", "+").replace("_", "/")
    try:
        base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise SourceError(f"firebase: {what} is not base64") from None
    return text


@attrs.frozen
class FirebaseHashConfig:
    """A Firebase project's password hash parameters (the console's ``hash_config``)."""

    signer_key: str = attrs.field(repr=False)
    salt_separator: str = attrs.field(repr=False)
    rounds: int = 8
    mem_cost: int = 14

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "signer_key", _b64(self.signer_key, "the signer key"))
        object.__setattr__(self, "salt_separator", _b64(self.salt_separator, "the salt separator"))
        if not 1 <= self.rounds <= 8:
            raise SourceError("firebase: rounds must be 1..8")
        if not 1 <= self.mem_cost <= 14:
            raise SourceError("firebase: mem_cost must be 1..14")

    @classmethod
    def parse(cls, text: str) -> FirebaseHashConfig:
        """The console's ``hash_config { base64_signer_key: ..., ... }`` block, or JSON with
        the same keys (``signer_key`` / ``salt_separator`` also accepted)."""
        values: dict[str, str] = {}
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        if isinstance(doc, dict):
            doc = doc.get("hash_config", doc)
            values = {str(k).lower(): str(v) for k, v in doc.items()}
        else:
            values = {k.lower(): v for k, v in _PAIR.findall(text)}

        def pick(*names: str) -> str | None:
            return next((values[n] for n in names if n in values), None)

        algorithm = pick("algorithm")
        if algorithm is not None and algorithm.upper() != "SCRYPT":
            raise SourceError(f"firebase: hash algorithm {algorithm[:20]!r} is not SCRYPT")
        key = pick("base64_signer_key", "signer_key", "signerkey")
        sep = pick("base64_salt_separator", "salt_separator", "saltseparator")
        rounds, mem = pick("rounds"), pick("mem_cost", "memcost", "memory_cost")
        if key is None or sep is None or rounds is None or mem is None:
            raise SourceError(
                "firebase: the hash config needs base64_signer_key, base64_salt_separator, "
                "rounds and mem_cost"
            )
        try:
            return cls(key, sep, int(rounds), int(mem))
        except ValueError:
            raise SourceError("firebase: rounds and mem_cost must be whole numbers") from None

    @classmethod
    def from_options(
        cls,
        *,
        path: str | os.PathLike[str] | None = None,
        signer_key: str | None = None,
        salt_separator: str | None = None,
        rounds: int | None = None,
        mem_cost: int | None = None,
    ) -> FirebaseHashConfig | None:
        """From ``--hash-config FILE`` or the separate flags; ``None`` when none is given."""
        if path is not None:
            with open(path, encoding="utf-8") as fh:
                return cls.parse(fh.read())
        if signer_key is None and salt_separator is None:
            return None
        if signer_key is None or salt_separator is None:
            raise SourceError("firebase: give both --signer-key and --salt-separator")
        return cls(signer_key, salt_separator, rounds or 8, mem_cost or 14)

    def encode(self, password_hash: str, salt: str) -> str:
        """WorkOS's ``firebase-scrypt`` string for one user's exported hash and salt."""
        return (
            f"$firebase-scrypt$hash={_b64(password_hash, 'passwordHash')}"
            f"$salt={_b64(salt, 'salt')}$sk={self.signer_key}$ss={self.salt_separator}"
            f"$r={self.rounds}$m={self.mem_cost}"
        )


class FirebaseExport:
    """Rows of a Firebase ``auth:export`` JSON file."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        hash_config: FirebaseHashConfig | None = None,
        skip_passwords: bool = False,
    ) -> None:
        if not os.path.isfile(path):
            raise FileNotFoundError(f"source: no such file: {os.fspath(path)!r}")
        self.path = path
        self.hash_config = hash_config
        self.skip_passwords = skip_passwords
        if hash_config is None and not skip_passwords and _mentions(path, b'"passwordHash"'):
            raise SourceError(
                "firebase: the export holds password hashes but no hash parameters were "
                "given: pass --hash-config FILE (or --signer-key, --salt-separator, --rounds, "
                "--mem-cost) from the console's 'Password hash parameters'"
            )

    def count_rows(self) -> int:
        return count(iter_json_records(self.path))

    def numbered_rows(self) -> Iterator[tuple[int, Any]]:
        for line, user in iter_json_records(self.path):
            if isinstance(user, UnreadableRecord):
                yield line, user
            elif not isinstance(user, dict):
                yield line, UnreadableRecord("expected a JSON object")
            else:
                yield line, self.map_user(user)

    def map_user(self, user: dict[str, Any]) -> SourceRecord | UnreadableRecord:
        """One Firebase user as a row."""
        notes: list[str] = []
        first, last = split_name(user.get("displayName"))
        row: dict[str, Any] = {
            "email": user.get("email") or None,
            "email_verified": as_bool(user.get("emailVerified")),
            "first_name": first,
            "last_name": last,
            "external_id": user.get("localId") or None,
        }
        if row["email"] is None:
            notes.append("email: none (a phone-only or anonymous Firebase user)")
        digest, salt = user.get("passwordHash"), user.get("salt")
        if digest and salt and not self.skip_passwords and self.hash_config is not None:
            try:
                row["password_hash"] = self.hash_config.encode(str(digest), str(salt))
            except SourceError:
                return UnreadableRecord("passwordHash/salt: not base64")
            row["password_hash_type"] = "firebase-scrypt"
        else:
            notes.append("password: none imported (the user signs in another way)")
        claims = user.get("customAttributes")
        if isinstance(claims, str) and claims.strip():
            try:
                claims = json.loads(claims)
            except ValueError:
                claims = None
                notes.append("metadata: customAttributes is not JSON; left out")
        metadata, dropped = fit_metadata(claims)
        notes += dropped
        if metadata:
            row["metadata"] = metadata
        if user.get("disabled") is True:
            notes.append("account: disabled in Firebase (imported all the same)")
        return SourceRecord({k: v for k, v in row.items() if v is not None}, notes)


def _mentions(path: str | os.PathLike[str], needle: bytes) -> bool:
    """Does the file contain ``needle``? (Streamed, for the up-front parameter check.)"""
    tail = b""
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            if needle in tail + block:
                return True
            tail = block[-len(needle) :]
    return False
