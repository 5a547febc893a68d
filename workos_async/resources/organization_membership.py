# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The async ``organization_membership`` resource: :class:`AsyncOrganizationMembershipService`, generated from the table.

Each method is one row of ``workos_async/_endpoints.py`` written out: checks that fail
before any request, the path, query and body, and the call into the transport.
"""

from __future__ import annotations

from typing import Literal

from .._args import path_segment
from .._config import RequestOptions
from .._pagination import AsyncPager
from ..models import Group
from ._base import AsyncResource, placed
from .user_management import AsyncUserManagement

__all__ = ["AsyncOrganizationMembershipService", "Order", "Status"]

#: The documented values of ``order`` (other strings pass too).
Order = Literal["normal", "desc", "asc"]
#: The documented values of ``statuses`` (other strings pass too).
Status = Literal["active", "inactive", "pending"]


class AsyncOrganizationMembershipService(AsyncResource):
    """``AsyncWorkOS().organization_membership``: one method per ``organization_membership`` row of the endpoint
    table.
    """

    __slots__ = ()

    list_organization_memberships = placed(
        AsyncUserManagement.list_organization_memberships, AsyncUserManagement
    )

    create_organization_membership = placed(
        AsyncUserManagement.create_organization_membership, AsyncUserManagement
    )

    get_organization_membership = placed(
        AsyncUserManagement.get_organization_membership, AsyncUserManagement
    )

    update_organization_membership = placed(
        AsyncUserManagement.update_organization_membership, AsyncUserManagement
    )

    delete_organization_membership = placed(
        AsyncUserManagement.delete_organization_membership, AsyncUserManagement
    )

    deactivate_organization_membership = placed(
        AsyncUserManagement.deactivate_organization_membership, AsyncUserManagement
    )

    reactivate_organization_membership = placed(
        AsyncUserManagement.reactivate_organization_membership, AsyncUserManagement
    )

    def list_organization_membership_groups(
        self,
        om_id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[Group]:
        """List the groups an organization membership belongs to.

        ``GET /user_management/organization_memberships/{om_id}/groups``

        The same call as ``client.user_management.list_organization_membership_groups`` (``om_id`` is its ``id``),
        whose docstring documents the arguments.
        """
        path_segment(om_id, "om_id", "list_organization_membership_groups")
        return self._peer(AsyncUserManagement).list_organization_membership_groups(
            om_id,
            limit=limit,
            before=before,
            after=after,
            order=order,
            max_items=max_items,
            request_options=request_options,
        )
