"""Invitations: ``/user_management/invitations`` (list, send, get, get by token, accept,
revoke, resend).

State machine: ``pending`` → ``accepted`` (accept) / ``revoked`` (revoke) / ``expired`` (its
``expires_at`` passed, seen at read time). accept and revoke need ``pending`` (400
``invite_not_pending``); resend needs ``pending`` (400 ``invite_expired`` / ``invite_revoked``
/ ``invite_accepted``) and restarts the expiry. Accepting adds the user with that email (when
there is one) to the organization.
"""

from __future__ import annotations

from typing import Any

from ._errors import bad_request, error_item, invalid_params, missing, not_found
from ._ids import iso, random_token
from ._pagination import PAGE_PARAMS, list_page
from ._router import Ctx, Reply, Router
from ._store import FakeStore, Record
from ._validate import LOCALE_RE, F, check_email, single

DEFAULT_EXPIRES_IN_DAYS = 7
MAX_EXPIRES_IN_DAYS = 30

CREATE_SPEC: dict[str, F] = {
    "email": F("string", required=True),
    "organization_id": F("string"),
    "role_slug": F("string"),
    "expires_in_days": F("integer"),
    "inviter_user_id": F("string"),
    "locale": F("string"),
}
RESEND_SPEC: dict[str, F] = {"locale": F("string")}


def state_of(store: FakeStore, record: Record) -> str:
    """The invitation's state now (a pending one past its expiry is ``expired``)."""
    state: str = record["state"]
    if state == "pending" and store.now() >= store.invitation_expiry[record["id"]]:
        return "expired"
    return state


def render(store: FakeStore, record: Record) -> Record:
    """The API shape (with the state aged to ``expired`` when due)."""
    state = state_of(store, record)
    return record if state == record["state"] else {**record, "state": state}


def _check_locale(locale: str | None) -> None:
    if locale is not None and not LOCALE_RE.match(locale):
        raise invalid_params(
            f"locale {locale!r} is not a supported locale.",
            [error_item("invalid_value", "unsupported locale.", "locale")],
        )


def create_invitation(store: FakeStore, body: dict[str, Any], base_url: str) -> Record:
    """Send an invitation from a validated body (raises the spec's errors)."""
    email: str = body["email"]
    check_email(email)
    _check_locale(body.get("locale"))
    org_id = body.get("organization_id")
    if org_id is not None and org_id not in store.c_organizations.records:
        raise missing("Organization", org_id)
    inviter = body.get("inviter_user_id")
    if inviter is not None and inviter not in store.c_users.records:
        raise missing("User", inviter)
    role = body.get("role_slug")
    if role is not None and role not in store.roles:
        raise bad_request("invalid_role", f"The role {role!r} does not exist.")
    days = body.get("expires_in_days", DEFAULT_EXPIRES_IN_DAYS)
    if days < 1:
        raise bad_request("expires_in_days_too_short", "expires_in_days must be at least 1.")
    if days > MAX_EXPIRES_IN_DAYS:
        raise bad_request(
            "expires_in_days_too_long", f"expires_in_days must be at most {MAX_EXPIRES_IN_DAYS}."
        )
    user_id = store.user_by_email.get(email.lower())
    if org_id is not None:
        if user_id is not None:
            membership_id = store.membership_by_pair.get((user_id, org_id))
            if membership_id and store.c_memberships.records[membership_id]["status"] == "active":
                raise bad_request(
                    "user_already_organization_member",
                    "A user with this email is already a member of the organization.",
                )
    elif user_id is not None:
        raise bad_request("user_already_exists", "A user with this email already exists.")
    for other_id in store.c_invitations.index("email", email.lower()):
        other = store.c_invitations.records[other_id]
        if other["organization_id"] == org_id and state_of(store, other) == "pending":
            if org_id is not None:
                raise bad_request(
                    "email_already_invited_to_organization",
                    "This email already has a pending invitation to the organization.",
                )
            raise bad_request(
                "email_already_invited", "This email already has a pending invitation."
            )
    now = store.now()
    token = random_token(store.rng)
    invitation_id = store.new_id("invitation")
    record: Record = {
        "object": "invitation",
        "id": invitation_id,
        "email": email,
        "state": "pending",
        "accepted_at": None,
        "revoked_at": None,
        "expires_at": iso(now + days * 86400),
        "organization_id": org_id,
        "inviter_user_id": inviter,
        "accepted_user_id": None,
        "role_slug": role,
        "token": token,
        "accept_invitation_url": f"{base_url}/invite?invitation_token={token}",
        "created_at": iso(now),
        "updated_at": iso(now),
    }
    store.c_invitations.insert(record)
    store.invitation_by_token[token] = invitation_id
    store.invitation_expiry[invitation_id] = now + days * 86400
    return record


