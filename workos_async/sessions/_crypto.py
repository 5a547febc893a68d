"""The only module that touches ``cryptography`` (the optional extra ``sessions``).

It is imported on first use, not when ``workos_async`` or ``workos_async.sessions`` is imported:
the package's import time is a measured target, and an app that never seals or verifies
anything should not need the extra at all. A missing package gives an ``ImportError`` that says
what to install.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

__all__ = [
    "INSTALL_HINT",
    "aes_cbc_decrypt",
    "aes_cbc_encrypt",
    "fernet_decrypt",
    "require_cryptography",
    "rsa_public_key",
    "rsa_verify_pkcs1_sha256",
]

INSTALL_HINT = (
    "sealed sessions and access-token verification need the 'cryptography' package; "
    "install it with: pip install 'workos-async[sessions]'"
)


class _Lib:
    """The handful of cryptography objects this package uses, imported once."""

    def __init__(self) -> None:
        try:
            from cryptography.exceptions import InvalidSignature
            from cryptography.fernet import Fernet, InvalidToken, MultiFernet
            from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
            from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers
            from cryptography.hazmat.primitives.ciphers import Cipher
            from cryptography.hazmat.primitives.ciphers.algorithms import AES
            from cryptography.hazmat.primitives.ciphers.modes import CBC
            from cryptography.hazmat.primitives.hashes import SHA256
        except ImportError as exc:
            raise ImportError(INSTALL_HINT) from exc
        self.Cipher = Cipher
        self.AES = AES
        self.CBC = CBC
        self.RSAPublicNumbers = RSAPublicNumbers
        self.InvalidSignature = InvalidSignature
        self.Fernet = Fernet
        self.MultiFernet = MultiFernet
        self.InvalidToken = InvalidToken
        # Stateless parameter objects, made once instead of per verification.
        self.pkcs1v15 = PKCS1v15()
        self.sha256 = SHA256()


_lib: _Lib | None = None


def require_cryptography() -> _Lib:
    """Import ``cryptography`` (once) or raise an ``ImportError`` naming the extra to install."""
    global _lib
    if _lib is None:
        _lib = _Lib()
    return _lib


def aes_cbc_encrypt(key: bytes, iv: bytes, plaintext: bytes) -> bytes:
    """AES-256-CBC with PKCS#7 padding."""
    lib = _lib or require_cryptography()
    pad = 16 - len(plaintext) % 16
    encryptor = lib.Cipher(lib.AES(key), lib.CBC(iv)).encryptor()
    return encryptor.update(plaintext + bytes((pad,)) * pad) + encryptor.finalize()


def aes_cbc_decrypt(key: bytes, iv: bytes, ciphertext: bytes) -> bytes:
    """Inverse of :func:`aes_cbc_encrypt`; ``ValueError`` when the padding is wrong.

    Callers verify a MAC first, so a padding failure here is never an oracle.
    """
    lib = _lib or require_cryptography()
    decryptor = lib.Cipher(lib.AES(key), lib.CBC(iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    pad = padded[-1] if padded else 0
    if not 1 <= pad <= 16 or padded[-pad:] != bytes((pad,)) * pad:
        raise ValueError("bad padding")
    return padded[:-pad]


def rsa_public_key(n: int, e: int) -> RSAPublicKey:
    """An RSA public key from its modulus and exponent (``ValueError`` if they are invalid)."""
    lib = _lib or require_cryptography()
    return lib.RSAPublicNumbers(e, n).public_key()


def rsa_verify_pkcs1_sha256(key: RSAPublicKey, signature: bytes, data: bytes) -> bool:
    """RSASSA-PKCS1-v1_5 with SHA-256 (JWS ``RS256``)."""
    lib = _lib or require_cryptography()
    try:
        key.verify(signature, data, lib.pkcs1v15, lib.sha256)
    except lib.InvalidSignature:
        return False
    return True


def fernet_decrypt(keys: list[str], token: bytes) -> bytes:
    """Decrypt a Fernet token with any of ``keys`` (``ValueError`` if none opens it)."""
    lib = _lib or require_cryptography()
    fernets: list[Any] = []
    for key in keys:
        try:
            fernets.append(lib.Fernet(key))
        except (ValueError, TypeError):
            continue  # this password is not a Fernet key; it cannot have sealed the value
    if not fernets:
        raise ValueError("no configured password is a Fernet key")
    try:
        return bytes(lib.MultiFernet(fernets).decrypt(token))
    except lib.InvalidToken:
        raise ValueError("Fernet token did not verify") from None
