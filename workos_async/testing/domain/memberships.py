"""Organization memberships: create, read, change roles, deactivate, reactivate, delete, list.

Responses embed the full ``user`` and the ``organization_name``. Listing needs ``user_id`` or
``organization_id`` (400 ``missing_user_id_or_organization_id``) and returns active
memberships unless ``statuses`` (comma-separated: ``statuses=active,inactive``) says otherwise.
``role_slug`` and ``role_slugs`` exclude each other. Creating a membership that exists: an
active one is a 409 ``conflict`` (the spec is silent; WorkOS's emulator answers this), an
inactive one is reactivated, a pending one is 400
``cannot_reactivate_pending_organization_membership``. Deactivating an inactive membership or
reactivating an active one returns it unchanged.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem, coded, error_item, invalid, missing, rejected
from .pagination import PageParams, SortedIds, list_page
from .schema import F
from .store import FakeStore, Record

CREATE_SPEC: dict[str, F] = {
    "user_id": F("string", required=True),
    "organization_id": F("string", required=True),
    "role_slug": F("string"),
    "role_slugs": F("array<string>"),
}
UPDATE_SPEC: dict[str, F] = {"role_slug": F("string"), "role_slugs": F("array<string>")}
STATUSES = ("active", "inactive", "pending")


def render(store: FakeStore, record: Record) -> Record:
    """The API shape: the stored record plus the embedded user and the organization name."""
    out = dict(record)
    out["user"] = store.c_users.records[record["user_id"]]
    org = store.c_organizations.records.get(record["organization_id"])
    if org is not None:
        out["organization_name"] = org["name"]
    return out


def roles_from(store: FakeStore, body: dict[str, Any]) -> list[str] | None:
    """The role slugs of a create/update body (``None``: not given); 422 when invalid."""
    if body.get("role_slug") is not None and body.get("role_slugs") is not None:
        raise invalid(
            "role_slug and role_slugs are mutually exclusive: send one.",
            [error_item("mutually_exclusive", "send role_slug or role_slugs.", "role_slugs")],
        )
    if body.get("role_slug") is not None:
        slugs = [body["role_slug"]]
    elif body.get("role_slugs") is not None:
        slugs = list(body["role_slugs"])
        if not slugs:
            raise invalid(
                "role_slugs must not be empty.",
                [error_item("required", "give at least one role.", "role_slugs")],
            )
        if len(slugs) > 1 and not store.multiple_roles_enabled:
            raise coded(
                Problem.INVALID,
                "multiple_roles_not_enabled",
                "Multiple roles are not enabled for this environment.",
            )
    else:
        return None
    for slug in slugs:
        if slug not in store.roles:
            raise coded(
                Problem.INVALID,
                "invalid_role",
                f"The role {slug!r} does not exist.",
                role_slug=slug,
            )
    return slugs


def _role_fields(slugs: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"role": {"slug": slugs[0]}}
    if len(slugs) > 1:
        fields["roles"] = [{"slug": s} for s in slugs]
    return fields


def _with_roles(record: Record, slugs: list[str], **changes: Any) -> Record:
    """A copy of ``record`` with new roles (``roles`` only when there are several)."""
    out = {k: v for k, v in record.items() if k != "roles"}
    out.update(_role_fields(slugs))
    out.update(changes)
    return out


def create_membership(store: FakeStore, body: dict[str, Any], *, status: str = "active") -> Record:
    """Create (or reactivate) a membership from a validated body."""
    user_id, org_id = body["user_id"], body["organization_id"]
    if user_id not in store.c_users.records:
        raise missing("User", user_id)
    if org_id not in store.c_organizations.records:
        raise missing("Organization", org_id)
    slugs = roles_from(store, body)
    now = store.now_iso()
    existing_id = store.membership_by_pair.get((user_id, org_id))
    if existing_id is not None:
        existing = store.c_memberships.records[existing_id]
        if existing["status"] == "active":
            raise coded(
                Problem.CONFLICT,
                "conflict",
                "The user already has an active membership in this organization.",
            )
        if existing["status"] == "pending":
            raise rejected(
                "cannot_reactivate_pending_organization_membership",
                "The user's membership in this organization is pending; it cannot be reactivated.",
            )
        if slugs is not None:
            revived = _with_roles(existing, slugs, status="active", updated_at=now)
        else:
            revived = {**existing, "status": "active", "updated_at": now}
        return store.c_memberships.replace(revived)
    record: Record = {
        "object": "organization_membership",
        "id": store.new_id("om"),
        "user_id": user_id,
        "organization_id": org_id,
        "status": status,
        "directory_managed": False,
        "custom_attributes": {},
        "created_at": now,
        "updated_at": now,
        **_role_fields(slugs or [store.default_role]),
    }
    store.c_memberships.insert(record)
    store.membership_by_pair[(user_id, org_id)] = record["id"]
    store.org_user_ids.setdefault(org_id, SortedIds()).add(user_id)
    return record


def get_membership(store: FakeStore, membership_id: str) -> Record:
    """The stored membership (404 when there is none)."""
    return store.c_memberships.require(membership_id, "Organization membership")


def join(store: FakeStore, user_id: str, org_id: str, role_slug: str | None) -> None:
    """Make ``user_id`` an active member of ``org_id`` (what accepting an invitation does): a
    pending membership becomes active, an inactive or missing one is (re)created."""
    existing = store.membership_by_pair.get((user_id, org_id))
    status = store.c_memberships.records[existing]["status"] if existing else None
    if status == "pending" and existing is not None:
        store.c_memberships.update(existing, status="active", updated_at=store.now_iso())
    elif status != "active":
        body: dict[str, Any] = {"user_id": user_id, "organization_id": org_id}
        if role_slug is not None:
            body["role_slug"] = role_slug
        create_membership(store, body)


def parse_statuses(values: list[str]) -> set[str]:
    """The ``statuses`` filter: given once, comma-separated (default: active only)."""
    if len(values) > 1:
        raise rejected(
            "invalid_request_parameters",
            "statuses must be sent once, comma-separated (statuses=active,inactive).",
        )
    if not values:
        return {"active"}
    wanted = {s.strip() for s in values[0].split(",") if s.strip()}
    bad = sorted(wanted - set(STATUSES))
    if bad or not wanted:
        raise rejected(
            "invalid_request_parameters",
            f"statuses must be a comma-separated list of {', '.join(STATUSES)}; got {values[0]!r}.",
        )
    return wanted


def list_memberships(
    store: FakeStore,
    params: PageParams,
    *,
    user_id: str | None,
    organization_id: str | None,
    statuses: set[str],
) -> dict[str, Any]:
    """One page of memberships of a user and/or an organization with one of ``statuses``."""
    if user_id is None and organization_id is None:
        raise rejected(
            "missing_user_id_or_organization_id", "Give user_id or organization_id (or both)."
        )
    memberships = store.c_memberships
    records = memberships.records
    by_user = memberships.index("user", user_id) if user_id is not None else None
    by_org = memberships.index("org", organization_id) if organization_id is not None else None
    if by_user is not None and by_org is not None:
        # Walk the shorter index and check the other filter on each record.
        if len(by_user) <= len(by_org):
            ids, field, other = by_user.ids, "organization_id", organization_id
        else:
            ids, field, other = by_org.ids, "user_id", user_id

        def keep(i: str) -> bool:
            r = records[i]
            return r[field] == other and r["status"] in statuses

    else:
        chosen = by_user if by_user is not None else by_org
        assert chosen is not None
        ids = chosen.ids

        def keep(i: str) -> bool:
            return records[i]["status"] in statuses

    return list_page(params, ids, lambda i: render(store, records[i]), keep)


def update_membership(store: FakeStore, membership_id: str, body: dict[str, Any]) -> Record:
    """Change the roles (``role_slug`` or ``role_slugs``) of a membership."""
    record = get_membership(store, membership_id)
    slugs = roles_from(store, body)
    if slugs is not None:
        record = store.c_memberships.replace(_with_roles(record, slugs, updated_at=store.now_iso()))
    return record


def delete_membership(store: FakeStore, membership_id: str) -> None:
    """Delete a membership (404 when there is none)."""
    if store.delete_membership(membership_id) is None:
        raise missing("Organization membership", membership_id)


def set_active(store: FakeStore, membership_id: str, active: bool) -> Record:
    """Deactivate or reactivate; a pending membership refuses both, the same state is a no-op."""
    record = get_membership(store, membership_id)
    verb = "reactivate" if active else "deactivate"
    if record["status"] == "pending":
        raise rejected(
            f"cannot_{verb}_pending_organization_membership",
            f"A pending membership cannot be {verb}d.",
        )
    wanted = "active" if active else "inactive"
    if record["status"] != wanted:
        record = store.c_memberships.update(record["id"], status=wanted, updated_at=store.now_iso())
    return record


def list_groups(store: FakeStore, membership_id: str, params: PageParams) -> dict[str, Any]:
    """One page of the groups a membership is in."""
    get_membership(store, membership_id)
    groups = store.c_groups
    ids = groups.index("membership", membership_id).ids

    def public(i: str) -> Record:
        return {k: v for k, v in groups.records[i].items() if not k.startswith("_")}

    return list_page(params, ids, public)
