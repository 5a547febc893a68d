"""One-time objects around a user: email verification, password reset, magic auth, email change.

The rules (expiry, single use, attempts) are :mod:`workos_async.testing.domain.one_time`'.
"""

from __future__ import annotations

from typing import Any

from ...domain import one_time as ot
from ...domain.schema import F
from ...domain.store import FakeStore, Record
from ..router import Ctx, Reply, Router, call

_CODE = {"code": F("string", required=True)}
_RESET_CONFIRM = {"token": F("string", required=True), "new_password": F("string", required=True)}
_NEW_EMAIL = {"new_email": F("string", required=True)}
_MAGIC = {
    "email": F("string", required=True),
    "invitation_token": F("string"),
    # Radar context (WorkOS's API; the official SDK 10.6 sends them): accepted, not judged.
    "ip_address": F("string"),
    "user_agent": F("string"),
    "radar_auth_attempt_id": F("string"),
    "signals_id": F("string"),
}


def _create_reset(ctx: Ctx) -> Reply:
    email = ctx.body({"email": F("string", required=True)})["email"]
    return Reply(201, ot.create_password_reset(ctx.store, email, ctx.base_url))


def _confirm_reset(store: FakeStore, body: dict[str, Any]) -> dict[str, Any]:
    return ot.confirm_password_reset(store, body["token"], body["new_password"])


def _create_magic_auth(store: FakeStore, body: dict[str, Any]) -> Record:
    return ot.create_magic_auth(store, body["email"], body.get("invitation_token"))


def _confirm_verification(store: FakeStore, user_id: str, body: dict[str, Any]) -> Any:
    return ot.confirm_verification(store, user_id, body["code"])


def _send_email_change(store: FakeStore, user_id: str, body: dict[str, Any]) -> Any:
    return ot.send_email_change(store, user_id, body["new_email"])


def _confirm_email_change(store: FakeStore, user_id: str, body: dict[str, Any]) -> Any:
    return ot.confirm_email_change(store, user_id, body["code"])


def _getter(kind: str, collection: str) -> Any:
    def get(store: FakeStore, object_id: str) -> Record:
        return ot.get_one_time(getattr(store, collection), kind, object_id)

    return get


def register(router: Router) -> None:
    """Add the email verification, password reset, magic auth and email change routes."""
    users = "/user_management/users/{id}"
    um = "/user_management"
    router.add("POST", users + "/email_verification/send", call(ot.send_verification, "id"))
    router.add(
        "POST",
        users + "/email_verification/confirm",
        call(_confirm_verification, "id", body=_CODE),
    )
    router.add(
        "GET",
        um + "/email_verification/{id}",
        call(_getter("Email verification", "c_email_verifications"), "id"),
    )
    router.add("POST", um + "/password_reset", _create_reset)
    router.add("POST", um + "/password_reset/confirm", call(_confirm_reset, body=_RESET_CONFIRM))
    router.add(
        "GET",
        um + "/password_reset/{id}",
        call(_getter("Password reset", "c_password_resets"), "id"),
    )
    router.add("POST", um + "/magic_auth", call(_create_magic_auth, status=201, body=_MAGIC))
    router.add("GET", um + "/magic_auth/{id}", call(_getter("Magic auth", "c_magic_auths"), "id"))
    router.add(
        "POST", users + "/email_change/send", call(_send_email_change, "id", body=_NEW_EMAIL)
    )
    router.add(
        "POST", users + "/email_change/confirm", call(_confirm_email_change, "id", body=_CODE)
    )
