"""Access-token verification: RS256 JWTs signed by WorkOS, checked against a key set.

Pure and synchronous (no I/O): the async :class:`~workos_async.sessions.JWKSCache` supplies the
keys. The checks, in order, so that a later error implies every earlier check passed:

1. shape: three base64url parts, a JSON header and JSON claims, at most 16 KiB;
2. ``alg`` is exactly ``RS256`` — ``none``, ``HS256`` (the "signed with the public key" attack)
   and everything else are refused before any key is looked at; a ``crit`` header is refused;
3. the ``kid`` names a key in the set (else :class:`UnknownKeyIdError`, so a cache can refetch);
4. the RSASSA-PKCS1-v1_5 SHA-256 signature verifies — claims are parsed only after this;
5. claim types; ``iss`` when an issuer is configured; ``aud`` when a client id is configured
   and the token has one;
6. ``iat`` / ``nbf`` not in the future beyond ``leeway``;
7. ``exp`` strictly in the future (no leeway): :class:`TokenExpiredError` carries the verified
   claims, so a session can still refresh with the token's organization.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from itertools import repeat
from types import MappingProxyType
from typing import Any, Final

import attrs

from ._clock import TimeFn
from ._codec import b64url_decode, json_loads
from ._crypto import require_cryptography, rsa_verify_pkcs1_sha256
from ._errors import (
    InvalidAudienceError,
    InvalidClaimError,
    InvalidIssuerError,
    InvalidSignatureError,
    MalformedTokenError,
    TokenExpiredError,
    TokenNotYetValidError,
    UnknownKeyIdError,
    UnsupportedAlgorithmError,
)
from ._keyset import KeySet

__all__ = [
    "DEFAULT_LEEWAY",
    "AccessTokenClaims",
    "JWKSInput",
    "ParsedToken",
    "check_leeway",
    "decode_unverified_claims",
    "decode_unverified_header",
    "verify_access_token",
    "verify_parsed",
]

#: Seconds of clock difference tolerated for ``iat`` and ``nbf`` (never for ``exp``).
DEFAULT_LEEWAY: Final = 5.0
MAX_TOKEN_LENGTH: Final = 16 * 1024
_EMPTY: Mapping[str, Any] = MappingProxyType({})

#: A parsed :class:`KeySet`, or a JWKS document (bytes, text or mapping) to parse.
JWKSInput = KeySet | Mapping[str, Any] | bytes | str


@attrs.define(kw_only=True, slots=True)
class AccessTokenClaims:
    """The verified claims of a WorkOS access token.

    WorkOS's claims get typed fields (lists become tuples, absent lists are empty); claims this
    version does not know — custom JWT-template claims included — are kept in ``extra``
    (read-only). Not frozen, like the response models: building one is on the hot path of
    every verification and frozen attrs classes cost 2.5x more to build; treat it as read-only.
    """

    #: The user id (``user_...``).
    sub: str
    #: Expiry, seconds since the epoch.
    exp: int
    #: The session id (``session_...``); absent on tokens that are not user sessions.
    sid: str | None = None
    org_id: str | None = None
    role: str | None = None
    roles: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    entitlements: tuple[str, ...] = ()
    feature_flags: tuple[str, ...] = ()
    #: The actor (impersonation): e.g. ``{"sub": "admin@example.com"}``.
    act: Mapping[str, Any] | None = None
    iat: int | None = None
    iss: str | None = None
    aud: str | tuple[str, ...] | None = None
    jti: str | None = None
    #: Every other claim, as sent.
    extra: Mapping[str, Any] = attrs.field(default=_EMPTY, repr=False)

    @property
    def is_user_session(self) -> bool:
        """Whether this is a user's session token, as opposed to another token WorkOS signs
        with the same keys (M2M, agent, widget tokens): it has a ``sid``, and no ``sub_type``
        or a ``sub_profile`` other than ``user``. Check it before trusting a bearer token as a
        signed-in user."""
        return (
            self.sid is not None
            and "sub_type" not in self.extra
            and self.extra.get("sub_profile", "user") == "user"
        )

    @property
    def expires_at(self) -> datetime:
        """``exp`` as an aware UTC datetime."""
        return datetime.fromtimestamp(self.exp, UTC)

    def to_dict(self) -> dict[str, Any]:
        """The claims as a JSON-ready dict (known claims that were absent are left out)."""
        out: dict[str, Any] = dict(self.extra)
        for name in _KNOWN:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            out[name] = value
        return out


_KNOWN: Final = frozenset(
    ("sub", "exp", "iat", "act", "aud", "sid", "org_id", "role", "iss", "jti",
     "roles", "permissions", "entitlements", "feature_flags")
)  # fmt: skip


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _str_list(payload: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = payload.get(name)
    if value is None:
        return ()
    # map(isinstance, ..., repeat(str)) runs the element check at C speed.
    if type(value) is not list or not all(map(isinstance, value, repeat(str))):
        raise InvalidClaimError(name, "is not a list of strings")
    return tuple(value)


def _opt_str(payload: Mapping[str, Any], name: str) -> str | None:
    value = payload.get(name)
    if value is not None and type(value) is not str:
        raise InvalidClaimError(name, "is not a string")
    return value


def _build_claims(payload: Mapping[str, Any]) -> AccessTokenClaims:
    """Type-check WorkOS's claims into the model (a hot path: written for speed)."""
    sub = payload.get("sub")
    if type(sub) is not str or not sub:
        raise InvalidClaimError("sub", "is missing or not a string")
    exp = payload.get("exp")
    if not _is_number(exp):
        raise InvalidClaimError("exp", "is missing or not a number")
    iat = payload.get("iat")
    if iat is not None and not _is_number(iat):
        raise InvalidClaimError("iat", "is not a number")
    act = payload.get("act")
    if act is not None:
        if not isinstance(act, Mapping):
            raise InvalidClaimError("act", "is not an object")
        act = MappingProxyType(dict(act))
    aud = payload.get("aud")
    if aud is not None and type(aud) is not str:
        if type(aud) is not list or not all(map(isinstance, aud, repeat(str))):
            raise InvalidClaimError("aud", "is not a string or a list of strings")
        aud = tuple(aud)
    unknown = payload.keys() - _KNOWN
    return AccessTokenClaims(
        sub=sub,
        exp=int(exp),  # type: ignore[arg-type]  # checked by _is_number
        sid=_opt_str(payload, "sid"),
        org_id=_opt_str(payload, "org_id"),
        role=_opt_str(payload, "role"),
        roles=_str_list(payload, "roles"),
        permissions=_str_list(payload, "permissions"),
        entitlements=_str_list(payload, "entitlements"),
        feature_flags=_str_list(payload, "feature_flags"),
        act=act,
        iat=None if iat is None else int(iat),
        iss=_opt_str(payload, "iss"),
        aud=aud,
        jti=_opt_str(payload, "jti"),
        extra=MappingProxyType({k: payload[k] for k in unknown}) if unknown else _EMPTY,
    )


