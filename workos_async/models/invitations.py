"""Invitations to join an organization or the application."""

from datetime import datetime

from ._base import BaseModel, StrEnum, model, secret_field

__all__ = ["Invitation", "InvitationState"]


class InvitationState(StrEnum):
    """The state of an invitation."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REVOKED = "revoked"


@model
class Invitation(BaseModel):
    """An invitation sent to an email address (spec ``UserlandUserInvite``)."""

    object: str = "invitation"
    id: str
    email: str
    state: InvitationState | str
    accepted_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime
    #: ``None`` for an invitation to the application rather than to an organization.
    organization_id: str | None
    inviter_user_id: str | None
    #: The user created or matched when the invitation was accepted.
    accepted_user_id: str | None
    role_slug: str | None
    created_at: datetime
    updated_at: datetime
    #: The invitation token: whoever holds it can accept the invitation.
    token: str = secret_field()
    #: The acceptance link; it carries the token, so it is redacted too.
    accept_invitation_url: str = secret_field()
