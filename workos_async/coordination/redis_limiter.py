"""The shared rate limiter on Redis: one Lua script per acquire, one round trip.

The script is the in-process limiter's GCRA rule (:mod:`.local_limiter`) run atomically inside
Redis on Redis's own clock (``TIME``), so processes on hosts whose clocks disagree still share
one budget. Keys (one API key's budget, all in one hash slot)::

    {ns}:{<scope>}:pause         ms timestamp until which everyone waits (after a 429)
    {ns}:{<scope>}:tat:<bucket>  the bucket's theoretical arrival time, ms

``<scope>`` is a digest of the API key (:func:`scope_for`), never the key. Each key expires
once it no longer matters, so an idle budget leaves nothing behind.

Redis down or slow (no answer within ``timeout``): the acquire is decided by the in-process
``fallback`` limiter instead, one warning is logged for the outage, and Redis is tried again
``retry_interval`` seconds later. A request is never held longer than ``timeout`` by Redis.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from ._health import StoreHealth
from ._redis import bounded, store_errors
from .limits import BucketShape, Kind, Priority, RateLimits, bucket_shape
from .local_limiter import LocalRateLimiter, check_kind, check_priority

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = ["RedisRateLimiter"]

# KEYS[1] = pause key, KEYS[2..] = bucket tat keys.
# ARGV[1] = 'i' or 'b' (priority); then per bucket: interval, tolerance, bulk tolerance (ms).
# Returns {granted (1/0), wait ms (string: Lua numbers become integers in replies)}.
ACQUIRE_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
if pause > now then
  return {0, tostring(pause - now)}
end
local bulk = ARGV[1] == 'b'
local wait = 0
local tats = {}
for i = 2, #KEYS do
  local base = (i - 2) * 3 + 1
  local interval = tonumber(ARGV[base + 1])
  local tolerance = tonumber(ARGV[base + 2])
  if bulk then tolerance = tonumber(ARGV[base + 3]) end
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  local over = tat - now + interval - tolerance
  if over > wait then wait = over end
  tats[i] = tat + interval
end
if wait > 0.001 then
  return {0, tostring(wait)}
end
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], tostring(tats[i]), 'PX', math.ceil(tats[i] - now) + 1000)
end
return {1, '0'}
"""

# KEYS as above; ARGV[1] = pause ms; then per bucket: tolerance ms.
# Returns the ms left of the (possibly longer, already running) pause.
PAUSE_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local pause = tonumber(ARGV[1])
local untl = now + pause
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untl > current then
  redis.call('SET', KEYS[1], tostring(untl), 'PX', math.ceil(pause) + 1000)
  current = untl
end
for i = 2, #KEYS do
  local want = current + tonumber(ARGV[i])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < want then
    redis.call('SET', KEYS[i], tostring(want), 'PX', math.ceil(want - now) + 1000)
  end
