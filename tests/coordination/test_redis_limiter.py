"""The shared limiter on a real redis-server, driven from several processes at once."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from workos_async.coordination import Coordinator, Limit, RateLimits, scope_for
from workos_async.coordination.redis_limiter import RedisRateLimiter

from .helpers import STARTUP, max_in_window, run_workers


def spec(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"writes": [50, 1.0], "margin": 0.0, "burst": 0.1, "share": 0.0}
    base.update(overrides)
    return base


def test_acquires_are_atomic_across_processes(redis_url: str) -> None:
    # A slow refill (50 per 100 s) and a full-size bucket: exactly 50 tokens exist for the
    # whole test, and 4 processes x 30 simultaneous attempts must take exactly those.
    args = {
        "url": redis_url,
        "scope": "atomic",
        "limits": spec(writes=[50, 100.0], burst=1.0),
        "n": 30,
        "start_at": time.time() + STARTUP,
    }
    results = run_workers("try", [args] * 4)
    assert sum(r["granted"] for r in results) == 50


async def test_bulk_cannot_take_the_reserve_across_processes(redis_url: str, redis: Any) -> None:
    args = {
        "url": redis_url,
        "scope": "reserve",
        "limits": spec(writes=[50, 100.0], burst=1.0, share=0.2),
        "n": 30,
        "priority": "bulk",
        "start_at": time.time() + STARTUP,
    }
    results = await asyncio.to_thread(run_workers, "try", [args] * 3)
    assert sum(r["granted"] for r in results) == 40  # 10 of the 50 are interactive's
    limiter = RedisRateLimiter(
        redis,
        RateLimits(writes=Limit(50, 100.0), reads=None, all=None, margin=0, burst=1.0),
        scope="reserve",
    )
    interactive = [await limiter.try_acquire("write", "interactive") for _ in range(12)]
    assert interactive.count(0.0) == 10
    assert await limiter.try_acquire("write", "bulk") > 0


async def test_interactive_finds_its_reserve_while_bulk_saturates(
    redis_url: str, redis: Any
) -> None:
    limits = RateLimits(writes=Limit(50, 100.0), reads=None, all=None, margin=0, burst=1.0)
    bulk = RedisRateLimiter(redis, limits, scope="saturated")
    bulk_waits = [await bulk.try_acquire("write", "bulk") for _ in range(45)]
    assert bulk_waits.count(0.0) == 40
    interactive = [await bulk.try_acquire("write", "interactive") for _ in range(12)]
    assert interactive.count(0.0) == 10
    assert all(w > 0 for w in interactive[10:])


def test_the_rate_holds_across_processes(redis_url: str) -> None:
    # 3 processes x 40 acquires against 50/s with a 5-token bucket: no 1-second window may
    # hold more than 50 + 5 grants, and 120 grants cannot take less than (120 - 5) / 50 s.
    args = {
        "url": redis_url,
        "scope": "rate",
        "limits": spec(),
        "n": 40,
        "concurrency": 8,
        "start_at": time.time() + STARTUP,
    }
    results = run_workers("acquire", [args] * 3)
    grants = [t for r in results for t in r["grants"]]
    assert len(grants) == 120
    assert all(r["fallback"] == 0 for r in results)
    assert max_in_window(grants, 1.0) <= 55 + 1  # +1: a grant is stamped just after it
    assert max(grants) - min(grants) >= (120 - 5 - 1) / 50


async def test_priorities_across_processes(redis_url: str, redis: Any) -> None:
    """Two bulk processes saturate the budget; interactive attempts from this process at the
    same time always find their reserve, while bulk attempts are refused."""
    start_at = time.time() + STARTUP
    args = {
        "url": redis_url,
        "scope": "mixed",
        "limits": spec(writes=[100, 1.0], burst=0.1, share=0.2),
        "n": 120,
        "concurrency": 16,
        "priority": "bulk",
        "start_at": start_at,
    }
    workers = asyncio.ensure_future(asyncio.to_thread(run_workers, "acquire", [args] * 2))
    limiter = RedisRateLimiter(
        redis,
        RateLimits(writes=Limit(100, 1.0), reads=None, all=None, margin=0, burst=0.1),
        scope="mixed",
    )
    # Start probing once the bulk workers saturate the budget (they may start late).
    await asyncio.sleep(max(0.0, start_at - time.time()))
    for _ in range(500):
        if await limiter.try_acquire("write", "bulk") > 0:
            break
        await asyncio.sleep(0.01)
    interactive: list[float] = []
    bulk: list[float] = []
    for _ in range(15):
        bulk.append(await limiter.try_acquire("write", "bulk"))
        interactive.append(await limiter.try_acquire("write", "interactive"))
        await asyncio.sleep(0.06)
    results = await workers
    grants = sorted(t for r in results for t in r["grants"])
    assert len(grants) == 240
    assert grants[-1] > time.time() - 10  # sanity: they ran now
    # The probes ran while the bulk workers were still busy...
    assert sum(1 for w in bulk if w > 0) >= 10
    # ...and not one interactive attempt had to wait.
    assert interactive == [0.0] * 15


def test_a_429_pauses_every_process(redis_url: str) -> None:
    async def report() -> None:
        coordinator = Coordinator.from_redis(redis_url, api_key="sk_test_pause")
        await coordinator.limiter.report_rate_limited(1.5)
        await coordinator.aclose()

    asyncio.run(report())
    reported = time.time()
    args = {
        "url": redis_url,
        "scope": scope_for("sk_test_pause"),
        "limits": {"writes": [500, 10.0], "reads": [1000, 10.0], "all": [6000, 60.0]},
        "n": 3,
        "start_at": time.time(),
    }
    results = run_workers("acquire", [args, args])
    grants = [t for r in results for t in r["grants"]]
    assert len(grants) == 6
    assert min(grants) >= reported + 1.5 - 0.2  # the whole pause, give or take startup


@pytest.mark.parametrize("priority", ["interactive", "bulk"])
async def test_keys_are_digests_and_expire(redis: Any, priority: str) -> None:
    coordinator = Coordinator.from_redis(redis, api_key="sk_test_secret_key_123")
    await coordinator.limiter.acquire("write", priority)  # type: ignore[arg-type]
    keys = [k.decode() async for k in redis.scan_iter("*")]
    assert keys
    assert all("sk_test" not in k for k in keys)
    assert all(scope_for("sk_test_secret_key_123") in k for k in keys)
    for key in keys:
        assert 0 < await redis.pttl(key) <= 61_000
