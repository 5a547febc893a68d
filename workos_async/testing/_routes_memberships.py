"""Organization memberships: ``/user_management/organization_memberships`` (every operation).

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

from ._errors import FakeAPIError, bad_request, coded, error_item, invalid_params, missing
from ._pagination import PAGE_PARAMS, SortedIds, list_page
from ._router import Ctx, Reply, Router
from ._store import FakeStore, Record
from ._validate import F, single

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
        raise invalid_params(
            "role_slug and role_slugs are mutually exclusive: send one.",
            [error_item("mutually_exclusive", "send role_slug or role_slugs.", "role_slugs")],
        )
    if body.get("role_slug") is not None:
        slugs = [body["role_slug"]]
    elif body.get("role_slugs") is not None:
        slugs = list(body["role_slugs"])
        if not slugs:
            raise invalid_params(
                "role_slugs must not be empty.",
                [error_item("required", "give at least one role.", "role_slugs")],
            )
        if len(slugs) > 1 and not store.multiple_roles_enabled:
            raise coded(
                422,
                "multiple_roles_not_enabled",
                "Multiple roles are not enabled for this environment.",
            )
    else:
        return None
    for slug in slugs:
        if slug not in store.roles:
            raise coded(422, "invalid_role", f"The role {slug!r} does not exist.", role_slug=slug)
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


def create_membership(
    store: FakeStore, body: dict[str, Any], *, status: str = "active"
) -> tuple[int, Record]:
    """Create (or reactivate) a membership from a validated body; returns (status, record)."""
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
            raise FakeAPIError(
                409,
                {
                    "code": "conflict",
                    "message": "The user already has an active membership in this organization.",
                },
            )
        if existing["status"] == "pending":
            raise bad_request(
                "cannot_reactivate_pending_organization_membership",
                "The user's membership in this organization is pending; it cannot be reactivated.",
            )
        if slugs is not None:
            revived = _with_roles(existing, slugs, status="active", updated_at=now)
        else:
            revived = {**existing, "status": "active", "updated_at": now}
        return 201, store.c_memberships.replace(revived)
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
    return 201, record


def _get_record(store: FakeStore, membership_id: str) -> Record:
    record = store.c_memberships.get(membership_id)
    if record is None:
        raise missing("Organization membership", membership_id)
    return record


def _list(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS, "user_id", "organization_id", "statuses")
    store = ctx.store
    query = ctx.query
    user_id = single(query, "user_id")
    org_id = single(query, "organization_id")
    if user_id is None and org_id is None:
        raise bad_request(
            "missing_user_id_or_organization_id", "Give user_id or organization_id (or both)."
        )
    raw_statuses = query.getall("statuses", ())
    if len(raw_statuses) > 1:
        raise bad_request(
            "invalid_request_parameters",
            "statuses must be sent once, comma-separated (statuses=active,inactive).",
        )
    wanted = {"active"}
    if raw_statuses:
        wanted = {s.strip() for s in raw_statuses[0].split(",") if s.strip()}
        bad = sorted(wanted - set(STATUSES))
        if bad or not wanted:
            raise bad_request(
                "invalid_request_parameters",
                f"statuses must be a comma-separated list of {', '.join(STATUSES)}; got {raw_statuses[0]!r}.",
            )
    memberships = store.c_memberships
    records = memberships.records
    by_user = memberships.index("user", user_id) if user_id is not None else None
    by_org = memberships.index("org", org_id) if org_id is not None else None
    if by_user is not None and by_org is not None:
        # Walk the shorter index and check the other filter on each record.
        if len(by_user) <= len(by_org):
            ids, field, other = by_user.ids, "organization_id", org_id
        else:
            ids, field, other = by_org.ids, "user_id", user_id

        def keep(i: str) -> bool:
            r = records[i]
            return r[field] == other and r["status"] in wanted

    else:
        chosen = by_user if by_user is not None else by_org
        assert chosen is not None
        ids = chosen.ids

        def keep(i: str) -> bool:
            return records[i]["status"] in wanted

    return Reply(200, list_page(query, ids, lambda i: render(store, records[i]), keep))


def _create(ctx: Ctx) -> Reply:
    status, record = create_membership(ctx.store, ctx.body(CREATE_SPEC))
    return Reply(status, render(ctx.store, record))


def _get(ctx: Ctx) -> Reply:
    return Reply(200, render(ctx.store, _get_record(ctx.store, ctx.params["id"])))


def _update(ctx: Ctx) -> Reply:
    store = ctx.store
    record = _get_record(store, ctx.params["id"])
    slugs = roles_from(store, ctx.body(UPDATE_SPEC))
    if slugs is not None:
        record = store.c_memberships.replace(_with_roles(record, slugs, updated_at=store.now_iso()))
    return Reply(200, render(store, record))


def _delete(ctx: Ctx) -> Reply:
    if ctx.store.delete_membership(ctx.params["id"]) is None:
        raise missing("Organization membership", ctx.params["id"])
    return Reply(200)


def _deactivate(ctx: Ctx) -> Reply:
    store = ctx.store
    record = _get_record(store, ctx.params["id"])
    if record["status"] == "pending":
        raise bad_request(
            "cannot_deactivate_pending_organization_membership",
            "A pending membership cannot be deactivated.",
        )
    if record["status"] == "active":
        record = store.c_memberships.update(
            record["id"], status="inactive", updated_at=store.now_iso()
        )
    return Reply(200, render(store, record))


def _reactivate(ctx: Ctx) -> Reply:
    store = ctx.store
    record = _get_record(store, ctx.params["id"])
    if record["status"] == "pending":
        raise bad_request(
            "cannot_reactivate_pending_organization_membership",
            "A pending membership cannot be reactivated.",
        )
    if record["status"] == "inactive":
        record = store.c_memberships.update(
            record["id"], status="active", updated_at=store.now_iso()
        )
    return Reply(200, render(store, record))


def _groups(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS)
    store = ctx.store
    _get_record(store, ctx.params["omId"])
    groups = store.c_groups
    ids = groups.index("membership", ctx.params["omId"]).ids

    def public(i: str) -> Record:
        return {k: v for k, v in groups.records[i].items() if not k.startswith("_")}

    return Reply(200, list_page(ctx.query, ids, public))


def register(router: Router) -> None:
    """Add the organization membership routes."""
    base = "/user_management/organization_memberships"
    router.add("GET", base, _list)
    router.add("POST", base, _create)
    router.add("GET", base + "/{id}", _get)
    router.add("PUT", base + "/{id}", _update)
    router.add("DELETE", base + "/{id}", _delete)
    router.add("PUT", base + "/{id}/deactivate", _deactivate)
    router.add("PUT", base + "/{id}/reactivate", _reactivate)
    router.add("GET", base + "/{omId}/groups", _groups)
