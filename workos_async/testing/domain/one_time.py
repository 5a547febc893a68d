"""One-time objects around a user: email verification, password reset, magic auth, email change.

- email verification: :func:`send_verification` makes an EmailVerification with a code
  (readable by id); :func:`confirm_verification` with the code marks the email verified;
- password reset: :func:`create_password_reset` (token + URL), :func:`confirm_password_reset`
  sets the new password;
- magic auth: :func:`create_magic_auth` (with its code; an unknown email signs the user up, as
  the spec's ``sign_up_not_allowed`` code implies);
- email change: :func:`send_email_change` keeps a code that is in no response (read it with
  ``store.email_change_code(user_id)``); :func:`confirm_email_change`; five wrong codes:
  ``email_change_too_many_attempts``.

Codes expire (verification 24 h, magic auth 10 min, password reset and email change 1 h) and
are single use.
"""

from __future__ import annotations

from typing import Any

from .errors import (
    DomainError,
    Problem,
    coded,
    error_item,
    not_found,
    oauth_error,
    rejected,
)
from .ids import iso, parse_iso, random_code, random_token
from .passwords import password_strength_error
from .schema import EMAIL_RE, check_email
from .secrets import same_secret
from .store import (
    EMAIL_CHANGE_TTL,
    EMAIL_VERIFICATION_TTL,
    MAGIC_AUTH_TTL,
    PASSWORD_RESET_TTL,
    Collection,
    FakeStore,
    PendingEmailChange,
    Record,
)
from .users import create_user, get_user

EMAIL_CHANGE_MAX_ATTEMPTS = 5


def expired(store: FakeStore, record: Record) -> bool:
    """Whether the record's ``expires_at`` has passed on the fake's clock."""
    return store.now() >= parse_iso(record["expires_at"])


def get_one_time(collection: Collection, kind: str, object_id: str) -> Record:
    """An email verification, password reset or magic auth by id (404 when there is none)."""
    return collection.require(object_id, kind)


# ------------------------------------------------------------------ email verification
def new_email_verification(store: FakeStore, user: Record) -> Record:
    """An EmailVerification with a fresh code for the user's email."""
    now = store.now()
    record: Record = {
        "object": "email_verification",
        "id": store.new_id("email_verification"),
        "user_id": user["id"],
        "email": user["email"],
        "expires_at": iso(now + EMAIL_VERIFICATION_TTL),
        "created_at": iso(now),
        "updated_at": iso(now),
        "code": random_code(store.rng),
    }
    return store.c_email_verifications.insert(record)


def send_verification(store: FakeStore, user_id: str) -> dict[str, Any]:
    """Send a verification code to an unverified user: ``{user}``."""
    user = get_user(store, user_id)
    if user["email_verified"]:
        raise rejected("email_already_verified", "The user's email is already verified.")
    new_email_verification(store, user)
    return {"user": user}


def mark_verified(store: FakeStore, user_id: str) -> Record:
    """Set ``email_verified`` on the user; returns the new record."""
    return store.c_users.update(user_id, email_verified=True, updated_at=store.now_iso())


def confirm_verification(store: FakeStore, user_id: str, code: str) -> dict[str, Any]:
    """Confirm the user's email with one of its verification codes: ``{user}``."""
    user = get_user(store, user_id)
    if user["email_verified"]:
        raise rejected("email_previously_verified", "The user's email is already verified.")
    verifications = store.c_email_verifications
    matches = [
        verifications.records[i]
        for i in reversed(verifications.index("user", user["id"]).ids)
        if same_secret(code, verifications.records[i]["code"])
    ]
    if not matches:
        raise rejected("email_verification_code_incorrect", "The code is incorrect.")
    verification = matches[0]
    if verification["id"] in store.used_email_verifications:
        raise rejected("email_verification_code_previously_used", "The code was already used.")
    if expired(store, verification):
        raise rejected("email_verification_code_expired", "The code has expired.")
    store.used_email_verifications.add(verification["id"])
    return {"user": mark_verified(store, user["id"])}


# ---------------------------------------------------------------------- password reset
def create_password_reset(store: FakeStore, email: str, base_url: str) -> Record:
    """A PasswordReset (token and URL under ``base_url``) for the user with ``email``."""
    check_email(email)
    user_id = store.user_by_email.get(email.lower())
    if user_id is None:
        raise not_found(f"User not found with email {email}.")
    user = store.c_users.records[user_id]
    now = store.now()
    token = random_token(store.rng)
    record: Record = {
        "object": "password_reset",
        "id": store.new_id("password_reset"),
        "user_id": user_id,
        "email": user["email"],
        "expires_at": iso(now + PASSWORD_RESET_TTL),
        "created_at": iso(now),
        "password_reset_token": token,
        "password_reset_url": f"{base_url}/reset-password?token={token}",
    }
    store.c_password_resets.insert(record)
    store.password_reset_by_token[token] = record["id"]
    return record


