"""Blocking iteration over the async pagers: one loop-thread crossing per page (the bridge's
``drive`` over ``AsyncPager.pages()``), items yielded in the caller's thread."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

from .._pagination import AsyncPager, ListMetadata, Page

if TYPE_CHECKING:
    from ._client import WorkOS

T = TypeVar("T")


class SyncPage(Generic[T]):
    """One page of a list, with blocking ``next_page()`` / ``previous_page()``."""

    __slots__ = ("_client", "_page")

    def __init__(self, client: WorkOS, page: Page[T]) -> None:
        self._client = client
        self._page = page

    @property
    def data(self) -> list[T]:
        return self._page.data

    @property
    def list_metadata(self) -> ListMetadata:
        return self._page.list_metadata

    @property
    def before(self) -> str | None:
        return self._page.before

    @property
    def after(self) -> str | None:
        return self._page.after

    def has_next_page(self) -> bool:
        return self._page.has_next_page()

    def has_previous_page(self) -> bool:
        return self._page.has_previous_page()

    def next_page(self) -> SyncPage[T] | None:
        page = self._client._run(self._page.next_page)
        return None if page is None else SyncPage(self._client, page)

    def previous_page(self) -> SyncPage[T] | None:
        page = self._client._run(self._page.previous_page)
        return None if page is None else SyncPage(self._client, page)

    def __iter__(self) -> Iterator[T]:
        return iter(self._page.data)

    def __len__(self) -> int:
        return len(self._page.data)

    def __repr__(self) -> str:
        return repr(self._page).replace("Page(", "SyncPage(", 1)


class SyncPager(Generic[T]):
    """What a blocking ``list_*`` method returns: ``for item in pager`` walks every item across
    pages; ``first_page()`` (or reading ``data`` / ``list_metadata``) gives the first page.

    Migrating from the official SDK 10.x: there ``for item in page`` gives one page's items;
    here it walks **every page** (as ``auto_paging_iter()`` does in both). Read ``pager.data``
    for the first page only."""

    __slots__ = ("_client", "_first", "_pager")

    def __init__(self, client: WorkOS, pager: AsyncPager[T]) -> None:
        self._client = client
        self._pager = pager
        self._first: SyncPage[T] | None = None

    def first_page(self) -> SyncPage[T]:
        """The first page (fetched once, then cached)."""
        if self._first is None:
            self._first = SyncPage(self._client, self._client._run(self._pager.first_page))
        return self._first

    @property
    def data(self) -> list[T]:
        return self.first_page().data

    @property
    def list_metadata(self) -> ListMetadata:
        return self.first_page().list_metadata

    @property
    def before(self) -> str | None:
        """The first page's ``before`` cursor."""
        return self.first_page().before

    @property
    def after(self) -> str | None:
        """The first page's ``after`` cursor."""
        return self.first_page().after

    def has_more(self) -> bool:
        """Whether pages follow the first one (the official SDK's ``page.has_more()``)."""
        return self.first_page().has_next_page()

    def auto_paging_iter(self) -> Iterator[T]:
        """Every item across pages, as ``for item in pager`` (the official SDK's name).

        Unlike the official SDK 10.x, iterating the pager itself also walks every page: its
        ``for item in page`` gives only the first page's items (use ``pager.data`` for
        those)."""
        return iter(self)

    def pages(self) -> Generator[SyncPage[T], None, None]:
        """Every page in turn (a fresh walk from the first page)."""
        client = self._client
        for page in client._iterate(self._pager.pages()):
            yield SyncPage(client, page)

    def __iter__(self) -> Generator[T, None, None]:
        """Every item across pages; ``close()`` it to stop early (the async pages are closed
        on the loop)."""
        remaining = self._pager.max_items
        if remaining is not None and remaining <= 0:
            return
        for page in self.pages():
            for item in page.data:
                yield item
                if remaining is not None:
                    remaining -= 1
                    if remaining <= 0:
                        return

    def __repr__(self) -> str:
        return repr(self._pager).replace("AsyncPager(", "SyncPager(", 1)
