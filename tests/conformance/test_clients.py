"""The two faces of the SDK, driven the same way against the emulator.

Every conformance test runs once through ``AsyncWorkOS`` and once through the blocking
``WorkOS``. :class:`Api` gives both one awaitable interface, so a test body is written once:

- ``await api.user_management.get_user(uid)``: the async method awaited, or the blocking
  method called in a worker thread (the blocking client must never be called from the test's
  event-loop thread; it refuses that). A ``list_*`` call gives its first page.
- ``await api.walk("user_management", "list_users", ...)``: every item, through ``async for``
  on the ``AsyncPager`` or a plain ``for`` on the ``SyncPager``.
- ``await api.walk_pages(...)``: the pages of such a walk, with their cursors.

This module also holds the tests of the driver itself (that it reaches the real clients).
Each other module opens its ``api`` fixture with :func:`open_api` (conftest.py belongs to the
harness, so the fixture is a few lines per module rather than shared there).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Literal

import attrs
import pytest

from workos_async import AsyncPager, AsyncWorkOS, ListMetadata, NotFoundError, WorkOS
from workos_async._endpoints import ENDPOINTS
from workos_async._helpers import MIXINS
from workos_async.models import User
from workos_async.sync import SyncPager

from ._emulator import Emulator
from .conftest import CONFORMANCE_DIR

Flavor = Literal["async", "sync"]
FLAVORS: tuple[Flavor, ...] = ("async", "sync")

#: Conformance clients never retry: a 429 or a 5xx from the emulator must show up as the
#: error it is, not as a silent wait of up to a minute.
CLIENT_OPTIONS: dict[str, Any] = {"max_retries": 0, "timeout": 15.0}


@attrs.frozen
class PageView:
    """One page of a walk: the items and the cursors the server sent with them."""

    data: list[Any]
    list_metadata: ListMetadata

    @property
    def ids(self) -> list[str]:
        return [item.id for item in self.data]


class _Resource:
    """``api.user_management`` / ``api.organizations``: every method as an awaitable."""

    def __init__(self, api: Api, name: str) -> None:
        self._api = api
        self._name = name

    def __getattr__(self, method: str) -> Callable[..., Awaitable[Any]]:
        return functools.partial(self._api.call, self._name, method)


class Api:
    """One SDK client (``flavor`` says which) behind the interface the tests use."""

    def __init__(self, flavor: Flavor, client: AsyncWorkOS | WorkOS, emulator: Emulator) -> None:
        self.flavor = flavor
        self.client = client
        self.emulator = emulator
        self.user_management = _Resource(self, "user_management")
        self.organizations = _Resource(self, "organizations")

    def __repr__(self) -> str:
        return f"Api({self.flavor})"

    def _method(self, resource: str, method: str) -> Callable[..., Any]:
        fn: Callable[..., Any] = getattr(getattr(self.client, resource), method)
        return fn

    async def call(self, resource: str, method: str, /, *args: Any, **kwargs: Any) -> Any:
        """The method's result; for a ``list_*`` method, its first page."""
        fn = self._method(resource, method)
        if self.flavor == "async":
            result = fn(*args, **kwargs)
            return await result  # a coroutine, or an AsyncPager (awaiting gives page one)

        def blocking() -> Any:
            result = fn(*args, **kwargs)
            return result.first_page() if isinstance(result, SyncPager) else result

        return await asyncio.to_thread(blocking)

    async def walk(self, resource: str, method: str, /, *args: Any, **kwargs: Any) -> list[Any]:
        """Every item of a list: ``async for`` on the async pager, ``for`` on the sync one."""
        fn = self._method(resource, method)
        if self.flavor == "async":
            pager = fn(*args, **kwargs)
            assert isinstance(pager, AsyncPager)
            return [item async for item in pager]

        def blocking() -> list[Any]:
            pager = fn(*args, **kwargs)
            assert isinstance(pager, SyncPager)
            items = []
            for item in pager:
                items.append(item)
            return items

        return await asyncio.to_thread(blocking)

    async def walk_pages(
        self, resource: str, method: str, /, *args: Any, **kwargs: Any
    ) -> list[PageView]:
        """Every page of a list, as the pager follows its cursors."""
        fn = self._method(resource, method)
        if self.flavor == "async":
            pager = fn(*args, **kwargs)
            assert isinstance(pager, AsyncPager)
            return [PageView(p.data, p.list_metadata) async for p in pager.pages()]

        def blocking() -> list[PageView]:
            pager = fn(*args, **kwargs)
            assert isinstance(pager, SyncPager)
            return [PageView(p.data, p.list_metadata) for p in pager.pages()]

        return await asyncio.to_thread(blocking)

    async def neighbour(self, page: Any, direction: Literal["next", "previous"]) -> Any:
        """``page.next_page()`` / ``page.previous_page()`` of a page this Api returned."""
        fn = page.next_page if direction == "next" else page.previous_page
        if self.flavor == "async":
            return await fn()
        return await asyncio.to_thread(fn)


