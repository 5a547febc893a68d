"""JWKSCache: single flight, TTL, stale keys during outages, unknown-kid refetch, cooldown."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from workos_async.sessions import (
    InvalidAccessTokenError,
    JWKSCache,
    JWKSUnavailableError,
    KeySet,
    MalformedTokenError,
    UnknownKeyIdError,
    UnsupportedAlgorithmError,
)

from .conftest import FakeClock, jwk_of, make_token

Signer = Callable[..., str]


class FakeEndpoint:
    """A JWKS endpoint: counts calls; can fail, be slow, or be held until released."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.calls = 0
        self.fail: BaseException | None = None
        self.gate: asyncio.Event | None = None
        self.delay = 0.0

    async def __call__(self) -> Any:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail is not None:
            raise self.fail
        return self.document


@pytest.fixture
def mono() -> FakeClock:
    return FakeClock(1000.0)


@pytest.fixture
def endpoint(jwks: dict[str, Any]) -> FakeEndpoint:
    return FakeEndpoint(jwks)


@pytest.fixture
async def cache(endpoint: FakeEndpoint, mono: FakeClock, clock: FakeClock) -> Any:
    cache = JWKSCache(
        endpoint, ttl=600, refetch_cooldown=30, failure_backoff=2, monotonic=mono, clock=clock
    )
    yield cache
    await cache.aclose()


