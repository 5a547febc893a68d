"""Coordination beyond one process: a shared rate budget, cross-worker refresh single-flight,
and server-side sessions — on Redis, behind one small interface with in-process defaults.

* :class:`RateLimiter` — ``acquire(kind, priority)`` before each request;
  ``report_rate_limited(retry_after)`` after a 429 (pauses everyone).
  :class:`LocalRateLimiter` (one process) and :class:`RedisRateLimiter` (one Lua script per
  acquire, shaped like WorkOS's limits; interactive traffic keeps a reserve bulk cannot take).
* :class:`FlightStore` — single-flight with a reuse window: :class:`LocalFlightStore`,
  :class:`RedisFlightStore`; :func:`share_refreshes` wires it under ``client.sessions``.
* :class:`SessionStore` — values with a TTL: :class:`LocalSessionStore`,
  :class:`RedisSessionStore`; :class:`ServerSideSessions` keeps sessions there behind a sealed
  id in the cookie.
* :class:`Coordinator` bundles them (``Coordinator.local()`` / ``Coordinator.from_redis()``);
  :class:`SharedRateGovernor` lets ``workos_async.bulk`` use the shared limiter.

Redis down or slow: the limiter and the flights fall back to in-process behaviour (one warning
per outage) and return to Redis by themselves. ``redis`` is an optional extra
(``pip install 'workos-async[redis]'``), imported only when a Redis component is created.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._health import StoreHealth
from ._redis import INSTALL_HINT, connect, scope_for
from .coordinator import Coordinator, share_refreshes
from .errors import CoordinationError, StoreUnavailableError
from .limits import Kind, Limit, Priority, RateLimits
from .local_flight import LocalFlightStore
from .local_limiter import LocalRateLimiter
from .local_sessions import LocalSessionStore
from .protocols import FlightStore, RateLimiter, SessionStore

if TYPE_CHECKING:
    from .bulk_governor import SharedRateGovernor
    from .redis_flight import RedisFlightStore
    from .redis_limiter import RedisRateLimiter
    from .redis_sessions import RedisSessionStore
    from .server_sessions import ServerSideSessions

__all__ = [
    "INSTALL_HINT",
    "CoordinationError",
    "Coordinator",
    "FlightStore",
    "Kind",
    "Limit",
    "LocalFlightStore",
    "LocalRateLimiter",
    "LocalSessionStore",
    "Priority",
    "RateLimiter",
    "RateLimits",
    "RedisFlightStore",
    "RedisRateLimiter",
    "RedisSessionStore",
    "ServerSideSessions",
    "SessionStore",
    "SharedRateGovernor",
    "StoreHealth",
    "StoreUnavailableError",
    "connect",
    "scope_for",
    "share_refreshes",
]

# Resolved on first access: they pull in bulk or sessions machinery an app may not use.
_LAZY = {
    "SharedRateGovernor": ".bulk_governor",
    "RedisFlightStore": ".redis_flight",
    "RedisRateLimiter": ".redis_limiter",
    "RedisSessionStore": ".redis_sessions",
    "ServerSideSessions": ".server_sessions",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
