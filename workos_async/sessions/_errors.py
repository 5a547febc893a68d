"""Errors raised by sealing, token verification and the JWKS cache.

They live apart from the API error tree (``APIError`` and friends are about HTTP responses from
WorkOS; these are about cookies and tokens handled locally), under one root, ``SessionError``.
Each class has a stable ``code`` for logs and for mapping to the kits' failure reasons.

No message ever contains a cookie, a token, a password or a derived key: only which check
failed, and non-secret facts (a password id, a key id, an algorithm name, a timestamp).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ._jwt import AccessTokenClaims

__all__ = [
    "InvalidAccessTokenError",
    "InvalidAudienceError",
    "InvalidClaimError",
    "InvalidIssuerError",
    "InvalidSignatureError",
    "JWKSUnavailableError",
    "MalformedSealError",
    "MalformedTokenError",
    "SealError",
    "SealExpiredError",
    "SealMACError",
    "SealTooLargeError",
    "SessionError",
    "TokenExpiredError",
    "TokenNotYetValidError",
    "UnknownKeyIdError",
    "UnknownPasswordIdError",
    "UnsupportedAlgorithmError",
]


def printable(value: object, limit: int = 40) -> str:
    """A short, safe rendering of a non-secret value taken from untrusted input."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    return "".join(ch if ch.isprintable() else "?" for ch in text)


class SessionError(Exception):
    """Root of every error from ``workos_async.sessions``."""

    #: Stable machine-readable name of the failure.
    code: ClassVar[str] = "session_error"


# --- sealed cookies -------------------------------------------------------------------------


class SealError(SessionError):
    """A sealed value (cookie) could not be opened. Never carries the value itself."""

    code: ClassVar[str] = "seal_error"


class MalformedSealError(SealError):
    """The value is not a well-formed seal (wrong prefix, part count, encoding, or payload)."""

    code: ClassVar[str] = "malformed_seal"


class SealTooLargeError(SealError):
    """The value is longer than the configured maximum (4096 bytes by default).

    Raised by ``seal`` (browsers drop bigger cookies) and by ``unseal`` before any work.
    """

    code: ClassVar[str] = "seal_too_large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"sealed value is {size} bytes, over the {limit}-byte limit")
        self.size = size
        self.limit = limit


class SealMACError(SealError):
    """The integrity check failed: the value was altered, or sealed with another password."""

    code: ClassVar[str] = "bad_mac"


class UnknownPasswordIdError(SealError):
    """The seal names a password id that is not among the configured passwords."""

    code: ClassVar[str] = "unknown_password_id"

    def __init__(self, password_id: str) -> None:
        super().__init__(f"no password with id {printable(password_id)!r} is configured")
        self.password_id = password_id


class SealExpiredError(SealError):
    """The seal carried an expiry time that has passed (beyond the allowed skew)."""

    code: ClassVar[str] = "seal_expired"

    def __init__(self, expired_at_ms: int) -> None:
        super().__init__(f"seal expired at {expired_at_ms} ms since the epoch")
        self.expired_at_ms = expired_at_ms


# --- access tokens --------------------------------------------------------------------------


class InvalidAccessTokenError(SessionError):
    """The access token is not valid. The token itself is never part of the message."""

    code: ClassVar[str] = "invalid_jwt"


class MalformedTokenError(InvalidAccessTokenError):
    """The token is not a well-formed compact JWS with JSON header and claims."""

    code: ClassVar[str] = "malformed_token"


class UnsupportedAlgorithmError(InvalidAccessTokenError):
    """The token's ``alg`` is not ``RS256`` (``none``, ``HS256``, ... are always refused)."""

    code: ClassVar[str] = "unsupported_algorithm"

    def __init__(self, alg: object) -> None:
        super().__init__(f"token algorithm {printable(alg)!r} is not accepted; only RS256 is")
        self.alg = alg


class UnknownKeyIdError(InvalidAccessTokenError):
    """The token's ``kid`` is not in the key set. A cache may refetch the JWKS and retry."""

    code: ClassVar[str] = "unknown_kid"

    def __init__(self, kid: str | None) -> None:
        if kid is None:
            message = "token has no kid and the key set has no single key to use"
        else:
            message = f"no key with kid {printable(kid)!r} in the key set"
        super().__init__(message)
        self.kid = kid


class InvalidSignatureError(InvalidAccessTokenError):
    """The RS256 signature does not verify against the token's key."""

    code: ClassVar[str] = "bad_signature"


class InvalidClaimError(InvalidAccessTokenError):
    """A claim is missing or has the wrong type (e.g. ``exp`` is not a number)."""

    code: ClassVar[str] = "invalid_claim"

    def __init__(self, claim: str, problem: str) -> None:
        super().__init__(f"claim {claim!r} {problem}")
        self.claim = claim


class TokenExpiredError(InvalidAccessTokenError):
    """The token's signature is good but its ``exp`` has passed.

    ``claims`` holds the verified claims, so a session can still read ``sid`` and ``org_id``
    to refresh.
    """

    code: ClassVar[str] = "token_expired"

    def __init__(self, exp: float, claims: AccessTokenClaims) -> None:
        super().__init__(f"token expired at {exp:.0f} (seconds since the epoch)")
        self.exp = exp
        self.claims = claims


class TokenNotYetValidError(InvalidAccessTokenError):
    """The token's ``iat`` or ``nbf`` lies in the future beyond the allowed leeway."""

    code: ClassVar[str] = "token_not_yet_valid"

    def __init__(self, claim: str, value: float) -> None:
        super().__init__(f"token {claim} {value:.0f} is in the future")
        self.claim = claim
        self.value = value


class InvalidIssuerError(InvalidAccessTokenError):
    """The token's ``iss`` is not the configured issuer."""

    code: ClassVar[str] = "invalid_issuer"

    def __init__(self, issuer: object) -> None:
        super().__init__(f"token issuer {printable(issuer, 80)!r} is not the expected issuer")
        self.issuer = issuer


class InvalidAudienceError(InvalidAccessTokenError):
    """The token's ``aud`` does not name the configured client id."""

    code: ClassVar[str] = "invalid_audience"


# --- key set --------------------------------------------------------------------------------


class JWKSUnavailableError(SessionError):
    """The signing keys could not be obtained (endpoint down, timeout, unusable body).

    This is an outage, not a verdict on the token: callers should answer 503 (or retry), not
    sign the user out.
    """

    code: ClassVar[str] = "jwks_unavailable"

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        #: Seconds until the cache will try the endpoint again, when known.
        self.retry_after = retry_after
