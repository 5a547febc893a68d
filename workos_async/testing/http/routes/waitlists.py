"""``/user_management/waitlists`` (list, get, entries: list and create 201) and
``/user_management/waitlist_entries/{id}`` (approve, deny, delete).

The rules are :mod:`workos_async.testing.domain.waitlists`'.
"""

from __future__ import annotations

from ...domain import waitlists
from ..router import Ctx, Reply, Router, call


def _list(ctx: Ctx) -> Reply:
    return Reply(200, waitlists.list_waitlists(ctx.store, ctx.page()))


def _entries(ctx: Ctx) -> Reply:
    params = ctx.page("state", "email")
    return Reply(
        200,
        waitlists.list_entries(
            ctx.store, ctx.params["id"], params, ctx.single("state"), ctx.single("email")
        ),
    )


def register(router: Router) -> None:
    """Add the waitlist routes."""
    base = "/user_management/waitlists"
    router.add("GET", base, _list)
    router.add("GET", base + "/{id}", call(waitlists.get_waitlist, "id"))
    router.add("GET", base + "/{id}/entries", _entries)
    router.add(
        "POST",
        base + "/{id}/entries",
        call(waitlists.create_entry, "id", status=201, body=waitlists.ENTRY_SPEC),
    )
    entry = "/user_management/waitlist_entries/{id}"
    router.add("POST", entry + "/approve", call(waitlists.approve_entry, "id"))
    router.add("POST", entry + "/deny", call(waitlists.deny_entry, "id"))
    router.add("DELETE", entry, call(waitlists.delete_entry, "id"))
