"""verify_access_token: RS256 only, strict exp, leeway for iat/nbf, issuer, kid, claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from workos_async.sessions import (
    AccessTokenClaims,
    InvalidAccessTokenError,
    InvalidAudienceError,
    InvalidClaimError,
    InvalidIssuerError,
    InvalidSignatureError,
    KeySet,
    MalformedTokenError,
    TokenExpiredError,
    TokenNotYetValidError,
    UnknownKeyIdError,
    UnsupportedAlgorithmError,
    decode_unverified_claims,
    decode_unverified_header,
    verify_access_token,
)

from .conftest import NOW, FakeClock, b64url, jwk_of, make_token

Signer = Callable[..., str]


def verify(token: str, jwks: Any, clock: FakeClock, **kwargs: Any) -> AccessTokenClaims:
    return verify_access_token(token, jwks, clock=clock, **kwargs)


def test_valid_token_gives_typed_claims(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    result = verify(signer(claims), jwks, clock)
    assert result.sub == "user_01HXYZ"
    assert result.sid == "session_01HXYZ"
    assert result.org_id == "org_01HXYZ"
    assert result.role == "admin"
    assert result.roles == ("admin", "member")
    assert result.permissions == ("users:read", "users:write")
    assert result.entitlements == ("audit-logs",)
    assert result.feature_flags == ("beta",)
    assert result.iss == claims["iss"]
    assert result.aud == "client_123"
    assert result.jti == "jti_1"
    assert result.exp == int(NOW) + 300
    assert result.iat == int(NOW) - 10
    assert result.act is None
    assert result.extra == {"custom_claim": {"tier": "gold"}}
    assert result.expires_at == datetime.fromtimestamp(int(NOW) + 300, UTC)
    assert result.to_dict() == claims


def test_minimal_token_has_empty_defaults(
    signer: Signer, jwks: dict[str, Any], clock: FakeClock
) -> None:
    result = verify(signer({"sub": "user_1", "exp": NOW + 60}), jwks, clock)
    assert result.sid is None and result.org_id is None and result.role is None
    assert result.permissions == () and result.roles == () and result.feature_flags == ()
    assert result.extra == {}
    assert result.to_dict() == {"sub": "user_1", "exp": int(NOW) + 60}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, True),
        ({"sub_profile": "user"}, True),
        ({"sid": None}, False),
        ({"sub_type": "agent"}, False),
        ({"sub_profile": "widget"}, False),
    ],
)
def test_is_user_session(
    change: dict[str, Any], expected: bool, signer: Signer, jwks: dict[str, Any],
    claims: dict[str, Any], clock: FakeClock,
) -> None:  # fmt: skip
    claims.update(change)
    claims = {k: v for k, v in claims.items() if v is not None}
    assert verify(signer(claims), jwks, clock).is_user_session is expected


def test_act_claim_for_impersonation(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    claims["act"] = {"sub": "admin@example.com"}
    assert verify(signer(claims), jwks, clock).act == {"sub": "admin@example.com"}


def test_accepts_keyset_bytes_and_text(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    token = signer(claims)
    for form in (KeySet.from_jwks(jwks), json.dumps(jwks), json.dumps(jwks).encode()):
        assert verify(token, form, clock).sub == "user_01HXYZ"


# --- algorithms -----------------------------------------------------------------------------


def test_alg_none_is_refused(
    jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    for alg in ("none", "None", "NONE"):
        token = make_token(None, claims, alg=alg)
        with pytest.raises(UnsupportedAlgorithmError) as info:
            verify(token, jwks, clock)
        assert info.value.alg == alg


def test_hs256_signed_with_the_public_key_is_refused(
    public_pem: bytes, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    """The classic key-confusion attack: HMAC keyed with the RSA public key."""
    token = make_token(None, claims, alg="HS256", hmac_secret=public_pem)
    with pytest.raises(UnsupportedAlgorithmError):
        verify(token, jwks, clock)
    # Same HMAC signature under an RS256 header: not a valid RSA signature.
    forged = make_token(None, claims, alg="RS256", hmac_secret=public_pem)
    with pytest.raises(InvalidSignatureError):
        verify(forged, jwks, clock)


@pytest.mark.parametrize("alg", ["RS384", "RS512", "PS256", "ES256", "EdDSA", "rs256", "", None, 1])
def test_any_other_algorithm_is_refused(
    alg: Any, rsa_key: rsa.RSAPrivateKey, jwks: dict[str, Any], claims: dict[str, Any],
    clock: FakeClock,
) -> None:  # fmt: skip
    token = make_token(rsa_key, claims, header={"alg": alg})
    with pytest.raises(UnsupportedAlgorithmError):
        verify(token, jwks, clock)


def test_crit_header_is_refused(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    token = signer(claims, header={"crit": ["b64"], "b64": False})
    with pytest.raises(MalformedTokenError, match="critical"):
        verify(token, jwks, clock)


# --- signatures and keys --------------------------------------------------------------------


def test_signature_by_another_key_is_refused(
    other_rsa_key: rsa.RSAPrivateKey, jwks: dict[str, Any], claims: dict[str, Any],
    clock: FakeClock,
) -> None:  # fmt: skip
    token = make_token(other_rsa_key, claims, kid="key-1")
    with pytest.raises(InvalidSignatureError):
        verify(token, jwks, clock)


def test_tampered_claims_are_refused(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    head, _, sig = signer(claims).split(".")
    claims["role"] = "owner"
    forged_body = b64url(json.dumps(claims, separators=(",", ":")).encode())
    with pytest.raises(InvalidSignatureError):
        verify(f"{head}.{forged_body}.{sig}", jwks, clock)


def test_truncated_or_empty_signature_is_refused(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    token = signer(claims)
    with pytest.raises(InvalidSignatureError, match="wrong length"):
        verify(token[:-8], jwks, clock)
    head, body, _ = token.split(".")
    with pytest.raises(InvalidSignatureError):
        verify(f"{head}.{body}.", jwks, clock)


def test_unknown_kid_is_its_own_error(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    with pytest.raises(UnknownKeyIdError) as info:
        verify(signer(claims, kid="rotated-key"), jwks, clock)
    assert info.value.kid == "rotated-key"
    assert isinstance(info.value, InvalidAccessTokenError)


def test_token_without_kid_uses_a_single_key_only(
    rsa_key: rsa.RSAPrivateKey, other_rsa_key: rsa.RSAPrivateKey, claims: dict[str, Any],
    clock: FakeClock,
) -> None:  # fmt: skip
    token = make_token(rsa_key, claims, kid=None)
    assert verify(token, {"keys": [jwk_of(rsa_key, "key-1")]}, clock).sub
    assert verify(token, {"keys": [jwk_of(rsa_key, None)]}, clock).sub
    two = {"keys": [jwk_of(rsa_key, "key-1"), jwk_of(other_rsa_key, "key-2")]}
    with pytest.raises(UnknownKeyIdError) as info:
        verify(token, two, clock)
    assert info.value.kid is None


def test_keyset_keeps_only_rs256_signing_keys(
    rsa_key: rsa.RSAPrivateKey, other_rsa_key: rsa.RSAPrivateKey
) -> None:
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    keyset = KeySet.from_jwks(
        {
            "keys": [
                jwk_of(rsa_key, "good"),
                jwk_of(other_rsa_key, "enc", use="enc"),
                jwk_of(other_rsa_key, "ps", alg="PS256"),
                jwk_of(other_rsa_key, "ops", key_ops=["encrypt"]),
                jwk_of(small, "small"),
                {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"},
                {"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"},
                {"kty": "RSA", "kid": "no-n", "e": "AQAB"},
                "not an object",
            ]
        }
    )
    assert list(keyset) == ["good"]
    assert len(keyset) == 1
    assert "good" in repr(keyset)


@pytest.mark.parametrize("doc", [b"not json", b"[]", b"{}", b'{"keys": {}}', {"keys": None}])
def test_unusable_jwks_documents_are_value_errors(doc: Any) -> None:
    with pytest.raises(ValueError, match="JWKS"):
        KeySet.from_jwks(doc)


def test_parsed_keys_are_reused_across_refetches(
    rsa_key: rsa.RSAPrivateKey, jwks: dict[str, Any]
) -> None:
    assert KeySet.from_jwks(jwks)["key-1"] is KeySet.from_jwks(json.dumps(jwks))["key-1"]


# --- time -----------------------------------------------------------------------------------


def test_exp_is_strict(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    token = signer(claims)
    clock.now = claims["exp"] - 0.001
    assert verify(token, jwks, clock, leeway=30).sub
    clock.now = claims["exp"]
    with pytest.raises(TokenExpiredError) as info:
        verify(token, jwks, clock, leeway=30)  # leeway never extends exp
    # The error carries the verified claims, for a refresh that keeps the organization.
    assert info.value.claims.org_id == "org_01HXYZ"
    assert info.value.claims.sid == "session_01HXYZ"
    assert info.value.exp == claims["exp"]


def test_future_iat_beyond_leeway_is_refused(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    claims["iat"] = NOW + 5
    token = signer(claims)
    assert verify(token, jwks, clock, leeway=5).sub  # exactly at the leeway: accepted
    with pytest.raises(TokenNotYetValidError) as info:
        verify(token, jwks, clock, leeway=4.9)
    assert info.value.claim == "iat"
    claims["iat"] = NOW + 3600
    with pytest.raises(TokenNotYetValidError):
        verify(signer(claims), jwks, clock)  # default leeway


def test_nbf_in_the_future_is_refused(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    claims["nbf"] = NOW + 60
    with pytest.raises(TokenNotYetValidError) as info:
        verify(signer(claims), jwks, clock)
    assert info.value.claim == "nbf"
    claims["nbf"] = NOW + 1
    result = verify(signer(claims), jwks, clock)
    assert result.extra["nbf"] == NOW + 1


@pytest.mark.parametrize("leeway", [-1, "5", None, float("nan")])
def test_bad_leeway_is_a_value_error(
    leeway: Any, signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    with pytest.raises(ValueError, match="leeway"):
        verify(signer(claims), jwks, clock, leeway=leeway)


# --- issuer and audience --------------------------------------------------------------------


def test_issuer_checked_only_when_configured(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    token = signer(claims)
    assert verify(token, jwks, clock).sub  # not configured: any issuer
    assert verify(token, jwks, clock, issuer=claims["iss"]).sub
    assert verify(token, jwks, clock, issuer=["https://auth.example.com", claims["iss"]]).sub
    with pytest.raises(InvalidIssuerError) as info:
        verify(token, jwks, clock, issuer="https://api.workos.com/user_management/client_999")
    assert info.value.issuer == claims["iss"]
    del claims["iss"]
    with pytest.raises(InvalidIssuerError):
        verify(signer(claims), jwks, clock, issuer="https://api.workos.com")


def test_wrong_issuer_wins_over_expiry(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    """TokenExpiredError means 'good but old': other checks run first."""
    clock.now = claims["exp"] + 10
    with pytest.raises(InvalidIssuerError):
        verify(signer(claims), jwks, clock, issuer="https://other.example.com")


def test_audience_checked_when_client_id_given_and_token_has_aud(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    assert verify(signer(claims), jwks, clock, client_id="client_123").sub
    with pytest.raises(InvalidAudienceError):
        verify(signer(claims), jwks, clock, client_id="client_other")
    claims["aud"] = ["client_a", "client_123"]
    assert verify(signer(claims), jwks, clock, client_id="client_123").aud == (
        "client_a",
        "client_123",
    )
    del claims["aud"]
    assert verify(signer(claims), jwks, clock, client_id="client_123").aud is None


# --- malformed tokens and claims ------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    ["", "abc", "a.b", "a.b.c.d", "!!.e30.", "eyJh.e30.sig", "W10.e30.", "a" * 20000],
)
def test_malformed_tokens(token: str, jwks: dict[str, Any], clock: FakeClock) -> None:
    with pytest.raises(MalformedTokenError):
        verify(token, jwks, clock)


def test_non_string_token_is_a_type_error(jwks: dict[str, Any], clock: FakeClock) -> None:
    with pytest.raises(TypeError, match="token must be a str"):
        verify(b"a.b.c", jwks, clock)  # type: ignore[arg-type]


def test_signed_but_non_object_claims_are_malformed(
    rsa_key: rsa.RSAPrivateKey, jwks: dict[str, Any], clock: FakeClock
) -> None:
    head = b64url(json.dumps({"alg": "RS256", "kid": "key-1"}).encode())
    body = b64url(b"[1,2]")
    from .conftest import sign_rs256

    sig = b64url(sign_rs256(rsa_key, f"{head}.{body}".encode()))
    with pytest.raises(MalformedTokenError, match="not a JSON object"):
        verify(f"{head}.{body}.{sig}", jwks, clock)


@pytest.mark.parametrize(
    ("change", "claim"),
    [
        ({"sub": None}, "sub"),
        ({"sub": 5}, "sub"),
        ({"exp": None}, "exp"),
        ({"exp": "soon"}, "exp"),
        ({"exp": True}, "exp"),
        ({"iat": "x"}, "iat"),
        ({"nbf": "x"}, "nbf"),
        ({"sid": 1}, "sid"),
        ({"role": ["a"]}, "role"),
        ({"permissions": "users:read"}, "permissions"),
        ({"roles": [1]}, "roles"),
        ({"act": "admin"}, "act"),
        ({"aud": 5}, "aud"),
    ],
)
def test_badly_typed_claims_are_refused(
    change: dict[str, Any], claim: str, signer: Signer, jwks: dict[str, Any],
    claims: dict[str, Any], clock: FakeClock,
) -> None:  # fmt: skip
    claims.update(change)
    claims = {k: v for k, v in claims.items() if v is not None}
    with pytest.raises(InvalidClaimError) as info:
        verify(signer(claims), jwks, clock)
    assert info.value.claim == claim


def test_messages_never_contain_the_token(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    token = signer(claims)
    head, body, sig = token.split(".")
    attempts = [
        token[:-8],
        f"{head}.{body}.{sig[:-4]}AAAA",
        signer(claims, kid="nope"),
        signer({**claims, "exp": NOW - 1}),
        signer({**claims, "iat": NOW + 999}),
    ]
    for bad in attempts:
        with pytest.raises(InvalidAccessTokenError) as info:
            verify(bad, jwks, clock, issuer=claims["iss"])
        message = str(info.value)
        for piece in (head, body, sig, bad):
            assert piece not in message


def test_unverified_helpers(signer: Signer, claims: dict[str, Any]) -> None:
    token = signer(claims)
    assert decode_unverified_header(token) == {"alg": "RS256", "typ": "JWT", "kid": "key-1"}
    assert decode_unverified_claims(token)["org_id"] == "org_01HXYZ"
    with pytest.raises(MalformedTokenError):
        decode_unverified_claims("x.y")


def test_every_single_character_change_is_an_invalid_token(
    signer: Signer, jwks: dict[str, Any], claims: dict[str, Any], clock: FakeClock
) -> None:
    """Exhaustive one-character mutations: always InvalidAccessTokenError, nothing else."""
    token = signer({"sub": "u", "exp": NOW + 60})
    keys = KeySet.from_jwks(jwks)
    accepted = 0
    for pos in range(len(token)):
        for replacement in ("A", "-", ".", "=", "é", ""):
            if token[pos] == replacement:
                continue
            mutated = token[:pos] + replacement + token[pos + 1 :]
            try:
                verify(mutated, keys, clock)
            except InvalidAccessTokenError:
                continue
            accepted += 1
    # base64url's last character carries unused low bits: at most a couple of variants of the
    # final signature character decode to the same bytes (the signature is what was signed).
    assert accepted <= 2
