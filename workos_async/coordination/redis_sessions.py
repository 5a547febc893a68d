"""The session store on Redis: ``{ns}:session:<hex digest>`` → encrypted value, with a TTL.

Unlike the limiter and the flight store, nothing can stand in for Redis here (the session lives
nowhere else): a call that fails or is slow raises :class:`StoreUnavailableError` (answer 503).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._health import StoreHealth
from ._redis import bounded, store_errors
from .errors import StoreUnavailableError
from .local_sessions import check_key, check_ttl

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = ["RedisSessionStore"]


class RedisSessionStore:
    """A :class:`~workos_async.coordination.SessionStore` shared through Redis."""

    def __init__(
        self,
        redis: Redis,
        *,
        namespace: str = "workos",
        timeout: float = 0.5,
        health: StoreHealth | None = None,
    ) -> None:
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
        if not isinstance(namespace, str) or not namespace:
            raise ValueError("namespace must be a non-empty str")
        self._redis = redis
        self._prefix = f"{namespace}:session:"
        self._timeout = float(timeout)
        self.health = health or StoreHealth()

    def __repr__(self) -> str:
        return f"RedisSessionStore(health={self.health!r})"

    async def _call(self, call: Any) -> Any:
        try:
            result = await bounded(call, self._timeout)
        except store_errors() as exc:
            self.health.failed(exc)
            raise StoreUnavailableError("the session store did not answer") from None
        self.health.succeeded()
        return result

    async def put(self, key: bytes, value: bytes, ttl: float) -> None:
        name = self._prefix + check_key(key).hex()
        if not isinstance(value, bytes):
            raise TypeError("value must be bytes")
        await self._call(self._redis.set(name, value, px=max(1, round(check_ttl(ttl) * 1000))))

    async def get(self, key: bytes) -> bytes | None:
        value = await self._call(self._redis.get(self._prefix + check_key(key).hex()))
        return None if value is None else bytes(value)

    async def delete(self, key: bytes) -> bool:
        return bool(await self._call(self._redis.delete(self._prefix + check_key(key).hex())))
