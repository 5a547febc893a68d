"""PKCE (RFC 7636): code verifiers, S256 code challenges, and random ``state`` values.

Pure functions, no I/O. The verifier is a secret: it never appears in a repr or a message.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

import attrs

__all__ = ["Pkce", "code_challenge_s256", "generate_code_verifier", "generate_pkce", "new_state"]

#: RFC 7636 §4.1: 43 to 128 characters from the unreserved set ``[A-Z] / [a-z] / [0-9] / "-" /
#: "." / "_" / "~"``.
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


def generate_code_verifier(nbytes: int = 64) -> str:
    """A random code verifier: ``nbytes`` of randomness, base64url without padding (64 bytes →
    86 characters). ``nbytes`` must give 43..128 characters: 32..96."""
    if isinstance(nbytes, bool) or not isinstance(nbytes, int) or not 32 <= nbytes <= 96:
        raise ValueError(f"nbytes must be an int from 32 to 96, not {nbytes!r}")
    return secrets.token_urlsafe(nbytes)


def code_challenge_s256(code_verifier: str) -> str:
    """``BASE64URL(SHA256(ASCII(code_verifier)))`` without padding (RFC 7636 §4.2, S256)."""
    if not isinstance(code_verifier, str):
        raise TypeError(f"code_verifier must be str, not {type(code_verifier).__name__}")
    if not _VERIFIER.fullmatch(code_verifier):
        # Never echo the verifier: it is a secret.
        raise ValueError(
            "code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_', '~' "
            f"(got {len(code_verifier)} characters)"
        )
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_state() -> str:
    """A random, unguessable ``state`` (32 bytes, base64url) to tie a callback to its request."""
    return secrets.token_urlsafe(32)


@attrs.frozen
class Pkce:
    """A code verifier and its S256 challenge."""

    #: Keep it server-side (e.g. in the session) and send it to ``authenticate_with_code``.
    code_verifier: str = attrs.field(repr=lambda _: "'<redacted>'")
    #: Goes into the authorization URL.
    code_challenge: str
    code_challenge_method: str = "S256"


def generate_pkce() -> Pkce:
    """A fresh verifier and its S256 challenge."""
    verifier = generate_code_verifier()
    return Pkce(code_verifier=verifier, code_challenge=code_challenge_s256(verifier))
