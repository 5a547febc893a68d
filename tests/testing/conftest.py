"""Fixtures for the fake's own tests: a fresh in-process fake per test and a raw aiohttp
client (these tests do not depend on the SDK; ``test_fake_plugin.py`` covers the SDK side)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS(random_seed=1234) as f:
        yield f
        assert f.internal_errors == [], f.internal_errors


@pytest.fixture
async def api(fake: FakeWorkOS) -> AsyncIterator[Api]:
    headers = {"Authorization": f"Bearer {fake.api_key}"}
    async with aiohttp.ClientSession(fake.url, headers=headers) as session:
        yield Api(session)
