"""Seed data: load users, organizations and memberships through the same rules as the API.

Shape (JSON, or YAML when PyYAML is installed)::

    {"organizations": [{"name": "Acme", "external_id": "acme", "domains": ["acme.com"]}],
     "users": [{"email": "ada@acme.com", "first_name": "Ada", "password": "correct-horse"}],
     "memberships": [{"user_email": "ada@acme.com", "organization_external_id": "acme",
                      "role_slug": "admin"}]}

Organizations and users take the fields of their create operations. A membership names its
user by ``user_id``, ``user_email`` or ``user_external_id`` and its organization by
``organization_id``, ``organization_external_id`` or ``organization_name``, plus optional
``role_slug`` / ``role_slugs`` and ``status`` (``active``, ``inactive``, ``pending``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import DomainError, describe
from .memberships import CREATE_SPEC as MEMBERSHIP_SPEC
from .memberships import STATUSES, create_membership
from .organizations import CREATE_SPEC as ORG_SPEC
from .organizations import create_organization
from .schema import check_body
from .store import FakeStore
from .users import CREATE_SPEC as USER_SPEC
from .users import create_user

SECTIONS = ("organizations", "users", "memberships")
_MEMBERSHIP_REFS = (
    "user_id",
    "user_email",
    "user_external_id",
    "organization_id",
    "organization_external_id",
    "organization_name",
    "role_slug",
    "role_slugs",
    "status",
)


def _resolve_membership(store: FakeStore, item: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(item) - set(_MEMBERSHIP_REFS))
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(unknown)}")
    for key, value in item.items():
        if key != "role_slugs" and not isinstance(value, str):
            raise ValueError(f"{key} must be a string")
    user_id = item.get("user_id")
    if user_id is None and item.get("user_email") is not None:
        user_id = store.user_by_email.get(str(item["user_email"]).lower())
        if user_id is None:
            raise ValueError(f"no user with email {item['user_email']!r}")
    if user_id is None and item.get("user_external_id") is not None:
        user_id = store.user_by_external_id.get(item["user_external_id"])
        if user_id is None:
            raise ValueError(f"no user with external_id {item['user_external_id']!r}")
    org_id = item.get("organization_id")
    if org_id is None and item.get("organization_external_id") is not None:
        org_id = store.org_by_external_id.get(item["organization_external_id"])
        if org_id is None:
            raise ValueError(
                f"no organization with external_id {item['organization_external_id']!r}"
            )
    if org_id is None and item.get("organization_name") is not None:
        org_id = next(
            (
                o["id"]
                for o in store.c_organizations.records.values()
                if o["name"] == item["organization_name"]
            ),
            None,
        )
        if org_id is None:
            raise ValueError(f"no organization named {item['organization_name']!r}")
    if user_id is None or org_id is None:
        raise ValueError(
            "needs a user (user_id/user_email/user_external_id) and an organization "
            "(organization_id/organization_external_id/organization_name)"
        )
    body = {"user_id": user_id, "organization_id": org_id}
    for key in ("role_slug", "role_slugs"):
        if key in item:
            body[key] = item[key]
    return body


def load_seed(store: FakeStore, data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Create the objects in ``data``; returns their ids by section. ``ValueError`` when bad."""
    if not isinstance(data, Mapping):
        raise ValueError(
            "seed data must be an object with 'organizations', 'users' and/or 'memberships'"
        )
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ValueError(
            f"unknown seed section(s): {', '.join(unknown)} (known: {', '.join(SECTIONS)})"
        )
    created: dict[str, list[str]] = {name: [] for name in SECTIONS}
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ValueError(f"seed {section} must be a list")
        for i, item in enumerate(items):
            where = f"{section}[{i}]"
            try:
                if not isinstance(item, Mapping):
                    raise ValueError("must be an object")
                if section == "organizations":
                    record = create_organization(store, check_body(item, ORG_SPEC))
                elif section == "users":
                    record = create_user(store, check_body(item, USER_SPEC))
                else:
                    status = item.get("status", "active")
                    if status not in STATUSES:
                        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
                    body = check_body(_resolve_membership(store, item), MEMBERSHIP_SPEC)
                    record = create_membership(store, body, status=status)
            except DomainError as exc:
                raise ValueError(f"seed {where}: {describe(exc)}") from None
            except ValueError as exc:
                raise ValueError(f"seed {where}: {exc}") from None
            created[section].append(record["id"])
    return created


def read_seed_file(path: str | Path) -> Any:
    """Parse a seed file: JSON, or YAML (``.yaml``/``.yml``) when PyYAML is importable."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read seed file {str(file)!r}: {exc.strerror or exc}") from None
    if file.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml  # type: ignore[import-untyped]
        except ImportError:
            raise ValueError(
                f"seed file {str(file)!r} is YAML but PyYAML is not installed: use JSON or pip install pyyaml"
            ) from None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ValueError(f"seed file {str(file)!r} is not valid YAML: {exc}") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ValueError(f"seed file {str(file)!r} is not valid JSON: {exc}") from None
