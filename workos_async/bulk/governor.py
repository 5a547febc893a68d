"""The rate governor: token buckets shaped like WorkOS's documented limits.

Every request takes one token from the bucket of its kind (``write`` or ``read``) and one from
``all``. A bucket refills at ``limit / window * (1 - margin)`` per second and holds at most
``limit * burst`` tokens, so over *any* window of that length it releases at most
``limit * (burst + 1 - margin)`` requests: below the limit whether the server counts in fixed or
sliding windows, while the long-run rate stays within a few percent of it.

On a 429 every caller pauses until ``Retry-After`` has passed and the rate is cut
(multiplicative decrease); each later success wins part of it back (additive increase) until
the configured rate is reached again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from typing import Literal, Protocol

import attrs

from .._limit import Limit as Limit  # one Limit for the governor and the shared limiter

Kind = Literal["write", "read"]


@attrs.frozen
class RateLimitConfig:
    """The limits the governor enforces (WorkOS's documented defaults)."""

    #: User-management writes (POST/PUT/DELETE).
    writes: Limit | None = Limit(500, 10.0)
    #: User-management reads.
    reads: Limit | None = Limit(1000, 10.0)
    #: All requests together.
    all: Limit | None = Limit(6000, 60.0)
    #: Fraction of the rate kept in reserve (0.03 → run at 97% of each limit).
    margin: float = 0.03
    #: Bucket size as a fraction of each limit's request count.
    burst: float = 0.02
    #: Longest pause honoured from one ``Retry-After`` (seconds).
    max_pause: float = 120.0
    #: Pause when a 429 has no ``Retry-After``.
    default_pause: float = 1.0
    #: Rate multiplier after a 429 (multiplicative decrease) and its floor.
    backoff: float = 0.7
    min_factor: float = 0.1
    #: Seconds of successful traffic to climb from ``min_factor`` back to full rate.
    recovery: float = 10.0

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.margin < 1:
            raise ValueError("margin: expected 0 <= margin < 1")
        if not 0 < self.burst <= 1:
            raise ValueError("burst: expected 0 < burst <= 1")

    @classmethod
    def unlimited(cls) -> RateLimitConfig:
        """No client-side limits (429s are still honoured)."""
        return cls(writes=None, reads=None, all=None)

    def scaled(self, factor: float) -> RateLimitConfig:
        """The same limits over windows ``factor`` times as long (tests, benchmarks)."""

        def scale(limit: Limit | None) -> Limit | None:
            return None if limit is None else Limit(limit.requests, limit.window * factor)

        return attrs.evolve(
            self, writes=scale(self.writes), reads=scale(self.reads), all=scale(self.all)
        )


class TokenBucket:
    """A refilling bucket; ``factor`` scales its refill rate."""

    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, limit: Limit, margin: float, burst: float, now: float) -> None:
        self.rate = limit.per_second * (1.0 - margin)
        self.capacity = max(1.0, limit.requests * burst)
        self.tokens = self.capacity
        self.updated = now

    def refill(self, now: float, factor: float) -> None:
        if now > self.updated:
            self.tokens = min(
                self.capacity, self.tokens + (now - self.updated) * self.rate * factor
            )
            self.updated = now

    def wait_time(self, factor: float) -> float:
        """Seconds until one token is available (0 when it is)."""
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / (self.rate * factor)


class Governor(Protocol):
    """What the importer needs of a rate limiter. :class:`RateGovernor` is the in-process one;
    a limiter shared by several processes (Redis) can stand in for it."""

    def budget(self, kind: Kind) -> float | None:
        """Configured requests/second for ``kind`` (``None``: unlimited)."""

    def snapshot(self) -> Mapping[str, float]:
        """Numbers for the progress display."""

    async def acquire(self, kind: Kind) -> None:
        """Wait for permission to send one request of ``kind``."""

    def on_rate_limited(self, retry_after: float | None) -> None:
        """A 429 arrived."""

    def on_success(self) -> None:
        """A request got an answer that was not a 429."""

    def state(self) -> Mapping[str, float]:
        """What a resumed run restores (saved in the journal)."""

    def restore(self, state: Mapping[str, object]) -> None:
        """Carry on from a saved :meth:`state`."""


