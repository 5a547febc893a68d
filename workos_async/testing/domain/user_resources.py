"""What else hangs off a user: sessions, factors, identities, authorized applications,
connected accounts, data providers, feature flags and user API keys.

Only API keys (and factors, :mod:`.factors`) are created through the API; tests add the others
with the store helpers (``add_identity``, ``add_authorized_application``,
``add_connected_account``, ``add_data_provider``, ``add_feature_flag``). Shapes follow the
spec: identities are a bare array; data providers ``{object: "list", data}`` without
``list_metadata``; the others are paginated envelopes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import Problem, error_item, message_only, missing
from .pagination import PageParams, list_page
from .schema import F
from .store import Collection, FakeStore, Record

API_KEY_SPEC: dict[str, F] = {
    "name": F("string", required=True),
    "organization_id": F("string", required=True),
    "permissions": F("array<string>"),
}


def require_user(store: FakeStore, user_id: str) -> None:
    """404 when there is no user ``user_id``."""
    if user_id not in store.c_users.records:
        raise missing("User", user_id)


def public(record: Record) -> Record:
    """The record without its private ``_`` keys."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


def list_of_user(
    store: FakeStore,
    collection: Collection,
    user_id: str,
    params: PageParams,
    *,
    keep: Callable[[str], bool] | None = None,
) -> dict[str, Any]:
    """One page of ``collection``'s records that belong to the user (404: no such user)."""
    require_user(store, user_id)
    records = collection.records
    return list_page(
        params, collection.index("user", user_id).ids, lambda i: public(records[i]), keep
    )


def identities(store: FakeStore, user_id: str) -> list[Record]:
    """The user's linked OAuth identities (a bare array)."""
    require_user(store, user_id)
    return list(store.identities.get(user_id, []))


def delete_authorized_app(store: FakeStore, user_id: str, app_id: str) -> None:
    """Remove an authorization; ``app_id`` may be the authorization's id or the application's."""
    require_user(store, user_id)
    apps = store.c_authorized_apps
    record = apps.get(app_id)
    if record is None or record["_user_id"] != user_id:
        record = next(
            (
                apps.records[i]
                for i in apps.index("user", user_id)
                if apps.records[i]["application"]["id"] == app_id
            ),
            None,
        )
    if record is None:
        raise missing("Authorized application", app_id)
    apps.delete(record["id"])


def connected_account(
    store: FakeStore, user_id: str, slug: str, organization_id: str | None
) -> Record:
    """The user's connected account for data provider ``slug`` (in ``organization_id``)."""
    require_user(store, user_id)
    record = store.connected_accounts.get((user_id, slug))
    if record is None or (
        organization_id is not None and record["organization_id"] != organization_id
    ):
        raise missing("Connected account", slug)
    return record


def delete_connected_account(
    store: FakeStore, user_id: str, slug: str, organization_id: str | None
) -> None:
    """Disconnect the user's account for data provider ``slug``."""
    connected_account(store, user_id, slug, organization_id)
    del store.connected_accounts[(user_id, slug)]


def data_providers(store: FakeStore, user_id: str) -> dict[str, Any]:
    """The data providers available to the user, each with its connected account (or null)."""
    require_user(store, user_id)
    providers: list[Record] = []
    for provider in store.data_providers.get(user_id, []):
        account = store.connected_accounts.get((user_id, provider["slug"]))
        providers.append({**provider, "connected_account": account})
    return {"object": "list", "data": providers}


def list_api_keys(
    store: FakeStore, user_id: str, params: PageParams, organization_id: str | None
) -> dict[str, Any]:
    """One page of the user's API keys (without their values)."""
    keys = store.c_api_keys
    keep = None
    if organization_id is not None:

        def keep(i: str) -> bool:
            return bool(keys.records[i]["owner"]["organization_id"] == organization_id)

    return list_of_user(store, keys, user_id, params, keep=keep)


def create_api_key(store: FakeStore, user_id: str, body: dict[str, Any]) -> Record:
    """A user API key in an organization the user is an active member of; the answer is the
    only place its value appears."""
    require_user(store, user_id)
    org_id = body["organization_id"]
    if org_id not in store.c_organizations.records:
        raise missing("Organization", org_id)
    membership_id = store.membership_by_pair.get((user_id, org_id))
    if membership_id is None or store.c_memberships.records[membership_id]["status"] != "active":
        raise message_only(
            Problem.REJECTED,
            "The user is not an active member of the organization.",
            [
                error_item(
                    "user_not_organization_member", "not an active member.", "organization_id"
                )
            ],
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
    return {**record, "value": value}


def revoke_session(store: FakeStore, session_id: str) -> None:
    """Revoke a session (400 ``{message}`` when there is none, as the spec says)."""
    if session_id not in store.c_sessions.records:
        raise message_only(Problem.REJECTED, f"Session not found: '{session_id}'.")
    store.revoke_session(session_id)