def _record(store: FakeStore, invitation_id: str) -> Record:
    record = store.c_invitations.get(invitation_id)
    if record is None:
        raise missing("Invitation", invitation_id)
    return record


def _list(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS, "organization_id", "email")
    store = ctx.store
    invitations = store.c_invitations
    org_id = single(ctx.query, "organization_id")
    email = single(ctx.query, "email")
    ids: Any = invitations.ids.ids
    keep = None
    if email is not None:
        ids = invitations.index("email", email.lower()).ids
        if org_id is not None:

            def keep(i: str) -> bool:
                return bool(invitations.records[i]["organization_id"] == org_id)

    elif org_id is not None:
        ids = invitations.index("org", org_id).ids
    return Reply(
        200, list_page(ctx.query, ids, lambda i: render(store, invitations.records[i]), keep)
    )


def _create(ctx: Ctx) -> Reply:
    base = ctx.fake.url if ctx.fake.running else "http://localhost"
    return Reply(201, create_invitation(ctx.store, ctx.body(CREATE_SPEC), base))


def _get(ctx: Ctx) -> Reply:
    return Reply(200, render(ctx.store, _record(ctx.store, ctx.params["id"])))


def _get_by_token(ctx: Ctx) -> Reply:
    invitation_id = ctx.store.invitation_by_token.get(ctx.params["token"])
    if invitation_id is None:
        raise not_found("Invitation not found for that token.")
    return Reply(200, render(ctx.store, ctx.store.c_invitations.records[invitation_id]))


def _accept(ctx: Ctx) -> Reply:
    from ._routes_memberships import create_membership

    store = ctx.store
    record = _record(store, ctx.params["id"])
    if state_of(store, record) != "pending":
        raise bad_request(
            "invite_not_pending", f"The invitation is {state_of(store, record)}, not pending."
        )
    now = store.now_iso()
    user_id = store.user_by_email.get(record["email"].lower())
    if user_id is not None and record["organization_id"] is not None:
        existing = store.membership_by_pair.get((user_id, record["organization_id"]))
        if existing is None or store.c_memberships.records[existing]["status"] != "active":
            body: dict[str, Any] = {
                "user_id": user_id,
                "organization_id": record["organization_id"],
            }
            if record["role_slug"] is not None:
                body["role_slug"] = record["role_slug"]
            if (
                existing is not None
                and store.c_memberships.records[existing]["status"] == "pending"
            ):
                store.c_memberships.update(existing, status="active", updated_at=now)
            else:
                create_membership(store, body)
    record = store.c_invitations.update(
        record["id"], state="accepted", accepted_at=now, accepted_user_id=user_id, updated_at=now
    )
    return Reply(200, record)


def _revoke(ctx: Ctx) -> Reply:
    store = ctx.store
    record = _record(store, ctx.params["id"])
    if state_of(store, record) != "pending":
        raise bad_request(
            "invite_not_pending", f"The invitation is {state_of(store, record)}, not pending."
        )
    now = store.now_iso()
    return Reply(
        200,
        store.c_invitations.update(record["id"], state="revoked", revoked_at=now, updated_at=now),
    )


def _resend(ctx: Ctx) -> Reply:
    store = ctx.store
    record = _record(store, ctx.params["id"])
    body = ctx.body(RESEND_SPEC)
    _check_locale(body.get("locale"))
    state = state_of(store, record)
    if state != "pending":
        raise bad_request(f"invite_{state}", f"The invitation is {state}; it cannot be resent.")
    now = store.now()
    expiry = now + DEFAULT_EXPIRES_IN_DAYS * 86400
    store.invitation_expiry[record["id"]] = expiry
    record = store.c_invitations.update(record["id"], expires_at=iso(expiry), updated_at=iso(now))
    return Reply(200, record)


def register(router: Router) -> None:
    """Add the invitation routes."""
    base = "/user_management/invitations"
    router.add("GET", base, _list)
    router.add("POST", base, _create)
    router.add("GET", base + "/{id}", _get)
    router.add("GET", base + "/by_token/{token}", _get_by_token, secret_params={"token"})
    router.add("POST", base + "/{id}/accept", _accept)
    router.add("POST", base + "/{id}/revoke", _revoke)
    router.add("POST", base + "/{id}/resend", _resend)
