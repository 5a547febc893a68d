"""Authentication factors: enroll, get, delete, list, and their challenges.

Enrolling answers ``{authentication_factor, authentication_challenge}``; a TOTP factor carries
its secret, ``otpauth://`` URI and a QR code image only in that answer (the secret stays
readable in tests through ``store.factor_secret(id)``). ``type`` is ``totp`` (the spec) or
``sms`` with a ``phone_number``. Verifying a challenge's code is the authentication flows'
business (:mod:`.auth.mfa`).
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from .errors import Problem, message_only, missing
from .ids import iso
from .schema import F
from .store import FakeStore, Record
from .users import get_user

ENROLL_SPEC: dict[str, F] = {
    "type": F("string", required=True),
    "totp_issuer": F("string"),
    "totp_user": F("string"),
    "totp_secret": F("string"),
    "phone_number": F("string"),
}
CHALLENGE_TTL = 10 * 60
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def new_challenge(store: FakeStore, factor_id: str) -> Record:
    """A new AuthenticationChallenge for the factor (10 minutes)."""
    now = store.now()
    record: Record = {
        "object": "authentication_challenge",
        "id": store.new_id("auth_challenge"),
        "expires_at": iso(now + CHALLENGE_TTL),
        "authentication_factor_id": factor_id,
        "created_at": iso(now),
        "updated_at": iso(now),
    }
    return store.c_auth_challenges.insert(record)


def _qr_placeholder(uri: str) -> str:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160">'
        '<rect width="160" height="160" fill="white"/>'
        '<text x="8" y="84" font-size="10">fake TOTP QR code</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


#: ``POST /auth/factors/enroll`` (WorkOS's standalone MFA API; the user is optional).
STANDALONE_SPEC: dict[str, F] = {
    "type": F("string", required=True),
    "phone_number": F("string"),
    "totp_issuer": F("string"),
    "totp_user": F("string"),
    "user_id": F("string"),
}


def enroll_standalone(store: FakeStore, body: dict[str, Any]) -> Record:
    """Enroll a factor outside a user's enrollment: the enrolled factor itself (no first
    challenge). A TOTP factor without a user needs ``totp_issuer`` and ``totp_user``."""
    user_id = body.get("user_id")
    if (
        user_id is None
        and body["type"] == "totp"
        and not (body.get("totp_issuer") and body.get("totp_user"))
    ):
        raise message_only(
            Problem.INVALID, "a 'totp' factor without user_id needs totp_issuer and totp_user."
        )
    factor: Record = _new_factor(store, user_id, body)
    return factor


def enroll(store: FakeStore, user_id: str, body: dict[str, Any]) -> Record:
    """Enroll a ``totp`` (or ``sms``) factor: ``{authentication_factor,
    authentication_challenge}``; the TOTP secret is in this answer only."""
    enrolled = _new_factor(store, user_id, body)
    challenge = new_challenge(store, enrolled["id"])
    return {"authentication_factor": enrolled, "authentication_challenge": challenge}


def _new_factor(store: FakeStore, user_id: str | None, body: dict[str, Any]) -> Record:
    """Store a new factor; the enrolled form (with the TOTP secret) to answer once."""
    user = get_user(store, user_id) if user_id is not None else None
    kind = body["type"]
    if kind not in ("totp", "sms"):
        raise message_only(Problem.INVALID, f"type must be 'totp' (or 'sms'); got {kind!r}.")
    now = store.now()
    factor_id = store.new_id("auth_factor")
    factor: Record = {
        "object": "authentication_factor",
        "id": factor_id,
        "type": kind,
        "user_id": user_id,
        "created_at": iso(now),
        "updated_at": iso(now),
    }
    enrolled: Record
    if kind == "totp":
        if "phone_number" in body:
            raise message_only(Problem.INVALID, "phone_number is only for type 'sms'.")
        secret = body.get("totp_secret") or "".join(store.rng.choice(_B32) for _ in range(32))
        issuer = body.get("totp_issuer") or "WorkOS"
        account = body.get("totp_user") or (user["email"] if user is not None else "user")
        uri = (
            f"otpauth://totp/{quote(issuer)}:{quote(account)}"
            f"?secret={secret}&issuer={quote(issuer)}&algorithm=SHA1&digits=6&period=30"
        )
        factor["totp"] = {"issuer": issuer, "user": account}
        enrolled = {
            **factor,
            "totp": {
                "issuer": issuer,
                "user": account,
                "secret": secret,
                "qr_code": _qr_placeholder(uri),
                "uri": uri,
            },
        }
        store.factor_secrets[factor_id] = secret
    else:
        phone = body.get("phone_number")
        if not phone or any(k in body for k in ("totp_issuer", "totp_user", "totp_secret")):
            raise message_only(
                Problem.INVALID, "an 'sms' factor needs phone_number and no totp_* fields."
            )
        factor["sms"] = {"phone_number": phone}
        enrolled = factor
    store.c_auth_factors.insert(factor)
    return enrolled


def get_factor(store: FakeStore, factor_id: str) -> Record:
    """The factor (404 when there is none)."""
    return store.c_auth_factors.require(factor_id, "Authentication factor")


def delete_factor(store: FakeStore, factor_id: str) -> None:
    """Delete the factor and its challenges (404 when there is none)."""
    if store.delete_auth_factor(factor_id) is None:
        raise missing("Authentication factor", factor_id)


def get_challenge(store: FakeStore, challenge_id: str) -> Record:
    """The challenge (404 when there is none)."""
    return store.c_auth_challenges.require(challenge_id, "Authentication challenge")
