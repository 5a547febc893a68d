"""MFA: TOTP codes, SMS codes and challenge verification.

A TOTP challenge's code comes from the authenticator app (tests compute it with
``fake.auth.totp_code(factor_id)``; one 30 s step either way is accepted, as apps drift); an
SMS challenge gets a six-digit code that is in no response, as no SMS is sent (tests read it
with ``fake.auth.sms_code(challenge_id)``). Five wrong codes on one challenge: 400
``one_time_code_too_many_attempts``. A challenge verifies once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from typing import TYPE_CHECKING, Any

from ..errors import Problem, coded, message_only
from ..factors import get_challenge, get_factor, new_challenge
from ..ids import parse_iso, random_code
from ..secrets import same_secret
from ..store import Record
from .state import MAX_ATTEMPTS

if TYPE_CHECKING:
    from .fake_auth import FakeAuth


def totp_code(secret: str, at: float, *, digits: int = 6, period: int = 30) -> str:
    """The RFC 6238 TOTP code (HMAC-SHA1) of a base32 ``secret`` at time ``at``."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    mac = hmac.new(key, int(at // period).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def _totp_matches(secret: str, now: float, code: str) -> bool:
    try:
        return any(same_secret(code, totp_code(secret, now + d)) for d in (-30, 0, 30))
    except (binascii.Error, ValueError):  # an enrolled totp_secret that is not base32
        return False


def check_challenge_code(auth: FakeAuth, challenge: Record, code: str) -> bool:
    """Whether ``code`` answers ``challenge``. A wrong code counts an attempt; a right one
    uses the challenge up."""
    state = auth.state
    challenge_id = challenge["id"]
    secret = auth.store.factor_secrets.get(challenge["authentication_factor_id"])
    now = auth.now()
    if secret is not None:
        valid = _totp_matches(secret, now, code)
    else:
        sms = state.sms_codes.get(challenge_id)
        expires = challenge.get("expires_at")
        valid = (
            sms is not None
            and same_secret(code, sms)
            and (expires is None or now < parse_iso(expires))
        )
    if valid:
        state.used_challenges.add(challenge_id)
    else:
        state.challenge_attempts[challenge_id] += 1
    return valid


def refuse_exhausted(auth: FakeAuth, challenge_id: str) -> None:
    """400 ``one_time_code_too_many_attempts`` after five wrong codes."""
    if auth.state.challenge_attempts[challenge_id] >= MAX_ATTEMPTS:
        raise coded(
            Problem.REJECTED,
            "one_time_code_too_many_attempts",
            "Too many wrong codes: create a new challenge.",
        )


def challenge_factor(auth: FakeAuth, factor_id: str, body: dict[str, Any]) -> Record:
    """A new challenge of the factor (an SMS factor gets a code kept for ``sms_code``)."""
    factor = get_factor(auth.store, factor_id)
    if factor["type"] != "sms" and "sms_template" in body:
        raise message_only(Problem.INVALID, "sms_template is only for sms factors.")
    record = new_challenge(auth.store, factor["id"])
    if factor["type"] == "sms":
        new_sms_code(auth, record["id"])
    return record


def new_sms_code(auth: FakeAuth, challenge_id: str) -> None:
    """ "Text" a code for the SMS challenge (kept for ``fake.auth.sms_code``)."""
    auth.state.sms_codes[challenge_id] = random_code(auth.store.rng)


def verify_challenge(auth: FakeAuth, challenge_id: str, code: str) -> dict[str, Any]:
    """``{challenge, valid}``; a used challenge is never valid again."""
    challenge = get_challenge(auth.store, challenge_id)
    refuse_exhausted(auth, challenge_id)
    used = challenge_id in auth.state.used_challenges
    valid = not used and check_challenge_code(auth, challenge, code)
    return {"challenge": challenge, "valid": valid}
