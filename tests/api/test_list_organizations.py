"""``organizations.list_organizations`` through both clients against the fake: the cursor
pagination walks every organization once, ``domains`` and ``search`` filter, and the
query goes out as the official SDK sends it (``domains`` comma-separated)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from workos_async import AsyncWorkOS, WorkOS
from workos_async.models import Organization
from workos_async.testing import FakeWorkOS

API_KEY = "sk_test_list_orgs_SECRET"
NAMES = ("Acme", "Acme Labs", "Globex", "Initech", "Umbrella")


@pytest.fixture
def served() -> Iterator[FakeWorkOS]:
    fake = FakeWorkOS(api_key=API_KEY)
    with fake.run_in_thread():
        yield fake


def _seed(client: WorkOS) -> list[Organization]:
    return [
        client.organizations.create_organization(
            name=name, domains=[f"{name.lower().replace(' ', '')}.example.com"]
        )
        for name in NAMES
    ]


def test_blocking_client_walks_every_page_and_filters(served: FakeWorkOS) -> None:
    with WorkOS(api_key=API_KEY, client_id="client_x", base_url=served.url) as client:
        created = _seed(client)
        walked = list(client.organizations.list_organizations(limit=2, order="asc"))
        assert [o.id for o in walked] == [o.id for o in created]
        first = client.organizations.list_organizations(limit=2).first_page()
        assert len(first.data) == 2 and first.list_metadata.after is not None
        by_domain = list(
            client.organizations.list_organizations(
                domains=["globex.example.com", "initech.example.com"]
            )
        )
        assert sorted(o.name for o in by_domain) == ["Globex", "Initech"]
        searched = list(client.organizations.list_organizations(search="acme"))
        assert sorted(o.name for o in searched) == ["Acme", "Acme Labs"]
    lists = [r for r in served.requests if r.method == "GET" and r.path == "/organizations"]
    assert any(r.query.get("domains") == ["globex.example.com,initech.example.com"] for r in lists)


async def test_async_client_walks_every_page_and_filters(served: FakeWorkOS) -> None:
    async with AsyncWorkOS(api_key=API_KEY, client_id="client_x", base_url=served.url) as client:
        created = [
            await client.organizations.create_organization(
                name=name, domains=[f"{name.lower().replace(' ', '')}.example.com"]
            )
            for name in NAMES
        ]
        walked = [o async for o in client.organizations.list_organizations(limit=2)]
        assert [o.id for o in walked] == [o.id for o in reversed(created)]
        assert all(isinstance(o, Organization) for o in walked)
        page = await client.organizations.list_organizations(limit=3, order="asc")
        assert [o.name for o in page.data] == list(NAMES[:3])
        later = await page.next_page()
        assert later is not None and [o.name for o in later.data] == list(NAMES[3:])
        by_domain = await client.organizations.list_organizations(domains=["acme.example.com"])
        assert [o.name for o in by_domain.data] == ["Acme"]
        assert by_domain.data[0].domains[0].domain == "acme.example.com"
        none = await client.organizations.list_organizations(search="no such company")
        assert none.data == [] and not none.has_more()
