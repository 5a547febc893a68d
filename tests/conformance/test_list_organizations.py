"""``organizations.list_organizations`` (GET /organizations) against the emulator, through both
clients: the cursor walk over organizations created through the API, and the ``domains``
filter (bulk import finds organizations by name with this list).

Other tests create organizations in the same emulator, so every check is about this module's
organizations (their names carry a unique tag), never about the list's total.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import pytest

from workos_async import NotFoundError
from workos_async.models import Organization

from .test_clients import Api


@pytest.fixture
async def organizations(api: Api) -> AsyncIterator[list[Organization]]:
    tag = uuid.uuid4().hex[:12]
    created: list[Organization] = []
    for i in range(3):
        org: Organization = await api.organizations.create_organization(
            name=f"Listed {tag} {i}",
            domain_data=[{"domain": f"{tag}-{i}.example.com", "state": "verified"}],
        )
        created.append(org)
    yield created
    for org in created:
        with contextlib.suppress(NotFoundError):
            await api.organizations.delete_organization(org.id)


async def test_walk_finds_every_created_organization_once(
    api: Api, organizations: list[Organization]
) -> None:
    ids = [o.id for o in await api.walk("organizations", "list_organizations", limit=2)]
    assert len(ids) == len(set(ids)), "a cursor walk repeated an organization"
    mine = [i for i in ids if i in {o.id for o in organizations}]
    # Newest first by default: the module's organizations in reverse creation order.
    assert mine == [o.id for o in reversed(organizations)]
    listed = {o.id: o for o in (await api.organizations.list_organizations(limit=100)).data}
    for org in organizations:
        if org.id in listed:
            assert listed[org.id].name == org.name
            assert [d.domain for d in listed[org.id].domains] == [d.domain for d in org.domains]


async def test_domains_filter(api: Api, organizations: list[Organization]) -> None:
    first, _, last = organizations
    page = await api.organizations.list_organizations(domains=[first.domains[0].domain])
    assert [o.id for o in page.data] == [first.id]
    # Departure: the SDK sends several domains comma-separated, as the official SDK does
    # (``domains=a.example.com,b.example.com``); the emulator compares the whole value with
    # each domain, so it matches none. The spec's answer would be ``first`` and ``last``.
    both = await api.organizations.list_organizations(
        domains=[first.domains[0].domain, last.domains[0].domain]
    )
    assert both.data == []


async def test_search_is_not_a_filter_of_the_emulator(
    api: Api, organizations: list[Organization]
) -> None:
    # Departure: the emulator filters by ``name`` (not a documented parameter) and ignores
    # ``search``; WorkOS's ``search`` matches the organization name. Bulk import does not
    # rely on either: it walks the whole list once and matches names itself.
    tag = organizations[0].name.split()[1]
    page = await api.organizations.list_organizations(search=f"Listed {tag} 1", limit=100)
    assert organizations[1].id in {o.id for o in page.data}
    assert {o.id for o in page.data} >= {o.id for o in organizations}
