"""Single-flight refresh across processes on a real redis-server: one refresh for N processes,
the result reused for the window, and nothing readable in Redis."""

from __future__ import annotations

import asyncio
import hashlib
import time
from typing import Any

import pytest

from workos_async.coordination import (
    Coordinator,
    LocalFlightStore,
    RedisFlightStore,
    share_refreshes,
)
from workos_async.sessions import AsyncSessions, IronSealer, RefreshSuccess, SessionCookieData

from .helpers import STARTUP, run_workers
from .worker import unsigned_token

PASSWORD = "a-cookie-password-of-at-least-32-characters!"
OLD_REFRESH_TOKEN = "rt-old-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def old_cookie() -> str:
    now = int(time.time())
    access = unsigned_token({"sub": "user_1", "sid": "session_1", "exp": now - 5, "iat": now - 60})
    data = SessionCookieData(
        access_token=access,
        refresh_token=OLD_REFRESH_TOKEN,
        user={"id": "user_1", "email": "ada@example.com"},
    )
    return IronSealer(PASSWORD).seal(data.to_dict())


class Refresher:
    """``authenticate_with_refresh_token`` for in-process tests: counts its calls."""

    def __init__(self, takes: float = 0.1) -> None:
        self.calls = 0
        self.takes = takes
        self.issued: list[str] = []

    async def __call__(self, *, refresh_token: str, organization_id: str | None = None) -> Any:
        self.calls += 1
        await asyncio.sleep(self.takes)
        now = int(time.time())
        access = unsigned_token({"sub": "user_1", "sid": "session_1", "exp": now + 300})
        new = f"rt-new-{self.calls}-0123456789abcdef"
        self.issued += [access, new]
        return {"access_token": access, "refresh_token": new, "user": {"id": "user_1"}}


def make_sessions(refresher: Refresher, reuse_window: float = 30.0) -> AsyncSessions:
    return AsyncSessions(
        cookie_password=PASSWORD,
        client_id="client_test",
        authenticate_with_refresh_token=refresher,
        logout_url=lambda sid, to: "",
        reuse_window=reuse_window,
    )


def test_one_refresh_for_four_processes(redis_url: str) -> None:
    import redis as redis_sync

    cookie = old_cookie()
    args = {
        "url": redis_url,
        "cookie": cookie,
        "password": PASSWORD,
        "requests": 10,
        "start_at": time.time() + STARTUP,
    }
    results = run_workers("refresh", [args] * 4)
    assert redis_sync.Redis.from_url(redis_url).get("test:refresh-calls") == b"1"
    assert [r["authenticated"] for r in results] == [10] * 4
    digests = {d for r in results for d in r["digests"]}
    assert len(digests) == 1  # every request of every process: the same new cookie
    assert sum(r["shared_hits"] for r in results) == 3


async def test_the_result_is_reused_for_the_window_then_forgotten(redis: Any) -> None:
    refresher = Refresher()
    cookie = old_cookie()
    first, second, third = (make_sessions(refresher, reuse_window=0.5) for _ in range(3))
    for sessions in (first, second, third):
        share_refreshes(sessions, Coordinator.from_redis(redis, api_key="sk_test"))

    a = await first.load_sealed_session(cookie).refresh()
    # Another "process" (its own sessions and caches) with the old cookie, within the window.
    b = await second.load_sealed_session(cookie).refresh()
    assert a.authenticated and b.authenticated
    assert b.sealed_session == a.sealed_session
    assert refresher.calls == 1
    assert second.refreshes.shared_hits == 1
    assert b.authentication_response is None  # only the refreshing process has it

    await asyncio.sleep(0.7)
    c = await third.load_sealed_session(cookie).refresh()
    assert c.authenticated and refresher.calls == 2
    assert c.sealed_session != a.sealed_session


async def test_nothing_readable_is_stored(redis: Any) -> None:
    refresher = Refresher()
    sessions = make_sessions(refresher)
    share_refreshes(sessions, Coordinator.from_redis(redis, api_key="sk_test"))
    result = await sessions.load_sealed_session(old_cookie()).refresh()
    assert result.authenticated
    secrets = [
        OLD_REFRESH_TOKEN,
        hashlib.sha256(OLD_REFRESH_TOKEN.encode()).hexdigest(),
        "ada@example.com",
        *refresher.issued,
        result.sealed_session,
    ]
    keys = [k async for k in redis.scan_iter("*")]
    assert keys
    for key in keys:
        value = await redis.get(key)
        for blob in (key, value or b""):
            for secret in secrets:
                assert secret.encode() not in blob
    values = [await redis.get(k) for k in keys if k.endswith(b":value")]
    assert len(values) == 1 and values[0].startswith(b"Fe26.2*")


async def test_a_value_under_another_key_does_not_open(redis: Any) -> None:
    refresher = Refresher()
    cookie_a = old_cookie()
    sessions = make_sessions(refresher)
    share_refreshes(sessions, Coordinator.from_redis(redis, api_key="sk_test"))
    result_a = await sessions.load_sealed_session(cookie_a).refresh()
    (key_a,) = [k async for k in redis.scan_iter("*:value")]
    stolen = await redis.get(key_a)

    # Another user's session whose flight key is planted with user A's result.
    other = make_sessions(refresher)
    share_refreshes(other, Coordinator.from_redis(redis, api_key="sk_test"))
    now = int(time.time())
    data_b = SessionCookieData(
        access_token=unsigned_token({"sub": "user_2", "exp": now - 5}),
        refresh_token="rt-user-b-0000000000000000",
        user={"id": "user_2"},
    )
    cookie_b = IronSealer(PASSWORD).seal(data_b.to_dict())
    from workos_async.sessions._refresh import _shared_key, flight_key

    key_b = b"workos:flight:" + _shared_key(flight_key(data_b.refresh_token, None)).hex().encode()
    await redis.set(key_b + b":value", stolen)
    result = await other.load_sealed_session(cookie_b).refresh()
    assert result.authenticated
    # A's session was not handed out: B's request refreshed on its own.
    assert refresher.calls == 2
    assert isinstance(result, RefreshSuccess) and isinstance(result_a, RefreshSuccess)
    assert result.sealed_session != result_a.sealed_session
    assert other.refreshes.shared_hits == 0


@pytest.mark.parametrize("kind", ["local", "redis"])
async def test_flight_store_contract(redis: Any, kind: str) -> None:
    store: Any = LocalFlightStore() if kind == "local" else RedisFlightStore(redis, poll=0.01)
    started = 0

    async def start() -> bytes:
        nonlocal started
        started += 1
        await asyncio.sleep(0.1)
        return b"value-%d" % started

    values = await asyncio.gather(*(store.run(b"k" * 32, start, reuse=1.0) for _ in range(5)))
    assert values == [b"value-1"] * 5 and started == 1
    assert await store.run(b"k" * 32, start, reuse=1.0) == b"value-1"

    async def nothing() -> None:
        nonlocal started
        started += 1

    # A flight with nothing to share is not kept: each caller runs its own.
    assert await store.run(b"n" * 32, nothing, reuse=1.0) is None
    assert await store.run(b"n" * 32, nothing, reuse=1.0) is None
    assert started == 3

    async def broken() -> bytes:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await store.run(b"b" * 32, broken, reuse=1.0)
    # The failed holder let go of the key: the next caller is not stuck behind it.
    assert await asyncio.wait_for(store.run(b"b" * 32, start, reuse=1.0), 2) == b"value-4"
