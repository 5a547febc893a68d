"""``/user_management/invitations``: list, send, get, get by token, accept, revoke, resend.

The state machine and its codes are :mod:`workos_async.testing.domain.invitations`'.
"""

from __future__ import annotations

from ...domain import invitations as inv
from ...domain.store import FakeStore, Record
from ..router import Ctx, Reply, Router, call


def _list(ctx: Ctx) -> Reply:
    params = ctx.page("organization_id", "email")
    page = inv.list_invitations(
        ctx.store, params, organization_id=ctx.single("organization_id"), email=ctx.single("email")
    )
    return Reply(200, page)


def _create(ctx: Ctx) -> Reply:
    return Reply(201, inv.create_invitation(ctx.store, ctx.body(inv.CREATE_SPEC), ctx.base_url))


def _get(store: FakeStore, invitation_id: str) -> Record:
    return inv.render(store, inv.get_invitation(store, invitation_id))


def _accept(store: FakeStore, invitation_id: str) -> Record:
    return inv.accept(store, invitation_id)


def register(router: Router) -> None:
    """Add the invitation routes."""
    base = "/user_management/invitations"
    router.add("GET", base, _list)
    router.add("POST", base, _create)
    router.add("GET", base + "/{id}", call(_get, "id"))
    router.add(
        "GET",
        base + "/by_token/{token}",
        call(inv.get_invitation_by_token, "token"),
        secret_params={"token"},
    )
    router.add("POST", base + "/{id}/accept", call(_accept, "id"))
    router.add("POST", base + "/{id}/revoke", call(inv.revoke, "id"))
    router.add("POST", base + "/{id}/resend", call(inv.resend, "id", body=inv.RESEND_SPEC))
