# GENERATED from workos_async/_endpoints.py by `python -m workos_async._stubgen`.
# Do not edit: change the table and regenerate (tests/test_stubs.py checks it).

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._config import RequestOptions
from .._types import NotGiven
from ._pager import SyncPager
from ._client import WorkOS
from ..models import AuthorizedApplication, EmailChange, EmailChangeConfirmation, Group, Organization, OrganizationMembership, SendVerificationEmailResponse, Session, User, UserIdentity, VerifyEmailResponse

class SyncResource:
    def __init__(self, client: WorkOS, name: str) -> None: ...


class UserManagement(SyncResource):
    def list_users(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., organization: str | None = ..., organization_id: str | None = ..., email: str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> SyncPager[User]:
        """List users, newest first by default."""
    def create_user(self, *, email: str, password: str | None = ..., password_hash: str | None = ..., password_hash_type: Literal['bcrypt', 'firebase-scrypt', 'ssha', 'scrypt', 'pbkdf2', 'argon2'] | str | None = ..., first_name: str | None = ..., last_name: str | None = ..., email_verified: bool | None = ..., external_id: str | None = ..., metadata: Mapping[str, str] | None = ..., request_options: RequestOptions | None = ...) -> User:
        """Create a user."""
    def get_user(self, id: str, *, request_options: RequestOptions | None = ...) -> User:
        """Get a user by id."""
    def get_user_by_external_id(self, external_id: str, *, request_options: RequestOptions | None = ...) -> User:
        """Get a user by the external id you gave it."""
    def update_user(self, id: str, *, email: str | None = ..., first_name: str | None = ..., last_name: str | None = ..., email_verified: bool | None = ..., password: str | None = ..., password_hash: str | None = ..., password_hash_type: Literal['bcrypt', 'firebase-scrypt', 'ssha', 'scrypt', 'pbkdf2', 'argon2'] | str | None = ..., external_id: str | None | NotGiven = ..., metadata: Mapping[str, str] | None | NotGiven = ..., locale: str | None | NotGiven = ..., request_options: RequestOptions | None = ...) -> User:
        """Update a user: only the arguments given are changed."""
    def delete_user(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Delete a user."""
    def send_verification_email(self, id: str, *, request_options: RequestOptions | None = ...) -> SendVerificationEmailResponse:
        """Send the user an email-verification code."""
    def verify_email(self, id: str, *, code: str, request_options: RequestOptions | None = ...) -> VerifyEmailResponse:
        """Verify the user's email with the code they received."""
    def send_email_change(self, id: str, *, new_email: str, request_options: RequestOptions | None = ...) -> EmailChange:
        """Send a code to confirm a change of the user's email address."""
    def confirm_email_change(self, id: str, *, code: str, request_options: RequestOptions | None = ...) -> EmailChangeConfirmation:
        """Confirm an email change with the code sent to the new address."""
    def get_user_identities(self, id: str, *, request_options: RequestOptions | None = ...) -> list[UserIdentity]:
        """The OAuth identities linked to a user."""
    def list_sessions(self, id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> SyncPager[Session]:
        """List a user's sessions."""
    def list_user_authorized_applications(self, user_id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> SyncPager[AuthorizedApplication]:
        """List the OAuth applications a user has authorized."""
    def delete_user_authorized_application(self, application_id: str, user_id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Revoke a user's authorization of an application (arguments in the official SDK's order: application_id, then user_id)."""
    def list_organization_memberships(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., organization_id: str | None = ..., user_id: str | None = ..., statuses: Sequence[Literal['active', 'inactive', 'pending'] | str] | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> SyncPager[OrganizationMembership]:
        """List organization memberships of a user or of an organization."""
    def create_organization_membership(self, *, user_id: str, organization_id: str, role_slug: str | None = ..., role_slugs: Sequence[str] | None = ..., request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Add a user to an organization."""
    def get_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Get an organization membership."""
    def update_organization_membership(self, id: str, *, role_slug: str | None = ..., role_slugs: Sequence[str] | None = ..., request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Change the role(s) of an organization membership."""
    def delete_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Remove a user from an organization."""
    def deactivate_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Deactivate an organization membership."""
    def reactivate_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Reactivate an organization membership."""
    def list_organization_membership_groups(self, id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> SyncPager[Group]:
        """List the groups an organization membership belongs to."""

class Organizations(SyncResource):
    def create_organization(self, *, name: str, allow_profiles_outside_organization: bool | None = ..., domains: Sequence[str] | None = ..., domain_data: Sequence[Mapping[str, str]] | None = ..., metadata: Mapping[str, str] | None = ..., external_id: str | None = ..., request_options: RequestOptions | None = ...) -> Organization:
        """Create an organization."""
    def get_organization(self, id: str, *, request_options: RequestOptions | None = ...) -> Organization:
        """Get an organization by id."""
    def get_organization_by_external_id(self, external_id: str, *, request_options: RequestOptions | None = ...) -> Organization:
        """Get an organization by the external id you gave it (not in the user-management spec extract; part of WorkOS's Organizations API)."""
    def delete_organization(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Delete an organization."""

SYNC_CLASSES: dict[str, str]
def sync_resource_class(resource: str) -> type[SyncResource]: ...
