"""Server-side sessions on a real redis-server: a small sealed id in the cookie, the session
in Redis with a TTL, deleted on logout, nothing readable stored."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from workos_async.coordination import (
    LocalSessionStore,
    RedisSessionStore,
    ServerSideSessions,
    StoreUnavailableError,
    connect,
)
from workos_async.sessions import SessionCookieData

from .redis_server import RedisServer

PASSWORD = "a-cookie-password-of-at-least-32-characters!"


def big_session() -> SessionCookieData:
    # Far beyond a 4 KB cookie: a user with many permissions in a large JWT.
    claims = "x" * 20_000
    return SessionCookieData(
        access_token=f"eyJhbGciOiJSUzI1NiJ9.{claims}.sig-secret-access",
        refresh_token="rt-secret-refresh-token-0123456789",
        user={"id": "user_1", "email": "ada@example.com"},
    )


@pytest.fixture(params=["local", "redis"])
def store(request: pytest.FixtureRequest, redis: Any) -> Any:
    return LocalSessionStore() if request.param == "local" else RedisSessionStore(redis)


async def test_create_load_update_delete(store: Any) -> None:
    vault = ServerSideSessions(store, PASSWORD, ttl=60)
    data = big_session()
    cookie = await vault.create(data)
    assert len(cookie) < 400
    loaded = await vault.load(cookie)
    assert loaded == data
    newer = SessionCookieData(
        access_token="new-access", refresh_token="new-refresh", user={"id": "user_1"}
    )
    assert await vault.update(cookie, newer)
    assert await vault.load(cookie) == newer
    assert await vault.delete(cookie)
    assert await vault.load(cookie) is None
    assert not await vault.delete(cookie)


async def test_sessions_expire(store: Any) -> None:
    vault = ServerSideSessions(store, PASSWORD, ttl=0.3)
    cookie = await vault.create(big_session())
    assert await vault.load(cookie) is not None
    await asyncio.sleep(0.5)
    assert await vault.load(cookie) is None


async def test_redis_holds_the_ttl_and_nothing_readable(redis: Any) -> None:
    vault = ServerSideSessions(RedisSessionStore(redis), PASSWORD, ttl=120)
    data = big_session()
    cookie = await vault.create(data)
    keys = [k async for k in redis.scan_iter("*")]
    assert len(keys) == 1
    assert 0 < await redis.pttl(keys[0]) <= 120_000
    value = await redis.get(keys[0])
    for secret in (data.access_token, data.refresh_token, "ada@example.com", cookie):
        assert secret.encode() not in value
        assert secret.encode() not in keys[0]


async def test_bad_cookies_and_moved_values_open_nothing(redis: Any) -> None:
    vault = ServerSideSessions(RedisSessionStore(redis), PASSWORD, ttl=60)
    cookie_a = await vault.create(big_session())
    cookie_b = await vault.create(
        SessionCookieData(access_token="b", refresh_token="rb", user={"id": "user_2"})
    )
    for bad in (None, "", "not-a-seal", cookie_a[:-3] + "abc"):
        assert await vault.load(bad) is None
    # A value copied under another session's key does not open there.
    key_a, key_b = sorted([k async for k in redis.scan_iter("*")])
    value_a, value_b = await redis.get(key_a), await redis.get(key_b)
    await redis.set(key_a, value_b)
    await redis.set(key_b, value_a)
    assert await vault.load(cookie_a) is None
    assert await vault.load(cookie_b) is None
    # Another password opens neither cookie.
    other = ServerSideSessions(
        RedisSessionStore(redis), "another-password-of-32-characters!!", ttl=60
    )
    assert await other.load(cookie_a) is None


async def test_a_store_that_is_down_is_a_typed_error(own_redis: RedisServer) -> None:
    client = connect(own_redis.url, timeout=0.2)
    vault = ServerSideSessions(RedisSessionStore(client), PASSWORD, ttl=60)
    cookie = await vault.create(big_session())
    own_redis.kill()
    with pytest.raises(StoreUnavailableError) as info:
        await vault.load(cookie)
    assert str(own_redis.port) not in str(info.value)
    await client.aclose()


def test_argument_checks() -> None:
    with pytest.raises(TypeError, match="store"):
        ServerSideSessions({}, PASSWORD)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ttl"):
        ServerSideSessions(LocalSessionStore(), PASSWORD, ttl=0)
    with pytest.raises(ValueError, match="32"):
        ServerSideSessions(LocalSessionStore(), "short")
