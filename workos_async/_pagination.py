"""Cursor pagination: ``Page`` (one page) and ``AsyncPager`` (awaitable and async-iterable).

WorkOS lists return ``{object: "list", data: [...], list_metadata: {before, after}}``. A pager
is created by a ``list_*`` method without any I/O; ``await pager`` fetches the first page,
``async for item in pager`` walks every item, following ``after`` — or ``before`` when the caller
started from a ``before`` cursor — until the cursor is null. One page is held at a time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import Any, Generic, Literal, TypeVar

import attrs

from ._errors import WorkOSError

T = TypeVar("T")

Direction = Literal["after", "before"]

#: Fetches one page: given the query parameters, returns the decoded envelope's items and
#: cursors. Bound by the endpoint binding to one list operation.
FetchPage = Callable[[Mapping[str, Any]], Awaitable["Page[Any]"]]


@attrs.frozen
class ListMetadata:
    """The cursors of a page: pass ``after`` to get the next page, ``before`` the previous."""

    before: str | None = None
    after: str | None = None


class PaginationError(WorkOSError):
    """The server returned a cursor already followed (iterating would loop forever)."""


class Page(Generic[T]):
    """One page of a list: ``data`` plus the cursors, and a way to fetch its neighbours."""

    __slots__ = ("_fetch", "_params", "data", "list_metadata")

    def __init__(
        self,
        data: list[T],
        list_metadata: ListMetadata,
        fetch: FetchPage | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.data = data
        self.list_metadata = list_metadata
        self._fetch = fetch
        self._params: Mapping[str, Any] = params or {}

    @property
    def request_id(self) -> str | None:
        """WorkOS's ``X-Request-ID`` of the response this page came from (``None`` when
        unknown)."""
        from ._request_ids import request_id_of

        return request_id_of(self)

    @property
    def before(self) -> str | None:
        return self.list_metadata.before

    @property
    def after(self) -> str | None:
        return self.list_metadata.after

    def has_next_page(self) -> bool:
        """Whether ``after`` points to more items."""
        return self.list_metadata.after is not None

    def has_previous_page(self) -> bool:
        """Whether ``before`` points to more items."""
        return self.list_metadata.before is not None

    def has_more(self) -> bool:
        """The official SDK's name of :meth:`has_next_page`."""
        return self.list_metadata.after is not None

    async def auto_paging_iter(self) -> AsyncIterator[T]:
        """Every item from this page on, following ``after`` (the official SDK's
        ``page.auto_paging_iter()``; ``async for`` over the pager does the same from page one)."""
        page: Page[T] | None = self
        while page is not None:
            for item in page.data:
                yield item
            page = await page.next_page()

    async def next_page(self) -> Page[T] | None:
        """The page after this one (following ``after``), or ``None`` at the end."""
        return await self._neighbour("after")

    async def previous_page(self) -> Page[T] | None:
        """The page before this one (following ``before``), or ``None`` at the start."""
        return await self._neighbour("before")

    async def _neighbour(self, direction: Direction) -> Page[T] | None:
        cursor = self.list_metadata.after if direction == "after" else self.list_metadata.before
        if cursor is None:
            return None
        if self._fetch is None:
            raise WorkOSError("this page was not fetched by a client; it cannot fetch neighbours")
        sent = self._params.get(direction)
        if sent is not None and sent == cursor:
            raise PaginationError(
                f"the server returned the {direction!r} cursor it was sent; stopping to avoid a loop"
            )
        params = {k: v for k, v in self._params.items() if k not in ("before", "after")}
        params[direction] = cursor
        return await self._fetch(params)

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    async def __aiter__(self) -> AsyncIterator[T]:
        """``async for item in page``: this page's items only, as the official SDK's page
        (``auto_paging_iter()`` crosses pages)."""
        for item in self.data:
            yield item

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return (
            f"Page(len={len(self.data)}, before={self.list_metadata.before!r}, "
            f"after={self.list_metadata.after!r})"
        )


class AsyncPager(Generic[T]):
    """What a ``list_*`` method returns: ``await`` it for the first :class:`Page`, or
    ``async for`` over it for every item across pages.

    ``max_items`` caps how many items iteration yields in all. Pages are fetched one at a time,
    so memory stays flat however long the list.
    """

    __slots__ = ("_fetch", "_max_items", "_params")

    def __init__(
        self, fetch: FetchPage, params: Mapping[str, Any], max_items: int | None = None
    ) -> None:
        self._fetch = fetch
        self._params = params
        self._max_items = max_items

    @property
    def max_items(self) -> int | None:
        """The cap on items iteration yields (``None``: no cap)."""
        return self._max_items

    @property
    def direction(self) -> Direction:
        """The cursor iteration follows: ``before`` when the caller started from a ``before``
        cursor, or asked for ``order="normal"`` (descending, where ``before`` leads to older
        records and ``after`` to newer ones, per the WorkOS spec); else ``after``."""
        params = self._params
        if params.get("after") is not None:
            return "after"
        if params.get("before") is not None or params.get("order") == "normal":
            return "before"
        return "after"

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def first_page(self) -> Page[T]:
        """The first page, as the arguments ask for it."""
        return await self._fetch(self._params)

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page in turn, following the pager's direction. A cursor the server already
        gave in this walk (``A -> B -> A``, not only ``A -> A``) raises
        :class:`PaginationError` instead of looping forever."""
        page: Page[T] | None = await self.first_page()
        direction = self.direction
        start = self._params.get(direction)
        followed: set[str] = set() if start is None else {start}
        while page is not None:
            yield page
            cursor = page.list_metadata.after if direction == "after" else page.before
            if cursor is not None:
                if cursor in followed:
                    raise PaginationError(
                        f"the server returned the {direction!r} cursor {cursor!r} again after "
                        f"{len(followed)} page(s); stopping to avoid a loop"
                    )
                followed.add(cursor)
            page = await page._neighbour(direction)

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        remaining = self._max_items
        if remaining is not None and remaining <= 0:
            return
        async for page in self.pages():
            for item in page.data:
                yield item
                if remaining is not None:
                    remaining -= 1
                    if remaining <= 0:
                        return

    def __repr__(self) -> str:
        shown = {k: v for k, v in self._params.items()}
        return f"AsyncPager(params={shown!r}, max_items={self._max_items!r})"
