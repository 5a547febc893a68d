"""The in-process flight store: the :class:`FlightStore` contract inside one event loop.

The session layer already single-flights refreshes per process
(:class:`workos_async.sessions.RefreshCoordinator`); this store exists so the shared-store path
can run (and be tested) without Redis, with exactly the Redis store's semantics.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

__all__ = ["LocalFlightStore"]


class LocalFlightStore:
    """One flight per key at a time; results kept ``reuse`` seconds (at most ``max_entries``)."""

    def __init__(
        self, *, max_entries: int = 10_000, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
            raise ValueError("max_entries must be a positive int")
        self._max = max_entries
        self._monotonic = monotonic
        self._locks: dict[bytes, asyncio.Lock] = {}
        self._kept: OrderedDict[bytes, tuple[float, bytes]] = OrderedDict()
        #: Flights started (for tests and metrics).
        self.started = 0

    def __repr__(self) -> str:
        return f"LocalFlightStore(kept={len(self._kept)})"

    def _get(self, key: bytes) -> bytes | None:
        entry = self._kept.get(key)
        if entry is None:
            return None
        if self._monotonic() < entry[0]:
            return entry[1]
        del self._kept[key]
        return None

    async def run(
        self, key: bytes, start: Callable[[], Awaitable[bytes | None]], *, reuse: float
    ) -> bytes | None:
        kept = self._get(key)
        if kept is not None:
            return kept
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                kept = self._get(key)
                if kept is not None:
                    return kept
                self.started += 1
                value = await start()
                if value is not None and reuse > 0:
                    now = self._monotonic()
                    self._kept[key] = (now + reuse, value)
                    self._kept.move_to_end(key)
                    while len(self._kept) > self._max:
                        self._kept.popitem(last=False)
                return value
        finally:
            if not lock.locked() and self._locks.get(key) is lock:
                del self._locks[key]
