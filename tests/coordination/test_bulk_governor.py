"""Bulk import on the shared budget: two importers and an interactive caller, each with its
own limiter and Redis connection (as separate processes would be), against the fake WorkOS
enforcing a write limit — not one 429, every row exactly once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from workos_async import AsyncWorkOS
from workos_async.bulk import import_users
from workos_async.coordination import (
    Limit,
    LocalRateLimiter,
    RateLimits,
    SharedRateGovernor,
    connect,
)
from workos_async.coordination.redis_limiter import RedisRateLimiter
from workos_async.testing import FakeWorkOS
from workos_async.testing import RateLimits as FakeLimits

from ..bulk.bulk_fake_helpers import API_KEY, make_rows

LIMITS = RateLimits(writes=Limit(100, 1.0), reads=Limit(200, 1.0), all=Limit(1200, 6.0))


async def test_importers_and_interactive_share_one_budget_without_429s(redis_url: str) -> None:
    async with FakeWorkOS(api_key=API_KEY) as fake:
        fake.rate_limits = FakeLimits(
            writes=100,
            reads=200,
            window=1.0,
            total=1200,
            total_window=6.0,
            fractional_retry_after=True,
        )
        redis_clients = [connect(redis_url, timeout=1.0) for _ in range(3)]
        limiters = [RedisRateLimiter(r, LIMITS, scope="bulk-e2e") for r in redis_clients]
        clients = [
            AsyncWorkOS(api_key=API_KEY, client_id="client_bulk", base_url=fake.url, max_retries=0)
            for _ in range(3)
        ]

        async def importer(i: int) -> Any:
            rows = make_rows(60, start=i * 1000)
            run = import_users(
                clients[i], rows, concurrency=16, governor=SharedRateGovernor(limiters[i])
            )
            return await run.wait()

        async def interactive() -> int:
            created = 0
            for n in range(15):
                await limiters[2].acquire("write", "interactive")
                await clients[2].user_management.create_user(email=f"signup{n}@example.com")
                created += 1
                await asyncio.sleep(0.03)
            return created

        try:
            first, second, signups = await asyncio.gather(importer(0), importer(1), interactive())
        finally:
            for client in clients:
                await client.aclose()
            for r in redis_clients:
                await r.aclose()
        assert first.outcomes == {"created": 60} and second.outcomes == {"created": 60}
        assert first.rate_limited == 0 and second.rate_limited == 0
        assert signups == 15  # max_retries=0: a 429 would have raised
        assert len(fake.store.users) == 135
        assert all(lim.fallback_grants == 0 for lim in limiters)


async def test_a_429_seen_by_bulk_pauses_the_shared_limiter(redis: Any) -> None:
    limiter = RedisRateLimiter(redis, LIMITS, scope="bulk-429")
    governor = SharedRateGovernor(limiter)
    assert governor.budget("write") == pytest.approx(97.0)
    await governor.acquire("write")
    assert governor.granted["write"] == 1
    governor.on_rate_limited(1.0)
    await asyncio.sleep(0.05)  # the report is sent in the background
    assert governor.throttled == 1
    assert 0 < await limiter.try_acquire("write", "interactive") <= 1.0
    keys = [k async for k in redis.scan_iter("*pause")]
    assert len(keys) == 1


def test_adapter_checks() -> None:
    with pytest.raises(TypeError, match="limiter"):
        SharedRateGovernor(object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="priority"):
        SharedRateGovernor(LocalRateLimiter(), priority="urgent")
