"""``/user_management/organization_memberships``: every operation.

Responses embed the full ``user`` and the ``organization_name``; the rules are
:mod:`workos_async.testing.domain.memberships`'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain import memberships as m
from ...domain.store import FakeStore, Record
from ..router import Ctx, Reply, Router, call


def _list(ctx: Ctx) -> Reply:
    params = ctx.page("user_id", "organization_id", "statuses")
    page = m.list_memberships(
        ctx.store,
        params,
        user_id=ctx.single("user_id"),
        organization_id=ctx.single("organization_id"),
        statuses=m.parse_statuses(ctx.query.getall("statuses", [])),
    )
    return Reply(200, page)


Operation = Callable[..., Record]


def _rendered(operation: Operation) -> Operation:
    """The operation with its membership rendered as the API shows it."""

    def rendered(store: FakeStore, *args: Any) -> Record:
        return m.render(store, operation(store, *args))

    rendered.__name__ = operation.__name__
    return rendered


def _deactivate(store: FakeStore, membership_id: str) -> Record:
    return m.set_active(store, membership_id, False)


def _reactivate(store: FakeStore, membership_id: str) -> Record:
    return m.set_active(store, membership_id, True)


def _groups(ctx: Ctx) -> Reply:
    return Reply(200, m.list_groups(ctx.store, ctx.params["omId"], ctx.page()))


def register(router: Router) -> None:
    """Add the organization membership routes."""
    base = "/user_management/organization_memberships"
    router.add("GET", base, _list)
    router.add("POST", base, call(_rendered(m.create_membership), status=201, body=m.CREATE_SPEC))
    router.add("GET", base + "/{id}", call(_rendered(m.get_membership), "id"))
    router.add(
        "PUT", base + "/{id}", call(_rendered(m.update_membership), "id", body=m.UPDATE_SPEC)
    )
    router.add("DELETE", base + "/{id}", call(m.delete_membership, "id"))
    router.add("PUT", base + "/{id}/deactivate", call(_rendered(_deactivate), "id"))
    router.add("PUT", base + "/{id}/reactivate", call(_rendered(_reactivate), "id"))
    router.add("GET", base + "/{omId}/groups", _groups)