end
return tostring(current - now)
"""


class RedisRateLimiter:
    """A :class:`~workos_async.coordination.RateLimiter` shared through Redis.

    Args:
        redis: A ``redis.asyncio.Redis`` (see :func:`workos_async.coordination.connect`).
        limits: The limits (WorkOS's documented ones by default). Every process sharing the
            budget must use the same.
        scope: Names the budget, e.g. :func:`scope_for` of the API key. Processes with the
            same ``namespace`` and ``scope`` share one budget.
        namespace: Prefix of every key.
        timeout: Longest wait for Redis per call (seconds) before falling back.
        fallback: The limiter used while Redis is unavailable (default: an in-process one
            with the same limits; each process then enforces the limits on its own).
        health: Shared outage tracking (one per coordinator); default: its own.
    """

    def __init__(
        self,
        redis: Redis,
        limits: RateLimits | None = None,
        *,
        scope: str = "default",
        namespace: str = "workos",
        timeout: float = 0.25,
        fallback: LocalRateLimiter | None = None,
        health: StoreHealth | None = None,
    ) -> None:
        if limits is not None and not isinstance(limits, RateLimits):
            raise TypeError("limits must be a RateLimits")
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
        for name, value in (("scope", scope), ("namespace", namespace)):
            if not isinstance(value, str) or not value or "{" in value or "}" in value:
                raise ValueError(f"{name} must be a non-empty str without braces")
        self.limits = limits or RateLimits()
        self._redis = redis
        self._timeout = float(timeout)
        self.fallback = fallback or LocalRateLimiter(self.limits)
        self.health = health or StoreHealth()
        prefix = f"{namespace}:{{{scope}}}:"
        self._pause_key = prefix + "pause"
        self._shapes: dict[str, BucketShape] = {}
        self._tat_keys: dict[str, str] = {}
        for name in ("write", "read", "all"):
            limit = self.limits.limit_for(name)
            if limit is not None:
                self._shapes[name] = bucket_shape(limit, self.limits)
                self._tat_keys[name] = prefix + "tat:" + name
        self._acquire = redis.register_script(ACQUIRE_LUA)
        self._pause = redis.register_script(PAUSE_LUA)
        # Per (kind, priority): the script's keys and arguments, computed once.
        self._calls: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        for kind in ("read", "write"):
            for priority in ("interactive", "bulk"):
                keys = [self._pause_key]
                args = ["b" if priority == "bulk" else "i"]
                for name in (kind, "all"):
                    shape = self._shapes.get(name)
                    if shape is not None:
                        keys.append(self._tat_keys[name])
                        args += [
                            repr(shape.interval * 1000),
                            repr(shape.tolerance * 1000),
                            repr(shape.bulk_tolerance * 1000),
                        ]
                self._calls[(kind, priority)] = (keys, args)
        self._queues: dict[tuple[str, str], asyncio.Lock] = {}
        #: Acquires decided by Redis and by the fallback (for tests and metrics).
        self.shared_grants = 0
        self.fallback_grants = 0
        #: By priority: acquires the budget made wait (not counting the wait for their turn in
        #: this process's queue), and the seconds of waiting it asked for.
        self.held: dict[str, int] = {"interactive": 0, "bulk": 0}
        self.held_seconds: dict[str, float] = {"interactive": 0.0, "bulk": 0.0}

    def __repr__(self) -> str:
        return f"RedisRateLimiter(limits={self.limits!r}, health={self.health!r})"

    async def try_acquire(self, kind: Kind, priority: Priority = "interactive") -> float:
        """One atomic attempt: 0.0 when a token was taken, else the seconds to wait (nothing
        taken). Raises the store's error when Redis fails (no fallback here)."""
        keys, args = self._calls[(check_kind(kind), check_priority(priority))]
        reply: Any = await bounded(self._acquire(keys=keys, args=args), self._timeout)
        if int(reply[0]) == 1:
            return 0.0
        return max(float(reply[1]) / 1000.0, 0.0005)

    async def acquire(self, kind: Kind, priority: Priority = "interactive") -> None:
        """Wait until a request of ``kind`` may be sent, and count it (see the module
        docstring for what happens when Redis is unavailable)."""
        kind = check_kind(kind)
        priority = check_priority(priority)
        queue = self._queues.get((kind, priority))
        if queue is None:
            queue = self._queues[(kind, priority)] = asyncio.Lock()
        # One attempt in flight per process and class: waiters poll Redis once per grant, not
        # once each.
        async with queue:
            health = self.health
            held = False
            while health.usable():
                try:
                    wait = await self.try_acquire(kind, priority)
                except store_errors() as exc:
                    health.failed(exc)
                    break
                health.succeeded()
                if wait <= 0:
                    self.shared_grants += 1
                    return
                held = self._hold(priority, wait, held)
                await asyncio.sleep(wait)
            # Without Redis: the local limit (still honouring a pause reported meanwhile).
            while True:
                wait = self.fallback.try_acquire(kind, priority)
                if wait <= 0:
                    break
                held = self._hold(priority, wait, held)
                await asyncio.sleep(wait)
            self.fallback_grants += 1

    def _hold(self, priority: str, wait: float, held: bool) -> bool:
        if not held:
            self.held[priority] += 1
        self.held_seconds[priority] += wait
        return True

    async def report_rate_limited(self, retry_after: float | None) -> None:
        """Pause every process for ``retry_after`` seconds (bounded by ``max_pause``).

        The pause is applied locally at once and shared through Redis; when Redis is down the
        local pause still holds this process."""
        pause = self.limits.pause_for(retry_after)
        await self.fallback.report_rate_limited(retry_after)
        if not self.health.usable():
            return
        keys = [self._pause_key, *self._tat_keys.values()]
        args = [repr(pause * 1000), *(repr(s.tolerance * 1000) for s in self._shapes.values())]
        try:
            await bounded(self._pause(keys=keys, args=args), self._timeout)
        except store_errors() as exc:
            self.health.failed(exc)
        else:
            self.health.succeeded()
