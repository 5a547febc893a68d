"""The bulk tests' fake WorkOS and the client bound to it (no retries: the importer's own
governor decides what is re-sent)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from workos_async import AsyncWorkOS
from workos_async.testing import FakeWorkOS

from .bulk_fake_helpers import API_KEY


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS(api_key=API_KEY) as server:
        yield server


@pytest.fixture
async def client(fake: FakeWorkOS) -> AsyncIterator[AsyncWorkOS]:
    async with AsyncWorkOS(
        api_key=API_KEY, client_id="client_bulk", base_url=fake.url, max_retries=0
    ) as c:
        yield c
