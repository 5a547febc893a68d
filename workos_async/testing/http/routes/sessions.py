"""Sessions: ``GET /user_management/users/{id}/sessions`` (paginated) and
``POST /user_management/sessions/revoke`` (200, no body).

Sessions are made by a successful authentication; tests can make them directly with
``store.create_session``.
"""

from __future__ import annotations

from ...domain.schema import F
from ...domain.user_resources import list_of_user, revoke_session
from ..router import Ctx, Reply, Router


def _list(ctx: Ctx) -> Reply:
    store = ctx.store
    return Reply(200, list_of_user(store, store.c_sessions, ctx.params["id"], ctx.page()))


def _revoke(ctx: Ctx) -> Reply:
    body = ctx.body({"session_id": F("string", required=True), "return_to": F("string")})
    revoke_session(ctx.store, body["session_id"])
    return Reply(200)


def register(router: Router) -> None:
    """Add the session routes."""
    router.add("GET", "/user_management/users/{id}/sessions", _list)
    router.add("POST", "/user_management/sessions/revoke", _revoke)
