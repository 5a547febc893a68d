"""Organizations (the spec's "related" operations, enough for memberships and bulk import):
create, get, get by external id, list (filtered by ``domains`` and ``search``), delete (which removes the organization's memberships and
invitations). ``external_id`` is unique
(400 ``external_id_already_used``); a domain belongs to one organization (409).
"""

from __future__ import annotations

import re
from typing import Any

from .errors import Problem, error_item, invalid, message_only, missing, rejected
from .pagination import PageParams, list_page
from .schema import F, metadata_problem
from .store import FakeStore, Record

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
            raise invalid(
                f"domain_data[{i}] must be {{domain: string, state: 'pending' | 'verified'}}.",
                [error_item("invalid_value", "expected {domain, state}.", f"domain_data[{i}]")],
            )
        unknown = set(item) - {"domain", "state"}
        if unknown:
            raise invalid(
                f"domain_data[{i}] has unknown field(s): {', '.join(sorted(unknown))}.",
                [error_item("unknown_field", "unknown field.", f"domain_data[{i}]")],
            )
        wanted.append((domain, state))
    for domain, _ in wanted:
        if not _DOMAIN_RE.match(domain):
            raise invalid(
                f"{domain!r} is not a valid domain.",
                [error_item("invalid_domain", f"{domain!r} is not a valid domain.", "domains")],
            )
    return wanted


def create_organization(store: FakeStore, body: dict[str, Any]) -> Record:
    """Create an organization from a validated body (raises the spec's errors)."""
    if not body["name"].strip():
        raise invalid(
            "name must not be empty.", [error_item("required", "name must not be empty.", "name")]
        )
    metadata = body.get("metadata") or {}
    why = metadata_problem(metadata)
    if why is not None:
        raise rejected("invalid_metadata", why)
    external_id = body.get("external_id")
    if external_id is not None and external_id in store.org_by_external_id:
        raise rejected(
            "external_id_already_used", "The external_id is already used by another organization."
        )
    domains = _domains(body)
    for domain, _ in domains:
        if domain.lower() in store.org_by_domain:
            raise message_only(
                Problem.CONFLICT, f"The domain {domain} is already used by another organization."
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


def get_organization(store: FakeStore, org_id: str) -> Record:
    """The organization (404 when there is none)."""
    return store.c_organizations.require(org_id, "Organization")


def get_organization_by_external_id(store: FakeStore, external_id: str) -> Record:
    """The organization with ``external_id`` (404 when there is none)."""
    orgs = store.c_organizations
    return orgs.require_by(store.org_by_external_id, external_id, "Organization with external_id")


def list_organizations(
    store: FakeStore,
    params: PageParams,
    *,
    domains: str | None = None,
    search: str | None = None,
) -> dict[str, Any]:
    """One page of organizations; ``domains`` (comma-separated) keeps those with one of the
    domains, ``search`` those whose name contains the text (case-insensitive)."""
    orgs = store.c_organizations
    wanted = {d.strip().lower() for d in domains.split(",") if d.strip()} if domains else None
    needle = search.lower() if search else None

    def keep(org_id: str) -> bool:
        record = orgs.records[org_id]
        if wanted is not None and not any(d["domain"].lower() in wanted for d in record["domains"]):
            return False
        return needle is None or needle in record["name"].lower()

    filtered = wanted is not None or needle is not None
    return list_page(params, orgs.ids.ids, orgs.records, keep if filtered else None)


def delete_organization(store: FakeStore, org_id: str) -> None:
    """Delete the organization, its memberships and invitations (404 when there is none)."""
    if store.delete_organization(org_id) is None:
        raise missing("Organization", org_id)
