"""Sealed session cookies and access-token verification for WorkOS User Management.

* :class:`IronSealer` (and :func:`seal` / :func:`unseal`): the iron ``Fe26.2`` format of the
  ``wos-session`` cookie written by WorkOS's Node SDK and Next.js kits; :meth:`unseal_any`
  also reads the official Python SDK's Fernet cookies.
* :class:`SessionCookieData`: the cookie's content in the kits' camelCase shape.
* :func:`verify_access_token`: RS256 verification against a :class:`KeySet`.
* :class:`JWKSCache`: an async, single-flight cache of WorkOS's signing keys.
* :class:`AsyncSessions` (``client.sessions``) and :class:`Session`: load a sealed cookie,
  ``authenticate()``, single-flight ``refresh()``; results are :class:`AuthenticateSuccess`,
  :class:`RefreshSuccess` or :class:`SessionFailure` (``reason``: :class:`SessionFailureReason`).
  ``WorkOS(...).sessions`` is the blocking face (:class:`SyncSessions`).

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
from ._refresh import RefreshCoordinator
from ._results import (
    AuthenticateResult,
    AuthenticateSuccess,
    RefreshResult,
    RefreshSuccess,
    SessionFailure,
    SessionFailureReason,
)
from ._session import COOKIE_PASSWORD_ENV, AsyncSessions, NoSessionError, Session
from ._sync import SyncSession, SyncSessions

__all__ = [
    "COOKIE_PASSWORD_ENV",
    "DEFAULT_LEEWAY",
    "DEFAULT_MAX_SIZE",
    "MIN_PASSWORD_LENGTH",
    "AccessTokenClaims",
    "AsyncSessions",
    "AuthenticateResult",
    "AuthenticateSuccess",
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
    "NoSessionError",
    "Passwords",
    "RefreshCoordinator",
    "RefreshResult",
    "RefreshSuccess",
    "SealError",
    "SealExpiredError",
    "SealFormat",
    "SealMACError",
    "SealTooLargeError",
    "Session",
    "SessionCookieData",
    "SessionError",
    "SessionFailure",
    "SessionFailureReason",
    "SyncSession",
    "SyncSessions",
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
