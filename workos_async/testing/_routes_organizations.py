"""Organizations (the spec's "related" operations, enough for memberships and bulk import).

``POST /organizations``, ``GET /organizations`` (paginated), ``GET /organizations/{id}``,
``GET /organizations/external_id/{external_id}``, ``DELETE /organizations/{id}`` (200, no
body; removes the organization's memberships and invitations). ``external_id`` is unique
(400 ``external_id_already_used``); a domain belongs to one organization (409).
"""

from __future__ import annotations

import re
from typing import Any

from ._errors import FakeAPIError, bad_request, error_item, invalid_params, missing
from ._pagination import PAGE_PARAMS, list_page
from ._router import Ctx, Reply, Router
from ._store import FakeStore, Record
from ._validate import F, metadata_problem

CREATE_SPEC: dict[str, F] = {
    "name": F("string", required=True),
    "allow_profiles_outside_organization": F("boolean"),
    "domains": F("array<string>"),
    "domain_data": F("array<object>"),
    "metadata": F("map<string,string>", nullable=True),
    "external_id": F("string", nullable=True, max_length=128),
}

_DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)


def _domains(body: dict[str, Any]) -> list[tuple[str, str]]:
    wanted: list[tuple[str, str]] = [(d, "verified") for d in body.get("domains") or []]
    for i, item in enumerate(body.get("domain_data") or []):
        domain, state = item.get("domain"), item.get("state")
        if not isinstance(domain, str) or state not in ("pending", "verified"):
            raise invalid_params(
                f"domain_data[{i}] must be {{domain: string, state: 'pending' | 'verified'}}.",
                [error_item("invalid_value", "expected {domain, state}.", f"domain_data[{i}]")],
            )
        unknown = set(item) - {"domain", "state"}
        if unknown:
            raise invalid_params(
                f"domain_data[{i}] has unknown field(s): {', '.join(sorted(unknown))}.",
                [error_item("unknown_field", "unknown field.", f"domain_data[{i}]")],
            )
        wanted.append((domain, state))
    for domain, _ in wanted:
        if not _DOMAIN_RE.match(domain):
            raise invalid_params(
                f"{domain!r} is not a valid domain.",
                [error_item("invalid_domain", f"{domain!r} is not a valid domain.", "domains")],
            )
    return wanted


def create_organization(store: FakeStore, body: dict[str, Any]) -> Record:
    """Create an organization from a validated body (raises the spec's errors)."""
    if not body["name"].strip():
        raise invalid_params(
            "name must not be empty.", [error_item("required", "name must not be empty.", "name")]
        )
    metadata = body.get("metadata") or {}
    why = metadata_problem(metadata)
    if why is not None:
        raise bad_request("invalid_metadata", why)
    external_id = body.get("external_id")
    if external_id is not None and external_id in store.org_by_external_id:
        raise bad_request(
            "external_id_already_used", "The external_id is already used by another organization."
        )
    domains = _domains(body)
    for domain, _ in domains:
        if domain.lower() in store.org_by_domain:
            raise FakeAPIError(
                409, {"message": f"The domain {domain} is already used by another organization."}
            )
    now = store.now_iso()
    org_id = store.new_id("org")
    record: Record = {
        "object": "organization",
        "id": org_id,
        "name": body["name"],
        "allow_profiles_outside_organization": bool(
            body.get("allow_profiles_outside_organization", False)
        ),
        "domains": [
            {
                "object": "organization_domain",
                "id": store.new_id("org_domain"),
                "organization_id": org_id,
                "domain": domain,
                "state": state,
                "verification_strategy": "manual",
                "created_at": now,
                "updated_at": now,
            }
            for domain, state in domains
        ],
        "metadata": dict(metadata),
        "external_id": external_id,
        "created_at": now,
        "updated_at": now,
    }
    store.c_organizations.insert(record)
    if external_id is not None:
        store.org_by_external_id[external_id] = org_id
    for domain, _ in domains:
        store.org_by_domain[domain.lower()] = org_id
    return record


def _create(ctx: Ctx) -> Reply:
    return Reply(201, create_organization(ctx.store, ctx.body(CREATE_SPEC)))


def _list(ctx: Ctx) -> Reply:
    ctx.check_query(*PAGE_PARAMS)
    orgs = ctx.store.c_organizations
    return Reply(200, list_page(ctx.query, orgs.ids.ids, orgs.records))


def _get(ctx: Ctx) -> Reply:
    org = ctx.store.c_organizations.get(ctx.params["id"])
    if org is None:
        raise missing("Organization", ctx.params["id"])
    return Reply(200, org)


def _get_by_external_id(ctx: Ctx) -> Reply:
    external_id = ctx.params["external_id"]
    org_id = ctx.store.org_by_external_id.get(external_id)
    if org_id is None:
        raise missing("Organization with external_id", external_id)
    return Reply(200, ctx.store.c_organizations.records[org_id])


def _delete(ctx: Ctx) -> Reply:
    if ctx.store.delete_organization(ctx.params["id"]) is None:
        raise missing("Organization", ctx.params["id"])
    return Reply(200)


def register(router: Router) -> None:
    """Add the organization routes."""
    router.add("POST", "/organizations", _create)
    router.add("GET", "/organizations", _list)
    router.add("GET", "/organizations/{id}", _get)
    router.add("GET", "/organizations/external_id/{external_id}", _get_by_external_id)
    router.add("DELETE", "/organizations/{id}", _delete)
