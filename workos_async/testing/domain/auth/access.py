"""Which organizations a user may be signed into: its active memberships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, coded
from ..store import Record

if TYPE_CHECKING:
    from .fake_auth import FakeAuth


def active_memberships(auth: FakeAuth, user_id: str) -> list[Record]:
    """The user's active memberships, oldest first."""
    memberships = auth.store.c_memberships
    records = memberships.records
    return [
        records[i]
        for i in memberships.index("user", user_id).ids
        if records[i]["status"] == "active"
    ]


def membership(auth: FakeAuth, user_id: str, organization_id: str) -> Record:
    """The active membership; 400 when the organization or the membership is missing."""
    store = auth.store
    if organization_id not in store.c_organizations.records:
        raise coded(
            Problem.REJECTED,
            "organization_not_found",
            f"Organization not found: '{organization_id}'.",
        )
    membership_id = store.membership_by_pair.get((user_id, organization_id))
    record = store.c_memberships.records.get(membership_id) if membership_id else None
    if record is None or record["status"] != "active":
        raise coded(
            Problem.REJECTED,
            "organization_membership_not_found",
            "The user is not an active member of the organization.",
        )
    return record
