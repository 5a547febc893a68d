"""The bulk importer's governor over a shared :class:`RateLimiter`.

``workos_async.bulk`` takes a ``governor=``; this one sends every acquire to the shared limiter
with priority ``bulk`` (so interactive traffic keeps its reserve) and reports 429s to it (so a
429 pauses every process)::

    governor = SharedRateGovernor(coordinator.limiter)
    summary = await import_users(client, "users.csv", governor=governor)

Counters (``granted``, ``throttled``, ``paused_seconds``) and ``budget`` keep the private
governor's meaning, so progress and plans read the same.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping

from ..bulk.governor import Kind, Limit, RateGovernor, RateLimitConfig
from .limits import Limit as SharedLimit
from .limits import RateLimits
from .protocols import RateLimiter

__all__ = ["SharedRateGovernor"]


def _config(limits: RateLimits | None) -> RateLimitConfig:
    if limits is None:
        return RateLimitConfig.unlimited()

    def convert(limit: SharedLimit | None) -> Limit | None:
        return None if limit is None else Limit(limit.requests, limit.window)

    return RateLimitConfig(
        writes=convert(limits.writes),
        reads=convert(limits.reads),
        all=convert(limits.all),
        margin=limits.margin,
        max_pause=limits.max_pause,
        default_pause=limits.default_pause,
    )


class SharedRateGovernor(RateGovernor):
    """A :class:`~workos_async.bulk.RateGovernor` whose budget is a shared limiter's."""

    def __init__(self, limiter: RateLimiter, *, priority: str = "bulk") -> None:
        if not isinstance(limiter, RateLimiter):
            raise TypeError("limiter must be a RateLimiter")
        if priority not in ("bulk", "interactive"):
            raise ValueError("priority must be 'bulk' or 'interactive'")
        super().__init__(_config(getattr(limiter, "limits", None)))
        self.limiter = limiter
        self._priority = priority
        self._reports: set[asyncio.Task[None]] = set()

    def snapshot(self) -> Mapping[str, float]:
        return {"factor": 1.0, "paused_for": max(0.0, self._paused_until - time.monotonic())}

    async def acquire(self, kind: Kind) -> None:
        """Wait for the shared limiter (and for this process's own pause after a 429)."""
        left = self._paused_until - time.monotonic()
        if left > 0:
            # One sleep: a longer pause reported meanwhile also holds the shared limiter.
            await asyncio.sleep(left)
        await self.limiter.acquire(kind, self._priority)  # type: ignore[arg-type]
        self.granted[kind] += 1

    def on_rate_limited(self, retry_after: float | None) -> None:
        """Pause this process at once and every process through the shared limiter."""
        cfg = self.config
        self.throttled += 1
        pause = cfg.default_pause if retry_after is None else max(0.0, retry_after)
        pause = min(pause, cfg.max_pause)
        now = time.monotonic()
        until = now + pause
        if until > self._paused_until:
            self.paused_seconds += until - max(now, self._paused_until)
            self._paused_until = until
        task = asyncio.get_running_loop().create_task(self.limiter.report_rate_limited(retry_after))
        self._reports.add(task)
        task.add_done_callback(self._reports.discard)

    def on_success(self) -> None:
        """Nothing to recover: the shared limiter's rate is fixed."""
