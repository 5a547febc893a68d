"""One object that holds a deployment's coordination: limiter, refresh flights, session store.

    coordinator = Coordinator.from_redis("redis://localhost:6379/0", api_key=API_KEY)
    client.sessions.share_refreshes(coordinator.flights)  # cross-worker single-flight refresh
    await coordinator.limiter.acquire("write")          # the shared rate budget
    ...
    await coordinator.aclose()

``Coordinator.local()`` is the in-process default: the same interface for one process.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs

from ._health import StoreHealth
from ._redis import connect, scope_for
from .limits import RateLimits
from .local_flight import LocalFlightStore
from .local_limiter import LocalRateLimiter
from .local_sessions import LocalSessionStore
from .protocols import FlightStore, RateLimiter, SessionStore

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from ..sessions._session import AsyncSessions

__all__ = ["Coordinator", "share_refreshes"]


@attrs.define(eq=False)
class Coordinator:
    """The coordination components of one app (see the module docstring)."""

    #: The rate budget every request takes from.
    limiter: RateLimiter
    #: Cross-process single-flight for session refreshes.
    flights: FlightStore
    #: Where server-side sessions live.
    sessions: SessionStore
    #: Outage tracking shared by the Redis components (``None`` for in-process ones).
    health: StoreHealth | None = None
    _redis: Any = attrs.field(default=None, repr=False)

    @classmethod
    def local(cls, limits: RateLimits | None = None) -> Coordinator:
        """In-process coordination (the default for one process)."""
        return cls(
            limiter=LocalRateLimiter(limits),
            flights=LocalFlightStore(),
            sessions=LocalSessionStore(),
        )

    @classmethod
    def from_redis(
        cls,
        redis: str | Redis,
        *,
        api_key: str | None = None,
        limits: RateLimits | None = None,
        namespace: str = "workos",
        timeout: float = 0.25,
        retry_interval: float = 1.0,
        lock_ttl: float = 15.0,
        session_timeout: float = 2.0,
    ) -> Coordinator:
        """Coordination shared through Redis (7+, or Valkey).

        Args:
            redis: A ``redis://`` URL (a client that gives up after ``timeout`` is made) or a
                ready ``redis.asyncio.Redis``.
            api_key: Names the rate budget (as a digest); default ``WORKOS_API_KEY``. Every
                process using one key must share one budget.
            limits: The limits (WorkOS's documented ones by default); the same everywhere.
            namespace: Prefix of every Redis key.
            timeout: Longest wait for Redis per call before falling back (seconds).
            retry_interval: Seconds to skip Redis after a failure before trying again.
            lock_ttl: Seconds a refresh flight's lock lives.
            session_timeout: Longest wait per call (seconds) for the session parts: the
                session store and the refresh flights. Longer than ``timeout``: nothing stands
                in for a stored session, and a refresh run without the others spends the
                refresh token they hold, so a busy (not down) Redis must not turn into 503s or
                sign-outs.
        """
        # Each component bounds its own calls; the sockets allow the longest of the bounds.
        socket_timeout = max(timeout, session_timeout)
        client: Any = connect(redis, timeout=socket_timeout) if isinstance(redis, str) else redis
        key = api_key if api_key is not None else os.environ.get("WORKOS_API_KEY", "")
        scope = scope_for(key) if key else "default"
        health = StoreHealth("redis", retry_interval=retry_interval)
        from .redis_flight import RedisFlightStore
        from .redis_limiter import RedisRateLimiter
        from .redis_sessions import RedisSessionStore

        return cls(
            limiter=RedisRateLimiter(
                client, limits, scope=scope, namespace=namespace, timeout=timeout, health=health
            ),
            flights=RedisFlightStore(
                client,
                namespace=namespace,
                lock_ttl=lock_ttl,
                timeout=session_timeout,
                health=health,
            ),
            sessions=RedisSessionStore(
                client, namespace=namespace, timeout=session_timeout, health=health
            ),
            health=health,
            redis=client if isinstance(redis, str) else None,
        )

    async def aclose(self) -> None:
        """Close the Redis connections this coordinator opened (not a client passed in)."""
        client = self._redis
        self._redis = None
        if client is not None:
            await client.aclose()


def share_refreshes(
    sessions: AsyncSessions,
    coordinator: Coordinator | FlightStore | None,
    *,
    cookie_password: Any = None,
) -> None:
    """Make ``sessions`` (e.g. ``client.sessions``) refresh through ``coordinator``'s flight
    store: one refresh per (refresh token, organization) across every process that shares it;
    the others get its new sealed session, kept ``reuse_window`` seconds.

    Results are encrypted with ``cookie_password`` (default: the sessions' cookie password, or
    ``WORKOS_COOKIE_PASSWORD``), which every process must share. ``None`` stops sharing.

    A thin helper over :meth:`AsyncSessions.share_refreshes
    <workos_async.sessions.AsyncSessions.share_refreshes>` (or ``AsyncSessions(...,
    flights=coordinator.flights)``).
    """
    if coordinator is None:
        sessions.share_refreshes(None)
        return
    store = coordinator.flights if isinstance(coordinator, Coordinator) else coordinator
    if not isinstance(store, FlightStore):
        raise TypeError("coordinator must be a Coordinator or a FlightStore")
    sessions.share_refreshes(store, cookie_password=cookie_password)
