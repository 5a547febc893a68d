"""The in-process session store: values with a time to live, in a dict (one process)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

__all__ = ["LocalSessionStore"]


def check_ttl(ttl: object) -> float:
    if isinstance(ttl, bool) or not isinstance(ttl, int | float) or not ttl > 0:
        raise ValueError("ttl must be a positive number of seconds")
    return float(ttl)


def check_key(key: object) -> bytes:
    if not isinstance(key, bytes) or not key:
        raise TypeError("key must be non-empty bytes (a digest)")
    return key


class LocalSessionStore:
    """A :class:`~workos_async.coordination.SessionStore` in this process's memory.

    At most ``max_entries`` sessions; the oldest written go first.
    """

    def __init__(
        self, *, max_entries: int = 100_000, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
            raise ValueError("max_entries must be a positive int")
        self._max = max_entries
        self._monotonic = monotonic
        self._values: OrderedDict[bytes, tuple[float, bytes]] = OrderedDict()

    def __repr__(self) -> str:
        return f"LocalSessionStore(sessions={len(self._values)})"

    async def put(self, key: bytes, value: bytes, ttl: float) -> None:
        key = check_key(key)
        if not isinstance(value, bytes):
            raise TypeError("value must be bytes")
        self._values[key] = (self._monotonic() + check_ttl(ttl), value)
        self._values.move_to_end(key)
        while len(self._values) > self._max:
            self._values.popitem(last=False)

    async def get(self, key: bytes) -> bytes | None:
        entry = self._values.get(check_key(key))
        if entry is None:
            return None
        if self._monotonic() < entry[0]:
            return entry[1]
        del self._values[key]
        return None

    async def delete(self, key: bytes) -> bool:
        entry = self._values.pop(check_key(key), None)
        return entry is not None and self._monotonic() < entry[0]
