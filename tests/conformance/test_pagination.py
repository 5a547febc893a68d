"""Listing 263 users through both clients: ``async for`` and ``for``, forward with ``after``
and backward from a ``before`` cursor, in ``desc`` and ``asc`` order.

The users are created once for the module, all in one organization created through the API,
and every list is filtered by that ``organization_id``: other tests create users in the same
emulator, and the filter keeps this population exact. Creating it costs 527 requests, spread
over two API keys (each has 1,000 requests per 60 s).

The emulator's ``before`` cursor is buggy (emulator.md, "Pagination semantics"): ``before=X``
returns the *first* ``limit`` items of the list up to X, not the ``limit`` items just before
X, and then sends ``list_metadata.before = null``. The SDK follows the spec: it sends the
cursor, returns the page it got, and stops walking backward when ``before`` is null. The tests
below show exactly that, and state what the spec's answer would have been.
"""

from __future__ import annotations

import asyncio

import attrs
import pytest

from workos_async import AsyncWorkOS
from workos_async.models import User

from ._emulator import Emulator
from .test_clients import CLIENT_OPTIONS, Api

POPULATION = 263  # three pages of 100 (the last one short), and more than 250
CREATE_CONCURRENCY = 16


@attrs.frozen
class Population:
    """The module's users, all members of ``organization_id``, oldest first."""

    organization_id: str
    ascending: tuple[str, ...]

    @property
    def descending(self) -> tuple[str, ...]:
        return tuple(reversed(self.ascending))


async def _populate(emulator: Emulator) -> Population:
    users_key, memberships_key = emulator.extra_api_keys[-1], emulator.extra_api_keys[-2]
    common = {"client_id": emulator.client_id, "base_url": emulator.url, **CLIENT_OPTIONS}
    gate = asyncio.Semaphore(CREATE_CONCURRENCY)
    async with (
        AsyncWorkOS(api_key=users_key, **common) as for_users,
        AsyncWorkOS(api_key=memberships_key, **common) as for_memberships,
    ):
        org = await for_memberships.organizations.create_organization(name="Conformance pagination")

        async def member(index: int) -> User:
            async with gate:
                user = await for_users.user_management.create_user(
                    email=f"conformance-page-{index:03d}-{org.id.lower()}@example.com"
                )
                await for_memberships.user_management.create_organization_membership(
                    user_id=user.id, organization_id=org.id
                )
                return user

        users = await asyncio.gather(*(member(i) for i in range(POPULATION)))
    # The emulator sorts by (created_at, id); compute the expected order the same way.
    ordered = sorted(users, key=lambda u: (u.created_at, u.id))
    return Population(org.id, tuple(u.id for u in ordered))


@pytest.fixture(scope="module")
def population(emulator: Emulator) -> Population:
    # A sync module-scoped fixture with its own short-lived loop: the population is shared by
    # every test of the module, whatever loop each test runs in.
    return asyncio.run(_populate(emulator))


async def test_population_is_in_place(api: Api, population: Population) -> None:
    assert len(set(population.ascending)) == POPULATION
    page = await api.user_management.list_users(organization_id=population.organization_id, limit=5)
    assert [u.id for u in page.data] == list(population.descending[:5])


@pytest.mark.parametrize("order", ["desc", "asc"])
async def test_walk_forward_yields_every_user_once_in_order(
    api: Api, population: Population, order: str
) -> None:
    expected = list(population.descending if order == "desc" else population.ascending)
    users = await api.walk(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        order=order,
        limit=100,
    )
    assert all(isinstance(u, User) for u in users)
    assert [u.id for u in users] == expected

    pages = await api.walk_pages(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        order=order,
        limit=100,
    )
    assert [len(p.data) for p in pages] == [100, 100, 63]
    assert [p.ids for p in pages] == [expected[:100], expected[100:200], expected[200:]]
    # `after` is the last id while more remain, then null; `before` is the first id of every
    # page but the first.
    assert [p.list_metadata.after for p in pages] == [expected[99], expected[199], None]
    assert [p.list_metadata.before for p in pages] == [None, expected[100], expected[200]]


async def test_walk_with_odd_page_sizes(api: Api, population: Population) -> None:
    pages = await api.walk_pages(
        "user_management", "list_users", organization_id=population.organization_id, limit=37
    )
    assert [len(p.data) for p in pages] == [37] * 7 + [4]
    assert [i for p in pages for i in p.ids] == list(population.descending)


