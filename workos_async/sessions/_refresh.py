"""Single-flight refresh: one request per (refresh token, organization), shared by every caller.

WorkOS refresh tokens are single-use: the first refresh rotates the token and any later use of
the old one gets ``invalid_grant``. A page that fires ten API calls with one expired cookie must
therefore send one refresh, not ten, and every call must get the same new session. And a call
that arrives a moment after the refresh, still carrying the old cookie (the browser had not
stored the new one yet), must get that result too instead of burning the used token.

:class:`RefreshCoordinator` keys both by a SHA-256 digest of the token and the organization:
the refresh token itself is held only by the in-flight refresh, never by the cache, and is
never logged. The flight runs as its own task, so a caller that is cancelled (client gone)
does not cancel it for the others; its result still lands in the reuse cache.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from ._clock import TimeFn

__all__ = ["RefreshCoordinator", "flight_key"]

T = TypeVar("T")


def flight_key(refresh_token: str, organization_id: str | None) -> bytes:
    """The cache key of a refresh: a digest, so the token is not kept as a dict key."""
    org = "" if organization_id is None else organization_id
    return hashlib.sha256(f"{refresh_token}\x00{org}".encode()).digest()


def _retrieve(task: asyncio.Task[object]) -> None:
    # Every waiter may have been cancelled: mark an exception as seen either way.
    if not task.cancelled():
        task.exception()


class RefreshCoordinator(Generic[T]):
    """Runs at most one refresh per key at a time and remembers the outcome for
    ``reuse_window`` seconds (when ``keep(outcome)`` says it may be reused).

    At most ``max_entries`` outcomes are remembered; the oldest go first. Use it from one event
    loop.
    """

    def __init__(
        self,
        *,
        reuse_window: float = 30.0,
        max_entries: int = 10_000,
        keep: Callable[[T], bool] = lambda _: True,
        monotonic: TimeFn = time.monotonic,
    ) -> None:
        if isinstance(reuse_window, bool) or not isinstance(reuse_window, int | float):
            raise TypeError("reuse_window must be a number of seconds")
        if reuse_window < 0:
            raise ValueError("reuse_window must not be negative")
        if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
            raise ValueError("max_entries must be a positive int")
        self._window = float(reuse_window)
        self._max = max_entries
        self._keep = keep
        self._monotonic = monotonic
        self._inflight: dict[bytes, asyncio.Task[T]] = {}
        self._recent: OrderedDict[bytes, tuple[float, T]] = OrderedDict()
        #: How many refreshes were actually started (for tests and metrics).
        self.started = 0

    def __repr__(self) -> str:
        return (
            f"RefreshCoordinator(in_flight={len(self._inflight)}, "
            f"remembered={len(self._recent)}, reuse_window={self._window})"
        )

    @property
    def in_flight(self) -> int:
        """Refreshes running now."""
        return len(self._inflight)

    def _remembered(self, key: bytes) -> tuple[bool, T | None]:
        entry = self._recent.get(key)
        if entry is None:
            return False, None
        expires, outcome = entry
        if self._monotonic() < expires:
            return True, outcome
        del self._recent[key]
        return False, None

    def _prune(self, now: float) -> None:
        recent = self._recent
        while recent:
            key, (expires, _) = next(iter(recent.items()))
            if expires > now and len(recent) <= self._max:
                break
            del recent[key]

    def _finished(self, key: bytes, task: asyncio.Task[T]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if task.cancelled() or task.exception() is not None or self._window == 0:
            return
        outcome = task.result()
        if not self._keep(outcome):
            return
        now = self._monotonic()
        self._recent[key] = (now + self._window, outcome)
        self._recent.move_to_end(key)
        self._prune(now)

    async def run(self, key: bytes, start: Callable[[], Awaitable[T]]) -> T:
        """The outcome for ``key``: a remembered one, the one in flight, or a new flight of
        ``start()``."""
        found, outcome = self._remembered(key)
        if found:
            return outcome  # type: ignore[return-value]  # T itself may include None
        task = self._inflight.get(key)
        if task is None:

            async def flight() -> T:
                return await start()

            task = asyncio.get_running_loop().create_task(flight())
            self.started += 1
            self._inflight[key] = task
            task.add_done_callback(_retrieve)
            task.add_done_callback(lambda done: self._finished(key, done))
        return await asyncio.shield(task)

    def forget(self) -> None:
        """Drop every remembered outcome (in-flight refreshes go on)."""
        self._recent.clear()

    async def aclose(self) -> None:
        """Cancel the refreshes in flight and forget everything (for shutdown)."""
        tasks = list(self._inflight.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        self._inflight.clear()
        self._recent.clear()
