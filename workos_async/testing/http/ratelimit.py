"""Rate limits shaped like WorkOS's documented ones (off unless asked for).

Per API key: user-management reads (``GET /user_management/...``) 1,000 per 10 s, writes 500
per 10 s, and every request 6,000 per 60 s. Windows slide (a log of request times), so no
window of that length ever holds more than the limit. A refused request does not count. The
429 carries ``Retry-After``: the seconds until the oldest request leaves the window.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Mapping
from typing import Any

import attrs


def _positive_int(_: Any, attribute: Any, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10**9:
        raise ValueError(f"{attribute.name} must be an integer in [1, 1e9]; got {value!r}")


def _positive_float(_: Any, attribute: Any, value: float) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 1e6:
        raise ValueError(f"{attribute.name} must be a number of seconds in (0, 1e6]; got {value!r}")


@attrs.frozen(kw_only=True)
class RateLimits:
    """Limits per API key. The defaults are WorkOS's documented numbers."""

    reads: int = attrs.field(default=1000, validator=_positive_int)
    writes: int = attrs.field(default=500, validator=_positive_int)
    #: Window of ``reads`` and ``writes``, in seconds.
    window: float = attrs.field(default=10.0, validator=_positive_float)
    total: int = attrs.field(default=6000, validator=_positive_int)
    #: Window of ``total``, in seconds.
    total_window: float = attrs.field(default=60.0, validator=_positive_float)
    #: Send ``Retry-After`` with decimals (for scaled-down windows) instead of whole seconds.
    fractional_retry_after: bool = False

    def scaled(self, factor: float) -> RateLimits:
        """The same limits over windows ``factor`` times as long (``0.01``: 1,000 reads / 0.1 s)."""
        if not isinstance(factor, int | float) or isinstance(factor, bool) or not factor > 0:
            raise ValueError(f"factor must be a number > 0; got {factor!r}")
        return attrs.evolve(
            self, window=self.window * factor, total_window=self.total_window * factor
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (``GET /_fake/rate_limits``)."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RateLimits:
        """Build from JSON data; ``ValueError`` naming the problem when it is bad."""
        if not isinstance(data, Mapping):
            raise ValueError("rate limits must be a JSON object")
        known = {a.name for a in attrs.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown rate-limit field(s): {', '.join(unknown)}")
        try:
            return cls(**data)
        except (TypeError, OverflowError) as exc:
            raise ValueError(str(exc)) from None


class _Bucket:
    __slots__ = ("reads", "total", "writes")

    def __init__(self) -> None:
        self.reads: deque[float] = deque()
        self.writes: deque[float] = deque()
        self.total: deque[float] = deque()


def _wait(log: deque[float], limit: int, window: float, now: float) -> float:
    """0 when one more request fits in the sliding window, else the seconds to wait."""
    edge = now - window
    while log and log[0] <= edge:
        log.popleft()
    if len(log) < limit:
        return 0.0
    return log[-limit] + window - now


class RateLimiter:
    """Sliding-window counters per API key. Call under the fake's lock."""

    def __init__(self, limits: RateLimits, clock: Any = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def check(self, key: str, user_management: bool, read: bool) -> tuple[float, str] | None:
        """``None`` (and the request is counted) or ``(retry_after, which_limit)``."""
        limits = self.limits
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket()
        wait = _wait(bucket.total, limits.total, limits.total_window, now)
        which = f"{limits.total} requests per {limits.total_window:g} s"
        scoped: deque[float] | None = None
        if user_management:
            if read:
                scoped = bucket.reads
                scoped_wait = _wait(scoped, limits.reads, limits.window, now)
                scoped_which = f"{limits.reads} user-management reads per {limits.window:g} s"
            else:
                scoped = bucket.writes
                scoped_wait = _wait(scoped, limits.writes, limits.window, now)
                scoped_which = f"{limits.writes} user-management writes per {limits.window:g} s"
            if scoped_wait > wait:
                wait, which = scoped_wait, scoped_which
        if wait > 0:
            return wait, which
        bucket.total.append(now)
        if scoped is not None:
            scoped.append(now)
        return None

    def retry_after_header(self, wait: float) -> str:
        """``Retry-After`` for ``wait`` seconds: whole seconds rounded up, or decimals."""
        if self.limits.fractional_retry_after:
            return f"{max(wait, 0.001):.3f}"
        return str(max(1, math.ceil(wait)))
