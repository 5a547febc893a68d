"""Waitlists: people who asked to sign up, and the decision on each."""

from collections.abc import Mapping
from datetime import datetime

from ._base import BaseModel, StrEnum, model

__all__ = ["Waitlist", "WaitlistEntry", "WaitlistEntryState"]


class WaitlistEntryState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


@model
class Waitlist(BaseModel):
    """A waitlist of the environment (``default`` is the environment's default one)."""

    object: str = "waitlist"
    id: str
    created_at: datetime
    updated_at: datetime


@model
class WaitlistEntry(BaseModel):
    """Someone on a waitlist. Approving the entry invites its email address."""

    object: str = "waitlist_entry"
    id: str
    waitlist_id: str | None = None
    email: str
    state: WaitlistEntryState | str
    #: The extra sign-up fields that were collected.
    additional_fields: Mapping[str, str] | None = None
    #: ``None`` until approved.
    approved_at: datetime | None
    created_at: datetime
    updated_at: datetime
