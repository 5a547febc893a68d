"""``/organizations``: create, list, get, get by external id, delete.

The rules are :mod:`workos_async.testing.domain.organizations`'.
"""

from __future__ import annotations

from ...domain.organizations import (
    CREATE_SPEC,
    create_organization,
    delete_organization,
    get_organization,
    get_organization_by_external_id,
    list_organizations,
)
from ..router import Ctx, Reply, Router, call


def _list(ctx: Ctx) -> Reply:
    params = ctx.page("domains", "search")
    return Reply(
        200,
        list_organizations(
            ctx.store, params, domains=ctx.single("domains"), search=ctx.single("search")
        ),
    )


def register(router: Router) -> None:
    """Add the organization routes."""
    router.add("POST", "/organizations", call(create_organization, status=201, body=CREATE_SPEC))
    router.add("GET", "/organizations", _list)
    router.add("GET", "/organizations/{id}", call(get_organization, "id"))
    router.add(
        "GET",
        "/organizations/external_id/{external_id}",
        call(get_organization_by_external_id, "external_id"),
    )
    router.add("DELETE", "/organizations/{id}", call(delete_organization, "id"))
