"""What else hangs off a user: identities, authorized applications, connected accounts, data
providers, feature flags and user API keys (the two ``DELETE`` routes answer 204).

The rules are :mod:`workos_async.testing.domain.user_resources`'.
"""

from __future__ import annotations

from ...domain import user_resources as ur
from ..router import Ctx, Reply, Router, call


def _authorized_apps(ctx: Ctx) -> Reply:
    store = ctx.store
    page = ur.list_of_user(store, store.c_authorized_apps, ctx.params["user_id"], ctx.page())
    return Reply(200, page)


def _delete_authorized_app(ctx: Ctx) -> Reply:
    ur.delete_authorized_app(ctx.store, ctx.params["user_id"], ctx.params["application_id"])
    return Reply(204)


def _account_args(ctx: Ctx) -> tuple[str, str, str | None]:
    ctx.check_query("organization_id")
    return ctx.params["user_id"], ctx.params["slug"], ctx.single("organization_id")


def _connected_account(ctx: Ctx) -> Reply:
    return Reply(200, ur.connected_account(ctx.store, *_account_args(ctx)))


def _delete_connected_account(ctx: Ctx) -> Reply:
    ur.delete_connected_account(ctx.store, *_account_args(ctx))
    return Reply(204)


def _data_providers(ctx: Ctx) -> Reply:
    ctx.check_query("organization_id")
    return Reply(200, ur.data_providers(ctx.store, ctx.params["user_id"]))


def _feature_flags(ctx: Ctx) -> Reply:
    store = ctx.store
    page = ur.list_of_user(store, store.c_feature_flags, ctx.params["userId"], ctx.page())
    return Reply(200, page)


def _list_api_keys(ctx: Ctx) -> Reply:
    params = ctx.page("organization_id")
    page = ur.list_api_keys(ctx.store, ctx.params["userId"], params, ctx.single("organization_id"))
    return Reply(200, page)


def register(router: Router) -> None:
    """Add the identities, authorized apps, connected accounts, data providers, flags and
    API key routes."""
    users = "/user_management/users"
    apps = users + "/{user_id}/authorized_applications"
    accounts = users + "/{user_id}/connected_accounts/{slug}"
    router.add("GET", users + "/{id}/identities", call(ur.identities, "id"))
    router.add("GET", apps, _authorized_apps)
    router.add("DELETE", apps + "/{application_id}", _delete_authorized_app)
    router.add("GET", accounts, _connected_account)
    router.add("DELETE", accounts, _delete_connected_account)
    router.add("GET", users + "/{user_id}/data_providers", _data_providers)
    router.add("GET", users + "/{userId}/feature-flags", _feature_flags)
    router.add("GET", users + "/{userId}/api_keys", _list_api_keys)
    router.add(
        "POST",
        users + "/{userId}/api_keys",
        call(ur.create_api_key, "userId", status=201, body=ur.API_KEY_SPEC),
    )
