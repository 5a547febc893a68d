"""Rate limits: WorkOS's documented shape, sliding windows, 429 with Retry-After."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from workos_async.testing import FakeWorkOS, RateLimits
from workos_async.testing.http.ratelimit import RateLimiter

from .fake_helpers import Api

USERS = "/user_management/users"


def test_defaults_are_workos_documented_limits() -> None:
    limits = RateLimits()
    assert (limits.reads, limits.writes, limits.window, limits.total, limits.total_window) == (
        1000,
        500,
        10.0,
        6000,
        60.0,
    )
    scaled = limits.scaled(0.01)
    assert scaled.reads == 1000
    assert scaled.window == pytest.approx(0.1)
    assert scaled.total_window == pytest.approx(0.6)
    with pytest.raises(ValueError, match="reads"):
        RateLimits(reads=0)
    with pytest.raises(ValueError, match="window"):
        RateLimits(window=-1)
    with pytest.raises(ValueError, match="unknown"):
        RateLimits.from_dict({"read": 5})


def test_sliding_windows_with_a_controlled_clock() -> None:
    now = [100.0]
    limiter = RateLimiter(
        RateLimits(reads=3, writes=2, window=10, total=4, total_window=60), clock=lambda: now[0]
    )
    # reads: 3 per 10 s
    assert [limiter.check("k", True, True) for _ in range(3)] == [None, None, None]
    wait, which = limiter.check("k", True, True)  # type: ignore[misc]
    assert wait == pytest.approx(10.0) and "reads" in which
    now[0] += 4
    assert limiter.check("k", True, True) is not None  # still inside the window of the first
    now[0] += 6.01
    assert limiter.check("k", True, True) is None  # the first read slid out
    # the total limit (4 per 60 s) now binds: 4 requests made
    wait, which = limiter.check("k", False, False)  # type: ignore[misc]
    assert "requests per 60" in which and wait == pytest.approx(50.0, abs=0.1)
    # another key has its own buckets
    assert limiter.check("other", True, False) is None
    assert limiter.retry_after_header(0.2) == "1"  # whole seconds, rounded up
    assert limiter.retry_after_header(3.0) == "3"


async def test_reads_and_writes_have_separate_windows(api: Api, fake: FakeWorkOS) -> None:
    fake.rate_limits = RateLimits(reads=3, writes=2, window=30, fractional_retry_after=True)
    assert [(await api.get(USERS)).status for _ in range(3)] == [200, 200, 200]
    r = await api.get(USERS)
    assert r.status == 429
    assert r.body["code"] == "rate_limit_exceeded" and "reads" in r.body["message"]
    assert 29 < float(r.headers["Retry-After"]) <= 30
    assert [
        (await api.post(USERS, json={"email": f"w{i}@example.com"})).status for i in range(3)
    ] == [201, 201, 429]
    assert len(fake.store.users) == 2  # the refused write was not applied
    # routes outside /user_management count only toward the total
    assert (await api.get("/organizations")).status == 200
    counters = fake.counters
    assert counters.rate_limited == 2 and counters.by_status[429] == 2


async def test_window_frees_up_after_retry_after(api: Api, fake: FakeWorkOS) -> None:
    fake.rate_limits = RateLimits(reads=2, window=0.3, fractional_retry_after=True)
    assert [(await api.get(USERS)).status for _ in range(2)] == [200, 200]
    refused = await api.get(USERS)
    assert refused.status == 429
    # refused requests do not count: keep knocking, then wait what the server said
    assert (await api.get(USERS)).status == 429
    await asyncio.sleep(float(refused.headers["Retry-After"]) + 0.05)
    assert (await api.get(USERS)).status == 200


async def test_total_limit_and_whole_second_retry_after(fake: FakeWorkOS) -> None:
    fake.rate_limits = RateLimits(total=2, total_window=45)
    headers = {"Authorization": f"Bearer {fake.api_key}"}
    async with aiohttp.ClientSession(fake.url, headers=headers) as s:
        statuses = []
        for path in ("/organizations", USERS, "/organizations"):
            async with s.get(path) as r:
                statuses.append(r.status)
                retry_after = r.headers.get("Retry-After")
        assert statuses == [200, 200, 429]
        assert retry_after == "45"


async def test_each_key_has_its_own_bucket_and_off_by_default() -> None:
    async with FakeWorkOS(api_key="sk_a", extra_api_keys=["sk_b"]) as fake:
        assert fake.rate_limits is None
        fake.rate_limits = RateLimits(reads=1, window=60)
        async with aiohttp.ClientSession(fake.url) as s:
            results = []
            for key in ("sk_a", "sk_a", "sk_b", "sk_b"):
                async with s.get(USERS, headers={"Authorization": f"Bearer {key}"}) as r:
                    results.append(r.status)
        assert results == [200, 429, 200, 429]
        fake.reset()
        assert fake.rate_limits is None  # back to the constructor's setting


async def test_constructor_limits_survive_reset() -> None:
    limits = RateLimits(reads=1, window=60)
    async with FakeWorkOS(rate_limits=limits) as fake:
        fake.rate_limits = None
        fake.reset()
        assert fake.rate_limits == limits