async def test_max_items_stops_the_walk_early(api: Api, population: Population) -> None:
    users = await api.walk(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        order="asc",
        max_items=150,
    )
    assert [u.id for u in users] == list(population.ascending[:150])


async def test_walk_forward_from_an_after_cursor(api: Api, population: Population) -> None:
    cursor = population.descending[199]
    users = await api.walk(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        after=cursor,
        limit=25,
    )
    assert [u.id for u in users] == list(population.descending[200:])


@pytest.mark.parametrize("order", ["desc", "asc"])
async def test_walk_backward_from_a_before_cursor(
    api: Api, population: Population, order: str
) -> None:
    expected = list(population.descending if order == "desc" else population.ascending)
    limit = 25
    cursor = expected[3 * limit]  # first item of page four

    pages = await api.walk_pages(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        order=order,
        limit=limit,
        before=cursor,
    )
    # Spec: before=X gives the 25 items just before X (expected[50:75]) with `before` set to
    # their first id, and walking back yields expected[50:75], [25:50], [0:25] - all 75 items
    # before X. Emulator departure: it gives the *first* 25 items of the list (expected[0:25])
    # with before=null. The SDK sent the cursor, got that page, and correctly stopped walking
    # backward at the null cursor: one page, the list's first.
    assert len(pages) == 1
    assert pages[0].ids == expected[:limit]
    assert pages[0].list_metadata.before is None
    assert pages[0].list_metadata.after == expected[limit - 1]

    users = await api.walk(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        order=order,
        limit=limit,
        before=cursor,
    )
    assert [u.id for u in users] == expected[:limit]  # spec: expected[:75], newest page first


@pytest.mark.parametrize("order", ["desc", "asc"])
async def test_walk_backward_within_one_page_is_exact(
    api: Api, population: Population, order: str
) -> None:
    # When X is at most `limit` items from the start, "the first `limit` items up to X" and
    # "the `limit` items just before X" are the same: here the emulator's answer is the spec's.
    expected = list(population.descending if order == "desc" else population.ascending)
    cursor = expected[40]
    users = await api.walk(
        "user_management",
        "list_users",
        organization_id=population.organization_id,
        order=order,
        limit=50,
        before=cursor,
    )
    assert [u.id for u in users] == expected[:40]


async def test_previous_page_from_page_three_lands_on_page_one(
    api: Api, population: Population
) -> None:
    expected = list(population.descending)
    limit = 30
    page_one = await api.user_management.list_users(
        organization_id=population.organization_id, limit=limit
    )
    page_two = await api.neighbour(page_one, "next")
    page_three = await api.neighbour(page_two, "next")
    assert [u.id for u in page_three.data] == expected[60:90]
    assert page_three.list_metadata.before == expected[60]
    # Spec: previous_page() of page three is page two (expected[30:60]). Emulator departure:
    # `before` gives the list's first 30 items, so the SDK lands on page one, whose null
    # `before` then ends the backward walk.
    back = await api.neighbour(page_three, "previous")
    assert [u.id for u in back.data] == expected[:30]
    assert back.list_metadata.before is None
    assert await api.neighbour(back, "previous") is None


async def test_order_normal_is_treated_as_ascending(api: Api, population: Population) -> None:
    # Spec: order=normal is descending (the default order). Emulator departure: `normal`
    # (like any value other than `desc`) sorts ascending. The SDK sends `normal` as given.
    page = await api.user_management.list_users(
        organization_id=population.organization_id, order="normal", limit=5
    )
    assert [u.id for u in page.data] == list(population.ascending[:5])
    default = await api.user_management.list_users(
        organization_id=population.organization_id, limit=5
    )
    assert [u.id for u in default.data] == list(population.descending[:5])


@pytest.mark.parametrize("limit", [0, 101, -3])
async def test_limit_out_of_the_spec_range_fails_before_any_request(
    api: Api, population: Population, limit: int
) -> None:
    # The emulator would clamp these (0 -> 10, 101 -> 100, -3 -> 1); the spec says 1..100,
    # and the SDK refuses other values before sending anything.
    with pytest.raises(ValueError, match="'limit' must be between 1 and 100"):
        await api.walk(
            "user_management",
            "list_users",
            organization_id=population.organization_id,
            limit=limit,
        )
