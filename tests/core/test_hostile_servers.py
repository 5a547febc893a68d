"""Issue 9 points 3 and 4 against hostile local servers: redirects are refused (nothing goes to
another host), bodies are bounded, and a call ends at its deadline however the server stalls."""

from __future__ import annotations

import asyncio
import gzip
import time
import tracemalloc
from collections.abc import AsyncIterator

import pytest

from workos_async import (
    AsyncWorkOS,
    DeadlineExceededError,
    RateLimitExceededError,
    RedirectError,
    ResponseTooLargeError,
    Timeout,
    WorkOSTimeoutError,
)

from .conftest import API_KEY, USER
from .scripted_server import ScriptedServer, raw, respond, stall, stream


@pytest.fixture
async def evil() -> AsyncIterator[ScriptedServer]:
    srv = ScriptedServer()
    await srv.start()
    yield srv
    await srv.stop()


async def test_307_on_authenticate_is_not_followed(
    client: AsyncWorkOS, server: ScriptedServer, evil: ScriptedServer
) -> None:
    elsewhere = evil.url.replace("127.0.0.1", "localhost") + "/steal"
    server.add(respond(307, None, Location=elsewhere))
    with pytest.raises(RedirectError) as info:
        await client.user_management.authenticate_with_password(
            email="ada@example.com", password="hunter2-password"
        )
    err = info.value
    assert err.status == 307 and err.location_host == "localhost"
    assert "localhost" in str(err) and "307" in str(err)
    assert evil.received == []  # neither client_secret nor the password went there
    assert len(server.received) == 1  # and it was not retried


async def test_302_on_jwks_does_not_let_another_host_supply_keys(
    client: AsyncWorkOS, server: ScriptedServer, evil: ScriptedServer
) -> None:
    evil.add(respond(200, {"keys": [{"kid": "attacker"}]}))
    server.add(respond(302, None, Location=evil.url + "/keys"))
    with pytest.raises(RedirectError) as info:
        await client.user_management.get_jwks("client_123")
    assert info.value.status == 302 and info.value.location_host == "127.0.0.1"
    assert evil.received == []


# ---- size --------------------------------------------------------------------------------


async def test_declared_length_over_the_limit_fails_before_reading(
    server: ScriptedServer,
) -> None:
    server.add(raw(200, b"[" + b"0," * 600_000 + b"0]", "application/json"))
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_response_size=1_000_000) as c:
        with pytest.raises(ResponseTooLargeError) as info:
            await c.user_management.get_user("user_01")
    assert info.value.status == 200 and info.value.request_id == "req_1"
    assert "1000000 bytes" in str(info.value) and info.value.limit == 1_000_000


async def test_endless_stream_is_cut_at_the_limit_with_bounded_memory(
    server: ScriptedServer,
) -> None:
    chunk = b" " * 65536
    server.add(stream((b"[",) + (chunk,) * 400))  # 26 MB without a Content-Length
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_response_size=1 << 20) as c:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError):
                await c.user_management.get_user("user_01")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 8 << 20  # a few MiB of buffers, never the whole body


async def test_compressed_bomb_is_bounded_by_its_decompressed_size(
    server: ScriptedServer,
) -> None:
    bomb = gzip.compress(b'{"id": "' + b"a" * 5_000_000 + b'"}')
    assert len(bomb) < 100_000
    server.add(raw(200, bomb, "application/json", **{"Content-Encoding": "gzip"}))
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_response_size=1_000_000) as c:
        with pytest.raises(ResponseTooLargeError):
            await c.user_management.get_user("user_01")


async def test_default_limit_is_ten_mib(client: AsyncWorkOS, server: ScriptedServer) -> None:
    assert client._transport.settings.max_response_size == 10 * 1024 * 1024
    server.add(respond(200, USER))
    assert (await client.user_management.get_user("user_01")).id == "user_01"


# ---- deadline ----------------------------------------------------------------------------


async def test_trickle_ends_at_the_deadline(server: ScriptedServer) -> None:
    # Never silent for longer than the read timeout, so only the deadline can stop it.
    server.add(stream((b"[",) + (b" ",) * 200, seconds=0.1))
    async with AsyncWorkOS(
        api_key=API_KEY,
        base_url=server.url,
        timeout=Timeout(connect=1, read=0.5),
        deadline=0.8,
    ) as c:
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError) as info:
            await c.user_management.get_user("user_01")
    assert isinstance(info.value, WorkOSTimeoutError)
    assert time.monotonic() - started < 10  # the trickle alone would run 20 s
    assert "deadline of 0.8 s" in str(info.value)


async def test_retry_after_on_every_attempt_ends_at_the_deadline(
    server: ScriptedServer,
) -> None:
    server.add(*[respond(429, {"message": "slow"}, **{"Retry-After": "0.3"})] * 20)
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_retries=20, deadline=1.0) as c:
        with pytest.raises(DeadlineExceededError) as info:
            await c.user_management.get_user("user_01")
    assert isinstance(info.value.last_error, RateLimitExceededError)
    assert 2 <= len(server.received) <= 4  # not 21 attempts


async def test_deadline_per_call_for_short_fetches(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(*[respond(503, {"message": "down"}, **{"Retry-After": "0.5"})] * 5)
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError):
        await client.user_management.get_jwks("client_123", request_options={"deadline": 0.2})
    assert time.monotonic() - started < 5
    assert len(server.received) == 1  # the wait for a second attempt would pass the deadline


async def test_long_deadlines_use_the_shared_watchdog(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deadlines from 5 s up are enforced by one watchdog per client (no timer per request);
    shrunk here so the test runs in a second."""
    monkeypatch.setattr("workos_async._transport._WATCHDOG_MIN_DEADLINE", 0.0)
    monkeypatch.setattr("workos_async._transport._DeadlineWatch.TICK", 0.05)
    server.add(stream((b"[",) + (b" ",) * 200, seconds=0.1))
    async with AsyncWorkOS(
        api_key=API_KEY, base_url=server.url, timeout=Timeout(connect=1, read=0.5), deadline=0.6
    ) as c:
        with pytest.raises(DeadlineExceededError):
            await c.user_management.get_user("user_01")
        # The watchdog stops when nothing is in flight, and a later call is unaffected.
        server.add(respond(200, USER))
        assert (await c.user_management.get_user("user_01")).id == "user_01"
        # Cancelling a call yourself is still a plain cancellation.
        server.add(stall(2.0))
        call = asyncio.ensure_future(c.user_management.get_user("user_01"))
        await server.wait_received(3)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call


async def test_a_write_cut_by_the_deadline_is_in_doubt(server: ScriptedServer) -> None:
    from workos_async import RequestInDoubtError

    server.add(stall(2.0))
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, deadline=0.3) as c:
        with pytest.raises(RequestInDoubtError) as info:
            await c.organizations.create_organization(name="Slow Co")
    assert isinstance(info.value.__cause__, DeadlineExceededError)
    assert [r.method for r in server.received] == ["POST"]