def _split(token: object) -> tuple[str, str, str]:
    if not isinstance(token, str):
        raise TypeError(f"token must be a str, not {type(token).__name__}")
    if len(token) > MAX_TOKEN_LENGTH:
        raise MalformedTokenError(f"token is longer than {MAX_TOKEN_LENGTH} characters")
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedTokenError("token is not three '.'-separated parts")
    return parts[0], parts[1], parts[2]


def _json_object(part: str, what: str) -> dict[str, Any]:
    try:
        value = json_loads(b64url_decode(part))
    except ValueError:
        raise MalformedTokenError(f"token {what} is not base64url JSON") from None
    if not isinstance(value, dict):
        raise MalformedTokenError(f"token {what} is not a JSON object")
    return value


def decode_unverified_header(token: str) -> dict[str, Any]:
    """The token's JOSE header, **not verified** (e.g. to read ``kid`` before fetching keys)."""
    return _json_object(_split(token)[0], "header")


def decode_unverified_claims(token: str) -> dict[str, Any]:
    """The token's claims, **not verified**: never base an access decision on them.

    Useful for what the session refresh needs from an expired token, such as ``org_id``.
    """
    return _json_object(_split(token)[1], "claims")


def check_leeway(leeway: object) -> float:
    """``leeway`` as a float, or ``ValueError`` naming it."""
    if not _is_number(leeway) or leeway < 0:  # type: ignore[operator]
        raise ValueError("leeway must be a non-negative number of seconds")
    return float(leeway)  # type: ignore[arg-type]


