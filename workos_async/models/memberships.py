"""Organization memberships, the role they carry, and directory groups."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ._base import BaseModel, StrEnum, model
from .users import User

__all__ = ["Group", "OrganizationMembership", "OrganizationMembershipStatus", "SlimRole"]


class OrganizationMembershipStatus(StrEnum):
    """The state of an organization membership."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    PENDING = "pending"


@model
class SlimRole(BaseModel):
    """The role a membership grants, by slug."""

    slug: str


@model
class OrganizationMembership(BaseModel):
    """A user's membership in an organization (spec ``UserlandUserOrganizationMembership``)."""

    object: str = "organization_membership"
    id: str
    user_id: str
    organization_id: str
    status: OrganizationMembershipStatus | str
    #: Whether a directory (SCIM) sync manages this membership.
    directory_managed: bool
    organization_name: str | None = None
    #: Attributes mapped from the identity provider, when there are any.
    custom_attributes: Mapping[str, Any] | None = None
    created_at: datetime
    updated_at: datetime
    role: SlimRole
    #: Every role of the membership (several when it was given ``role_slugs``); ``None`` when
    #: the response omits it.
    roles: list[SlimRole] | None = None
    user: User


@model
class Group(BaseModel):
    """A group within an organization that a membership belongs to."""

    object: str = "group"
    id: str
    organization_id: str
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime
