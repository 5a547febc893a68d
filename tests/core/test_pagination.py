"""``AsyncPager`` against the fake's spec cursors: three+ pages both ways, orders, caps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from workos_async import AsyncPager, AsyncWorkOS, Page
from workos_async.testing import FakeWorkOS


@pytest.fixture
async def client() -> AsyncIterator[AsyncWorkOS]:
    async with FakeWorkOS() as fake, AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) as c:
        for i in range(25):
            await c.user_management.create_user(email=f"u{i:02d}@example.com")
        yield c


async def test_await_gives_the_first_page(client: AsyncWorkOS) -> None:
    pager = client.user_management.list_users(limit=10)
    assert isinstance(pager, AsyncPager)
    page = await pager
    assert isinstance(page, Page) and len(page.data) == 10
    assert page.after is not None and page.has_next_page()


async def test_async_for_walks_every_item_forward(client: AsyncWorkOS) -> None:
    emails = [u.email async for u in client.user_management.list_users(limit=7)]
    assert len(emails) == 25 and len(set(emails)) == 25
    # Default order is newest first.
    assert emails == sorted(emails, reverse=True)


@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_pages_forward_then_backward(client: AsyncWorkOS, order: str) -> None:
    forward: list[Page[Any]] = [
        p async for p in client.user_management.list_users(limit=10, order=order).pages()
    ]
    assert [len(p.data) for p in forward] == [10, 10, 5]
    all_forward = [u.id for p in forward for u in p.data]
    assert len(set(all_forward)) == 25
    # From the last page, walk back with `before`: the same pages in reverse.
    last = forward[-1]
    back: list[Page[Any]] = [last]
    page = await last.previous_page()
    while page is not None:
        back.append(page)
        page = await page.previous_page()
    assert [u.id for p in reversed(back) for u in p.data] == all_forward


async def test_iteration_started_from_before_follows_before(client: AsyncWorkOS) -> None:
    pages = [p async for p in client.user_management.list_users(limit=10, order="asc").pages()]
    cursor = pages[-1].data[0].id  # first item of the last page
    earlier = [
        u.id async for u in client.user_management.list_users(limit=4, order="asc", before=cursor)
    ]
    expected = [u.id for p in pages[:-1] for u in p.data]
    assert sorted(earlier) == sorted(expected) and len(earlier) == 20


async def test_max_items_caps_iteration(client: AsyncWorkOS) -> None:
    got = [u async for u in client.user_management.list_users(max_items=12)]
    assert len(got) == 12
    assert [u async for u in client.user_management.list_users(max_items=0)] == []


async def test_filter_and_page_helpers(client: AsyncWorkOS) -> None:
    page = await client.user_management.list_users(email="u03@example.com")
    assert [u.email for u in page] == ["u03@example.com"]
    assert await page.next_page() is None


async def test_normal_order_walks_older_records_through_before(client: AsyncWorkOS) -> None:
    # order=normal is descending, and per the spec `before` leads to the older records.
    emails = [u.email async for u in client.user_management.list_users(limit=10, order="normal")]
    assert len(emails) == 25
    assert emails == sorted(emails, reverse=True)


# ---- a server whose cursors loop -----------------------------------------------------------


def _page(ids: list[str], after: str | None) -> dict[str, object]:
    from .conftest import USER

    return {
        "object": "list",
        "data": [{**USER, "id": i} for i in ids],
        "list_metadata": {"before": None, "after": after},
    }


@pytest.mark.parametrize(
    "cursors",
    [["A", "A"], ["A", "B", "A"], ["A", "B", "C", "B"]],
    ids=["A-A", "A-B-A", "A-B-C-B"],
)
async def test_any_repeated_cursor_stops_iteration(cursors: list[str]) -> None:
    from workos_async import PaginationError

    from .conftest import API_KEY
    from .scripted_server import ScriptedServer, respond

    server = ScriptedServer()
    await server.start()
    try:
        server.add(*[respond(200, _page([f"user_{n}"], c)) for n, c in enumerate(cursors)])
        async with AsyncWorkOS(api_key=API_KEY, base_url=server.url) as c:
            seen: list[str] = []
            with pytest.raises(PaginationError, match="again"):
                async for user in c.user_management.list_users(limit=1):
                    seen.append(user.id)
        assert seen == [f"user_{n}" for n in range(len(cursors))]
        assert len(server.received) == len(cursors)  # no request for the repeated cursor
    finally:
        await server.stop()
