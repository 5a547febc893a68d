"""Authentication factors: enroll (``POST /user_management/users/{id}/auth_factors``), list
(paginated), and the related ``GET`` / ``DELETE /auth/factors/{id}`` (delete: 200, no body).

Enrolling answers ``{authentication_factor, authentication_challenge}``; a TOTP factor carries
its secret, ``otpauth://`` URI and a QR code image only in that answer (the secret stays
readable in tests through ``store.factor_secret(id)``). ``type`` is ``totp`` (the spec) or
``sms`` with a ``phone_number``.
"""

from __future__ import annotations

import base64
from urllib.parse import quote

from ._errors import message_only, missing
from ._ids import iso
from ._pagination import PAGE_PARAMS, list_page
from ._router import Ctx, Reply, Router
from ._store import Record
from ._validate import F

ENROLL_SPEC: dict[str, F] = {
    "type": F("string", required=True),
    "totp_issuer": F("string"),
    "totp_user": F("string"),
    "totp_secret": F("string"),
    "phone_number": F("string"),
}
CHALLENGE_TTL = 10 * 60
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _qr_placeholder(uri: str) -> str:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160">'
        '<rect width="160" height="160" fill="white"/>'
        '<text x="8" y="84" font-size="10">fake TOTP QR code</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _enroll(ctx: Ctx) -> Reply:
    store = ctx.store
    user_id = ctx.params["userlandUserId"]
    user = store.c_users.get(user_id)
    if user is None:
        raise missing("User", user_id)
    body = ctx.body(ENROLL_SPEC)
    kind = body["type"]
    if kind not in ("totp", "sms"):
        raise message_only(422, f"type must be 'totp' (or 'sms'); got {kind!r}.")
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
            raise message_only(422, "phone_number is only for type 'sms'.")
        secret = body.get("totp_secret") or "".join(store.rng.choice(_B32) for _ in range(32))
        issuer = body.get("totp_issuer") or "WorkOS"
        account = body.get("totp_user") or user["email"]
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
            raise message_only(422, "an 'sms' factor needs phone_number and no totp_* fields.")
        factor["sms"] = {"phone_number": phone}
        enrolled = factor
    store.c_auth_factors.insert(factor)
    challenge: Record = {
        "object": "authentication_challenge",
        "id": store.new_id("auth_challenge"),
        "expires_at": iso(now + CHALLENGE_TTL),
        "authentication_factor_id": factor_id,
        "created_at": iso(now),
        "updated_at": iso(now),
    }
    store.c_auth_challenges.insert(challenge)
    return Reply(201, {"authentication_factor": enrolled, "authentication_challenge": challenge})


def _list(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS)
    store = ctx.store
    user_id = ctx.params["userlandUserId"]
    if user_id not in store.c_users.records:
        raise missing("User", user_id)
    factors = store.c_auth_factors
    return Reply(200, list_page(ctx.query, factors.index("user", user_id).ids, factors.records))


def _get(ctx: Ctx) -> Reply:
    factor = ctx.store.c_auth_factors.get(ctx.params["id"])
    if factor is None:
        raise missing("Authentication factor", ctx.params["id"])
    return Reply(200, factor)


def _delete(ctx: Ctx) -> Reply:
    if ctx.store.delete_auth_factor(ctx.params["id"]) is None:
        raise missing("Authentication factor", ctx.params["id"])
    return Reply(200)


def register(router: Router) -> None:
    """Add the authentication factor routes."""
    base = "/user_management/users/{userlandUserId}/auth_factors"
    router.add("POST", base, _enroll)
    router.add("GET", base, _list)
    router.add("GET", "/auth/factors/{id}", _get)
    router.add("DELETE", "/auth/factors/{id}", _delete)
