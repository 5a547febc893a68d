"""``AsyncWorkOS(rate_limiter=...)``: every attempt of an authenticated call takes from the
shared budget, every 429 pauses it, priorities and opt-outs come from ``request_options``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, cast

import pytest

from workos_async import AsyncWorkOS, ConfigurationError
from workos_async.coordination import (
    Coordinator,
    Limit,
    LocalRateLimiter,
    RateLimits,
)
from workos_async.testing import FakeWorkOS, Fault
from workos_async.testing import RateLimits as FakeRateLimits

from ..coordination.redis_server import RedisServer


class RecordingLimiter(LocalRateLimiter):
    """The in-process limiter, recording what the client asks of it."""

    def __init__(self, limits: RateLimits | None = None) -> None:
        super().__init__(limits)
        self.acquired: list[tuple[str, str]] = []
        self.reported: list[float | None] = []

    async def acquire(self, kind: Any, priority: Any = "interactive") -> None:
        self.acquired.append((kind, priority))
        await super().acquire(kind, priority)

    async def report_rate_limited(self, retry_after: float | None) -> None:
        self.reported.append(retry_after)
        await super().report_rate_limited(retry_after)


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as fake:
        yield fake


def client_for(fake: FakeWorkOS, **options: Any) -> AsyncWorkOS:
    return AsyncWorkOS(api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url, **options)


async def test_each_call_acquires_by_kind_and_priority(fake: FakeWorkOS) -> None:
    limiter = RecordingLimiter()
    async with client_for(fake, rate_limiter=limiter) as workos:
        user = await workos.user_management.create_user(email="ada@example.com")
        await workos.user_management.get_user(user.id)
        await workos.user_management.get_user(user.id, request_options={"priority": "bulk"})
        await workos.user_management.update_user(user.id, first_name="Ada")
        await workos.user_management.get_user(user.id, request_options={"rate_limit": False})
    assert limiter.acquired == [
        ("write", "interactive"),
        ("read", "interactive"),
        ("read", "bulk"),
        ("write", "interactive"),
    ]
    assert limiter.granted["read/bulk"] == 1


async def test_with_options_keeps_the_limiter(fake: FakeWorkOS) -> None:
    limiter = RecordingLimiter()
    async with client_for(fake, rate_limiter=limiter) as workos:
        await workos.with_options(timeout=5).organizations.create_organization(name="Acme")
    assert limiter.acquired == [("write", "interactive")]


async def test_429_is_reported_and_pauses_the_limiter(
    fake: FakeWorkOS, monkeypatch: pytest.MonkeyPatch
) -> None:
    limiter = RecordingLimiter()
    fake.faults.add(
        Fault(method="GET", path="/user_management/users", status=429, retry_after=0.2, count=1)
    )
    async with client_for(fake, rate_limiter=limiter) as workos:
        page = await workos.user_management.list_users()
        assert page.data == []
    assert limiter.reported == [0.2]
    assert limiter.throttled == 1
    # Each attempt took from the budget: the 429'd one and its retry.
    assert limiter.acquired == [("read", "interactive"), ("read", "interactive")]


async def test_a_429_holds_the_other_calls_sharing_the_limiter(fake: FakeWorkOS) -> None:
    limiter = LocalRateLimiter()
    fake.faults.add(Fault(method="GET", path="/user_management/users", status=429, retry_after=0.5))
    async with client_for(fake, rate_limiter=limiter) as workos:
        await workos.user_management.list_users()
        # The 429's pause ended before its retry; pause again and see a call wait for it.
        limiter.pause(0.3)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await workos.user_management.list_users()
        assert loop.time() - started >= 0.25
    assert fake.counters.by_status.get(429) == 1


async def test_limits_are_honoured_against_a_rate_limited_fake(fake: FakeWorkOS) -> None:
    # The fake refuses more than 6 reads a second; the limiter allows 5 (at 97%, no burst).
    fake.rate_limits = FakeRateLimits(reads=6, writes=6, window=1.0)
    limiter = LocalRateLimiter(RateLimits(reads=Limit(5, 1.0), writes=Limit(5, 1.0), all=None))
    async with client_for(fake, rate_limiter=limiter, max_retries=0) as workos:
        org = await workos.organizations.create_organization(name="Acme")
        results = await asyncio.gather(
            *(workos.organizations.get_organization(org.id) for _ in range(12))
        )
    assert all(r.id == org.id for r in results)
    assert fake.counters.by_status.get(429, 0) == 0
    assert limiter.granted["read/interactive"] == 12


async def test_interactive_calls_are_not_queued_behind_bulk_ones(fake: FakeWorkOS) -> None:
    limits = RateLimits(reads=Limit(10, 1.0), writes=Limit(10, 1.0), all=None, burst=0.5)
    limiter = LocalRateLimiter(limits)
    order: list[str] = []
    async with client_for(fake, rate_limiter=limiter) as workos:
        org = await workos.organizations.create_organization(name="Acme")

        async def read(tag: str, priority: str) -> None:
            await workos.organizations.get_organization(
                org.id, request_options={"priority": priority}
            )
            order.append(tag)

        bulk = [asyncio.create_task(read(f"bulk{i}", "bulk")) for i in range(12)]
        await asyncio.sleep(0)
        await read("interactive", "interactive")
        await asyncio.gather(*bulk)
    # The bulk calls exhausted their share; the interactive one used the reserve.
    assert order.index("interactive") < len(order) - 1
    assert limiter.granted["read/bulk"] == 12


async def test_public_calls_do_not_take_from_the_budget(fake: FakeWorkOS) -> None:
    limiter = RecordingLimiter()
    async with client_for(fake, rate_limiter=limiter) as workos:
        await workos.user_management.create_device()
    assert limiter.acquired == []


async def test_a_failing_limiter_never_fails_the_call(
    fake: FakeWorkOS, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(LocalRateLimiter):
        async def acquire(self, kind: Any, priority: Any = "interactive") -> None:
            raise RuntimeError("store exploded")

    async with client_for(fake, rate_limiter=Broken()) as workos:
        with caplog.at_level(logging.WARNING, logger="workos_async"):
            org = await workos.organizations.create_organization(name="Acme")
    assert org.name == "Acme"
    assert "rate limiter failed (RuntimeError)" in caplog.text


async def test_coordinator_option_uses_its_limiter(fake: FakeWorkOS) -> None:
    coordinator = Coordinator.local()
    async with client_for(fake, coordinator=coordinator) as workos:
        await workos.organizations.create_organization(name="Acme")
    assert isinstance(coordinator.limiter, LocalRateLimiter)
    assert coordinator.limiter.granted["write/interactive"] == 1


def test_bad_limiter_options_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="not both"):
        AsyncWorkOS(api_key="sk_test_x", rate_limiter=LocalRateLimiter(), coordinator=object())
    with pytest.raises(ConfigurationError, match="acquire"):
        AsyncWorkOS(api_key="sk_test_x", rate_limiter=object())
    with pytest.raises(ConfigurationError, match="Coordinator"):
        AsyncWorkOS(api_key="sk_test_x", coordinator=object())


async def test_bad_request_options_are_refused(fake: FakeWorkOS) -> None:
    async with client_for(fake, rate_limiter=LocalRateLimiter()) as workos:
        with pytest.raises(ValueError, match="priority"):
            await workos.user_management.list_users(request_options=cast(Any, {"priority": "vip"}))
        with pytest.raises(TypeError, match="rate_limit"):
            await workos.user_management.list_users(request_options=cast(Any, {"rate_limit": 0}))


# ---- Redis: the budget and the 429 pause are shared between clients (processes) ----------


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def test_redis_limiter_counts_calls_and_shares_a_429_pause(
    fake: FakeWorkOS, redis_server: RedisServer
) -> None:
    redis_server.flush()
    first = Coordinator.from_redis(redis_server.url, api_key=fake.api_key)
    second = Coordinator.from_redis(redis_server.url, api_key=fake.api_key)
    try:
        fake.faults.add(
            Fault(method="GET", path="/user_management/users", status=429, retry_after=1, count=1)
        )
        async with client_for(fake, coordinator=first) as workos:
            task = asyncio.ensure_future(workos.user_management.list_users())
            # The 429 reached Redis: the other process's limiter is paused by it.
            for _ in range(200):
                if first.limiter.fallback.throttled:  # type: ignore[attr-defined]
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)
            wait = await second.limiter.try_acquire("read")  # type: ignore[attr-defined]
            assert wait > 0.3
            await task
        assert first.limiter.shared_grants == 2  # type: ignore[attr-defined]
        assert first.limiter.fallback_grants == 0  # type: ignore[attr-defined]
    finally:
        await first.aclose()
        await second.aclose()


async def test_bulk_imports_do_not_take_from_the_client_limiter(fake: FakeWorkOS) -> None:
    # The import's governor already counts its requests (it can share the limiter itself,
    # through SharedRateGovernor).
    from workos_async.bulk import import_users

    limiter = RecordingLimiter()
    async with client_for(fake, rate_limiter=limiter) as workos:
        summary = await import_users(workos, [{"email": "ada@example.com"}])
        assert summary.rows == 1 and len(fake.store.users) == 1
        await workos.user_management.list_users()
    assert limiter.acquired == [("read", "interactive")]


async def test_the_call_deadline_bounds_the_wait_for_the_budget(fake: FakeWorkOS) -> None:
    from workos_async import DeadlineExceededError

    limiter = LocalRateLimiter()
    limiter.pause(60)  # e.g. a long Retry-After reported by another process
    async with client_for(fake, rate_limiter=limiter) as workos:
        with pytest.raises(DeadlineExceededError):
            await workos.user_management.list_users(request_options={"deadline": 0.3})
        # A call that opts out of the limiter is not held by the pause.
        page = await workos.user_management.list_users(request_options={"rate_limit": False})
    assert page.data == []
    assert fake.counters.by_status == {200: 1}