class RateGovernor:
    """Shared by every worker of one import: ``await acquire(kind)`` before each request."""

    def __init__(
        self,
        config: RateLimitConfig | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or RateLimitConfig()
        self._clock = clock
        now = clock()
        cfg = self.config
        self._buckets: dict[str, TokenBucket] = {}
        for name, limit in (("write", cfg.writes), ("read", cfg.reads), ("all", cfg.all)):
            if limit is not None:
                self._buckets[name] = TokenBucket(limit, cfg.margin, cfg.burst, now)
        self._lock = asyncio.Lock()
        self._paused_until = 0.0
        self._factor = 1.0
        self._last_success = now
        #: Requests let through, by kind.
        self.granted: dict[str, int] = {"write": 0, "read": 0}
        #: 429s reported.
        self.throttled = 0
        #: Total seconds callers were held by pauses after 429s (once per pause, not per caller).
        self.paused_seconds = 0.0

    @property
    def factor(self) -> float:
        """The current fraction of the configured rate (1.0 when not backing off)."""
        return self._factor

    def budget(self, kind: Kind) -> float | None:
        """The configured requests/second for ``kind`` (``None`` when unlimited)."""
        bucket = self._buckets.get(kind)
        return None if bucket is None else bucket.rate

    def snapshot(self) -> Mapping[str, float]:
        """Numbers for the progress display."""
        return {
            "factor": self._factor,
            "paused_for": max(0.0, self._paused_until - self._clock()),
        }

    async def acquire(self, kind: Kind) -> None:
        """Wait for a token of ``kind`` (and of ``all``) and take it.

        Callers are served one at a time in arrival order, so a burst of workers can't overrun
        the bucket and none starves.
        """
        async with self._lock:
            while True:
                now = self._clock()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                wait = 0.0
                for name in (kind, "all"):
                    bucket = self._buckets.get(name)
                    if bucket is not None:
                        bucket.refill(now, self._factor)
                        wait = max(wait, bucket.wait_time(self._factor))
                if wait <= 0.0:
                    for name in (kind, "all"):
                        bucket = self._buckets.get(name)
                        if bucket is not None:
                            bucket.tokens -= 1.0
                    self.granted[kind] += 1
                    return
                await asyncio.sleep(wait)

    def on_rate_limited(self, retry_after: float | None) -> None:
        """A 429 arrived: pause everyone for ``Retry-After`` and cut the rate."""
        cfg = self.config
        self.throttled += 1
        pause = cfg.default_pause if retry_after is None else max(0.0, retry_after)
        pause = min(pause, cfg.max_pause)
        now = self._clock()
        until = now + pause
        if now >= self._paused_until:
            # One cut per pause: a burst of 429s from requests already in flight is one signal.
            self._factor = max(cfg.min_factor, self._factor * cfg.backoff)
        if until > self._paused_until:
            self.paused_seconds += until - max(now, self._paused_until)
            self._paused_until = until
            self._last_success = until
        # Buckets restart empty after the pause so the first second isn't a burst.
        for bucket in self._buckets.values():
            bucket.tokens = min(bucket.tokens, 0.0)
            bucket.updated = max(bucket.updated, until)

    def state(self) -> dict[str, float]:
        """What a resumed run needs to carry on (saved in the journal): the learned rate and
        the end of a pause, as wall-clock time."""
        remaining = max(0.0, self._paused_until - self._clock())
        return {"factor": round(self._factor, 4), "paused_until": time.time() + remaining}

    def restore(self, state: Mapping[str, object]) -> None:
        """Carry on from :meth:`state` saved by an earlier run: the same rate, and what is
        left of its pause."""
        factor = state.get("factor")
        if isinstance(factor, (int, float)) and not isinstance(factor, bool):
            self._factor = min(1.0, max(self.config.min_factor, float(factor)))
        until = state.get("paused_until")
        if isinstance(until, (int, float)) and not isinstance(until, bool):
            left = min(float(until) - time.time(), self.config.max_pause)
            if left > 0:
                now = self._clock()
                self._paused_until = max(self._paused_until, now + left)
                self._last_success = self._paused_until
                for bucket in self._buckets.values():
                    bucket.tokens = min(bucket.tokens, 0.0)
                    bucket.updated = max(bucket.updated, self._paused_until)

    def on_success(self) -> None:
        """A request got an answer that was not a 429: recover part of the rate."""
        if self._factor >= 1.0:
            return
        now = self._clock()
        if now < self._paused_until:
            return
        cfg = self.config
        step = max(0.0, now - self._last_success) * (1.0 - cfg.min_factor) / cfg.recovery
        self._last_success = now
        self._factor = min(1.0, self._factor + step)
