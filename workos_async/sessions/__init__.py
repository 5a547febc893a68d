"""Sealed session cookies and access-token verification for WorkOS User Management.

* :class:`IronSealer` (and :func:`seal` / :func:`unseal`): the iron ``Fe26.2`` format of the
  ``wos-session`` cookie written by WorkOS's Node SDK and Next.js kits; :meth:`unseal_any`
  also reads the official Python SDK's Fernet cookies.
* :class:`SessionCookieData`: the cookie's content in the kits' camelCase shape.
* :func:`verify_access_token`: RS256 verification against a :class:`KeySet`.
* :class:`JWKSCache`: an async, single-flight cache of WorkOS's signing keys.

Importing this module does not import ``cryptography`` (the ``sessions`` extra); the first
seal, unseal or verification does, and says what to install when it is missing.
"""

from __future__ import annotations

from ._clock import TimeFn
from ._errors import (
    InvalidAccessTokenError,
    InvalidAudienceError,
    InvalidClaimError,
    InvalidIssuerError,
    InvalidSignatureError,
    JWKSUnavailableError,
    MalformedSealError,
    MalformedTokenError,
    SealError,
    SealExpiredError,
    SealMACError,
    SealTooLargeError,
    SessionError,
    TokenExpiredError,
    TokenNotYetValidError,
    UnknownKeyIdError,
    UnknownPasswordIdError,
    UnsupportedAlgorithmError,
)
from ._iron import (
    DEFAULT_MAX_SIZE,
    MIN_PASSWORD_LENGTH,
    IronSealer,
    Passwords,
    SealFormat,
    detect_seal_format,
    seal,
    unseal,
    unseal_any,
)
from ._jwks import JWKSCache, JWKSFetch
from ._jwt import (
    DEFAULT_LEEWAY,
    AccessTokenClaims,
    decode_unverified_claims,
    decode_unverified_header,
    verify_access_token,
)
from ._keyset import KeySet
from ._payload import Impersonator, SessionCookieData

__all__ = [
    "DEFAULT_LEEWAY",
    "DEFAULT_MAX_SIZE",
    "MIN_PASSWORD_LENGTH",
    "AccessTokenClaims",
    "Impersonator",
    "InvalidAccessTokenError",
    "InvalidAudienceError",
    "InvalidClaimError",
    "InvalidIssuerError",
    "InvalidSignatureError",
    "IronSealer",
    "JWKSCache",
    "JWKSFetch",
    "JWKSUnavailableError",
    "KeySet",
    "MalformedSealError",
    "MalformedTokenError",
    "Passwords",
    "SealError",
    "SealExpiredError",
    "SealFormat",
    "SealMACError",
    "SealTooLargeError",
    "SessionCookieData",
    "SessionError",
    "TimeFn",
    "TokenExpiredError",
    "TokenNotYetValidError",
    "UnknownKeyIdError",
    "UnknownPasswordIdError",
    "UnsupportedAlgorithmError",
    "decode_unverified_claims",
    "decode_unverified_header",
    "detect_seal_format",
    "seal",
    "unseal",
    "unseal_any",
    "verify_access_token",
]
