"""What else hangs off a user: identities, authorized applications, connected accounts, data
providers, feature flags and user API keys.

Only API keys can be created through the API; tests add the others with the store helpers
(``add_identity``, ``add_authorized_application``, ``add_connected_account``,
``add_data_provider``, ``add_feature_flag``). Shapes follow the spec: identities are a bare
array; data providers ``{object: "list", data}`` without ``list_metadata``; the others are
paginated envelopes; the two ``DELETE`` routes answer 204.
"""

from __future__ import annotations

from typing import Any

from ._errors import FakeAPIError, error_item, missing
from ._pagination import PAGE_PARAMS, list_page
from ._router import Ctx, Reply, Router
from ._store import FakeStore, Record
from ._validate import F, single


def _require_user(store: FakeStore, user_id: str) -> None:
    if user_id not in store.c_users.records:
        raise missing("User", user_id)


def _public(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _identities(ctx: Ctx) -> Reply:
    store = ctx.store
    _require_user(store, ctx.params["id"])
    return Reply(200, list(store.identities.get(ctx.params["id"], [])))


def _authorized_apps(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS)
    store = ctx.store
    user_id = ctx.params["user_id"]
    _require_user(store, user_id)
    apps = store.c_authorized_apps
    ids = apps.index("user", user_id).ids
    return Reply(200, list_page(ctx.query, ids, lambda i: _public(apps.records[i])))


def _delete_authorized_app(ctx: Ctx) -> Reply:
    store = ctx.store
    user_id, app_id = ctx.params["user_id"], ctx.params["application_id"]
    _require_user(store, user_id)
    record = store.c_authorized_apps.get(app_id)
    if record is None or record["_user_id"] != user_id:
        # The path's application_id may be the authorization's id or the application's.
        record = next(
            (
                store.c_authorized_apps.records[i]
                for i in store.c_authorized_apps.index("user", user_id)
                if store.c_authorized_apps.records[i]["application"]["id"] == app_id
            ),
            None,
        )
    if record is None:
        raise missing("Authorized application", app_id)
    store.c_authorized_apps.delete(record["id"])
    return Reply(204)


def _connected_account(ctx: Ctx) -> Reply:
    ctx.check_query("organization_id")
    store = ctx.store
    user_id, slug = ctx.params["user_id"], ctx.params["slug"]
    _require_user(store, user_id)
    record = store.connected_accounts.get((user_id, slug))
    org_id = single(ctx.query, "organization_id")
    if record is None or (org_id is not None and record["organization_id"] != org_id):
        raise missing("Connected account", slug)
    return Reply(200, record)


def _delete_connected_account(ctx: Ctx) -> Reply:
    ctx.check_query("organization_id")
    store = ctx.store
    user_id, slug = ctx.params["user_id"], ctx.params["slug"]
    _require_user(store, user_id)
    record = store.connected_accounts.get((user_id, slug))
    org_id = single(ctx.query, "organization_id")
    if record is None or (org_id is not None and record["organization_id"] != org_id):
        raise missing("Connected account", slug)
    del store.connected_accounts[(user_id, slug)]
    return Reply(204)


def _data_providers(ctx: Ctx) -> Reply:
    ctx.check_query("organization_id")
    store = ctx.store
    user_id = ctx.params["user_id"]
    _require_user(store, user_id)
    providers: list[Record] = []
    for provider in store.data_providers.get(user_id, []):
        account = store.connected_accounts.get((user_id, provider["slug"]))
        providers.append({**provider, "connected_account": account})
    return Reply(200, {"object": "list", "data": providers})


def _feature_flags(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS)
    store = ctx.store
    user_id = ctx.params["userId"]
    _require_user(store, user_id)
    flags = store.c_feature_flags
    ids = flags.index("user", user_id).ids
    return Reply(200, list_page(ctx.query, ids, lambda i: _public(flags.records[i])))


def _list_api_keys(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS, "organization_id")
    store = ctx.store
    user_id = ctx.params["userId"]
    _require_user(store, user_id)
    keys = store.c_api_keys
    org_id = single(ctx.query, "organization_id")
    keep = None
    if org_id is not None:

        def keep(i: str) -> bool:
            return bool(keys.records[i]["owner"]["organization_id"] == org_id)

    return Reply(200, list_page(ctx.query, keys.index("user", user_id).ids, keys.records, keep))


def _create_api_key(ctx: Ctx) -> Reply:
    store = ctx.store
    user_id = ctx.params["userId"]
    _require_user(store, user_id)
    body = ctx.body(
        {
            "name": F("string", required=True),
            "organization_id": F("string", required=True),
            "permissions": F("array<string>"),
        }
    )
    org_id = body["organization_id"]
    if org_id not in store.c_organizations.records:
        raise missing("Organization", org_id)
    membership_id = store.membership_by_pair.get((user_id, org_id))
    if membership_id is None or store.c_memberships.records[membership_id]["status"] != "active":
        raise FakeAPIError(
            400,
            {
                "message": "The user is not an active member of the organization.",
                "errors": [
                    error_item(
                        "user_not_organization_member", "not an active member.", "organization_id"
                    )
                ],
            },
        )
    value = "sk_user_" + "".join(
        store.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40)
    )
    now = store.now_iso()
    record: dict[str, Any] = {
        "object": "api_key",
        "id": store.new_id("api_key"),
        "owner": {"type": "user", "id": user_id, "organization_id": org_id},
        "name": body["name"],
        "obfuscated_value": "sk_user_..." + value[-4:],
        "last_used_at": None,
        "permissions": list(body.get("permissions") or []),
        "created_at": now,
        "updated_at": now,
    }
    store.c_api_keys.insert(record)
    store.api_key_values[record["id"]] = value
    return Reply(201, {**record, "value": value})


def register(router: Router) -> None:
    """Add the identities, authorized apps, connected accounts, data providers, flags and
    API key routes."""
    users = "/user_management/users"
    router.add("GET", users + "/{id}/identities", _identities)
    router.add("GET", users + "/{user_id}/authorized_applications", _authorized_apps)
    router.add(
        "DELETE",
        users + "/{user_id}/authorized_applications/{application_id}",
        _delete_authorized_app,
    )
    router.add("GET", users + "/{user_id}/connected_accounts/{slug}", _connected_account)
    router.add("DELETE", users + "/{user_id}/connected_accounts/{slug}", _delete_connected_account)
    router.add("GET", users + "/{user_id}/data_providers", _data_providers)
    router.add("GET", users + "/{userId}/feature-flags", _feature_flags)
    router.add("GET", users + "/{userId}/api_keys", _list_api_keys)
    router.add("POST", users + "/{userId}/api_keys", _create_api_key)
