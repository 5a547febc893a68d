"""iron ``Fe26.2`` sealing: the format of WorkOS's ``wos-session`` cookie.

WorkOS's Node SDK, ``authkit-nextjs`` (iron-session) and ``@workos/authkit-session``
(iron-webcrypto) all write this format, so a cookie sealed here opens there and back::

    Fe26.2*<password id>*<enc salt>*<iv>*<ciphertext>*<expiration ms>*<hmac salt>*<hmac>[~2]

* salts: 32 random bytes as lowercase hex; the *ASCII text* of the hex is the PBKDF2 salt;
* keys: PBKDF2-HMAC-SHA1, 1 iteration, 32 bytes, one per salt (fixed by the wire format);
* AES-256-CBC with PKCS#7 padding and a random 16-byte IV; base64url without padding;
* HMAC-SHA256 over the first six ``*``-joined fields, checked in constant time *before* any
  decryption;
* expiry: ``now_ms + ttl_ms`` (empty for no expiry), refused once
  ``expiration <= now_ms - 60 000`` (60 s skew for clocks that disagree);
* ``~2``: iron-session's major version suffix, written by the Node SDK and authkit-nextjs.
  Unsealing accepts it or its absence.

The official Python SDK seals with Fernet instead; :meth:`IronSealer.unseal_any` reads both.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from collections.abc import Mapping
from typing import Any, Final, Literal

from ._clock import TimeFn
from ._codec import (
    b64url_decode_bytes,
    b64url_encode,
    b64url_encode_bytes,
    json_dumps,
    json_loads,
)
from ._crypto import aes_cbc_decrypt, aes_cbc_encrypt, fernet_decrypt, require_cryptography
from ._errors import (
    MalformedSealError,
    SealExpiredError,
    SealMACError,
    SealTooLargeError,
    UnknownPasswordIdError,
)

__all__ = [
    "DEFAULT_MAX_SIZE",
    "MIN_PASSWORD_LENGTH",
    "IronSealer",
    "Passwords",
    "SealFormat",
    "detect_seal_format",
    "seal",
    "unseal",
    "unseal_any",
]

MAC_PREFIX: Final = "Fe26.2"
_MAC_PREFIX_BYTES: Final = MAC_PREFIX.encode()
VERSION_SUFFIX: Final = "~2"
MIN_PASSWORD_LENGTH: Final = 32
DEFAULT_MAX_SIZE: Final = 4096
DEFAULT_SKEW: Final = 60.0
_PASSWORD_ID = re.compile(r"[A-Za-z0-9_]+")
# A Fernet token is base64url of 0x80 (version) + a 64-bit timestamp whose top bytes are zero
# for the next few thousand years, so it always starts with these characters.
_FERNET_PREFIX: Final = "gAAAAA"

#: One password, or a mapping of password id -> password for rotation.
Passwords = str | Mapping[str, str] | Mapping[int, str] | Mapping[str | int, str]
SealFormat = Literal["iron", "fernet"]


def _derive_key(password: bytes, salt: bytes) -> bytes:
    # The wire format fixes PBKDF2-SHA1 with one iteration: strength comes from the password.
    return hashlib.pbkdf2_hmac("sha1", password, salt, 1, 32)


def _mac(password: bytes, salt: bytes, text: bytes | memoryview) -> bytes:
    """The seal's MAC field (base64url of HMAC-SHA256 with the salt's key), as bytes."""
    return b64url_encode_bytes(hmac.digest(_derive_key(password, salt), text, "sha256"))


def _check_password(password: object, name: str) -> bytes:
    if not isinstance(password, str):
        raise TypeError(f"{name} must be a str, not {type(password).__name__}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"{name} must be at least {MIN_PASSWORD_LENGTH} characters long")
    return password.encode()


def _seal_fixed(
    payload: bytes,
    password: bytes,
    *,
    password_id: str,
    encryption_salt: str,
    hmac_salt: str,
    iv: bytes,
    expiration_ms: int | None,
    suffix: str,
) -> str:
    """Seal with every random input given: the deterministic core (and what KATs reseal)."""
    ciphertext = aes_cbc_encrypt(_derive_key(password, encryption_salt.encode()), iv, payload)
    expiration = "" if expiration_ms is None else str(expiration_ms)
    base = "*".join(
        (MAC_PREFIX, password_id, encryption_salt, b64url_encode(iv), b64url_encode(ciphertext),
         expiration)
    )  # fmt: skip
    mac = _mac(password, hmac_salt.encode(), base.encode()).decode()
    return f"{base}*{hmac_salt}*{mac}{suffix}"


class IronSealer:
    """Seals and unseals values with one password or a rotating set of them.

    ``password`` is a string (sealed under id ``"1"``, as the Node SDK and iron-session do) or a
    mapping of id -> password: values are sealed with the highest numeric id and unsealed with
    whichever id the seal names, so old cookies keep opening while new ones use the new
    password. Every password must be at least 32 characters.

    ``clock`` returns wall-clock seconds (``time.time`` by default; inject one in tests).
    ``max_size`` bounds both what :meth:`seal` produces and what :meth:`unseal` accepts.
    """

    __slots__ = ("_any_id", "_clock", "_max_size", "_passwords", "_seal_id", "_skew_ms")

    def __init__(
        self,
        password: Passwords,
        *,
        clock: TimeFn = time.time,
        max_size: int = DEFAULT_MAX_SIZE,
        skew: float = DEFAULT_SKEW,
    ) -> None:
        passwords: dict[str, bytes] = {}
        if isinstance(password, str):
            passwords["1"] = _check_password(password, "password")
            # Like iron with a plain password: it opens a seal whatever id the seal names.
            self._any_id = True
        elif isinstance(password, Mapping):
            if not password:
                raise ValueError("password mapping must not be empty")
            for key, value in password.items():
                if isinstance(key, bool) or not isinstance(key, str | int):
                    raise TypeError("password ids must be str or int")
                pid = str(key)
                if _PASSWORD_ID.fullmatch(pid) is None:
                    raise ValueError(f"password id {pid!r} must be letters, digits or underscores")
                passwords[pid] = _check_password(value, f"password[{pid!r}]")
            self._any_id = False
        else:
            raise TypeError(
                f"password must be a str or a mapping of id -> str, not {type(password).__name__}"
            )
        if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size <= 0:
            raise ValueError("max_size must be a positive int")
        if not isinstance(skew, int | float) or skew < 0:
            raise ValueError("skew must be a non-negative number of seconds")
        require_cryptography()  # fail at set-up, not on the first request, if the extra is missing
        numeric = [pid for pid in passwords if pid.isdigit()]
        self._seal_id: str | None = max(numeric, key=int) if numeric else None
        self._passwords = passwords
        self._clock = clock
        self._max_size = max_size
        self._skew_ms = round(skew * 1000)

    def __repr__(self) -> str:
        return f"IronSealer(password_ids={sorted(self._passwords)!r}, max_size={self._max_size})"

    @property
    def password_ids(self) -> tuple[str, ...]:
        """The configured password ids (never the passwords)."""
        return tuple(self._passwords)

    def _now_ms(self) -> int:
        return round(self._clock() * 1000)

    # --- sealing ---------------------------------------------------------------------------

    def seal(self, data: Any, *, ttl: float = 0) -> str:
        """Seal JSON-ready ``data``; it expires ``ttl`` seconds from now (0: never)."""
        try:
            payload = json_dumps(data)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"data is not JSON-serializable: {type(exc).__name__}") from None
        return self.seal_bytes(payload, ttl=ttl)

    def seal_bytes(self, payload: bytes, *, ttl: float = 0) -> str:
        """Seal raw bytes (the unsealing side must expect bytes too)."""
        if not isinstance(payload, bytes | bytearray | memoryview):
            raise TypeError(f"payload must be bytes, not {type(payload).__name__}")
        if isinstance(ttl, bool) or not isinstance(ttl, int | float) or not ttl >= 0:
            raise ValueError("ttl must be a non-negative number of seconds")
        if self._seal_id is None:
            raise ValueError("cannot seal: the password mapping has no numeric id to seal with")
        sealed = _seal_fixed(
            bytes(payload),
            self._passwords[self._seal_id],
            password_id=self._seal_id,
            encryption_salt=os.urandom(32).hex(),
            hmac_salt=os.urandom(32).hex(),
            iv=os.urandom(16),
            expiration_ms=self._now_ms() + round(ttl * 1000) if ttl > 0 else None,
            suffix=VERSION_SUFFIX,
        )
        if len(sealed) > self._max_size:
            raise SealTooLargeError(len(sealed), self._max_size)
        return sealed

    # --- unsealing -------------------------------------------------------------------------

    def _open(self, sealed: str) -> tuple[bytes, int | None]:
        """Verify and decrypt; returns the plaintext and the ``~N`` version (None if absent).

        Works on the UTF-8 bytes of the value: one encode, one split, and the MAC computed
        over a view of the buffer, so a 4 KB cookie is not copied over and over.
        """
        if not isinstance(sealed, str):
            raise TypeError(f"sealed must be a str, not {type(sealed).__name__}")
        if len(sealed) > self._max_size:
            raise SealTooLargeError(len(sealed), self._max_size)
        raw = sealed.encode()
        parts = raw.split(b"*")
        if len(parts) != 8:
            raise MalformedSealError("seal does not have 8 '*'-separated parts")
        if parts[0] != _MAC_PREFIX_BYTES:
            raise MalformedSealError("seal does not start with 'Fe26.2'")
        mac_field, tilde, version_text = parts[7].partition(b"~")
        version: int | None = None
        if tilde:
            if not version_text.isdigit() or len(version_text) > 4:
                raise MalformedSealError("seal has an invalid version suffix")
            version = int(version_text)
        if self._any_id:
            password = self._passwords["1"]
        else:
            password_id = parts[1].decode() or "default"
            found = self._passwords.get(password_id)
            if found is None:
                raise UnknownPasswordIdError(password_id)
            password = found

        mac_end = len(raw) - len(parts[6]) - len(parts[7]) - 2
        expected = _mac(password, parts[6], memoryview(raw)[:mac_end])
        if not hmac.compare_digest(expected, mac_field):
            raise SealMACError("seal failed its integrity check (altered, or another password)")

        # Authentic from here on: what follows can only fail on a seal made by a broken sealer.
        expiration = parts[5]
        if expiration:
            if not expiration.isdigit():
                raise MalformedSealError("seal has a non-numeric expiration")
            expiration_ms = int(expiration)
            if expiration_ms <= self._now_ms() - self._skew_ms:
                raise SealExpiredError(expiration_ms)
        try:
            iv = b64url_decode_bytes(parts[3])
            ciphertext = b64url_decode_bytes(parts[4])
        except ValueError:
            raise MalformedSealError("seal has a part that is not base64url") from None
        if len(iv) != 16 or not ciphertext or len(ciphertext) % 16:
            raise MalformedSealError("seal has a wrong-sized IV or ciphertext")
        try:
            plaintext = aes_cbc_decrypt(_derive_key(password, parts[2]), iv, ciphertext)
        except ValueError:
            raise MalformedSealError("seal does not decrypt to a padded payload") from None
        return plaintext, version

    def unseal_bytes(self, sealed: str) -> bytes:
        """Verify and decrypt an iron seal; the raw payload bytes."""
        return self._open(sealed)[0]

    def unseal(self, sealed: str) -> Any:
        """Verify, decrypt and parse an iron seal; the JSON value it holds.

        Raises a :class:`~workos_async.sessions.SealError` subclass: ``SealTooLargeError``,
        ``MalformedSealError``, ``UnknownPasswordIdError``, ``SealMACError`` (tampered, or
        another password) or ``SealExpiredError``.
        """
        plaintext, version = self._open(sealed)
        try:
            data = json_loads(plaintext)
        except ValueError:
            raise MalformedSealError("sealed payload is not JSON") from None
        if version is not None and version != 2 and isinstance(data, dict):
            # iron-session before v8 (suffix ~1) wrapped the data as {"persistent": ...}.
            return data.get("persistent", data)
        return data

    def unseal_any(self, sealed: str) -> Any:
        """Like :meth:`unseal`, but also reads Fernet values sealed by the official Python SDK.

        For Fernet the configured passwords are used as Fernet keys (that SDK's
        ``cookie_password`` *is* a Fernet key). The format is recognised by its prefix; see
        :func:`detect_seal_format`.
        """
        fmt = detect_seal_format(sealed)
        if fmt == "iron":
            return self.unseal(sealed)
        if fmt is None:
            if isinstance(sealed, str) and len(sealed) > self._max_size:
                raise SealTooLargeError(len(sealed), self._max_size)
            raise MalformedSealError("value is neither an iron seal nor a Fernet token")
        if len(sealed) > self._max_size:
            raise SealTooLargeError(len(sealed), self._max_size)
        try:
            keys = [password.decode() for password in self._passwords.values()]
            plaintext = fernet_decrypt(keys, sealed.encode())
        except ValueError:
            raise SealMACError("Fernet value failed its integrity check") from None
        try:
            return json_loads(plaintext)
        except ValueError:
            raise MalformedSealError("sealed payload is not JSON") from None


def detect_seal_format(sealed: object) -> SealFormat | None:
    """``"iron"`` for ``Fe26.*`` seals, ``"fernet"`` for Fernet tokens, else ``None``.

    Only the prefix is looked at; nothing is verified.
    """
    if not isinstance(sealed, str):
        raise TypeError(f"sealed must be a str, not {type(sealed).__name__}")
    if sealed.startswith("Fe26."):
        return "iron"
    if sealed.startswith(_FERNET_PREFIX):
        return "fernet"
    return None


def seal(data: Any, password: Passwords, *, ttl: float = 0, clock: TimeFn = time.time) -> str:
    """Seal JSON-ready ``data`` (one-shot form of :meth:`IronSealer.seal`)."""
    return IronSealer(password, clock=clock).seal(data, ttl=ttl)


def unseal(sealed: str, password: Passwords, *, clock: TimeFn = time.time) -> Any:
    """Open an iron seal (one-shot form of :meth:`IronSealer.unseal`)."""
    return IronSealer(password, clock=clock).unseal(sealed)


def unseal_any(sealed: str, password: Passwords, *, clock: TimeFn = time.time) -> Any:
    """Open an iron seal or a Fernet token (one-shot form of :meth:`IronSealer.unseal_any`)."""
    return IronSealer(password, clock=clock).unseal_any(sealed)
