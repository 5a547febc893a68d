"""Invitations: send, get, get by token, accept, revoke, resend, list.

State machine: ``pending`` → ``accepted`` (accept) / ``revoked`` (revoke) / ``expired`` (its
``expires_at`` passed, seen at read time). accept and revoke need ``pending`` (400
``invite_not_pending``); resend needs ``pending`` (400 ``invite_expired`` / ``invite_revoked``
/ ``invite_accepted``) and restarts the expiry. Accepting adds the user with that email (when
there is one) to the organization.
"""

from __future__ import annotations

from typing import Any

from .errors import error_item, invalid, missing, not_found, oauth_error, rejected
from .ids import iso, random_token
from .memberships import join
from .pagination import PageParams, list_page
from .schema import LOCALE_RE, F, check_email
from .store import FakeStore, Record

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
        raise invalid(
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
        raise rejected("invalid_role", f"The role {role!r} does not exist.")
    days = body.get("expires_in_days", DEFAULT_EXPIRES_IN_DAYS)
    if days < 1:
        raise rejected("expires_in_days_too_short", "expires_in_days must be at least 1.")
    if days > MAX_EXPIRES_IN_DAYS:
        raise rejected(
            "expires_in_days_too_long", f"expires_in_days must be at most {MAX_EXPIRES_IN_DAYS}."
        )
    user_id = store.user_by_email.get(email.lower())
    if org_id is not None:
        if user_id is not None:
            membership_id = store.membership_by_pair.get((user_id, org_id))
            if membership_id and store.c_memberships.records[membership_id]["status"] == "active":
                raise rejected(
                    "user_already_organization_member",
                    "A user with this email is already a member of the organization.",
                )
    elif user_id is not None:
        raise rejected("user_already_exists", "A user with this email already exists.")
    for other_id in store.c_invitations.index("email", email.lower()):
        other = store.c_invitations.records[other_id]
        if other["organization_id"] == org_id and state_of(store, other) == "pending":
            if org_id is not None:
                raise rejected(
                    "email_already_invited_to_organization",
                    "This email already has a pending invitation to the organization.",
                )
            raise rejected("email_already_invited", "This email already has a pending invitation.")
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


def get_invitation(store: FakeStore, invitation_id: str) -> Record:
    """The stored invitation (404 when there is none)."""
    return store.c_invitations.require(invitation_id, "Invitation")


def get_invitation_by_token(store: FakeStore, token: str) -> Record:
    """The invitation with ``token``, as the API shows it (404 when there is none)."""
    invitation_id = store.invitation_by_token.get(token)
    if invitation_id is None:
        raise not_found("Invitation not found for that token.")
    return render(store, store.c_invitations.records[invitation_id])


def _pending(store: FakeStore, invitation_id: str) -> Record:
    record = get_invitation(store, invitation_id)
    state = state_of(store, record)
    if state != "pending":
        raise rejected("invite_not_pending", f"The invitation is {state}, not pending.")
    return record


def accept(store: FakeStore, invitation_id: str, user_id: str | None = None) -> Record:
    """Accept a pending invitation: the invited user (``user_id``, else the user with the
    invitation's email, if any) joins the organization."""
    record = _pending(store, invitation_id)
    if user_id is None:
        user_id = store.user_by_email.get(record["email"].lower())
    org_id = record["organization_id"]
    if user_id is not None and org_id is not None and org_id in store.c_organizations.records:
        join(store, user_id, org_id, record["role_slug"])
    now = store.now_iso()
    return store.c_invitations.update(
        record["id"], state="accepted", accepted_at=now, accepted_user_id=user_id, updated_at=now
    )


def revoke(store: FakeStore, invitation_id: str) -> Record:
    """Revoke a pending invitation."""
    record = _pending(store, invitation_id)
    now = store.now_iso()
    return store.c_invitations.update(record["id"], state="revoked", revoked_at=now, updated_at=now)


def resend(store: FakeStore, invitation_id: str, body: dict[str, Any]) -> Record:
    """Resend a pending invitation: its expiry starts again."""
    record = get_invitation(store, invitation_id)
    _check_locale(body.get("locale"))
    state = state_of(store, record)
    if state != "pending":
        raise rejected(f"invite_{state}", f"The invitation is {state}; it cannot be resent.")
    now = store.now()
    expiry = now + DEFAULT_EXPIRES_IN_DAYS * 86400
    store.invitation_expiry[record["id"]] = expiry
    return store.c_invitations.update(record["id"], expires_at=iso(expiry), updated_at=iso(now))


def check_token_for_email(store: FakeStore, token: str, email: str) -> str:
    """The id of the pending invitation with ``token`` sent to ``email`` (a sign-in with an
    ``invitation_token`` accepts it); 400 otherwise."""
    invitation_id = store.invitation_by_token.get(token)
    record = store.c_invitations.records.get(invitation_id) if invitation_id else None
    if record is None or state_of(store, record) != "pending":
        raise oauth_error("invitation_invalid", "The invitation token is not valid.")
    if record["email"].lower() != email.lower():
        raise oauth_error(
            "invitation_cannot_be_used_for_email",
            "The invitation was sent to another email address.",
        )
    return str(record["id"])


def list_invitations(
    store: FakeStore, params: PageParams, *, organization_id: str | None, email: str | None
) -> dict[str, Any]:
    """One page of invitations, filtered by organization and/or email."""
    invitations = store.c_invitations
    ids: Any = invitations.ids.ids
    keep = None
    if email is not None:
        ids = invitations.index("email", email.lower()).ids
        if organization_id is not None:

            def keep(i: str) -> bool:
                return bool(invitations.records[i]["organization_id"] == organization_id)

    elif organization_id is not None:
        ids = invitations.index("org", organization_id).ids
    return list_page(params, ids, lambda i: render(store, invitations.records[i]), keep)
