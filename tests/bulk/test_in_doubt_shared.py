"""Bulk's in-doubt resolution is the core's rule (``workos_async._in_doubt``): the same
created-by-this-call test and the same field match, so the importer and a plain
``create_user`` that lost its answer agree on whose user a lookup found."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from types import SimpleNamespace

from workos_async import AsyncWorkOS, _in_doubt
from workos_async._in_doubt import USER_FIELDS, created_by_call, matches_sent
from workos_async.bulk import RateLimitConfig, import_users
from workos_async.testing import FakeWorkOS, Fault

from .bulk_fake_helpers import make_rows

UNLIMITED = RateLimitConfig.unlimited()
USERS = "/user_management/users"


def test_created_by_call_bounds_and_unknowns() -> None:
    start = 1_000_000.0
    at = datetime.fromtimestamp(start, UTC)
    assert created_by_call(at.isoformat(), start, skew=5, now=start + 1)
    assert created_by_call(at.isoformat().replace("+00:00", "Z"), start, skew=5, now=start)
    assert created_by_call(at, start + 4, skew=5, now=start + 4)
    assert not created_by_call(at, start + 6, skew=5, now=start + 6)  # older than the call
    assert not created_by_call(at, start - 60, skew=5, now=start - 10)  # after "now"
    naive = at.replace(tzinfo=None)
    for unreadable in (None, "yesterday", naive, naive.isoformat(), 42):
        assert not created_by_call(unreadable, start)
        assert created_by_call(unreadable, start, unknown=True)


def test_matches_sent_on_json_and_models_alike() -> None:
    sent = {"email": "Ada@Example.com", "external_id": "e1", "first_name": None, "password": "x"}
    as_json = {"email": "ada@example.com", "external_id": "e1", "first_name": "Ada"}
    assert matches_sent(sent, as_json, USER_FIELDS)
    assert matches_sent(sent, SimpleNamespace(**as_json), USER_FIELDS)
    assert not matches_sent({**sent, "external_id": "e2"}, as_json, USER_FIELDS)
    assert not matches_sent({**sent, "first_name": "Bob"}, SimpleNamespace(**as_json), USER_FIELDS)


async def test_bulk_and_core_agree_on_an_in_doubt_create(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    started = time.time()
    # The create is applied, its answer lost: bulk looks it up and calls it its own.
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_after"))
    (row,) = make_rows(1)
    (res,) = [r async for r in import_users(client, [row], rate_limits=UNLIMITED, backoff=0.001)]
    assert res.outcome == "created" and res.recovered and len(fake.store.users) == 1
    assert res.user_id is not None
    sent = {k: row[k] for k in USER_FIELDS if k in row}
    core = await _in_doubt.resolve(client, "POST", USERS, sent, started)
    assert core.found is not None and core.found.id == res.user_id
    # A call that started long after that user was made would not own it, by either path.
    later = await _in_doubt.resolve(client, "POST", USERS, sent, started + 3600)
    assert later.found is None and "not created during this call" in later.note
    user = await client.user_management.get_user(res.user_id)
    assert not created_by_call(user.created_at, started + 3600)
