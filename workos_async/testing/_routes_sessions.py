"""Sessions: ``GET /user_management/users/{id}/sessions`` (paginated) and
``POST /user_management/sessions/revoke`` (200, no body).

Sessions are made by a successful authentication (the authentication flows call
``store.create_session``); tests can make them directly with the same helper.
"""

from __future__ import annotations

from ._errors import message_only, missing
from ._pagination import PAGE_PARAMS, list_page
from ._router import Ctx, Reply, Router
from ._validate import F


def _list(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS)
    store = ctx.store
    user_id = ctx.params["id"]
    if user_id not in store.c_users.records:
        raise missing("User", user_id)
    sessions = store.c_sessions
    return Reply(200, list_page(ctx.query, sessions.index("user", user_id).ids, sessions.records))


def _revoke(ctx: Ctx) -> Reply:
    body = ctx.body({"session_id": F("string", required=True), "return_to": F("string")})
    session_id = body["session_id"]
    if session_id not in ctx.store.c_sessions.records:
        raise message_only(400, f"Session not found: '{session_id}'.")
    ctx.store.revoke_session(session_id)
    return Reply(200)


def register(router: Router) -> None:
    """Add the session routes."""
    router.add("GET", "/user_management/users/{id}/sessions", _list)
    router.add("POST", "/user_management/sessions/revoke", _revoke)