class ParsedToken:
    """A token split and its header checked (``alg`` is RS256, no ``crit``): no key needed yet.

    Lets a key cache read ``kid`` (and refuse a bad ``alg`` before any fetch) without decoding
    the header twice.
    """

    __slots__ = ("header_b64", "kid", "payload_b64", "signature_b64", "token")

    def __init__(self, token: str) -> None:
        self.header_b64, self.payload_b64, self.signature_b64 = _split(token)
        header = _json_object(self.header_b64, "header")
        alg = header.get("alg")
        if alg != "RS256":
            raise UnsupportedAlgorithmError(alg)
        if "crit" in header:
            raise MalformedTokenError("token header has critical extensions this verifier lacks")
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise MalformedTokenError("token header kid is not a string")
        self.kid: str | None = kid
        self.token = token

    def __repr__(self) -> str:
        return f"ParsedToken(kid={self.kid!r})"


def verify_access_token(
    token: str,
    jwks: JWKSInput,
    *,
    client_id: str | None = None,
    issuer: str | Collection[str] | None = None,
    leeway: float = DEFAULT_LEEWAY,
    clock: TimeFn = time.time,
) -> AccessTokenClaims:
    """Verify a WorkOS access token and return its claims.

    ``jwks`` is a :class:`KeySet` or a JWKS document. ``issuer`` (one or several accepted
    values) is checked only when given — WorkOS issuers differ by environment and custom auth
    domain. ``client_id``, when given, must be named by the token's ``aud`` if it has one.
    ``leeway`` applies to ``iat`` and ``nbf`` only; ``exp`` is strict. ``clock`` returns
    wall-clock seconds.

    Raises an :class:`InvalidAccessTokenError` subclass for every invalid token (messages never
    contain the token). :class:`UnknownKeyIdError` is the one a key cache should answer with a
    refetch.
    """
    require_cryptography()
    slack = check_leeway(leeway)
    parsed = ParsedToken(token)
    keys = jwks if isinstance(jwks, KeySet) else KeySet.from_jwks(jwks)
    return verify_parsed(
        parsed, keys, client_id=client_id, issuer=issuer, leeway=slack, clock=clock
    )


def verify_parsed(
    parsed: ParsedToken,
    keys: KeySet,
    *,
    client_id: str | None,
    issuer: str | Collection[str] | None,
    leeway: float,
    clock: TimeFn,
) -> AccessTokenClaims:
    """Steps 3-7 of the module docstring on a :class:`ParsedToken` (``leeway`` pre-checked)."""
    key = keys.key_for(parsed.kid)
    if key is None:
        raise UnknownKeyIdError(parsed.kid)
    try:
        payload_bytes = b64url_decode(parsed.payload_b64)
        signature = b64url_decode(parsed.signature_b64)
    except ValueError:
        raise MalformedTokenError("token payload or signature is not base64url") from None
    if len(signature) != (key.key_size + 7) // 8:
        raise InvalidSignatureError("token signature has the wrong length for its key")
    signed = parsed.token[: len(parsed.header_b64) + 1 + len(parsed.payload_b64)].encode("ascii")
    if not rsa_verify_pkcs1_sha256(key, signature, signed):
        raise InvalidSignatureError("token signature does not verify")

    # Signed by the key holder from here on.
    try:
        payload = json_loads(payload_bytes)
    except ValueError:
        raise MalformedTokenError("token claims are not JSON") from None
    if not isinstance(payload, dict):
        raise MalformedTokenError("token claims are not a JSON object")
    claims = _build_claims(payload)

    if issuer is not None:
        accepted = (issuer,) if isinstance(issuer, str) else issuer
        if claims.iss is None or claims.iss not in accepted:
            raise InvalidIssuerError(claims.iss)
    if client_id is not None and claims.aud is not None:
        audiences = (claims.aud,) if isinstance(claims.aud, str) else claims.aud
        if client_id not in audiences:
            raise InvalidAudienceError("token audience does not include the client id")

    now = clock()
    iat = payload.get("iat")
    if iat is not None and iat > now + leeway:
        raise TokenNotYetValidError("iat", iat)
    nbf = payload.get("nbf")
    if nbf is not None:
        if not _is_number(nbf):
            raise InvalidClaimError("nbf", "is not a number")
        if nbf > now + leeway:
            raise TokenNotYetValidError("nbf", nbf)
    exp = payload["exp"]
    if now >= exp:
        raise TokenExpiredError(exp, claims)
    return claims
