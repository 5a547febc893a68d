"""The interface: what the client, sessions and bulk import need from a coordinator.

Each has an in-process implementation (the default: nothing changes for one process) and a
Redis one (several processes, pods or hosts sharing one API key). The Redis ones never fail a
request only because Redis is down: they fall back to the in-process behaviour.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, runtime_checkable

from .limits import Kind, Priority

__all__ = ["FlightStore", "RateLimiter", "SessionStore"]


@runtime_checkable
class RateLimiter(Protocol):
    """A rate budget shared by everyone who sends requests with one API key."""

    async def acquire(self, kind: Kind, priority: Priority = "interactive") -> None:
        """Wait until a request of ``kind`` may be sent, and count it.

        ``bulk`` acquires never take the share reserved for ``interactive`` ones.
        """
        ...

    async def report_rate_limited(self, retry_after: float | None) -> None:
        """A 429 arrived: pause every acquirer (every process) for ``retry_after`` seconds."""
        ...


@runtime_checkable
class FlightStore(Protocol):
    """Single-flight with a result kept for a reuse window, keyed by digests.

    ``run(key, start, reuse=...)``: when a result for ``key`` is kept, return it; when another
    caller (another process, for a shared store) is computing it, wait for its result; else
    run ``start()`` and keep what it returns for ``reuse`` seconds (``None`` is returned to
    this caller only and not kept: the waiters then try for themselves). Values are opaque
    bytes: the caller encrypts them.
    """

    async def run(
        self, key: bytes, start: Callable[[], Awaitable[bytes | None]], *, reuse: float
    ) -> bytes | None: ...


@runtime_checkable
class SessionStore(Protocol):
    """Opaque values under digest keys, each with a time to live (server-side sessions)."""

    async def put(self, key: bytes, value: bytes, ttl: float) -> None:
        """Store ``value`` under ``key`` for ``ttl`` seconds (replacing any value)."""
        ...

    async def get(self, key: bytes) -> bytes | None:
        """The value under ``key``, or ``None`` (never stored, expired or deleted)."""
        ...

    async def delete(self, key: bytes) -> bool:
        """Remove ``key``; whether it was there."""
        ...
