"""Cursor pagination exactly as the spec describes it, shared by every list operation.

Parameters (parsed from a query by ``testing/http/params.py``): ``before`` / ``after`` (object ids), ``limit`` (1..100, default 10) and ``order``
(``desc`` by default, ``asc``, or ``normal``). For ``asc`` and ``desc`` the cursors are
positional: ``after=X`` gives the items that follow X in the listed order, ``before=X`` the items
that precede it (the ``limit`` nearest to X). ``normal`` lists newest first like ``desc`` but
with the cursor meanings reversed: ``before=X`` fetches records older than X and ``after=X``
newer ones. In every order ``list_metadata.after`` / ``.before`` are the cursors that fetch the
neighbouring page in that order's meaning, or ``null`` at the end, so a client can walk every
page forward and back without gaps or repeats.

Items are ordered by id: ids are strictly increasing, so id order is creation order (and a
deleted object's id still marks a position). A cursor compares by the 26-character time-sorted
part of the id.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

Order = Literal["asc", "desc", "normal"]
ORDERS: tuple[str, ...] = ("normal", "desc", "asc")
DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class SortedIds:
    """Ids kept in ascending order (appending is O(1): new ids are always the largest)."""

    __slots__ = ("_ids",)

    def __init__(self) -> None:
        self._ids: list[str] = []

    def add(self, object_id: str) -> None:
        ids = self._ids
        if not ids or object_id > ids[-1]:
            ids.append(object_id)
        else:
            i = bisect_left(ids, object_id)
            if i == len(ids) or ids[i] != object_id:
                insort(ids, object_id)

    def discard(self, object_id: str) -> None:
        ids = self._ids
        i = bisect_left(ids, object_id)
        if i < len(ids) and ids[i] == object_id:
            del ids[i]

    def __contains__(self, object_id: object) -> bool:
        if not isinstance(object_id, str):
            return False
        ids = self._ids
        i = bisect_left(ids, object_id)
        return i < len(ids) and ids[i] == object_id

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    @property
    def ids(self) -> Sequence[str]:
        """The ids, ascending (a live list: read it under the store's lock)."""
        return self._ids

    def clear(self) -> None:
        self._ids.clear()


@attrs.frozen
class PageParams:
    """Parsed pagination parameters."""

    limit: int = DEFAULT_LIMIT
    order: Order = "desc"
    before: str | None = None
    after: str | None = None


def _key(ids: Sequence[str], cursor: str) -> str:
    """The cursor rewritten with the collection's prefix, so any id compares by its time part."""
    prefix = ids[0][: ids[0].rfind("_")] if ids else ""
    return prefix + cursor[cursor.rfind("_") :]


def paginate(
    ids: Sequence[str], params: PageParams, keep: Callable[[str], bool] | None = None
) -> tuple[list[str], str | None, str | None]:
    """Select one page from ascending ``ids`` (filtered by ``keep``).

    Returns ``(page_ids_in_listed_order, list_metadata.before, list_metadata.after)``.
    """
    order = params.order
    before, after = params.before, params.after
    if order == "normal":
        # Descending, with the cursors meaning "older than" (before) and "newer than" (after).
        before, after = after, before
    ascending = order == "asc"
    n = len(ids)
    # Bounds in ascending index space: items strictly between low and high keys.
    low = after if ascending else before
    high = before if ascending else after
    a = bisect_right(ids, _key(ids, low)) if low is not None else 0
    b = bisect_left(ids, _key(ids, high)) if high is not None else n
    # Start next to the `after` cursor (or the list start); from `before` when it is alone.
    before_only = before is not None and after is None
    take_up = ascending != before_only
    limit = params.limit
    picked: list[int] = []
    span = range(a, b) if take_up else range(b - 1, a - 1, -1)
    if keep is None:
        picked = list(span[:limit])
    else:
        for i in span:
            if keep(ids[i]):
                picked.append(i)
                if len(picked) == limit:
                    break
    if not picked:
        return [], None, None
    if not take_up:
        picked.reverse()
    lo_i, hi_i = picked[0], picked[-1]
    if keep is None:
        below, above = lo_i > 0, hi_i < n - 1
    else:
        below = any(keep(ids[i]) for i in range(lo_i - 1, -1, -1))
        above = any(keep(ids[i]) for i in range(hi_i + 1, n))
    page = [ids[i] for i in picked]
    if ascending:
        meta_before = page[0] if below else None
        meta_after = page[-1] if above else None
    else:
        page.reverse()
        meta_before = page[0] if above else None
        meta_after = page[-1] if below else None
    if order == "normal":
        meta_before, meta_after = meta_after, meta_before
    return page, meta_before, meta_after


def envelope(data: list[Any], before: str | None, after: str | None) -> dict[str, Any]:
    """The list envelope ``{object: "list", data, list_metadata: {before, after}}``."""
    return {"object": "list", "data": data, "list_metadata": {"before": before, "after": after}}


def list_page(
    params: PageParams,
    ids: Sequence[str],
    records: Mapping[str, Any] | Callable[[str], Any],
    keep: Callable[[str], bool] | None = None,
) -> dict[str, Any]:
    """Select the page of ``ids`` (filtered by ``keep``) and render the list envelope.

    ``records`` maps an id to its JSON object (a mapping, or a function for computed shapes).
    """
    page, before, after = paginate(ids, params, keep)
    render = records.__getitem__ if isinstance(records, Mapping) else records
    return envelope([render(i) for i in page], before, after)
