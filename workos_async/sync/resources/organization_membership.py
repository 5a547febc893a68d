# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The blocking ``organization_membership`` resource: :class:`OrganizationMembershipService`, generated from the table.

Every method is the :class:`~workos_async.resources.organization_membership.AsyncOrganizationMembershipService` method of
the same name (same arguments, checks and docs) run on the client's loop thread.
"""

from __future__ import annotations

from ...resources.organization_membership import AsyncOrganizationMembershipService
from .._resources import SyncResource, blocking, blocking_pager

__all__ = ["OrganizationMembershipService"]


class OrganizationMembershipService(SyncResource):
    """``WorkOS().organization_membership``: the methods of :class:`AsyncOrganizationMembershipService`,
    blocking: each runs the async method on the client's loop thread.
    """

    __slots__ = ()

    list_organization_memberships = blocking_pager(
        AsyncOrganizationMembershipService.list_organization_memberships
    )
    create_organization_membership = blocking(
        AsyncOrganizationMembershipService.create_organization_membership
    )
    get_organization_membership = blocking(
        AsyncOrganizationMembershipService.get_organization_membership
    )
    update_organization_membership = blocking(
        AsyncOrganizationMembershipService.update_organization_membership
    )
    delete_organization_membership = blocking(
        AsyncOrganizationMembershipService.delete_organization_membership
    )
    deactivate_organization_membership = blocking(
        AsyncOrganizationMembershipService.deactivate_organization_membership
    )
    reactivate_organization_membership = blocking(
        AsyncOrganizationMembershipService.reactivate_organization_membership
    )
    list_organization_membership_groups = blocking_pager(
        AsyncOrganizationMembershipService.list_organization_membership_groups
    )
