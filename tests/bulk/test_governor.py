"""The rate governor: never over a limit in any window; pauses on 429, backs off, recovers."""

from __future__ import annotations

import asyncio
import time

import pytest

from workos_async.bulk import Limit, RateGovernor, RateLimitConfig


def max_in_window(stamps: list[float], window: float) -> int:
    best, j = 0, 0
    for i, t in enumerate(stamps):
        while stamps[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best


async def test_never_exceeds_limit_in_any_sliding_window() -> None:
    cfg = RateLimitConfig(writes=Limit(40, 0.5), reads=None, all=Limit(1000, 1.0))
    gov = RateGovernor(cfg)
    stamps: list[float] = []

    async def worker() -> None:
        for _ in range(10):
            await gov.acquire("write")
            stamps.append(time.monotonic())

    await asyncio.gather(*(worker() for _ in range(12)))
    stamps.sort()
    assert len(stamps) == 120
    assert max_in_window(stamps, 0.5) <= 40
    assert gov.granted["write"] == 120


async def test_read_and_write_buckets_are_separate_but_share_all() -> None:
    cfg = RateLimitConfig(writes=Limit(1, 100.0), reads=Limit(1000, 1.0), all=Limit(1000, 1.0))
    gov = RateGovernor(cfg)
    await gov.acquire("write")  # the one write token
    # Reads still flow while writes would wait.
    await asyncio.wait_for(asyncio.gather(*(gov.acquire("read") for _ in range(5))), 2.0)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(gov.acquire("write"), 0.2)


async def test_429_pauses_everyone_backs_off_and_recovers() -> None:
    cfg = RateLimitConfig.unlimited()
    cfg = RateLimitConfig(
        writes=Limit(10_000, 1.0), reads=None, all=None, backoff=0.5, recovery=0.2
    )
    gov = RateGovernor(cfg)
    await gov.acquire("write")
    gov.on_rate_limited(0.3)
    gov.on_rate_limited(0.3)  # a burst of 429s from in-flight requests is one cut
    assert gov.factor == pytest.approx(0.5)
    assert gov.throttled == 2
    t0 = time.monotonic()
    await gov.acquire("write")
    assert time.monotonic() - t0 >= 0.25  # held for Retry-After
    await asyncio.sleep(0.3)
    gov.on_success()
    assert gov.factor == 1.0


def test_config_validation_and_scaling() -> None:
    with pytest.raises(ValueError):
        Limit(0, 1.0)
    with pytest.raises(ValueError):
        RateLimitConfig(margin=1.5)
    scaled = RateLimitConfig().scaled(0.1)
    assert scaled.writes == Limit(500, 1.0)
    assert RateGovernor(RateLimitConfig.unlimited()).budget("write") is None
    assert RateGovernor().budget("write") == pytest.approx(50 * 0.97)
