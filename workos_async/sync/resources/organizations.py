# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The blocking ``organizations`` resource: :class:`Organizations`, generated from the table.

Every method is the :class:`~workos_async.resources.organizations.AsyncOrganizations` method of
the same name (same arguments, checks and docs) run on the client's loop thread.
"""

from __future__ import annotations

from ...resources.organizations import AsyncOrganizations
from .._resources import SyncResource, blocking, blocking_pager

__all__ = ["Organizations"]


class Organizations(SyncResource):
    """``WorkOS().organizations``: the methods of :class:`AsyncOrganizations`,
    blocking: each runs the async method on the client's loop thread.
    """

    __slots__ = ()

    create_organization = blocking(AsyncOrganizations.create_organization)
    list_organizations = blocking_pager(AsyncOrganizations.list_organizations)
    get_organization = blocking(AsyncOrganizations.get_organization)
    get_organization_by_external_id = blocking(AsyncOrganizations.get_organization_by_external_id)
    delete_organization = blocking(AsyncOrganizations.delete_organization)
