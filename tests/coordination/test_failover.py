"""Redis killed, frozen and restarted mid-run: requests go on with the in-process fallback
(one warning per outage), and shared coordination comes back by itself."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from typing import Any

import pytest

from workos_async.coordination import Coordinator, Limit, RateLimits, connect
from workos_async.coordination.redis_flight import RedisFlightStore
from workos_async.coordination.redis_limiter import RedisRateLimiter

from .redis_server import RedisServer

LIMITS = RateLimits(writes=Limit(200, 1.0), reads=None, all=None, margin=0)


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "workos_async.coordination" and r.levelno == logging.WARNING
    ]


async def test_limiter_survives_a_killed_redis_and_recovers(
    own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "workos_async.coordination")
    coordinator = Coordinator.from_redis(
        own_redis.url, api_key="sk_test_failover", limits=LIMITS, retry_interval=0.2
    )
    limiter = coordinator.limiter
    assert isinstance(limiter, RedisRateLimiter)
    for _ in range(5):
        await limiter.acquire("write")
    assert limiter.shared_grants == 5

    own_redis.kill()
    started = time.monotonic()
    for _ in range(20):
        await asyncio.wait_for(limiter.acquire("write"), 2)
    assert limiter.fallback_grants >= 19
    assert time.monotonic() - started < 5  # never stuck on the dead store
    down = warnings_of(caplog)
    assert len(down) == 1 and "unavailable" in down[0]
    assert str(own_redis.port) not in down[0]

    own_redis.start()  # same port, empty
    await asyncio.sleep(0.3)  # past retry_interval
    before = limiter.shared_grants
    for _ in range(5):
        await limiter.acquire("write")
    assert limiter.shared_grants > before
    assert [m for m in warnings_of(caplog) if "back" in m]
    client = connect(own_redis.url)
    assert [k async for k in client.scan_iter("*tat:write")]  # the budget lives in Redis again
    await client.aclose()
    await coordinator.aclose()


async def test_a_frozen_redis_never_holds_a_request_longer_than_the_timeout(
    own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "workos_async.coordination")
    coordinator = Coordinator.from_redis(
        own_redis.url, api_key="sk_test_frozen", limits=LIMITS, timeout=0.2, retry_interval=5
    )
    await coordinator.limiter.acquire("write")
    assert own_redis.pid is not None
    os.kill(own_redis.pid, signal.SIGSTOP)  # alive but silent: the "slow Redis" case
    try:
        started = time.monotonic()
        for _ in range(10):
            await coordinator.limiter.acquire("write")
        # One timeout (0.2 s) for the first; the rest skip Redis for retry_interval.
        assert time.monotonic() - started < 2
        assert len(warnings_of(caplog)) == 1
    finally:
        os.kill(own_redis.pid, signal.SIGCONT)
    await coordinator.aclose()


async def test_a_reported_429_still_pauses_this_process_without_redis(
    own_redis: RedisServer,
) -> None:
    coordinator = Coordinator.from_redis(own_redis.url, limits=LIMITS, retry_interval=10)
    own_redis.kill()
    await coordinator.limiter.acquire("write")  # notices the outage
    await coordinator.limiter.report_rate_limited(0.5)
    started = time.monotonic()
    await coordinator.limiter.acquire("write")
    assert time.monotonic() - started >= 0.45
    await coordinator.aclose()


async def test_refresh_flights_fall_back_and_recover(
    own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "workos_async.coordination")
    client = connect(own_redis.url, timeout=0.2)
    store = RedisFlightStore(client, poll=0.01)
    store.health.retry_interval = 0.2
    calls = 0

    async def start() -> bytes:
        nonlocal calls
        calls += 1
        return b"v%d" % calls

    assert await store.run(b"a" * 32, start, reuse=5) == b"v1"
    own_redis.kill()
    assert await store.run(b"b" * 32, start, reuse=5) == b"v2"  # ran here, no error
    assert store.started_without_store == 1
    assert len(warnings_of(caplog)) == 1
    own_redis.start()
    await asyncio.sleep(0.3)
    assert await store.run(b"c" * 32, start, reuse=5) == b"v3"
    assert await store.run(b"c" * 32, start, reuse=5) == b"v3"  # kept in Redis again
    assert store.started == 2
    await client.aclose()


async def test_a_crashed_holder_delays_the_others_only_until_its_lock_expires(
    redis: Any,
) -> None:
    store = RedisFlightStore(redis, lock_ttl=0.3, poll=0.01)
    # A holder that died: its lock is there, no value will come.
    await redis.set(b"workos:flight:" + (b"d" * 32).hex().encode() + b":lock", b"x", px=300)

    async def start() -> bytes:
        return b"mine"

    started = time.monotonic()
    assert await store.run(b"d" * 32, start, reuse=5) == b"mine"
    assert store.started == 1  # took the lock once it expired
    assert time.monotonic() - started < 2
