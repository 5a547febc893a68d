"""``/user_management/users``: list, create, get, get by external id, update, delete.

The rules are :mod:`workos_async.testing.domain.users`'.
"""

from __future__ import annotations

from ...domain.users import (
    CREATE_SPEC,
    UPDATE_SPEC,
    create_user,
    delete_user,
    get_user,
    get_user_by_external_id,
    list_users,
    update_user,
)
from ..router import Ctx, Reply, Router, call


def _list(ctx: Ctx) -> Reply:
    params = ctx.page("email", "organization_id", "organization")
    organization_id = ctx.single("organization_id") or ctx.single("organization")
    return Reply(
        200,
        list_users(ctx.store, params, email=ctx.single("email"), organization_id=organization_id),
    )


def register(router: Router) -> None:
    """Add the user routes."""
    base = "/user_management/users"
    router.add("GET", base, _list)
    router.add("POST", base, call(create_user, status=201, body=CREATE_SPEC))
    router.add("GET", base + "/{id}", call(get_user, "id"))
    router.add(
        "GET", base + "/external_id/{external_id}", call(get_user_by_external_id, "external_id")
    )
    router.add("PUT", base + "/{id}", call(update_user, "id", body=UPDATE_SPEC))
    router.add("DELETE", base + "/{id}", call(delete_user, "id"))
