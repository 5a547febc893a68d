"""429 from the emulator's rate limiter, through both clients, on a private emulator.

The emulator allows 1,000 requests per fixed 60 s window per API key and refuses the 1,000th
with 429 ``rate_limit_exceeded`` and ``Retry-After``. Exhausting a key of the shared session
emulator would starve whichever test uses that key next (the harness's own 429 test counts
the spare key down from a fresh window), so this module starts its own emulator with one key
and spends that key's window.

Not shown here: the SDK riding a 429 out by sleeping through ``Retry-After``. The window is
fixed at 60 s from a key's first request, so that would add up to a minute to the suite;
the retry-and-sleep path is covered by the transport tests against a scripted server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aiohttp
import pytest

from workos_async import RateLimitExceededError

from ._emulator import (
    RATE_LIMIT_PER_WINDOW,
    RATE_LIMIT_WINDOW_SECONDS,
    Emulator,
    EmulatorProcess,
    EmulatorSeed,
)
from .conftest import require_emulator
from .test_clients import FLAVORS, Flavor, open_api

PRIVATE_KEY = "sk_test_conformance_rate_limited"
MISSING_USER_ID = "user_01CONFORMANCEMISSING0000000"


@pytest.fixture(scope="module")
def exhausted() -> Iterator[Emulator]:
    """A private emulator whose only key has used up its window."""
    node, entry_point = require_emulator()
    process = EmulatorProcess(
        entry_point, EmulatorSeed(default_api_key=PRIVATE_KEY, extra_api_keys=()), node=node
    )
    private = process.start()
    try:
        asyncio.run(_spend_the_window(private))
        yield private
    finally:
        process.stop()


async def _spend_the_window(private: Emulator) -> None:
    url = f"{private.url}/user_management/users/{MISSING_USER_ID}"  # 404s count too
    headers = {"Authorization": f"Bearer {PRIVATE_KEY}"}
    async with aiohttp.ClientSession() as http:
        for _ in range(RATE_LIMIT_PER_WINDOW + 1):
            async with http.get(url, headers=headers) as response:
                if response.status == 429:
                    return
    raise AssertionError(f"no 429 after {RATE_LIMIT_PER_WINDOW + 1} requests with one key")


@pytest.mark.parametrize("flavor", FLAVORS)
async def test_429_maps_to_rate_limit_exceeded(exhausted: Emulator, flavor: Flavor) -> None:
    async with open_api(flavor, exhausted, PRIVATE_KEY) as api:
        with pytest.raises(RateLimitExceededError) as caught:
            await api.user_management.get_user(MISSING_USER_ID)
    error = caught.value
    assert (error.status, error.code) == (429, "rate_limit_exceeded")
    assert error.message == "Too Many Requests"
    assert error.request_id is not None
    assert error.retry_after is not None
    assert 0 < error.retry_after <= RATE_LIMIT_WINDOW_SECONDS
    assert PRIVATE_KEY not in str(error) and PRIVATE_KEY not in repr(error)


@pytest.mark.parametrize("flavor", FLAVORS)
async def test_a_retry_after_beyond_max_retry_after_is_raised_at_once(
    exhausted: Emulator, flavor: Flavor
) -> None:
    # Retries are on, but the emulator asks for a wait (whole seconds, >= 1) longer than the
    # client will sleep: the SDK raises at once, carrying retry_after, instead of sleeping.
    async with open_api(flavor, exhausted, PRIVATE_KEY, max_retries=3, max_retry_after=0.5) as api:
        with pytest.raises(RateLimitExceededError) as caught:
            await api.user_management.get_user(MISSING_USER_ID)
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 0.5