async def test_1000_concurrent_cold_verifications_make_exactly_one_fetch(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    endpoint.delay = 0.01
    token = signer(claims)
    results = await asyncio.gather(*(cache.verify(token) for _ in range(1000)))
    assert endpoint.calls == 1
    assert {r.sub for r in results} == {"user_01HXYZ"}
    assert len(results) == 1000
    # Warm now: more verifications fetch nothing.
    await asyncio.gather(*(cache.verify(token) for _ in range(100)))
    assert endpoint.calls == 1


async def test_the_loop_keeps_running_during_a_cold_fetch(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    """Verifications wait for the fetch *asynchronously*: another task on the same loop runs
    meanwhile — it is the one that lets the fetch finish."""
    endpoint.gate = asyncio.Event()
    token = signer(claims)
    waiting = [asyncio.create_task(cache.verify(token)) for _ in range(50)]
    ticks = 0
    while endpoint.calls == 0 or ticks < 20:
        await asyncio.sleep(0)
        ticks += 1
    assert not any(task.done() for task in waiting)
    endpoint.gate.set()
    async with asyncio.timeout(5):
        results = await asyncio.gather(*waiting)
    assert endpoint.calls == 1 and len(results) == 50


async def test_cancelling_the_first_caller_does_not_cancel_the_shared_fetch(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    endpoint.gate = asyncio.Event()
    token = signer(claims)
    first = asyncio.create_task(cache.verify(token))
    await asyncio.sleep(0)
    second = asyncio.create_task(cache.verify(token))
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.sleep(0)
    endpoint.gate.set()
    assert (await second).sub == "user_01HXYZ"
    assert first.cancelled()
    assert endpoint.calls == 1


async def test_cold_failing_fetch_is_jwks_unavailable_not_an_invalid_token(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    endpoint.fail = ConnectionError("endpoint down")
    token = signer(claims)
    results = await asyncio.gather(
        *(cache.verify(token) for _ in range(20)), return_exceptions=True
    )
    assert endpoint.calls == 1
    for result in results:
        assert isinstance(result, JWKSUnavailableError)
        assert not isinstance(result, InvalidAccessTokenError)
        assert "ConnectionError" in str(result)
    # Within the backoff: refused at once, no new fetch, with a retry hint.
    mono.advance(1)
    with pytest.raises(JWKSUnavailableError) as info:
        await cache.verify(token)
    assert endpoint.calls == 1
    assert info.value.retry_after == pytest.approx(1.0)
    # After it: one new attempt, which now succeeds.
    mono.advance(1.5)
    endpoint.fail = None
    assert (await cache.verify(token)).sub == "user_01HXYZ"
    assert endpoint.calls == 2


async def test_unusable_document_is_an_outage_too(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    endpoint.document = b"<html>502 Bad Gateway</html>"
    with pytest.raises(JWKSUnavailableError):
        await cache.verify(signer(claims))


async def test_warm_cache_with_failing_fetch_still_verifies(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    token = signer(claims)
    await cache.prefetch()
    assert endpoint.calls == 1
    endpoint.fail = TimeoutError()
    mono.advance(601)  # past the TTL: stale
    assert (await cache.verify(token)).sub == "user_01HXYZ"  # served stale, at once
    await asyncio.sleep(0.01)  # let the background refresh run (and fail)
    assert endpoint.calls == 2
    assert cache.key_set is not None
    # While failing: stale keys keep working; retries are spaced by the backoff.
    for _ in range(10):
        assert (await cache.verify(token)).sub == "user_01HXYZ"
    await asyncio.sleep(0.01)
    assert endpoint.calls == 2
    mono.advance(3)
    assert (await cache.verify(token)).sub == "user_01HXYZ"
    await asyncio.sleep(0.01)
    assert endpoint.calls == 3


async def test_ttl_refresh_replaces_the_keys_in_the_background(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, other_rsa_key: rsa.RSAPrivateKey,
    rsa_key: rsa.RSAPrivateKey, claims: dict[str, Any],
) -> None:  # fmt: skip
    first = await cache.prefetch()
    mono.advance(599)
    assert await cache.get_key_set() is first
    assert endpoint.calls == 1
    endpoint.document = {"keys": [jwk_of(other_rsa_key, "key-2")]}
    mono.advance(1)
    assert await cache.get_key_set() is first  # stale, served while refreshing
    await asyncio.sleep(0.01)
    assert endpoint.calls == 2
    assert list(await cache.get_key_set()) == ["key-2"]
    assert (await cache.verify(make_token(other_rsa_key, claims, kid="key-2"))).sub


async def test_unknown_kid_refetches_once_then_cools_down(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    await cache.prefetch()
    token = signer(claims, kid="unknown-kid")
    # Right after a fetch: within the cooldown, no refetch at all.
    with pytest.raises(UnknownKeyIdError):
        await cache.verify(token)
    assert endpoint.calls == 1
    mono.advance(31)
    results = await asyncio.gather(
        *(cache.verify(token) for _ in range(100)), return_exceptions=True
    )
    assert all(isinstance(r, UnknownKeyIdError) for r in results)
    assert endpoint.calls == 2  # one refetch for all hundred
    with pytest.raises(UnknownKeyIdError):
        await cache.verify(token)
    assert endpoint.calls == 2  # cooling down
    mono.advance(31)
    with pytest.raises(UnknownKeyIdError):
        await cache.verify(token)
    assert endpoint.calls == 3


async def test_unknown_kid_refetch_picks_up_a_rotated_key(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, rsa_key: rsa.RSAPrivateKey,
    other_rsa_key: rsa.RSAPrivateKey, claims: dict[str, Any],
) -> None:  # fmt: skip
    await cache.prefetch()
    mono.advance(60)
    endpoint.document = {"keys": [jwk_of(rsa_key, "key-1"), jwk_of(other_rsa_key, "key-2")]}
    claims_result = await cache.verify(make_token(other_rsa_key, claims, kid="key-2"))
    assert claims_result.sub == "user_01HXYZ"
    assert endpoint.calls == 2


async def test_unknown_kid_while_the_endpoint_fails_is_an_outage(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    await cache.prefetch()
    mono.advance(60)
    endpoint.fail = OSError("down")
    token = signer(claims, kid="key-9")
    with pytest.raises(JWKSUnavailableError):
        await cache.verify(token)
    with pytest.raises(JWKSUnavailableError):  # in the backoff: still an outage, no fetch
        await cache.verify(token)
    assert endpoint.calls == 2
    # Known kids keep verifying from the stale set meanwhile.
    assert (await cache.verify(signer(claims))).sub == "user_01HXYZ"


async def test_bad_tokens_never_trigger_a_fetch(
    cache: JWKSCache, endpoint: FakeEndpoint, claims: dict[str, Any], public_pem: bytes
) -> None:
    with pytest.raises(UnsupportedAlgorithmError):
        await cache.verify(make_token(None, claims, alg="none"))
    with pytest.raises(UnsupportedAlgorithmError):
        await cache.verify(make_token(None, claims, alg="HS256", hmac_secret=public_pem))
    with pytest.raises(MalformedTokenError):
        await cache.verify("not.a-token")
    assert endpoint.calls == 0


async def test_prefetch(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    assert cache.key_set is None
    keys = await cache.prefetch()
    assert isinstance(keys, KeySet) and list(keys) == ["key-1"]
    assert cache.key_set is keys
    assert "key-1" in repr(cache)
    await cache.verify(signer(claims))
    assert endpoint.calls == 1


async def test_prefetch_failure_raises_and_later_use_retries(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    endpoint.fail = ConnectionError()
    with pytest.raises(JWKSUnavailableError):
        await cache.prefetch()
    endpoint.fail = None
    mono.advance(5)
    assert (await cache.verify(signer(claims))).sub == "user_01HXYZ"


@pytest.mark.parametrize("form", ["bytes", "str", "mapping"])
async def test_fetch_may_return_bytes_text_or_mapping(
    form: str, jwks: dict[str, Any], mono: FakeClock, clock: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    doc: Any = {"bytes": json.dumps(jwks).encode(), "str": json.dumps(jwks), "mapping": jwks}[form]
    cache = JWKSCache(FakeEndpoint(doc), monotonic=mono, clock=clock)
    assert (await cache.verify(signer(claims))).sub == "user_01HXYZ"


async def test_invalidate_forces_a_new_fetch(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    await cache.prefetch()
    cache.invalidate()
    assert cache.key_set is None
    await cache.verify(signer(claims))
    assert endpoint.calls == 2


async def test_aclose_cancels_a_fetch_in_flight(
    cache: JWKSCache, endpoint: FakeEndpoint, signer: Signer, claims: dict[str, Any]
) -> None:
    endpoint.gate = asyncio.Event()
    waiter = asyncio.create_task(cache.verify(signer(claims)))
    await asyncio.sleep(0)
    await cache.aclose()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    # Still usable afterwards.
    endpoint.gate.set()
    assert (await cache.verify(signer(claims))).sub == "user_01HXYZ"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"ttl": 0}, "ttl"),
        ({"ttl": -1}, "ttl"),
        ({"refetch_cooldown": -1}, "refetch_cooldown"),
        ({"failure_backoff": "1"}, "failure_backoff"),
    ],
)
def test_bad_options(kwargs: dict[str, Any], match: str, jwks: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=match):
        JWKSCache(FakeEndpoint(jwks), **kwargs)


def test_fetch_must_be_callable() -> None:
    with pytest.raises(TypeError, match="fetch"):
        JWKSCache({"keys": []})  # type: ignore[arg-type]


async def test_stale_keys_are_refreshed_by_a_single_background_fetch(
    cache: JWKSCache, endpoint: FakeEndpoint, mono: FakeClock, signer: Signer,
    claims: dict[str, Any],
) -> None:  # fmt: skip
    await cache.prefetch()
    mono.advance(601)
    endpoint.gate = asyncio.Event()  # hold the refresh while requests keep arriving
    token = signer(claims)
    results = await asyncio.gather(*(cache.verify(token) for _ in range(500)))
    assert len(results) == 500  # all answered from the stale keys, none waited
    assert endpoint.calls == 2
    endpoint.gate.set()
    await asyncio.sleep(0.01)
    assert endpoint.calls == 2
    await cache.verify(token)
    assert endpoint.calls == 2  # fresh again
