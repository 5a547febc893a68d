"""The shared rate budget's configuration: WorkOS's documented limits, per API key.

WorkOS counts writes (500 per 10 s), reads (1,000 per 10 s) and all requests together
(6,000 per 60 s) for one API key. Every request takes one token from the bucket of its kind and
one from ``all``; :func:`bucket_shape` turns a :class:`Limit` into the numbers the in-process
limiter and the Redis script both use, so the two enforce exactly the same rule.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .._limit import Limit, check_positive

__all__ = ["BucketShape", "Kind", "Limit", "Priority", "RateLimits", "bucket_shape"]

#: What a request does: ``write`` (POST/PUT/DELETE) or ``read`` (GET).
Kind = Literal["read", "write"]
#: Who is waiting: ``interactive`` (a user in front of a screen: sign-ins, refreshes) or
#: ``bulk`` (imports, batch jobs), which may not take the interactive reserve.
Priority = Literal["interactive", "bulk"]

KINDS: tuple[Kind, ...] = ("read", "write")
PRIORITIES: tuple[Priority, ...] = ("interactive", "bulk")


@attrs.frozen
class RateLimits:
    """The limits a rate limiter enforces (WorkOS's documented defaults).

    ``None`` for a limit means "not limited on the client side" (a 429 still pauses everyone).
    """

    #: User-management writes (POST/PUT/DELETE).
    writes: Limit | None = Limit(500, 10.0)
    #: Reads (GET).
    reads: Limit | None = Limit(1000, 10.0)
    #: All requests together.
    all: Limit | None = Limit(6000, 60.0)
    #: Fraction of each rate kept in reserve (0.03: run at 97% of each limit).
    margin: float = 0.03
    #: Bucket size as a fraction of each limit's request count (at least one token).
    burst: float = 0.02
    #: Fraction of each bucket that ``bulk`` acquires may not use (at least one token when
    #: above 0): interactive requests find it free while bulk work saturates the rest.
    interactive_share: float = 0.2
    #: Longest pause honoured from one ``Retry-After`` (seconds).
    max_pause: float = 120.0
    #: Pause when a 429 carries no ``Retry-After``.
    default_pause: float = 1.0

    def __attrs_post_init__(self) -> None:
        for name in ("margin", "interactive_share"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"{name} must be a number")
            if not 0 <= value < 1:
                raise ValueError(f"{name}: expected 0 <= {name} < 1")
        if isinstance(self.burst, bool) or not isinstance(self.burst, int | float):
            raise TypeError("burst must be a number")
        if not 0 < self.burst <= 1:
            raise ValueError("burst: expected 0 < burst <= 1")
        check_positive("max_pause", self.max_pause)
        if self.default_pause < 0:
            raise ValueError("default_pause must not be negative")
        for name in ("writes", "reads", "all"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Limit):
                raise TypeError(f"{name} must be a Limit or None")

    def limit_for(self, bucket: str) -> Limit | None:
        """The :class:`Limit` of bucket ``write``, ``read`` or ``all``."""
        if bucket == "write":
            return self.writes
        if bucket == "read":
            return self.reads
        if bucket == "all":
            return self.all
        raise ValueError(f"unknown bucket {bucket!r}")

    def pause_for(self, retry_after: float | None) -> float:
        """Seconds to pause for a 429 with this ``Retry-After``."""
        pause = self.default_pause if retry_after is None else max(0.0, float(retry_after))
        return min(pause, self.max_pause)


@attrs.frozen
class BucketShape:
    """One bucket as GCRA sees it, in seconds.

    A request is admitted when the bucket's backlog (``tat - now``, at least 0) plus
    ``interval`` stays within the tolerance of its priority: ``tolerance`` for interactive,
    ``bulk_tolerance`` (smaller by the reserve) for bulk.
    """

    interval: float
    tolerance: float
    bulk_tolerance: float


def bucket_shape(limit: Limit, limits: RateLimits) -> BucketShape:
    """The GCRA numbers for ``limit`` under ``limits``' margin, burst and interactive share.

    Over any window of ``limit.window`` seconds at most
    ``requests * (1 - margin) + capacity`` requests pass, where ``capacity`` is the bucket size
    in tokens (``requests * burst``, and at least two more than the reserve: for limits of
    fewer than ~100 requests, keep ``margin`` large enough to cover those tokens).
    """
    interval = limit.window / (limit.requests * (1.0 - limits.margin))
    capacity = max(1.0, limit.requests * limits.burst)
    share = limits.interactive_share
    reserve = max(1.0, capacity * share) if share > 0 else 0.0
    # Bulk gets at least two tokens of its own: with one, a slot is admitted only once the
    # bucket is completely full again, and every waker's lateness (scheduling, the round trip)
    # would be lost rate; with two, the next slot is taken while the backlog is still > 0.
    capacity = max(capacity, reserve + 2.0)
    return BucketShape(
        interval=interval,
        tolerance=capacity * interval,
        bulk_tolerance=(capacity - reserve) * interval,
    )
