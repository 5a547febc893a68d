"""Users: ``/user_management/users`` (list, create, get, get by external id, update, delete).

Rules (from the spec): email unique per environment and external_id unique among users (400
``user_creation_error`` with ``email_not_available`` / ``external_id_already_used`` on create;
the same codes at top level on update); ``password`` excludes ``password_hash`` and
``password_hash_type`` (400 ``password_and_password_hash_provided`` /
``password_and_password_hash_type_provided``); delete answers 200 with no body and cascades.
Emails match case-insensitively (uniqueness and the ``email`` filter), as WorkOS does; they are
stored as given.
"""

from __future__ import annotations

import re
from typing import Any

from .._constants import PASSWORD_HASH_TYPES
from ._errors import bad_request, error_item, invalid_params, missing
from ._pagination import PAGE_PARAMS, list_page
from ._router import Ctx, Reply, Router
from ._store import FakeStore, Record
from ._validate import EMAIL_RE, LOCALE_RE, F, check_email, metadata_problem, single

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
}

_HASH_SHAPES = {
    "bcrypt": re.compile(r"^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$"),
    "argon2": re.compile(r"^\$argon2(id|i|d)\$"),
    "ssha": re.compile(r"^\{SSHA\}"),
}


def check_password_group(body: dict[str, Any]) -> None:
    """The ``password`` vs ``password_hash`` + ``password_hash_type`` group (400 codes)."""
    password = body.get("password")
    if password is not None and body.get("password_hash") is not None:
        raise bad_request(
            "password_and_password_hash_provided",
            "password and password_hash are mutually exclusive: send one.",
        )
    if password is not None and body.get("password_hash_type") is not None:
        raise bad_request(
            "password_and_password_hash_type_provided",
            "password and password_hash_type are mutually exclusive: send one.",
        )
    has_hash = body.get("password_hash") is not None
    has_type = body.get("password_hash_type") is not None
    if has_hash != has_type:
        field = "password_hash_type" if has_hash else "password_hash"
        raise invalid_params(
            "password_hash and password_hash_type must be sent together.",
            [error_item("required", f"{field} is required with the other.", field)],
        )
    if has_hash:
        shape = _HASH_SHAPES.get(body["password_hash_type"])
        if shape is not None and not shape.match(body["password_hash"]):
            raise bad_request(
                "invalid_password_hash",
                f"password_hash is not a valid {body['password_hash_type']} hash.",
            )


def password_strength_error(
    store: FakeStore, password: str, *, code: str = "password_strength_error"
) -> Any:
    """The 400 for a password under the minimum length, or ``None``."""
    if len(password) >= store.password_min_length:
        return None
    return bad_request(
        code,
        "Password does not meet the strength requirements.",
        [
            error_item(
                "password_too_short",
                f"Password must be at least {store.password_min_length} characters.",
            )
        ],
    )


def _apply_password(store: FakeStore, user_id: str, body: dict[str, Any]) -> None:
    if body.get("password") is not None:
        store.set_password(user_id, body["password"])
    elif body.get("password_hash") is not None:
        store.set_password_hash(user_id, body["password_hash"], body["password_hash_type"])


