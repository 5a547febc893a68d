"""Users: create, read, update, delete, list.

Rules (from the spec): email unique per environment and external_id unique among users (400
``user_creation_error`` with ``email_not_available`` / ``external_id_already_used`` on create;
the same codes at top level on update); ``password`` excludes ``password_hash`` and
``password_hash_type`` (see :mod:`.passwords`); delete cascades. Emails match
case-insensitively (uniqueness and the ``email`` filter), as WorkOS does; they are stored as
given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..._constants import PASSWORD_HASH_TYPES, PASSWORD_SALT_POSITIONS
from .errors import error_item, missing, rejected
from .pagination import PageParams, list_page
from .passwords import apply_password, check_password_group, password_strength_error
from .schema import EMAIL_RE, LOCALE_RE, F, check_email, metadata_problem
from .store import FakeStore, Record

CREATE_SPEC: dict[str, F] = {
    "email": F("string", required=True),
    "first_name": F("string", nullable=True),
    "last_name": F("string", nullable=True),
    "email_verified": F("boolean", nullable=True),
    "metadata": F("map<string,string>", nullable=True),
    "external_id": F("string", nullable=True, max_length=128),
    "password": F("string", nullable=True),
    "password_hash": F("string"),
    "password_hash_type": F("string", enum=PASSWORD_HASH_TYPES),
    "password_salt_position": F("string", enum=PASSWORD_SALT_POSITIONS),
    "name": F("string", nullable=True),
    "ip_address": F("string"),
    "user_agent": F("string"),
    "signals_id": F("string"),
}

UPDATE_SPEC: dict[str, F] = {
    "email": F("string"),
    "first_name": F("string"),
    "last_name": F("string"),
    "email_verified": F("boolean"),
    "metadata": F("map<string,string>", nullable=True),
    "external_id": F("string", nullable=True, max_length=128),
    "locale": F("string", nullable=True),
    "password": F("string"),
    "password_hash": F("string"),
    "password_hash_type": F("string", enum=PASSWORD_HASH_TYPES),
    "password_salt_position": F("string", enum=PASSWORD_SALT_POSITIONS),
    "name": F("string"),
}


def _check_metadata(metadata: dict[str, str]) -> None:
    why = metadata_problem(metadata)
    if why is not None:
        raise rejected("invalid_metadata", why)


def _check_new_password(store: FakeStore, body: dict[str, Any]) -> None:
    if body.get("password") is not None:
        problem = password_strength_error(store, body["password"])
        if problem is not None:
            raise problem


def create_user(store: FakeStore, body: dict[str, Any]) -> Record:
    """Create a user from a validated create body (raises the spec's errors)."""
    check_email(body["email"])
    check_password_group(body)
    _check_new_password(store, body)
    metadata = body.get("metadata") or {}
    _check_metadata(metadata)
    email: str = body["email"]
    external_id = body.get("external_id")
    taken: list[dict[str, Any]] = []
    if email.lower() in store.user_by_email:
        taken.append(
            error_item("email_not_available", f"The email {email} is not available.", "email")
        )
    if external_id is not None and external_id in store.user_by_external_id:
        taken.append(
            error_item(
                "external_id_already_used",
                "The external_id is already used by another user.",
                "external_id",
            )
        )
    if taken:
        raise rejected("user_creation_error", "Could not create the user.", taken)
    now = store.now_iso()
    record: Record = {
        "object": "user",
        "id": store.new_id("user"),
        "email": email,
        "email_verified": bool(body.get("email_verified") or False),
        "first_name": body.get("first_name"),
        "last_name": body.get("last_name"),
        "name": body.get("name"),
        "profile_picture_url": None,
        "external_id": external_id,
        "metadata": dict(metadata),
        "last_sign_in_at": None,
        "created_at": now,
        "updated_at": now,
    }
    store.c_users.insert(record)
    store.user_by_email[email.lower()] = record["id"]
    if external_id is not None:
        store.user_by_external_id[external_id] = record["id"]
    apply_password(store, record["id"], body)
    return record


def get_user(store: FakeStore, user_id: str) -> Record:
    """The user (404 when there is none)."""
    return store.c_users.require(user_id, "User")


def get_user_by_external_id(store: FakeStore, external_id: str) -> Record:
    """The user with ``external_id`` (404 when there is none)."""
    return store.c_users.require_by(store.user_by_external_id, external_id, "User with external_id")


def _changed_email(store: FakeStore, user: Record, email: str) -> str:
    if not EMAIL_RE.match(email):
        raise rejected("invalid_email", "email must be a valid email address.")
    owner = store.user_by_email.get(email.lower())
    if owner is not None and owner != user["id"]:
        raise rejected("email_not_available", f"The email {email} is not available.")
    return email


def update_user(store: FakeStore, user_id: str, body: dict[str, Any]) -> Record:
    """Apply every documented field of a validated update body."""
    user = get_user(store, user_id)
    check_password_group(body)
    changes: dict[str, Any] = {}
    if "email" in body and body["email"] != user["email"]:
        changes["email"] = _changed_email(store, user, body["email"])
    for name in ("first_name", "last_name", "name", "email_verified"):
        if name in body:
            changes[name] = body[name]
    if "metadata" in body:
        metadata = body["metadata"] or {}
        _check_metadata(metadata)
        changes["metadata"] = dict(metadata)
    if "external_id" in body:
        external_id = body["external_id"]
        owner = store.user_by_external_id.get(external_id) if external_id is not None else None
        if owner is not None and owner != user_id:
            raise rejected(
                "external_id_already_used", "The external_id is already used by another user."
            )
        changes["external_id"] = external_id
    if "locale" in body:
        locale = body["locale"]
        if locale is not None and not LOCALE_RE.match(locale):
            raise rejected("invalid_locale", f"locale {locale!r} is not a supported locale.")
        changes["locale"] = locale
    _check_new_password(store, body)
    changes["updated_at"] = store.now_iso()
    if "email" in changes:
        del store.user_by_email[user["email"].lower()]
        store.user_by_email[changes["email"].lower()] = user_id
    if "external_id" in changes:
        if user.get("external_id") is not None:
            store.user_by_external_id.pop(user["external_id"], None)
        if changes["external_id"] is not None:
            store.user_by_external_id[changes["external_id"]] = user_id
    record = store.c_users.update(user_id, **changes)
    apply_password(store, user_id, body)
    return record


def delete_user(store: FakeStore, user_id: str) -> None:
    """Delete the user and what hangs off it (404 when there is none)."""
    if store.delete_user(user_id) is None:
        raise missing("User", user_id)


def list_users(
    store: FakeStore, params: PageParams, *, email: str | None, organization_id: str | None
) -> dict[str, Any]:
    """One page of users, filtered by email (case-insensitive) and/or organization."""
    ids: Sequence[str]
    if email is not None:
        found = store.user_by_email.get(email.lower())
        ids = [found] if found is not None else []
        if organization_id is not None:
            members = store.org_user_ids.get(organization_id)
            ids = [i for i in ids if members is not None and i in members]
    elif organization_id is not None:
        members = store.org_user_ids.get(organization_id)
        ids = members.ids if members is not None else []
    else:
        ids = store.c_users.ids.ids
    return list_page(params, ids, store.c_users.records)
