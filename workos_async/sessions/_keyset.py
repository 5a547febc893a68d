"""JSON Web Key Sets: parsing a JWKS document into RSA public keys, by ``kid``.

Only keys that can verify ``RS256`` are kept: ``kty`` ``RSA``, ``use`` absent or ``sig``,
``alg`` absent or ``RS256``, a modulus of at least 2048 bits. Anything else in the document is
skipped rather than failing the whole set (a JWKS may carry keys for other purposes).

Building a key object from ``n``/``e`` is cheap (microseconds) but the same keys come back on
every refetch, so parsed keys are cached per ``(kid, n, e)``: a refetch that returns the same
material reuses the same objects.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._codec import b64url_decode, json_loads
from ._crypto import rsa_public_key

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

__all__ = ["MIN_RSA_BITS", "KeySet"]

logger = logging.getLogger("workos_async.sessions")

MIN_RSA_BITS = 2048
_MAX_CACHED_KEYS = 256
_parsed: dict[tuple[str | None, str, str], RSAPublicKey] = {}


def _rsa_key_from_jwk(jwk: Mapping[str, Any]) -> RSAPublicKey | None:
    """The RSA verification key in ``jwk``, or None when the entry is not one we may use."""
    if jwk.get("kty") != "RSA" or jwk.get("use", "sig") != "sig":
        return None
    if jwk.get("alg", "RS256") != "RS256":
        return None
    key_ops = jwk.get("key_ops")
    if key_ops is not None and (not isinstance(key_ops, list) or "verify" not in key_ops):
        return None
    n_text, e_text, kid = jwk.get("n"), jwk.get("e"), jwk.get("kid")
    if not isinstance(n_text, str) or not isinstance(e_text, str):
        return None
    if kid is not None and not isinstance(kid, str):
        return None
    cache_key = (kid, n_text, e_text)
    cached = _parsed.get(cache_key)
    if cached is not None:
        return cached
    try:
        n = int.from_bytes(b64url_decode(n_text), "big")
        e = int.from_bytes(b64url_decode(e_text), "big")
        if n.bit_length() < MIN_RSA_BITS:
            logger.warning("JWKS key %r skipped: RSA modulus under %d bits", kid, MIN_RSA_BITS)
            return None
        key = rsa_public_key(n, e)
    except ValueError:
        logger.warning("JWKS key %r skipped: invalid modulus or exponent", kid)
        return None
    if len(_parsed) >= _MAX_CACHED_KEYS:
        _parsed.clear()  # rotation churn only; a cleared cache just re-parses
    _parsed[cache_key] = key
    return key


class KeySet(Mapping[str, "RSAPublicKey"]):
    """Immutable mapping of ``kid`` -> RSA public key, built from a JWKS document.

    A key without a ``kid`` is kept only for tokens without one, and only when it is the
    single usable key (see :meth:`key_for`).
    """

    __slots__ = ("_anonymous", "_keys")

    def __init__(
        self, keys: Mapping[str, RSAPublicKey], anonymous: RSAPublicKey | None = None
    ) -> None:
        self._keys = dict(keys)
        self._anonymous = anonymous

    @classmethod
    def from_jwks(cls, jwks: bytes | str | Mapping[str, Any]) -> KeySet:
        """Parse a JWKS document (``{"keys": [...]}``), as bytes, text or a parsed mapping.

        ``ValueError`` when the document itself is unusable (not JSON, no ``keys`` list);
        individual keys that cannot verify RS256 are skipped.
        """
        if isinstance(jwks, bytes | bytearray | memoryview | str):
            try:
                jwks = json_loads(bytes(jwks) if not isinstance(jwks, str) else jwks)
            except ValueError:
                raise ValueError("JWKS document is not JSON") from None
        if not isinstance(jwks, Mapping):
            raise ValueError("JWKS document must be a JSON object")
        entries = jwks.get("keys")
        if not isinstance(entries, list):
            raise ValueError("JWKS document has no 'keys' list")
        keys: dict[str, RSAPublicKey] = {}
        anonymous: list[RSAPublicKey] = []
        for entry in entries:
            if not isinstance(entry, Mapping):
                continue
            key = _rsa_key_from_jwk(entry)
            if key is None:
                continue
            kid = entry.get("kid")
            if kid is None:
                anonymous.append(key)
            else:
                keys.setdefault(kid, key)
        return cls(keys, anonymous[0] if len(anonymous) == 1 and not keys else None)

    def key_for(self, kid: str | None) -> RSAPublicKey | None:
        """The key a token with this ``kid`` header names (None if there is none).

        A token without ``kid`` gets the set's key only when the set holds exactly one.
        """
        if kid is not None:
            return self._keys.get(kid)
        if self._anonymous is not None:
            return self._anonymous
        if len(self._keys) == 1:
            return next(iter(self._keys.values()))
        return None

    def __getitem__(self, kid: str) -> RSAPublicKey:
        return self._keys[kid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"KeySet(kids={sorted(self._keys)!r})"
