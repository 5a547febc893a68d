"""Bulk's blocking API on the blocking client's bridge: the import keeps moving on the loop
while the caller works on a batch, and stopping early cancels it there."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from workos_async import WorkOS
from workos_async.bulk import RateLimitConfig, import_users_sync
from workos_async.testing import FakeWorkOS

from ..bulk.bulk_fake_helpers import API_KEY, make_rows

UNLIMITED = RateLimitConfig.unlimited()


@pytest.fixture
def fake() -> Iterator[FakeWorkOS]:
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as running:
        yield running


def _settled_count(fake: FakeWorkOS) -> int:
    """The number of users once it stops changing for a moment."""
    count = -1
    while count != len(fake.store.users):
        count = len(fake.store.users)
        time.sleep(0.3)
    return count


def test_the_import_moves_on_while_the_caller_works(fake: FakeWorkOS) -> None:
    with WorkOS(api_key=API_KEY, base_url=fake.url) as client:
        results = iter(import_users_sync(client, make_rows(600), rate_limits=UNLIMITED))
        next(results)
        seen_at_first = len(fake.store.users)
        # The caller is busy elsewhere (no crossing): the loop thread runs the import.
        deadline = time.monotonic() + 20
        while len(fake.store.users) < 600 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen_at_first < 600 == len(fake.store.users)
        assert len(list(results)) == 599


def test_stopping_early_cancels_the_import_on_the_loop(fake: FakeWorkOS) -> None:
    with WorkOS(api_key=API_KEY, base_url=fake.url) as client:
        run = import_users_sync(client, make_rows(2000), rate_limits=UNLIMITED, concurrency=4)
        results = iter(run)
        for _ in range(5):
            next(results)
        results.close()
        stopped_at = _settled_count(fake)
        assert stopped_at < 2000
        time.sleep(0.3)
        assert len(fake.store.users) == stopped_at
        # The client is fine afterwards.
        assert client.user_management.list_users(limit=1).data
