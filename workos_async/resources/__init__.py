# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The async resource classes, one generated module per resource of the endpoint
table: ``AsyncWorkOS().user_management`` is a :class:`AsyncUserManagement` (``user_management.py``), ...
"""

from __future__ import annotations

from ._base import AsyncResource
from .multi_factor_auth import AsyncMultiFactorAuth
from .organization_membership import AsyncOrganizationMembershipService
from .organizations import AsyncOrganizations
from .user_management import AsyncUserManagement

__all__ = [
    "CLASSES",
    "AsyncMultiFactorAuth",
    "AsyncOrganizationMembershipService",
    "AsyncOrganizations",
    "AsyncResource",
    "AsyncUserManagement",
    "async_resource_class",
]

#: Resource (the client's attribute) → its class.
CLASSES: dict[str, type[AsyncResource]] = {
    "user_management": AsyncUserManagement,
    "multi_factor_auth": AsyncMultiFactorAuth,
    "organizations": AsyncOrganizations,
    "organization_membership": AsyncOrganizationMembershipService,
}


def async_resource_class(resource: str) -> type[AsyncResource]:
    """The class of ``AsyncWorkOS().<resource>``."""
    return CLASSES[resource]
