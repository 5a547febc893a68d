"""Checking a password against an imported password hash, so users imported with their old
hashes can sign in on the fake with their original passwords. Pure functions, no fake state.

Supported ``password_hash_type`` values:

- ``bcrypt`` (``$2a$`` / ``$2b$`` / ``$2y$``; Auth0, Clerk): through the optional ``bcrypt``
  package (the ``testing`` / ``bulk`` extras).
- ``firebase-scrypt``: WorkOS's PHC-style string
  ``$firebase-scrypt$hash=<b64>$salt=<b64>$sk=<b64 signer key>$ss=<b64 salt separator>$r=<rounds>$m=<mem cost>``
  checked with Firebase's documented algorithm (firebase/scrypt README): the key is
  ``scrypt(password, salt + salt_separator, N=2**mem_cost, r=rounds, p=1, 64 bytes)``; the hash
  is the signer key encrypted with AES-256-CTR under the key's first 32 bytes, counter block
  zero. AES comes from ``cryptography`` (the ``sessions`` extra).

Any other type, or a string that is not well formed, does not match (``False``); nothing here
raises on hostile input, and no password or hash ever appears in an error.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

__all__ = ["verify_password_hash"]

#: scrypt's memory ceiling for the largest parameters Firebase uses (N=2**14, r=8: 16 MiB).
_MAX_MEM = 64 * 1024 * 1024


def verify_password_hash(password: str, password_hash: str, password_hash_type: str) -> bool:
    """Does ``password`` match ``password_hash`` of ``password_hash_type``?"""
    if not isinstance(password, str) or not isinstance(password_hash, str):
        return False
    if password_hash_type == "bcrypt":
        return _bcrypt(password, password_hash)
    if password_hash_type == "firebase-scrypt":
        return _firebase_scrypt(password, password_hash)
    return False


def _bcrypt(password: str, password_hash: str) -> bool:
    try:
        import bcrypt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "checking bcrypt hashes needs the 'bcrypt' package (pip install "
            "'workos-async[testing]')"
        ) from exc
    try:
        return bool(bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii")))
    except (ValueError, UnicodeEncodeError):
        return False


def _b64(text: str) -> bytes:
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def parse_firebase_scrypt(password_hash: str) -> dict[str, str] | None:
    """The named parts of a ``$firebase-scrypt$...`` string (``None`` when malformed)."""
    if not password_hash.startswith("$firebase-scrypt$"):
        return None
    parts: dict[str, str] = {}
    for item in password_hash[len("$firebase-scrypt$") :].split("$"):
        name, sep, value = item.partition("=")
        if not sep or name in parts:
            return None
        parts[name] = value
    if not {"hash", "salt", "sk", "ss", "r", "m"} <= parts.keys():
        return None
    return parts


def firebase_scrypt_hash(
    password: str, salt: bytes, salt_separator: bytes, signer_key: bytes, rounds: int, mem_cost: int
) -> bytes:
    """Firebase's modified scrypt: the bytes an ``auth:export`` ``passwordHash`` decodes to."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt + salt_separator,
        n=2**mem_cost,
        r=rounds,
        p=1,
        maxmem=_MAX_MEM,
        dklen=64,
    )
    encryptor = Cipher(algorithms.AES(key[:32]), modes.CTR(b"\x00" * 16)).encryptor()
    return encryptor.update(signer_key) + encryptor.finalize()


def _firebase_scrypt(password: str, password_hash: str) -> bool:
    parts = parse_firebase_scrypt(password_hash)
    if parts is None:
        return False
    try:
        expected = _b64(parts["hash"])
        salt, sep, key = _b64(parts["salt"]), _b64(parts["ss"]), _b64(parts["sk"])
        rounds, mem_cost = int(parts["r"]), int(parts["m"])
    except (binascii.Error, ValueError):
        return False
    if not (1 <= rounds <= 8 and 1 <= mem_cost <= 14) or not key:
        return False
    actual = firebase_scrypt_hash(password, salt, sep, key, rounds, mem_cost)
    return hmac.compare_digest(actual, expected)
