"""``AsyncSessions(flights=..., session_store=...)``: the public way to share refreshes and keep
sessions server-side, on a real redis-server. Two ``AsyncSessions`` with their own caches stand
for two processes; the session is over 4 KB, so it fits in no cookie."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from workos_async.coordination import (
    Coordinator,
    LocalFlightStore,
    LocalSessionStore,
    RedisSessionStore,
    share_refreshes,
)
from workos_async.sessions import (
    AsyncSessions,
    IronSealer,
    JWKSCache,
    RefreshSuccess,
    SealTooLargeError,
)

from ..sessions.conftest import jwk_of, make_token
from .test_flights import PASSWORD, Refresher
from .worker import unsigned_token

#: The signing key of these tests' access tokens (a JWKS of it is served to the sessions).
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)

#: Enough permissions that the session cannot be a cookie (~8 KB).
PERMISSIONS = [f"projects:permission-number-{i:03d}" for i in range(120)]


def big_response(refresh_token: str = "rt-first-0123456789abcdef", exp_in: int = -5) -> Any:
    now = int(time.time())
    claims = {
        "sub": "user_1",
        "sid": "session_1",
        "aud": "client_test",
        "exp": now + exp_in,
        "iat": now - 60,
        "permissions": PERMISSIONS,
    }
    access = make_token(KEY, claims)
    return {
        "access_token": access,
        "refresh_token": refresh_token,
        "user": {"id": "user_1", "email": "ada@example.com"},
    }


class BigRefresher(Refresher):
    """Issues large sessions (the permissions stay in the token)."""

    async def __call__(self, *, refresh_token: str, organization_id: str | None = None) -> Any:
        self.calls += 1
        await asyncio.sleep(self.takes)
        response = big_response(f"rt-new-{self.calls}-0123456789abcdef", exp_in=300)
        self.issued += [response["access_token"], response["refresh_token"]]
        return response


def process(coordinator: Coordinator, refresher: Refresher) -> AsyncSessions:
    return AsyncSessions(
        cookie_password=PASSWORD,
        client_id="client_test",
        authenticate_with_refresh_token=refresher,
        logout_url=lambda sid, to: f"https://logout/{sid}",
        flights=coordinator.flights,
        session_store=coordinator.sessions,
        session_ttl=600,
        jwks=JWKSCache(fetch_jwks),
    )


async def fetch_jwks() -> dict[str, Any]:
    return {"keys": [jwk_of(KEY, "key-1")]}


async def test_two_processes_share_one_large_stored_session(redis: Any) -> None:
    refresher = BigRefresher()
    first = process(Coordinator.from_redis(redis, api_key="sk_test"), refresher)
    second = process(Coordinator.from_redis(redis, api_key="sk_test"), refresher)
    with pytest.raises(SealTooLargeError):  # no cookie could hold it
        first.seal_session_from_authentication_response(big_response())
    cookie = await first.session_cookie_from_authentication_response(big_response())
    assert len(cookie) < 512

    # Both "processes" get the expired session at once: one refresh between them.
    a, b = await asyncio.gather(
        *[(await s.load_session(cookie)).authenticate_or_refresh() for s in (first, second)]
    )
    assert a.authenticated and b.authenticated and a.refreshed and b.refreshed
    assert refresher.calls == 1
    assert first.refreshes.shared_hits + second.refreshes.shared_hits == 1
    # The cookie is the same id; the store holds the new tokens for every process.
    assert isinstance(a, RefreshSuccess) and isinstance(b, RefreshSuccess)
    assert a.sealed_session == b.sealed_session == cookie
    again = await (await second.load_session(cookie)).authenticate_or_refresh()
    assert again.authenticated and not again.refreshed
    assert len(again.permissions) == 120
    assert refresher.calls == 1

    # Nothing readable in Redis.
    for key in [k async for k in redis.scan_iter("*")]:
        blob = bytes(key) + (await redis.dump(key) or b"")
        for secret in ["ada@example.com", *refresher.issued, "rt-first-0123456789abcdef"]:
            assert secret.encode() not in blob

    # Logout in one process ends the session in the other.
    session = await first.load_session(cookie)
    assert session.stored and session.get_logout_url() == "https://logout/session_1"
    assert await session.discard() is True
    gone = await (await second.load_session(cookie)).authenticate()
    assert not gone.authenticated and gone.code == "invalid_session_cookie"


async def test_cookie_sessions_are_unchanged_with_a_store() -> None:
    sessions = AsyncSessions(
        cookie_password=PASSWORD,
        client_id="client_test",
        authenticate_with_refresh_token=Refresher(),
        session_store=LocalSessionStore(),
    )
    small = big_response()
    small["access_token"] = unsigned_token({"sub": "user_1", "exp": int(time.time()) + 60})
    cookie = IronSealer(PASSWORD).seal(
        {"accessToken": small["access_token"], "refreshToken": "rt", "user": {"id": "user_1"}}
    )
    session = await sessions.load_session(cookie)
    assert not session.stored and session.sealed_session == cookie
    assert await session.discard() is False
    # No store: load_session is load_sealed_session.
    plain = AsyncSessions(cookie_password=PASSWORD, client_id="client_test")
    assert not (await plain.load_session(cookie)).stored
    assert plain.server_sessions() is None and plain.session_store is None


async def test_the_store_down_is_a_retryable_failure(own_redis: Any) -> None:
    coordinator = Coordinator.from_redis(own_redis.url, api_key="sk_test", session_timeout=0.5)
    sessions = process(coordinator, BigRefresher())
    cookie = await sessions.session_cookie_from_authentication_response(big_response(exp_in=60))
    own_redis.kill()
    session = await sessions.load_session(cookie)
    result = await session.authenticate_or_refresh()
    assert not result.authenticated
    assert result.code == "session_store_unavailable"
    assert result.retryable and not result.sign_out and result.retry_after == 1.0
    assert session.store_unavailable
    await coordinator.aclose()


def test_the_parameters_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(TypeError, match="FlightStore"):
        AsyncSessions(cookie_password=PASSWORD, flights=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="SessionStore"):
        AsyncSessions(cookie_password=PASSWORD, session_store=object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="session_ttl"):
        AsyncSessions(cookie_password=PASSWORD, session_store=LocalSessionStore(), session_ttl=0)
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    with pytest.raises(ValueError, match="cookie password"):
        AsyncSessions(flights=LocalFlightStore())
    sessions = AsyncSessions(cookie_password=PASSWORD, flights=LocalFlightStore())
    assert isinstance(sessions.flights, LocalFlightStore)
    # share_refreshes is the same thing as a function, and None stops sharing.
    share_refreshes(sessions, None)
    assert sessions.flights is None
    sessions.share_refreshes(LocalFlightStore())
    assert sessions.flights is not None
    assert isinstance(Coordinator.from_redis("redis://127.0.0.1:1/0").sessions, RedisSessionStore)
