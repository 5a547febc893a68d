"""The WorkOS request id of the response a result came from: :func:`request_id_of`.

Kept beside the objects (a weak map, so nothing outlives its result and no attribute can
collide with an API field), for support tickets: "request id req_... failed to ...".
"""

from __future__ import annotations

import weakref
from typing import Any

#: id(result) -> (a weak reference to it, its request id). Keyed by identity: models compare
#: by value (two equal users from two responses keep their own ids) and are not hashable.
_ids: dict[int, tuple[weakref.ref[Any], str]] = {}


def _forget(ref: weakref.ref[Any], key: int) -> None:
    entry = _ids.get(key)
    if entry is not None and entry[0] is ref:
        del _ids[key]


def remember(result: Any, request_id: str) -> None:
    """Record ``request_id`` for ``result`` (a model, or a page's ``(items, metadata)``)."""
    if type(result) is tuple:
        result = result[-1]  # a page: its ListMetadata stands for it
    key = id(result)
    try:
        ref = weakref.ref(result, lambda dead: _forget(dead, key))
    except TypeError:  # not weak-referenceable (a dict, a list, None): nothing to attach to
        return
    _ids[key] = (ref, request_id)


def request_id_of(result: Any) -> str | None:
    """The ``X-Request-ID`` of the WorkOS response that produced ``result`` (a model returned
    by an API method, or a :class:`~workos_async.Page`), or ``None`` when unknown (an object
    not returned by a call, an item of a page, a result found by an in-doubt lookup)."""
    if type(result).__name__ == "Page":
        result = getattr(result, "list_metadata", result)
    entry = _ids.get(id(result))
    if entry is None or entry[0]() is not result:
        return None
    return entry[1]
