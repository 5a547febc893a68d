"""What the generated resource methods do with a response: decoders (JSON → models) and the
pager of a list call. Typed per model, so a generated method's return type is checked.

A decoder looks up its model's structure function on first use (``LazyStructurer``), so
touching a resource does not import the structure module (``models/_structure.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ._args import query_items
from ._converter import LazyStructurer
from ._pagination import AsyncPager, ListMetadata, Page

if TYPE_CHECKING:
    from ._config import RequestOptions
    from ._transport import Transport

__all__ = ["PageDecoder", "list_decoder", "make_pager", "model_decoder", "page_decoder"]

T = TypeVar("T")

#: A list envelope (``{"data": [...], "list_metadata": {...}}``) → items and cursors.
PageDecoder = Callable[[Any], tuple[list[T], ListMetadata]]


def model_decoder(cls: type[T]) -> Callable[[Any], T]:
    """A JSON object → one ``cls``."""
    return LazyStructurer(cls)


def page_decoder(cls: type[T]) -> PageDecoder[T]:
    """A list envelope → ``cls`` items and the list metadata."""
    lazy_item = LazyStructurer(cls)

    def decode(data: Any) -> tuple[list[T], ListMetadata]:
        if type(data) is not dict:
            raise ValueError(f"expected a list envelope object, got {type(data).__name__}")
        meta = data.get("list_metadata") or {}
        item = lazy_item.resolve()
        return (
            [item(x) for x in data["data"]],
            ListMetadata(before=meta.get("before"), after=meta.get("after")),
        )

    return decode


def list_decoder(cls: type[T]) -> Callable[[Any], list[T]]:
    """A bare JSON array → ``cls`` items."""
    lazy_item = LazyStructurer(cls)

    def decode(data: Any) -> list[T]:
        if type(data) is not list:
            raise ValueError(f"expected a JSON array, got {type(data).__name__}")
        item = lazy_item.resolve()
        return [item(x) for x in data]

    return decode


def make_pager(
    transport: Transport,
    path: str,
    template: str,
    params: dict[str, Any],
    repeat: Collection[str],
    decode: PageDecoder[T],
    options: RequestOptions | None,
    max_items: int | None,
) -> AsyncPager[T]:
    """The pager of a list call: no request until it is awaited or iterated; each page is one
    ``GET path`` with ``params`` and the page's cursor."""

    async def fetch(page_params: Mapping[str, Any]) -> Page[T]:
        data, meta = await transport.request(
            "GET", path, template, query_items(page_params, repeat), None, options, False, decode
        )
        return Page(data, meta, fetch, page_params)

    return AsyncPager(fetch, params, max_items)
