# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The blocking resource classes, one generated module per resource of the endpoint
table: ``WorkOS().user_management`` is a :class:`UserManagement` (``user_management.py``), ...
"""

from __future__ import annotations

from .._resources import SyncResource
from .multi_factor_auth import MultiFactorAuth
from .organization_membership import OrganizationMembershipService
from .organizations import Organizations
from .user_management import UserManagement

__all__ = [
    "CLASSES",
    "MultiFactorAuth",
    "OrganizationMembershipService",
    "Organizations",
    "SyncResource",
    "UserManagement",
]

#: Resource (the client's attribute) → its class.
CLASSES: dict[str, type[SyncResource]] = {
    "user_management": UserManagement,
    "multi_factor_auth": MultiFactorAuth,
    "organizations": Organizations,
    "organization_membership": OrganizationMembershipService,
}
