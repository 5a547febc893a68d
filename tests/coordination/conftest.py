"""Fixtures: one real redis-server for the module's tests (flushed before each), and a
private one for the tests that kill and restart it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from workos_async.coordination import connect

from .redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    redis_server.flush()
    return redis_server.url


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Any]:
    client = connect(redis_url, timeout=1.0)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A redis-server of the test's own, to kill and restart."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.kill()
        server.stop()