def _reset_error(code: str, message: str) -> DomainError:
    return rejected(
        "password_reset_error", "Could not reset the password.", [error_item(code, message)]
    )


def confirm_password_reset(store: FakeStore, token: str, new_password: str) -> dict[str, Any]:
    """Set the new password with a reset token (single use, 1 hour): ``{user}``."""
    reset_id = store.password_reset_by_token.get(token)
    if reset_id is None:
        raise not_found("Password reset token not found.")
    record = store.c_password_resets.records[reset_id]
    if reset_id in store.used_password_resets:
        raise _reset_error("password_reset_token_used", "The token was already used.")
    if expired(store, record):
        raise _reset_error("password_reset_token_expired", "The token has expired.")
    problem = password_strength_error(store, new_password, code="password_reset_error")
    if problem is not None:
        raise problem
    store.used_password_resets.add(reset_id)
    store.set_password(record["user_id"], new_password)
    user = store.c_users.update(record["user_id"], updated_at=store.now_iso())
    return {"user": user}


# -------------------------------------------------------------------------- magic auth
def create_magic_auth(store: FakeStore, email: str, invitation_token: str | None) -> Record:
    """A MagicAuth code for ``email`` (an unknown email creates the user: sign-up)."""
    check_email(email)
    if invitation_token is not None:
        invitation_id = store.invitation_by_token.get(invitation_token)
        invitation = store.c_invitations.records.get(invitation_id) if invitation_id else None
        if invitation is None or invitation["email"].lower() != email.lower():
            raise oauth_error(
                "invitation_invalid", "The invitation token is not valid for this email."
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
    return store.c_magic_auths.insert(record)


# ------------------------------------------------------------------------ email change
def send_email_change(store: FakeStore, user_id: str, new_email: str) -> dict[str, Any]:
    """Start an email change: the EmailChange (its code is kept out of every response)."""
    user = get_user(store, user_id)
    if not EMAIL_RE.match(new_email):
        raise coded(
            Problem.INVALID,
            "invalid_email",
            "new_email must be a valid email address.",
            [error_item("invalid_email", "not an email address.", "new_email")],
        )
    if new_email.lower() == user["email"].lower():
        raise coded(
            Problem.CONFLICT, "email_change_not_needed", "new_email is already the user's email."
        )
    if new_email.lower() in store.user_by_email:
        raise coded(
            Problem.CONFLICT, "email_not_available", f"The email {new_email} is not available."
        )
    now = store.now()
    change = PendingEmailChange(
        new_email=new_email,
        code=random_code(store.rng),
        expires_at=now + EMAIL_CHANGE_TTL,
        created_at=now,
    )
    store.email_changes[user["id"]] = change
    return {
        "object": "email_change",
        "user": user,
        "new_email": new_email,
        "expires_at": iso(change.expires_at),
        "created_at": iso(now),
    }


def confirm_email_change(store: FakeStore, user_id: str, code: str) -> dict[str, Any]:
    """Finish the pending email change with its code."""
    user = get_user(store, user_id)
    change = store.email_changes.get(user["id"])
    if change is None:
        raise coded(
            Problem.CONFLICT, "no_pending_email_change", "The user has no pending email change."
        )
    if change.used:
        raise coded(
            Problem.CONFLICT, "email_change_code_previously_used", "The code was already used."
        )
    if change.attempts >= EMAIL_CHANGE_MAX_ATTEMPTS:
        raise coded(
            Problem.TOO_MANY_ATTEMPTS,
            "email_change_too_many_attempts",
            "Too many wrong codes: send a new one.",
        )
    if store.now() >= change.expires_at:
        raise rejected("email_change_code_expired", "The code has expired.")
    if not same_secret(code, change.code):
        change.attempts += 1
        raise rejected("email_change_code_incorrect", "The code is incorrect.")
    owner = store.user_by_email.get(change.new_email.lower())
    if owner is not None and owner != user["id"]:
        raise coded(
            Problem.CONFLICT,
            "email_not_available",
            f"The email {change.new_email} is not available.",
        )
    change.used = True
    del store.user_by_email[user["email"].lower()]
    store.user_by_email[change.new_email.lower()] = user["id"]
    user = store.c_users.update(
        user["id"], email=change.new_email, email_verified=True, updated_at=store.now_iso()
    )
    return {"object": "email_change_confirmation", "user": user}
