"""Authentication factors: enroll (a user's, or standalone ``/auth/factors/enroll``), list,
get and delete (``/auth/factors/{id}``).

The rules are :mod:`workos_async.testing.domain.factors`'.
"""

from __future__ import annotations

from ...domain.factors import (
    ENROLL_SPEC,
    STANDALONE_SPEC,
    delete_factor,
    enroll,
    enroll_standalone,
    get_factor,
)
from ...domain.user_resources import list_of_user
from ..router import Ctx, Reply, Router, call


def _list(ctx: Ctx) -> Reply:
    store = ctx.store
    page = list_of_user(store, store.c_auth_factors, ctx.params["userlandUserId"], ctx.page())
    return Reply(200, page)


def register(router: Router) -> None:
    """Add the authentication factor routes."""
    base = "/user_management/users/{userlandUserId}/auth_factors"
    router.add("POST", base, call(enroll, "userlandUserId", status=201, body=ENROLL_SPEC))
    router.add("GET", base, _list)
    router.add(
        "POST", "/auth/factors/enroll", call(enroll_standalone, status=201, body=STANDALONE_SPEC)
    )
    router.add("GET", "/auth/factors/{id}", call(get_factor, "id"))
    router.add("DELETE", "/auth/factors/{id}", call(delete_factor, "id"))
