"""MFA challenges: ``POST /auth/factors/{id}/challenge`` (201 AuthenticationChallenge) and
``POST /auth/challenges/{id}/verify`` (201 ``{challenge, valid}``).

The rules are :mod:`workos_async.testing.domain.auth.mfa`'.
"""

from __future__ import annotations

from ...domain.auth.mfa import challenge_factor, verify_challenge
from ...domain.schema import F
from ..router import Ctx, Reply, Router


def _challenge(ctx: Ctx) -> Reply:
    body = ctx.body({"sms_template": F("string")})
    return Reply(201, challenge_factor(ctx.auth, ctx.params["id"], body))


def _verify(ctx: Ctx) -> Reply:
    code: str = ctx.body({"code": F("string", required=True)})["code"]
    return Reply(201, verify_challenge(ctx.auth, ctx.params["id"], code))


def register(router: Router) -> None:
    """Add the challenge routes."""
    router.add("POST", "/auth/factors/{id}/challenge", _challenge)
    router.add("POST", "/auth/challenges/{id}/verify", _verify)