@contextlib.asynccontextmanager
async def open_api(
    flavor: Flavor,
    emulator: Emulator,
    api_key: str,
    *,
    client_id: str | None = None,
    **options: Any,
) -> AsyncIterator[Api]:
    """A fresh client of ``flavor`` on the emulator with ``api_key``, closed afterwards."""
    settings: dict[str, Any] = {
        "api_key": api_key,
        "client_id": emulator.client_id if client_id is None else client_id,
        "base_url": emulator.url,
        **CLIENT_OPTIONS,
        **options,
    }
    if flavor == "async":
        async with AsyncWorkOS(**settings) as async_client:
            yield Api(flavor, async_client, emulator)
    else:
        sync_client = WorkOS(**settings)
        try:
            yield Api(flavor, sync_client, emulator)
        finally:
            await asyncio.to_thread(sync_client.close)


# ---- tests of the driver ----------------------------------------------------------------


async def test_driver_uses_the_client_of_its_flavor(api: Api) -> None:
    expected = AsyncWorkOS if api.flavor == "async" else WorkOS
    assert type(api.client) is expected
    assert api.client.base_url == api.emulator.url


async def test_both_flavors_read_the_same_seeded_user(api: Api, emulator: Emulator) -> None:
    seeded = emulator.users["password_user"]
    user: User = await api.user_management.get_user(seeded.id)
    assert isinstance(user, User)
    assert (user.id, user.email, user.external_id) == (
        seeded.id,
        seeded.email,
        seeded.external_id,
    )


async def test_sync_calls_run_off_the_test_loop(emulator: Emulator, emulator_api_key: str) -> None:
    # The blocking client refuses to run on a thread with a running loop; the driver calls it
    # from a worker thread, and the request itself runs on the client's own loop thread.
    async with open_api("sync", emulator, emulator_api_key) as api:
        assert isinstance(api.client, WorkOS)
        seen: list[str] = []
        get_user = api.client.user_management.get_user

        def spy(user_id: str) -> Any:
            seen.append(threading.current_thread().name)
            return get_user(user_id)

        user = await asyncio.to_thread(spy, emulator.users["password_user"].id)
        assert user.email == emulator.users["password_user"].email
        assert seen and seen[0] != threading.main_thread().name


async def test_errors_cross_the_sync_facade_unchanged(api: Api) -> None:
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.get_user("user_01CONFORMANCEMISSING0000000")
    assert caught.value.status == 404
    assert caught.value.code == "not_found"


def test_every_row_of_the_table_is_driven_by_the_suite() -> None:
    # "Every operation the emulator implements, through both clients": each row of the
    # endpoint table (and each request-free URL helper) must be called somewhere in the
    # conformance modules - where the emulator lacks the route, by a test showing the 404.
    # A row added to the table without a conformance test fails here.
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(CONFORMANCE_DIR.glob("test_*.py"))
        if path.name not in {"test_clients.py", "test_emulator_harness.py"}
    )
    names = {ep.name for ep in ENDPOINTS}  # a placed copy (also_on) may share its row's name
    rows = len(names)
    for mixins in MIXINS.values():
        for mixin in mixins:
            names |= {n for n in vars(mixin) if not n.startswith("_") and callable(vars(mixin)[n])}
    assert len(names) > rows  # the URL helpers are in
    undriven = sorted(
        name
        for name in names
        if not re.search(rf"\.{name}\(|[\"']{name}[\"']|um\.{name}\b", sources)
    )
    assert undriven == [], f"table rows with no conformance test: {undriven}"
