"""The flight store on Redis: one refresh per key across every process.

Per key (a digest; the caller's values are already encrypted)::

    {ns}:flight:<hex>:lock    a random token while one process runs the flight (short TTL)
    {ns}:flight:<hex>:value   the result, kept for the reuse window

``run``: one script either returns the kept value or takes the lock; a process that gets
neither waits, polling every few milliseconds, for the value to appear or the lock to go (its
holder died, or produced nothing to share: then the next one tries). The holder publishes the
value and drops its lock in one script, so a waiter never sees "no lock, no value" in between.

Redis down or slow: ``start()`` runs in this process (the in-process single-flight above this
store still sends one refresh per process), one warning is logged per outage, and Redis is
tried again later. ``run`` never raises a store error.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ._health import StoreHealth, logger
from ._redis import bounded, store_errors

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = ["RedisFlightStore"]

# KEYS[1] = value, KEYS[2] = lock; ARGV[1] = token, ARGV[2] = lock ttl ms.
# Returns {1, value} (kept), {2, ''} (lock taken), {0, ''} (someone else holds it).
CLAIM_LUA = """
local v = redis.call('GET', KEYS[1])
if v then return {1, v} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2, ''} end
return {0, ''}
"""

# KEYS[1] = value, KEYS[2] = lock; ARGV[1] = token, ARGV[2] = value ('' = none),
# ARGV[3] = reuse ms.
FINISH_LUA = """
if ARGV[2] ~= '' and tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
"""


class RedisFlightStore:
    """A :class:`~workos_async.coordination.FlightStore` shared through Redis.

    Args:
        redis: A ``redis.asyncio.Redis``.
        namespace: Prefix of every key.
        lock_ttl: Seconds a flight's lock lives (longer than a refresh takes; a crashed holder
            delays the others by at most this).
        timeout: Longest wait for Redis per call before falling back.
        poll: Seconds between a waiter's checks (the first ones are quicker).
        health: Shared outage tracking (one per coordinator).
    """

    def __init__(
        self,
        redis: Redis,
        *,
        namespace: str = "workos",
        lock_ttl: float = 15.0,
        timeout: float = 0.25,
        poll: float = 0.02,
        health: StoreHealth | None = None,
    ) -> None:
        for name, value in (("lock_ttl", lock_ttl), ("timeout", timeout), ("poll", poll)):
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"{name} must be a positive number of seconds")
        if not isinstance(namespace, str) or not namespace:
            raise ValueError("namespace must be a non-empty str")
        self._redis = redis
        self._prefix = f"{namespace}:flight:"
        self._lock_ms = max(1, round(lock_ttl * 1000))
        self._lock_ttl = float(lock_ttl)
        self._timeout = float(timeout)
        self._poll = float(poll)
        self.health = health or StoreHealth()
        self._claim = redis.register_script(CLAIM_LUA)
        self._finish = redis.register_script(FINISH_LUA)
        #: Flights this process ran with the lock, and without Redis (for tests and metrics).
        self.started = 0
        self.started_without_store = 0

    def __repr__(self) -> str:
        return f"RedisFlightStore(health={self.health!r})"

    def _keys(self, key: bytes) -> list[str]:
        if not isinstance(key, bytes) or not key:
            raise TypeError("key must be non-empty bytes (a digest)")
        base = self._prefix + key.hex()
        return [base + ":value", base + ":lock"]

    async def _alone(self, start: Callable[[], Awaitable[bytes | None]]) -> bytes | None:
        self.started_without_store += 1
        return await start()

    async def run(
        self, key: bytes, start: Callable[[], Awaitable[bytes | None]], *, reuse: float
    ) -> bytes | None:
        keys = self._keys(key)
        health = self.health
        token = os.urandom(16).hex()
        # A waiter gives up on a holder after its lock's whole life (plus slack) and runs the
        # flight itself: a store that keeps a stale lock must not hang requests.
        deadline = time.monotonic() + self._lock_ttl + 1.0
        delay = self._poll / 4
        while True:
            if not health.usable():
                return await self._alone(start)
            try:
                reply: Any = await bounded(
                    self._claim(keys=keys, args=[token, self._lock_ms]), self._timeout
                )
            except store_errors() as exc:
                health.failed(exc)
                return await self._alone(start)
            health.succeeded()
            state = int(reply[0])
            if state == 1:
                return bytes(reply[1])
            if state == 2:
                return await self._lead(keys, token, start, reuse)
            if time.monotonic() >= deadline:
                logger.warning("a shared flight's holder did not finish in time; running it here")
                return await self._alone(start)
            await asyncio.sleep(delay)
            delay = min(self._poll, delay * 2)

    async def _lead(
        self,
        keys: list[str],
        token: str,
        start: Callable[[], Awaitable[bytes | None]],
        reuse: float,
    ) -> bytes | None:
        self.started += 1
        value: bytes | None = None
        try:
            value = await start()
            return value
        finally:
            reuse_ms = max(0, round(reuse * 1000)) if value is not None else 0
            try:
                await bounded(
                    self._finish(keys=keys, args=[token, value or b"", reuse_ms]), self._timeout
                )
            except store_errors() as exc:
                # The lock expires on its own; the waiters then run the flight themselves.
                self.health.failed(exc)
