"""The limiter's rule without Redis: bucket shapes, the interactive reserve, pauses, and the
in-process limiter (the default, and the fallback) on a controlled clock."""

from __future__ import annotations

import asyncio

import pytest

from workos_async.coordination import Limit, LocalRateLimiter, RateLimits
from workos_async.coordination.limits import bucket_shape


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_workos_documented_limits_are_the_default() -> None:
    limits = RateLimits()
    assert limits.writes == Limit(500, 10.0)
    assert limits.reads == Limit(1000, 10.0)
    assert limits.all == Limit(6000, 60.0)
    assert limits.interactive_share == 0.2


def test_bucket_shape_keeps_any_window_under_the_limit() -> None:
    limits = RateLimits()
    shape = bucket_shape(Limit(500, 10.0), limits)
    # 97% of the rate; a 10-token bucket of which 2 are kept for interactive traffic.
    assert shape.interval == pytest.approx(10.0 / 485)
    assert shape.tolerance / shape.interval == pytest.approx(10)
    assert shape.bulk_tolerance / shape.interval == pytest.approx(8)
    per_window = 10.0 / shape.interval + shape.tolerance / shape.interval
    assert per_window <= 500


def test_a_tiny_bucket_still_has_tokens_for_each_priority() -> None:
    shape = bucket_shape(Limit(50, 1.0), RateLimits(margin=0, burst=0.02))
    assert shape.bulk_tolerance / shape.interval == pytest.approx(2)
    assert shape.tolerance / shape.interval == pytest.approx(3)
    no_reserve = bucket_shape(Limit(50, 1.0), RateLimits(margin=0, interactive_share=0))
    assert no_reserve.tolerance == no_reserve.bulk_tolerance


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("margin", 1.0, ValueError),
        ("interactive_share", -0.1, ValueError),
        ("burst", 0, ValueError),
        ("margin", "0.1", TypeError),
        ("writes", (500, 10), TypeError),
        ("max_pause", 0, ValueError),
    ],
)
def test_bad_limits_are_refused(field: str, value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=field):
        RateLimits(**{field: value})  # type: ignore[arg-type]


def test_bad_limit_values_are_refused() -> None:
    with pytest.raises(ValueError, match="requests"):
        Limit(0, 10.0)
    with pytest.raises(ValueError, match="window"):
        Limit(10, -1.0)
    with pytest.raises(TypeError):
        Limit(10.5, 1.0)  # type: ignore[arg-type]


def test_bulk_cannot_take_the_interactive_reserve() -> None:
    clock = Clock()
    limiter = LocalRateLimiter(
        RateLimits(writes=Limit(100, 100.0), reads=None, all=None, margin=0, burst=0.1),
        monotonic=clock,
    )
    bulk = [limiter.try_acquire("write", "bulk") for _ in range(20)]
    assert bulk.count(0.0) == 8  # 10 tokens, 2 reserved
    interactive = [limiter.try_acquire("write", "interactive") for _ in range(5)]
    assert interactive.count(0.0) == 2
    assert all(w > 0 for w in bulk[8:] + interactive[2:])


def test_writes_also_take_from_the_all_bucket() -> None:
    clock = Clock()
    limiter = LocalRateLimiter(
        RateLimits(
            writes=Limit(100, 100.0),
            reads=Limit(100, 100.0),
            all=Limit(10, 100.0),
            margin=0,
            burst=0.1,
            interactive_share=0,
        ),
        monotonic=clock,
    )
    granted = [limiter.try_acquire(k) for k in ("write", "read") * 5]
    # "all" holds 2 tokens (10 * 0.1, raised to the minimum of 2): two requests, any kind.
    assert granted.count(0.0) == 2


def test_tokens_come_back_at_the_configured_rate() -> None:
    clock = Clock()
    limiter = LocalRateLimiter(
        RateLimits(writes=Limit(10, 1.0), reads=None, all=None, margin=0, interactive_share=0),
        monotonic=clock,
    )
    assert limiter.try_acquire("write") == 0.0
    assert limiter.try_acquire("write") == 0.0  # the bucket holds 2
    wait = limiter.try_acquire("write")
    assert wait == pytest.approx(0.1)
    clock.now += wait
    assert limiter.try_acquire("write") == 0.0


def test_a_reported_429_pauses_everyone_and_restarts_empty() -> None:
    clock = Clock()
    limiter = LocalRateLimiter(
        RateLimits(writes=Limit(10, 1.0), reads=None, all=None, margin=0), monotonic=clock
    )

    asyncio.run(limiter.report_rate_limited(2.0))
    assert limiter.try_acquire("write") == pytest.approx(2.0)
    assert limiter.try_acquire("read") == pytest.approx(2.0)
    clock.now += 2.0
    # The first token comes one interval after the pause, not a burst.
    assert limiter.try_acquire("write", "interactive") == pytest.approx(0.1)
    assert limiter.throttled == 1
    asyncio.run(limiter.report_rate_limited(10_000))
    assert limiter.paused_for == pytest.approx(120.0)  # max_pause


def test_argument_checks() -> None:
    limiter = LocalRateLimiter()
    with pytest.raises(ValueError, match="kind"):
        limiter.try_acquire("delete")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="priority"):
        limiter.try_acquire("write", "urgent")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="limits"):
        LocalRateLimiter({"writes": 5})  # type: ignore[arg-type]


async def test_acquire_waits_for_a_token_in_arrival_order() -> None:
    limiter = LocalRateLimiter(
        RateLimits(writes=Limit(50, 1.0), reads=None, all=None, margin=0, interactive_share=0)
    )
    order: list[int] = []

    async def one(i: int) -> None:
        await limiter.acquire("write")
        order.append(i)

    await asyncio.gather(*(one(i) for i in range(6)))
    assert order == list(range(6))
    assert limiter.granted["write/interactive"] == 6
