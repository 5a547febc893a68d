"""One-time objects around a user: email verification, password reset, magic auth, email change.

- ``POST /users/{id}/email_verification/send`` → 200 ``{user}`` (creates an EmailVerification
  with a code, readable by id); ``.../confirm`` with the code → 200 ``{user}`` verified.
- ``POST /password_reset`` → 201 PasswordReset (token + URL); ``/password_reset/confirm`` sets
  the new password → 200 ``{user}``; ``GET /password_reset/{id}``.
- ``POST /magic_auth`` → 201 MagicAuth (with its code; an unknown email signs the user up, as
  the spec's ``sign_up_not_allowed`` code implies); ``GET /magic_auth/{id}``.
- ``POST /users/{id}/email_change/send`` → 200 EmailChange; the code is not in any response
  (read it with ``store.email_change_code(user_id)``); ``.../confirm`` → 200
  ``{object: "email_change_confirmation", user}``. Five wrong codes: 429
  ``email_change_too_many_attempts``.
"""

from __future__ import annotations

import hmac

from ._errors import bad_request, coded, error_item, missing, not_found, oauth_error
from ._ids import iso, random_code, random_token
from ._router import Ctx, Reply, Router
from ._routes_users import create_user, password_strength_error
from ._store import (
    EMAIL_CHANGE_TTL,
    EMAIL_VERIFICATION_TTL,
    MAGIC_AUTH_TTL,
    PASSWORD_RESET_TTL,
    FakeStore,
    PendingEmailChange,
    Record,
)
from ._validate import EMAIL_RE, F, check_email

EMAIL_CHANGE_MAX_ATTEMPTS = 5


def _user(store: FakeStore, user_id: str) -> Record:
    user = store.c_users.get(user_id)
    if user is None:
        raise missing("User", user_id)
    return user


def _expired(store: FakeStore, record: Record) -> bool:
    from datetime import datetime

    return store.now() >= datetime.fromisoformat(record["expires_at"]).timestamp()


# ------------------------------------------------------------------ email verification
def _send_verification(ctx: Ctx) -> Reply:
    store = ctx.store
    user = _user(store, ctx.params["id"])
    if user["email_verified"]:
        raise bad_request("email_already_verified", "The user's email is already verified.")
    now = store.now()
    store.c_email_verifications.insert(
        {
            "object": "email_verification",
            "id": store.new_id("email_verification"),
            "user_id": user["id"],
            "email": user["email"],
            "expires_at": iso(now + EMAIL_VERIFICATION_TTL),
            "created_at": iso(now),
            "updated_at": iso(now),
            "code": random_code(store.rng),
        }
    )
    return Reply(200, {"user": user})


def _confirm_verification(ctx: Ctx) -> Reply:
    store = ctx.store
    user = _user(store, ctx.params["id"])
    code: str = ctx.body({"code": F("string", required=True)})["code"]
    if user["email_verified"]:
        raise bad_request("email_previously_verified", "The user's email is already verified.")
    matches = [
        store.c_email_verifications.records[i]
        for i in reversed(store.c_email_verifications.index("user", user["id"]).ids)
        if hmac.compare_digest(store.c_email_verifications.records[i]["code"], code)
    ]
    if not matches:
        raise bad_request("email_verification_code_incorrect", "The code is incorrect.")
    verification = matches[0]
    if verification["id"] in store.used_email_verifications:
        raise bad_request("email_verification_code_previously_used", "The code was already used.")
    if _expired(store, verification):
        raise bad_request("email_verification_code_expired", "The code has expired.")
    store.used_email_verifications.add(verification["id"])
    user = store.c_users.update(user["id"], email_verified=True, updated_at=store.now_iso())
    return Reply(200, {"user": user})


def _get_verification(ctx: Ctx) -> Reply:
    record = ctx.store.c_email_verifications.get(ctx.params["id"])
    if record is None:
        raise missing("Email verification", ctx.params["id"])
    return Reply(200, record)


# ---------------------------------------------------------------------- password reset
def _create_reset(ctx: Ctx) -> Reply:
    store = ctx.store
    email: str = ctx.body({"email": F("string", required=True)})["email"]
    check_email(email)
    user_id = store.user_by_email.get(email.lower())
    if user_id is None:
        raise not_found(f"User not found with email {email}.")
    user = store.c_users.records[user_id]
    now = store.now()
    token = random_token(store.rng)
    base = ctx.fake.url if ctx.fake.running else "http://localhost"
    record: Record = {
        "object": "password_reset",
        "id": store.new_id("password_reset"),
        "user_id": user_id,
        "email": user["email"],
        "expires_at": iso(now + PASSWORD_RESET_TTL),
        "created_at": iso(now),
        "password_reset_token": token,
        "password_reset_url": f"{base}/reset-password?token={token}",
    }
    store.c_password_resets.insert(record)
    store.password_reset_by_token[token] = record["id"]
    return Reply(201, record)


def _confirm_reset(ctx: Ctx) -> Reply:
    store = ctx.store
    body = ctx.body(
        {"token": F("string", required=True), "new_password": F("string", required=True)}
    )
    reset_id = store.password_reset_by_token.get(body["token"])
    if reset_id is None:
        raise not_found("Password reset token not found.")
    record = store.c_password_resets.records[reset_id]
    if reset_id in store.used_password_resets:
        raise bad_request(
            "password_reset_error",
            "Could not reset the password.",
            [error_item("password_reset_token_used", "The token was already used.")],
        )
    if _expired(store, record):
        raise bad_request(
            "password_reset_error",
            "Could not reset the password.",
            [error_item("password_reset_token_expired", "The token has expired.")],
        )
    problem = password_strength_error(store, body["new_password"], code="password_reset_error")
    if problem is not None:
        raise problem
    store.used_password_resets.add(reset_id)
    store.set_password(record["user_id"], body["new_password"])
    user = store.c_users.update(record["user_id"], updated_at=store.now_iso())
    return Reply(200, {"user": user})


