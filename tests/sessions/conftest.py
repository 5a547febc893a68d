"""Shared fixtures: RSA keys generated once per run, a JWT signer, JWKS documents, a clock."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

NOW = 1_750_000_000.0  # a fixed wall-clock instant for tests


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk_of(key: rsa.RSAPrivateKey, kid: str | None, **extra: Any) -> dict[str, Any]:
    numbers = key.public_key().public_numbers()
    jwk: dict[str, Any] = {
        "kty": "RSA",
        "use": "sig",
        "alg": "RS256",
        "n": b64url(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
        "e": b64url(numbers.e.to_bytes(3, "big")),
    }
    if kid is not None:
        jwk["kid"] = kid
    jwk.update(extra)
    return jwk


def sign_rs256(key: rsa.RSAPrivateKey, signing_input: bytes) -> bytes:
    return key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())


def make_token(
    key: rsa.RSAPrivateKey | None,
    claims: dict[str, Any],
    *,
    kid: str | None = "key-1",
    alg: str = "RS256",
    header: dict[str, Any] | None = None,
    hmac_secret: bytes | None = None,
) -> str:
    """A compact JWS. ``alg`` goes into the header as given; the signature is RS256 with
    ``key``, HS256 with ``hmac_secret``, or empty (``alg: none``)."""
    hdr: dict[str, Any] = {"alg": alg, "typ": "JWT"}
    if kid is not None:
        hdr["kid"] = kid
    hdr.update(header or {})
    head = b64url(json.dumps(hdr, separators=(",", ":")).encode())
    body = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{head}.{body}".encode()
    if hmac_secret is not None:
        sig = hmac.new(hmac_secret, signing_input, hashlib.sha256).digest()
    elif key is not None:
        sig = sign_rs256(key, signing_input)
    else:
        sig = b""
    return f"{head}.{body}.{b64url(sig)}"


@pytest.fixture(scope="session")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def other_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def public_pem(rsa_key: rsa.RSAPrivateKey) -> bytes:
    return rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@pytest.fixture
def jwks(rsa_key: rsa.RSAPrivateKey) -> dict[str, Any]:
    return {"keys": [jwk_of(rsa_key, "key-1")]}


@pytest.fixture
def claims() -> dict[str, Any]:
    return {
        "sub": "user_01HXYZ",
        "sid": "session_01HXYZ",
        "iss": "https://api.workos.com/user_management/client_123",
        "aud": "client_123",
        "org_id": "org_01HXYZ",
        "role": "admin",
        "roles": ["admin", "member"],
        "permissions": ["users:read", "users:write"],
        "entitlements": ["audit-logs"],
        "feature_flags": ["beta"],
        "jti": "jti_1",
        "iat": int(NOW) - 10,
        "exp": int(NOW) + 300,
        "custom_claim": {"tier": "gold"},
    }


@pytest.fixture
def signer(rsa_key: rsa.RSAPrivateKey) -> Callable[..., str]:
    def sign(claims: dict[str, Any], **kwargs: Any) -> str:
        return make_token(rsa_key, claims, **kwargs)

    return sign


class FakeClock:
    """A settable clock: ``clock()`` returns ``clock.now``."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
