"""The only module that imports ``redis`` (the optional extra ``redis``), on first use.

``import workos_async.coordination`` works without the package; creating a Redis component
imports it and says what to install when it is missing.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = ["INSTALL_HINT", "bounded", "connect", "require_redis", "scope_for", "store_errors"]

INSTALL_HINT = (
    "shared coordination needs the 'redis' package; install it with: "
    "pip install 'workos-async[redis]'"
)

T = TypeVar("T")


def require_redis() -> Any:
    """``redis.asyncio`` (imported once), or an ``ImportError`` naming the extra."""
    try:
        import redis.asyncio as redis_asyncio
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    return redis_asyncio


def _store_errors() -> tuple[type[BaseException], ...]:
    try:
        from redis.exceptions import RedisError
    except ImportError:
        return (OSError, TimeoutError)
    return (RedisError, OSError, TimeoutError)


@functools.cache
def store_errors() -> tuple[type[BaseException], ...]:
    """What a failed or slow store call raises: each means "fall back", never "fail the
    request"."""
    return _store_errors()


def connect(url: str, *, timeout: float = 0.25, max_connections: int | None = None) -> Redis:
    """A ``redis.asyncio.Redis`` for ``url`` that gives up fast: ``timeout`` seconds to connect
    and per reply, no retries of its own (the caller falls back instead)."""
    if not isinstance(url, str) or not url:
        raise TypeError("url must be a non-empty str such as 'redis://localhost:6379/0'")
    require_redis()
    from redis.asyncio import Redis
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff

    client: Redis = Redis.from_url(
        url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
        max_connections=max_connections,
    )
    return client


async def bounded(call: Awaitable[T], limit: float) -> T:
    """``await call``, but at most ``limit`` seconds (``TimeoutError`` after)."""
    async with asyncio.timeout(limit):
        return await call


def scope_for(api_key: str) -> str:
    """The Redis name of one API key's budget: a digest, never the key."""
    if not isinstance(api_key, str) or not api_key:
        raise TypeError("api_key must be a non-empty str")
    return hashlib.sha256(b"workos-async rate scope\x00" + api_key.encode()).hexdigest()[:24]