def _get_reset(ctx: Ctx) -> Reply:
    record = ctx.store.c_password_resets.get(ctx.params["id"])
    if record is None:
        raise missing("Password reset", ctx.params["id"])
    return Reply(200, record)


# -------------------------------------------------------------------------- magic auth
def _create_magic_auth(ctx: Ctx) -> Reply:
    store = ctx.store
    body = ctx.body({"email": F("string", required=True), "invitation_token": F("string")})
    email: str = body["email"]
    check_email(email)
    token = body.get("invitation_token")
    if token is not None:
        invitation_id = store.invitation_by_token.get(token)
        invitation = store.c_invitations.records.get(invitation_id) if invitation_id else None
        if invitation is None or invitation["email"].lower() != email.lower():
            raise oauth_error(
                400, "invitation_invalid", "The invitation token is not valid for this email."
            )
    user_id = store.user_by_email.get(email.lower())
    if user_id is None:
        user_id = create_user(store, {"email": email})["id"]
    now = store.now()
    record: Record = {
        "object": "magic_auth",
        "id": store.new_id("magic_auth"),
        "user_id": user_id,
        "email": store.c_users.records[user_id]["email"],
        "expires_at": iso(now + MAGIC_AUTH_TTL),
        "created_at": iso(now),
        "updated_at": iso(now),
        "code": random_code(store.rng),
    }
    return Reply(201, store.c_magic_auths.insert(record))


def _get_magic_auth(ctx: Ctx) -> Reply:
    record = ctx.store.c_magic_auths.get(ctx.params["id"])
    if record is None:
        raise missing("Magic auth", ctx.params["id"])
    return Reply(200, record)


# ------------------------------------------------------------------------ email change
def _send_email_change(ctx: Ctx) -> Reply:
    store = ctx.store
    user = _user(store, ctx.params["id"])
    new_email: str = ctx.body({"new_email": F("string", required=True)})["new_email"]
    if not EMAIL_RE.match(new_email):
        raise coded(
            422,
            "invalid_email",
            "new_email must be a valid email address.",
            [error_item("invalid_email", "not an email address.", "new_email")],
        )
    if new_email.lower() == user["email"].lower():
        raise coded(409, "email_change_not_needed", "new_email is already the user's email.")
    if new_email.lower() in store.user_by_email:
        raise coded(409, "email_not_available", f"The email {new_email} is not available.")
    now = store.now()
    change = PendingEmailChange(
        new_email=new_email,
        code=random_code(store.rng),
        expires_at=now + EMAIL_CHANGE_TTL,
        created_at=now,
    )
    store.email_changes[user["id"]] = change
    return Reply(
        200,
        {
            "object": "email_change",
            "user": user,
            "new_email": new_email,
            "expires_at": iso(change.expires_at),
            "created_at": iso(now),
        },
    )


def _confirm_email_change(ctx: Ctx) -> Reply:
    store = ctx.store
    user = _user(store, ctx.params["id"])
    code: str = ctx.body({"code": F("string", required=True)})["code"]
    change = store.email_changes.get(user["id"])
    if change is None:
        raise coded(409, "no_pending_email_change", "The user has no pending email change.")
    if change.used:
        raise coded(409, "email_change_code_previously_used", "The code was already used.")
    if change.attempts >= EMAIL_CHANGE_MAX_ATTEMPTS:
        raise coded(429, "email_change_too_many_attempts", "Too many wrong codes: send a new one.")
    if store.now() >= change.expires_at:
        raise bad_request("email_change_code_expired", "The code has expired.")
    if not hmac.compare_digest(change.code, code):
        change.attempts += 1
        raise bad_request("email_change_code_incorrect", "The code is incorrect.")
    owner = store.user_by_email.get(change.new_email.lower())
    if owner is not None and owner != user["id"]:
        raise coded(409, "email_not_available", f"The email {change.new_email} is not available.")
    change.used = True
    del store.user_by_email[user["email"].lower()]
    store.user_by_email[change.new_email.lower()] = user["id"]
    user = store.c_users.update(
        user["id"], email=change.new_email, email_verified=True, updated_at=store.now_iso()
    )
    return Reply(200, {"object": "email_change_confirmation", "user": user})


def register(router: Router) -> None:
    """Add the email verification, password reset, magic auth and email change routes."""
    users = "/user_management/users/{id}"
    router.add("POST", users + "/email_verification/send", _send_verification)
    router.add("POST", users + "/email_verification/confirm", _confirm_verification)
    router.add("GET", "/user_management/email_verification/{id}", _get_verification)
    router.add("POST", "/user_management/password_reset", _create_reset)
    router.add("POST", "/user_management/password_reset/confirm", _confirm_reset)
    router.add("GET", "/user_management/password_reset/{id}", _get_reset)
    router.add("POST", "/user_management/magic_auth", _create_magic_auth)
    router.add("GET", "/user_management/magic_auth/{id}", _get_magic_auth)
    router.add("POST", users + "/email_change/send", _send_email_change)
    router.add("POST", users + "/email_change/confirm", _confirm_email_change)