def create_user(store: FakeStore, body: dict[str, Any]) -> Record:
    """Create a user from a validated create body (raises the spec's errors)."""
    check_email(body["email"])
    check_password_group(body)
    if body.get("password") is not None:
        problem = password_strength_error(store, body["password"])
        if problem is not None:
            raise problem
    metadata = body.get("metadata") or {}
    why = metadata_problem(metadata)
    if why is not None:
        raise bad_request("invalid_metadata", why)
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
        raise bad_request("user_creation_error", "Could not create the user.", taken)
    now = store.now_iso()
    record: Record = {
        "object": "user",
        "id": store.new_id("user"),
        "email": email,
        "email_verified": bool(body.get("email_verified") or False),
        "first_name": body.get("first_name"),
        "last_name": body.get("last_name"),
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
    _apply_password(store, record["id"], body)
    return record


def update_user(store: FakeStore, user_id: str, body: dict[str, Any]) -> Record:
    """Apply every documented field of a validated update body."""
    user = store.c_users.get(user_id)
    if user is None:
        raise missing("User", user_id)
    check_password_group(body)
    changes: dict[str, Any] = {}
    if "email" in body and body["email"] != user["email"]:
        email: str = body["email"]
        if not EMAIL_RE.match(email):
            raise bad_request("invalid_email", "email must be a valid email address.")
        owner = store.user_by_email.get(email.lower())
        if owner is not None and owner != user_id:
            raise bad_request("email_not_available", f"The email {email} is not available.")
        changes["email"] = email
    for name in ("first_name", "last_name", "email_verified"):
        if name in body:
            changes[name] = body[name]
    if "metadata" in body:
        metadata = body["metadata"] or {}
        why = metadata_problem(metadata)
        if why is not None:
            raise bad_request("invalid_metadata", why)
        changes["metadata"] = dict(metadata)
    if "external_id" in body:
        external_id = body["external_id"]
        owner = store.user_by_external_id.get(external_id) if external_id is not None else None
        if owner is not None and owner != user_id:
            raise bad_request(
                "external_id_already_used", "The external_id is already used by another user."
            )
        changes["external_id"] = external_id
    if "locale" in body:
        locale = body["locale"]
        if locale is not None and not LOCALE_RE.match(locale):
            raise bad_request("invalid_locale", f"locale {locale!r} is not a supported locale.")
        changes["locale"] = locale
    if body.get("password") is not None:
        problem = password_strength_error(store, body["password"])
        if problem is not None:
            raise problem
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
    _apply_password(store, user_id, body)
    return record


def list_users(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS, "email", "organization_id", "organization")
    store = ctx.store
    query = ctx.query
    email = single(query, "email")
    org_id = single(query, "organization_id") or single(query, "organization")
    users = store.c_users
    ids: Any
    keep = None
    if email is not None:
        found = store.user_by_email.get(email.lower())
        ids = [found] if found is not None else []
        if org_id is not None:
            members = store.org_user_ids.get(org_id)
            ids = [i for i in ids if members is not None and i in members]
    elif org_id is not None:
        members = store.org_user_ids.get(org_id)
        ids = members.ids if members is not None else []
    else:
        ids = users.ids.ids
    return Reply(200, list_page(query, ids, users.records, keep))


def create_user_route(ctx: Ctx) -> Reply:
    return Reply(201, create_user(ctx.store, ctx.body(CREATE_SPEC)))


def get_user(ctx: Ctx) -> Reply:
    user_id = ctx.params["id"]
    user = ctx.store.c_users.get(user_id)
    if user is None:
        raise missing("User", user_id)
    return Reply(200, user)


def get_user_by_external_id(ctx: Ctx) -> Reply:
    external_id = ctx.params["external_id"]
    user_id = ctx.store.user_by_external_id.get(external_id)
    if user_id is None:
        raise missing("User with external_id", external_id)
    return Reply(200, ctx.store.c_users.records[user_id])


def update_user_route(ctx: Ctx) -> Reply:
    body = ctx.body(UPDATE_SPEC)
    return Reply(200, update_user(ctx.store, ctx.params["id"], body))


def delete_user(ctx: Ctx) -> Reply:
    user_id = ctx.params["id"]
    if ctx.store.delete_user(user_id) is None:
        raise missing("User", user_id)
    return Reply(200)


def register(router: Router) -> None:
    """Add the user routes."""
    router.add("GET", "/user_management/users", list_users)
    router.add("POST", "/user_management/users", create_user_route)
    router.add("GET", "/user_management/users/{id}", get_user)
    router.add("GET", "/user_management/users/external_id/{external_id}", get_user_by_external_id)
    router.add("PUT", "/user_management/users/{id}", update_user_route)
    router.add("DELETE", "/user_management/users/{id}", delete_user)
