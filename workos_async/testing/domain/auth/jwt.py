"""The fake's signing keys: RS256 access tokens and the JWKS that verifies them.

Keys are 2048-bit RSA, made on first use (about 60 ms each), so a fake that never issues a
token never makes one. The JWKS entries carry what the spec's ``JwksResponse`` requires
(``alg``, ``kty``, ``use``, ``n``, ``e``, ``kid``, ``x5c`` with a self-signed certificate,
``x5t#S256``). Rotation puts a new key first; the old one stays published or is dropped.

``cryptography`` (the ``sessions`` extra) is imported here only, and only when a key is needed:
without it the fake still serves every other route, and the token routes answer a 500 that
says what to install.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = ["CRYPTOGRAPHY_MISSING", "SigningKey", "SigningKeys", "b64url"]

CRYPTOGRAPHY_MISSING = (
    "the fake WorkOS needs the 'cryptography' package to sign access tokens; "
    "install it with: pip install 'workos-async[sessions]'"
)


def _compact(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def b64url(data: bytes) -> str:
    """Unpadded base64url, as JOSE writes it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _uint(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")


@attrs.frozen(repr=False)
class SigningKey:
    """One RSA key pair: its ``kid``, the private key and its public JWK."""

    kid: str
    private_key: RSAPrivateKey
    jwk: Mapping[str, Any]

    def __repr__(self) -> str:
        return f"SigningKey(kid={self.kid!r})"


def generate_key(kid: str) -> SigningKey:
    """A new 2048-bit RSA key and its JWK (``ImportError`` without ``cryptography``)."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.hazmat.primitives.serialization import Encoding
        from cryptography.x509.oid import NameOID
    except ImportError as exc:
        raise ImportError(CRYPTOGRAPHY_MISSING) from exc
    import datetime

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.public_key().public_numbers()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake WorkOS signing key")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    der = cert.public_bytes(Encoding.DER)
    jwk = {
        "alg": "RS256",
        "kty": "RSA",
        "use": "sig",
        "x5c": [base64.b64encode(der).decode("ascii")],
        "n": b64url(_uint(numbers.n)),
        "e": b64url(_uint(numbers.e)),
        "kid": kid,
        "x5t#S256": b64url(hashlib.sha256(der).digest()),
    }
    return SigningKey(kid=kid, private_key=key, jwk=jwk)


def sign_jwt(key: SigningKey, claims: Mapping[str, Any], header: Mapping[str, Any]) -> str:
    """A compact RS256 JWS of ``claims`` with ``header`` (``alg``/``typ``/``kid`` set here)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    head = b64url(_compact({**header, "alg": "RS256", "typ": "JWT", "kid": key.kid}))
    body = b64url(_compact(dict(claims)))
    signing_input = f"{head}.{body}".encode("ascii")
    signature = key.private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return f"{head}.{body}.{b64url(signature)}"


class SigningKeys:
    """The published keys, current first. Not thread-safe on its own: the fake's lock guards it.

    ``new_kid`` names each new key (the fake passes its id generator).
    """

    def __init__(self, new_kid: Callable[[], str]) -> None:
        self._new_kid = new_kid
        self._keys: list[SigningKey] = []

    @property
    def current(self) -> SigningKey:
        """The key new tokens are signed with (made on first use)."""
        if not self._keys:
            self._keys.append(generate_key(self._new_kid()))
        return self._keys[0]

    @property
    def kids(self) -> list[str]:
        """The ``kid`` of every published key, current first (empty before the first key)."""
        return [k.kid for k in self._keys]

    def rotate(self, *, keep_old: bool = True) -> str:
        """Make a new current key; keep the others published (``keep_old``) or drop them.

        Returns the new ``kid``.
        """
        key = generate_key(self._new_kid())
        self._keys = [key, *self._keys] if keep_old else [key]
        return key.kid

    def get(self, kid: str) -> SigningKey | None:
        """The published key with ``kid``."""
        for key in self._keys:
            if key.kid == kid:
                return key
        return None

    def jwks(self) -> dict[str, Any]:
        """The JWKS document: ``{"keys": [...]}`` (makes the first key if there is none)."""
        self.current  # noqa: B018 - a JWKS is never empty
        return {"keys": [dict(k.jwk) for k in self._keys]}

    def sign(self, claims: Mapping[str, Any], *, kid: str | None = None) -> str:
        """Sign ``claims`` with the current key, or the published key ``kid``."""
        if kid is None:
            key = self.current
        else:
            found = self.get(kid)
            if found is None:
                raise KeyError(f"no published signing key with kid {kid!r}")
            key = found
        return sign_jwt(key, claims, {})
