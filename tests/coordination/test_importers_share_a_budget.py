"""The issue's bulk scenario: 3 importer processes and a process signing users up, all on one
API key against the fake WorkOS enforcing write limits, sharing one budget through Redis: not
one 429, every row exactly once, and the signups never held by the bulk work."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from workos_async import AsyncWorkOS
from workos_async.bulk import import_users
from workos_async.coordination import Limit, RateLimits, SharedRateGovernor, connect
from workos_async.coordination.redis_limiter import RedisRateLimiter
from workos_async.testing import FakeWorkOS
from workos_async.testing import RateLimits as FakeLimits

from ..bulk.bulk_fake_helpers import API_KEY, make_rows
from .helpers import STARTUP, run_workers
from .redis_server import RedisServer

# WorkOS's shape, scaled down so the test takes seconds: writes 100/s.
FAKE_LIMITS = FakeLimits(
    writes=100, reads=200, window=1.0, total=1200, total_window=6.0, fractional_retry_after=True
)
# margin 0.06: at 100/s the bucket holds 3 tokens, so 0.03 put the budget at exactly the
# fake's limit (97 + 3) and Redis's clock vs the fake's windows let an odd 429 through; the
# limiter's docs say small limits need a margin that covers the bucket.
SPEC = {"writes": [100, 1.0], "reads": [200, 1.0], "all": [1200, 6.0], "margin": 0.06}


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS(api_key=API_KEY) as server:
        server.rate_limits = FAKE_LIMITS
        yield server


async def test_three_importers_and_signups_no_429(fake: FakeWorkOS, redis_url: str) -> None:
    start_at = time.time() + STARTUP
    common = {
        "url": redis_url,
        "fake_url": fake.url,
        "api_key": API_KEY,
        "scope": "e2e",
        "limits": SPEC,
        "start_at": start_at,
    }
    importers = [{**common, "n": 100, "first_row": i * 1000, "concurrency": 16} for i in range(3)]
    signups = {**common, "n": 40, "gap": 0.05}
    imported, (signed_up,) = await asyncio.gather(
        asyncio.to_thread(run_workers, "import", importers, 120),
        asyncio.to_thread(run_workers, "signups", [signups], 120),
    )
    for result in imported:
        assert result["outcomes"] == {"created": 100}
        assert result["rate_limited"] == 0
        assert result["fallback"] == 0
    assert signed_up["created"] == 40 and signed_up["rate_limited"] == 0
    # The promise of the reserve: an interactive request (one per 50 ms here) is never held
    # by the budget, however hard the three importers push.
    assert signed_up["held"] == 0
    emails = sorted(u["email"] for u in fake.store.users.values())
    assert len(emails) == len(set(emails)) == 340


async def test_redis_killed_mid_import_the_import_finishes_exactly(
    fake: FakeWorkOS, own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "workos_async.coordination")
    redis = connect(own_redis.url, timeout=0.2)
    limiter = RedisRateLimiter(
        redis,
        RateLimits(writes=Limit(100, 1.0), reads=Limit(200, 1.0), all=Limit(1200, 6.0)),
        scope="killed",
    )
    limiter.health.retry_interval = 0.2
    rows = make_rows(150)
    async with AsyncWorkOS(
        api_key=API_KEY, client_id="client_bulk", base_url=fake.url, max_retries=0
    ) as client:
        run = import_users(client, rows, concurrency=16, governor=SharedRateGovernor(limiter))
        task = asyncio.ensure_future(run.wait())
        for _ in range(3000):  # until the import is well under way on Redis
            if limiter.shared_grants >= 50:
                break
            await asyncio.sleep(0.02)
        own_redis.kill()
        summary: Any = await asyncio.wait_for(task, 60)
    await redis.aclose()
    assert summary.outcomes == {"created": 150}
    emails = sorted(u["email"] for u in fake.store.users.values())
    assert emails == sorted(r["email"] for r in rows)  # no loss, no duplicate
    assert limiter.shared_grants >= 50 and limiter.fallback_grants > 0
    warnings = [r for r in caplog.records if r.name == "workos_async.coordination"]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()
