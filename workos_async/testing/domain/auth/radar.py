"""Radar challenges: with ``fake.auth.radar_challenge`` set (``"email"`` or ``"sms"``), a
password or Magic Auth sign-in stops with 403 ``radar_challenge`` and a
``pending_authentication_token`` (WorkOS's Radar asking for proof on a risky sign-in).

- ``"email"``: the error carries ``radar_challenge_id``; the fake "emails" a code, readable
  with ``get_radar_challenge`` (as WorkOS's API returns it); the sign-in finishes with the
  ``radar-email-challenge:code`` grant.
- ``"sms"``: the app calls ``create_radar_challenge(user_id, pending_authentication_token,
  phone_number)``; the fake "texts" a code (``fake.auth.radar_sms_code(verification_id)``);
  the sign-in finishes with the ``radar-sms-challenge:code`` grant.

A wrong code is 400 ``invalid_one_time_code``; a used one ``one_time_code_previously_used``;
an expired one (10 minutes) ``one_time_code_expired``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import DomainError, Problem, coded
from ..ids import iso, parse_iso, random_code
from ..schema import F
from ..secrets import same_secret
from ..store import Record
from .signin import pending_token, take_pending
from .state import RadarSms, SignIn

if TYPE_CHECKING:
    from .fake_auth import FakeAuth

#: Sign-in methods Radar challenges in the fake.
CHALLENGED_METHODS = ("Password", "MagicAuth")
CODE_TTL = 600.0
STAGE = "radar"

#: ``POST /user_management/radar_challenges``.
CREATE_SPEC: dict[str, F] = {
    "user_id": F("string", required=True),
    "pending_authentication_token": F("string", required=True),
    "phone_number": F("string", required=True),
    "ip_address": F("string"),
    "user_agent": F("string"),
}


def check_radar(auth: FakeAuth, sign_in: SignIn, user: Record) -> None:
    """The Radar stage of a sign-in: 403 ``radar_challenge`` when the setting asks for one."""
    mode = auth.radar_challenge
    if mode is None or sign_in.authentication_method not in CHALLENGED_METHODS:
        return
    extra: dict[str, Any] = {}
    if mode == "email":
        extra["radar_challenge_id"] = _new_email_challenge(auth, user)["id"]
    token = pending_token(auth, sign_in, STAGE, **extra)
    raise coded(
        Problem.STEP_REQUIRED,
        "radar_challenge",
        "Radar requires a challenge to finish authenticating.",
        pending_authentication_token=token,
        user=user,
        **extra,
    )


def _new_email_challenge(auth: FakeAuth, user: Record) -> Record:
    store = auth.store
    now = store.now_iso()
    record: Record = {
        "object": "radar_challenge",
        "id": store.new_id("radar_challenge"),
        "type": "email",
        "user_id": user["id"],
        "email": user["email"],
        "code": random_code(store.rng),
        "expires_at": iso(auth.now() + CODE_TTL),
        "created_at": now,
        "updated_at": now,
    }
    return store.c_radar_challenges.insert(record)


def get_radar_challenge(auth: FakeAuth, challenge_id: str) -> Record:
    """A Radar email challenge (404 when unknown)."""
    return auth.store.c_radar_challenges.require(challenge_id, "RadarChallenge")


def create_sms_challenge(auth: FakeAuth, body: dict[str, Any]) -> Record:
    """Text a code for a sign-in waiting at the Radar stage: ``{verification_id,
    phone_number}``."""
    pending = take_pending(auth, body["pending_authentication_token"], STAGE)
    if pending.sign_in.user_id != body["user_id"]:
        raise coded(Problem.REJECTED, "user_mismatch", "The token belongs to another user.")
    verification_id = auth.store.new_id("radar_verification")
    auth.state.radar_sms[verification_id] = RadarSms(
        code=random_code(auth.store.rng),
        phone_number=body["phone_number"],
        token=body["pending_authentication_token"],
        expires_at=auth.now() + CODE_TTL,
    )
    return {"verification_id": verification_id, "phone_number": body["phone_number"]}


def _one_time(code: str, message: str) -> DomainError:
    return coded(Problem.REJECTED, code, message)


def redeem_email(auth: FakeAuth, body: dict[str, Any]) -> SignIn:
    """Check the emailed code of a Radar email challenge; the sign-in to finish."""
    token = body["pending_authentication_token"]
    pending = take_pending(auth, token, STAGE)
    challenge_id = body["radar_challenge_id"]
    record = auth.store.c_radar_challenges.get(challenge_id)
    if (
        record is None
        or pending.radar_challenge_id != challenge_id
        or not same_secret(body["code"], record["code"])
    ):
        raise _one_time("invalid_one_time_code", "The code is not valid.")
    if challenge_id in auth.state.used_challenges:
        raise _one_time("one_time_code_previously_used", "The code was already used.")
    if auth.now() >= parse_iso(record["expires_at"]):
        raise _one_time("one_time_code_expired", "The code has expired.")
    auth.state.used_challenges.add(challenge_id)
    auth.state.pending.pop(token, None)
    return pending.sign_in


def redeem_sms(auth: FakeAuth, body: dict[str, Any]) -> SignIn:
    """Check the texted code of a Radar SMS challenge; the sign-in to finish."""
    token = body["pending_authentication_token"]
    pending = take_pending(auth, token, STAGE)
    sent = [
        (vid, sms)
        for vid, sms in auth.state.radar_sms.items()
        if sms.token == token
        and (body.get("verification_id") in (None, vid))
        and (body.get("phone_number") in (None, sms.phone_number))
    ]
    match = next((s for s in sent if same_secret(body["code"], s[1].code)), None)
    if match is None:
        raise _one_time("invalid_one_time_code", "The code is not valid.")
    _vid, sms = match
    if sms.used:
        raise _one_time("one_time_code_previously_used", "The code was already used.")
    if auth.now() >= sms.expires_at:
        raise _one_time("one_time_code_expired", "The code has expired.")
    sms.used = True
    auth.state.pending.pop(token, None)
    return pending.sign_in
