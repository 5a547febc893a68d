"""The in-process rate limiter: the default, and the Redis limiter's fallback.

GCRA (the generic cell rate algorithm) per bucket: each bucket keeps one number, its
theoretical arrival time ``tat``; a request is admitted when ``max(tat, now) + interval - now``
stays within its priority's tolerance, and then moves ``tat`` on by ``interval``. The Redis
limiter runs the very same rule in a Lua script (:mod:`.redis_limiter`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from .limits import KINDS, PRIORITIES, BucketShape, Kind, Priority, RateLimits, bucket_shape

__all__ = ["LocalRateLimiter", "check_kind", "check_priority"]

#: Waits shorter than this are rounding noise of the float arithmetic, not a wait.
_EPSILON = 1e-6


def check_kind(kind: object) -> Kind:
    if kind not in KINDS:
        raise ValueError(f"kind must be 'read' or 'write', not {kind!r}")
    return kind


def check_priority(priority: object) -> Priority:
    if priority not in PRIORITIES:
        raise ValueError(f"priority must be 'interactive' or 'bulk', not {priority!r}")
    return priority


class LocalRateLimiter:
    """A :class:`~workos_async.coordination.RateLimiter` for one process (one event loop).

    Acquirers of one (kind, priority) are served in arrival order; interactive acquirers never
    queue behind bulk ones.
    """

    def __init__(
        self,
        limits: RateLimits | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if limits is not None and not isinstance(limits, RateLimits):
            raise TypeError("limits must be a RateLimits")
        self.limits = limits or RateLimits()
        self._monotonic = monotonic
        self._shapes: dict[str, BucketShape] = {}
        for name in ("write", "read", "all"):
            limit = self.limits.limit_for(name)
            if limit is not None:
                self._shapes[name] = bucket_shape(limit, self.limits)
        self._tat: dict[str, float] = dict.fromkeys(self._shapes, 0.0)
        self._paused_until = 0.0
        self._queues: dict[tuple[str, str], asyncio.Lock] = {}
        #: Requests let through, by kind and priority (``"write/bulk"``).
        self.granted: dict[str, int] = {f"{k}/{p}": 0 for k in KINDS for p in PRIORITIES}
        #: 429s reported.
        self.throttled = 0

    def __repr__(self) -> str:
        return f"LocalRateLimiter(limits={self.limits!r})"

    def try_acquire(self, kind: Kind, priority: Priority = "interactive") -> float:
        """Take a token now if one is free: returns 0.0, else the seconds to wait before one
        may be (nothing is taken then)."""
        kind = check_kind(kind)
        priority = check_priority(priority)
        now = self._monotonic()
        if now < self._paused_until:
            return self._paused_until - now
        wait = 0.0
        bulk = priority == "bulk"
        names = (kind, "all")
        for name in names:
            shape = self._shapes.get(name)
            if shape is None:
                continue
            tat = max(self._tat[name], now)
            tolerance = shape.bulk_tolerance if bulk else shape.tolerance
            wait = max(wait, tat - now + shape.interval - tolerance)
        if wait > _EPSILON:
            return wait
        for name in names:
            shape = self._shapes.get(name)
            if shape is not None:
                self._tat[name] = max(self._tat[name], now) + shape.interval
        self.granted[f"{kind}/{priority}"] += 1
        return 0.0

    async def acquire(self, kind: Kind, priority: Priority = "interactive") -> None:
        """Wait until a request of ``kind`` may be sent, and count it."""
        kind = check_kind(kind)
        priority = check_priority(priority)
        queue = self._queues.get((kind, priority))
        if queue is None:
            queue = self._queues[(kind, priority)] = asyncio.Lock()
        async with queue:
            while True:
                wait = self.try_acquire(kind, priority)
                if wait <= 0:
                    return
                await asyncio.sleep(wait)

    def pause(self, seconds: float) -> None:
        """Hold every acquirer for ``seconds``; the buckets restart empty after it."""
        now = self._monotonic()
        until = now + seconds
        self._paused_until = max(self._paused_until, until)
        for name, shape in self._shapes.items():
            # Empty after the pause: the first second after it is not a burst.
            self._tat[name] = max(self._tat[name], until + shape.tolerance)

    async def report_rate_limited(self, retry_after: float | None) -> None:
        """A 429 arrived: pause every acquirer for ``retry_after`` (bounded by ``max_pause``)."""
        self.throttled += 1
        self.pause(self.limits.pause_for(retry_after))

    @property
    def paused_for(self) -> float:
        """Seconds left of the current pause (0 when none)."""
        return max(0.0, self._paused_until - self._monotonic())
