"""MFA challenges: ``POST /auth/factors/{id}/challenge`` (201 AuthenticationChallenge) and
``POST /auth/challenges/{id}/verify`` (201 ``{challenge, valid}``).

A TOTP challenge's code comes from the authenticator app (tests compute it with
``fake.auth.totp_code(factor_id)``); an SMS challenge gets a six-digit code that is in no
response, as no SMS is sent (tests read it with ``fake.auth.sms_code(challenge_id)``). Five
wrong codes on one challenge: 400 ``one_time_code_too_many_attempts``. A challenge verifies
once (``valid: false`` after that).
"""

from __future__ import annotations

from ._errors import coded, message_only, missing
from ._ids import iso
from ._router import Ctx, Reply, Router
from ._store import Record
from ._validate import F

CHALLENGE_TTL = 10 * 60
MAX_ATTEMPTS = 5


def _challenge(ctx: Ctx) -> Reply:
    store = ctx.store
    factor = store.c_auth_factors.get(ctx.params["id"])
    if factor is None:
        raise missing("Authentication factor", ctx.params["id"])
    body = ctx.body({"sms_template": F("string")})
    if factor["type"] != "sms" and "sms_template" in body:
        raise message_only(422, "sms_template is only for sms factors.")
    now = store.now()
    record: Record = {
        "object": "authentication_challenge",
        "id": store.new_id("auth_challenge"),
        "expires_at": iso(now + CHALLENGE_TTL),
        "authentication_factor_id": factor["id"],
        "created_at": iso(now),
        "updated_at": iso(now),
    }
    store.c_auth_challenges.insert(record)
    if factor["type"] == "sms":
        ctx.fake.auth.new_sms_code(record["id"])
    return Reply(201, record)


def _verify(ctx: Ctx) -> Reply:
    store = ctx.store
    auth = ctx.fake.auth
    challenge_id = ctx.params["id"]
    challenge = store.c_auth_challenges.get(challenge_id)
    if challenge is None:
        raise missing("Authentication challenge", challenge_id)
    code: str = ctx.body({"code": F("string", required=True)})["code"]
    if auth.challenge_attempts(challenge_id) >= MAX_ATTEMPTS:
        raise coded(
            400, "one_time_code_too_many_attempts", "Too many wrong codes: create a new challenge."
        )
    valid = not auth.challenge_used(challenge_id) and auth.check_challenge_code(challenge, code)
    return Reply(201, {"challenge": challenge, "valid": valid})


def register(router: Router) -> None:
    """Add the challenge routes."""
    router.add("POST", "/auth/factors/{id}/challenge", _challenge)
    router.add("POST", "/auth/challenges/{id}/verify", _verify)
