"""Organizations and their domains (used by user-management flows and test fixtures)."""

from collections.abc import Mapping
from datetime import datetime

from ._base import BaseModel, StrEnum, model, secret_field

__all__ = [
    "Organization",
    "OrganizationDomain",
    "OrganizationDomainState",
    "OrganizationDomainVerificationStrategy",
]


class OrganizationDomainState(StrEnum):
    """The verification state of an organization domain."""

    FAILED = "failed"
    LEGACY_VERIFIED = "legacy_verified"
    PENDING = "pending"
    UNVERIFIED = "unverified"
    VERIFIED = "verified"


class OrganizationDomainVerificationStrategy(StrEnum):
    """How an organization domain is verified."""

    DNS = "dns"
    MANUAL = "manual"


@model
class OrganizationDomain(BaseModel):
    """A domain that belongs to an organization (spec ``OrganizationDomainStandAlone``)."""

    object: str = "organization_domain"
    id: str
    organization_id: str
    domain: str
    state: OrganizationDomainState | str | None = None
    #: The DNS record name prefix used for verification.
    verification_prefix: str | None = None
    #: The DNS TXT value that proves ownership.
    verification_token: str | None = secret_field(default=None)
    verification_strategy: OrganizationDomainVerificationStrategy | str | None = None
    created_at: datetime
    updated_at: datetime


@model
class Organization(BaseModel):
    """An organization."""

    object: str = "organization"
    id: str
    name: str
    domains: list[OrganizationDomain]
    #: Free-form string pairs you attached to the organization.
    metadata: Mapping[str, str]
    #: Your own identifier for the organization.
    external_id: str | None
    stripe_customer_id: str | None = None
    created_at: datetime
    updated_at: datetime
    #: Deprecated by WorkOS.
    allow_profiles_outside_organization: bool | None = None
