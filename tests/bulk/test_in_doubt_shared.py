"""Bulk's in-doubt resolution is the core's rule (``workos_async._in_doubt``): the same
created-by-this-call test and the same field match, so the importer and a plain
``create_user`` that lost its answer agree on whose user a lookup found."""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, Literal

import attrs
import pytest

from workos_async import AsyncWorkOS, RequestInDoubtError, _in_doubt
from workos_async._in_doubt import USER_FIELDS, created_by_call, matches_sent
from workos_async.bulk import RateLimitConfig, RowResult, import_users
from workos_async.bulk.governor import Kind, RateGovernor
from workos_async.testing import FakeWorkOS, Fault, FaultKind

from .bulk_fake_helpers import API_KEY, make_rows

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


# ---- one table, both callers: the transport and the importer reach the same verdict ------

OLD = "2020-01-01T00:00:00.000Z"
MEMBERSHIPS = "/user_management/organization_memberships"
#: The create sends every field a found user must share with it.
ADA: dict[str, Any] = dict(
    zip(USER_FIELDS, ("ada@example.com", "ext-ada", "Ada", "Lovelace"), strict=True)
)

#: ``ours``: the lookup found what the call created (the call returns it / the row is created
#: and recovered, sent once); ``existing``: it found a matching object the call did not create
#: (an in-doubt error naming it / ``on_conflict``, sent once); ``none``: nothing of the call's
#: (an in-doubt error / the importer sends again, which is then safe).
Verdict = Literal["ours", "existing", "none"]
Prepare = Callable[[AsyncWorkOS, FakeWorkOS], Awaitable[dict[str, str]]]


async def _org(c: AsyncWorkOS, fake: FakeWorkOS) -> dict[str, str]:
    return {"org": (await c.organizations.create_organization(name="Acme")).id}


async def _nothing(c: AsyncWorkOS, fake: FakeWorkOS) -> dict[str, str]:
    return {}


async def _older_user(c: AsyncWorkOS, fake: FakeWorkOS) -> dict[str, str]:
    user = await c.user_management.create_user(**ADA)
    fake.store.c_users.update(user.id, created_at=OLD)
    return {"existing": user.id}


async def _other_user(c: AsyncWorkOS, fake: FakeWorkOS) -> dict[str, str]:
    # Same email and external_id, just made, but not with the names the call sends.
    user = await c.user_management.create_user(**{**ADA, "first_name": "Grace"})
    return {"existing": user.id}


async def _undated_user(c: AsyncWorkOS, fake: FakeWorkOS) -> dict[str, str]:
    user = await c.user_management.create_user(**ADA)
    record = dict(fake.store.users[user.id])
    del record["created_at"]  # as WorkOS's emulator omits some required keys
    fake.store.c_users.replace(record)
    return {"existing": user.id}


async def _older_membership(c: AsyncWorkOS, fake: FakeWorkOS) -> dict[str, str]:
    ctx = await _org(c, fake)
    user = await c.user_management.create_user(**ADA)
    membership = await c.user_management.create_organization_membership(
        user_id=user.id, organization_id=ctx["org"]
    )
    fake.store.c_memberships.update(membership.id, created_at=OLD)
    return {**ctx, "user": user.id, "existing": membership.id}


@attrs.frozen
class Case:
    id: str
    path: str
    prepare: Prepare
    #: ``drop_after``: the create is applied and its answer lost; ``drop_before``: not applied.
    fault: FaultKind
    core: Verdict
    #: The same as ``core`` except where bulk's own policy differs (said per case).
    bulk: Verdict
    #: In the core's in-doubt error.
    note: str = ""


CASES = [
    Case("created-by-this-call", USERS, _nothing, "drop_after", "ours", "ours"),
    Case(
        "older-matching-user",
        USERS,
        _older_user,
        "drop_before",
        "existing",
        "existing",
        "not created during this call",
    ),
    Case("fields-differ", USERS, _other_user, "drop_before", "none", "none", "no user matching"),
    # Bulk counts an unreadable created_at as the row's (its policy: unknown=True); the core
    # does not claim it and says so.
    Case(
        "unreadable-created-at",
        USERS,
        _undated_user,
        "drop_before",
        "existing",
        "ours",
        "created_at can't be read",
    ),
    Case("lookup-404", USERS, _nothing, "drop_before", "none", "none", "no user matching"),
    Case("membership-in-doubt", MEMBERSHIPS, _org, "drop_after", "ours", "ours"),
    Case(
        "older-membership",
        MEMBERSHIPS,
        _older_membership,
        "drop_before",
        "existing",
        "existing",
        "not created during this call",
    ),
]


def _posts(fake: FakeWorkOS, path: str) -> int:
    return sum(1 for r in fake.requests if r.method == "POST" and r.path == path)


def _arm(fake: FakeWorkOS, case: Case) -> Callable[[], int]:
    """Add the case's fault; returns how many creates were sent since."""
    fake.faults.add(Fault(method="POST", path=case.path, kind=case.fault))
    before = _posts(fake, case.path)
    return lambda: _posts(fake, case.path) - before


async def _through_the_transport(case: Case) -> tuple[Verdict, str, dict[str, str]]:
    async with (
        FakeWorkOS(api_key=API_KEY) as fake,
        AsyncWorkOS(api_key=API_KEY, base_url=fake.url, max_retries=2) as c,
    ):
        ctx = await case.prepare(c, fake)
        if case.path == MEMBERSHIPS and "user" not in ctx:
            ctx["user"] = (await c.user_management.create_user(**ADA)).id
        sent = _arm(fake, case)
        try:
            if case.path == USERS:
                made = await c.user_management.create_user(**ADA)
                assert (made.email, made.first_name) == (ADA["email"], ADA["first_name"])
            else:
                made_m = await c.user_management.create_organization_membership(
                    user_id=ctx["user"], organization_id=ctx["org"]
                )
                assert (made_m.user_id, made_m.organization_id) == (ctx["user"], ctx["org"])
        except RequestInDoubtError as err:
            note = err.resolution or ""
            assert sent() == 1
            return ("existing" if "matches the request" in note else "none"), note, ctx
        assert sent() == 1
        return "ours", "", ctx


async def _through_the_importer(case: Case) -> tuple[Verdict, RowResult, dict[str, str]]:
    async with (
        FakeWorkOS(api_key=API_KEY) as fake,
        AsyncWorkOS(api_key=API_KEY, base_url=fake.url, max_retries=0) as c,
    ):
        ctx = await case.prepare(c, fake)
        row: dict[str, Any] = dict(ADA)
        if case.path == MEMBERSHIPS:
            row["organization_id"] = ctx["org"]
        sent = _arm(fake, case)
        (res,) = [r async for r in import_users(c, [row], rate_limits=UNLIMITED, backoff=0.001)]
        sends = sent()
    if sends == 2:  # the lookup found nothing of the row's: sending again was safe
        return "none", res, ctx
    assert sends == 1
    made = res.membership if case.path == MEMBERSHIPS else res.outcome
    if made == "created" and res.recovered:
        return "ours", res, ctx
    assert made in ("existing", "adopted"), res  # on_conflict's default: adopt
    return "existing", res, ctx


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_transport_and_importer_reach_the_same_verdict(case: Case) -> None:
    core, note, core_ctx = await _through_the_transport(case)
    bulk, result, bulk_ctx = await _through_the_importer(case)
    assert (core, bulk) == (case.core, case.bulk)
    assert case.note in note
    if core == "existing":  # the in-doubt error names the object that exists
        assert core_ctx["existing"] in note
    if bulk == "existing":
        assert bulk_ctx["existing"] in (result.user_id, result.membership_id)
    if bulk == "ours" or (case.path == USERS and bulk == "existing"):
        assert result.outcome in ("created", "adopted") and result.error is None


class _CountingGovernor(RateGovernor):
    """The importer's governor, noting each request it lets through."""

    def __init__(self) -> None:
        super().__init__(UNLIMITED)
        self.acquired: list[str] = []

    async def acquire(self, kind: Kind) -> None:
        self.acquired.append(kind)
        await super().acquire(kind)


async def test_bulk_lookups_are_paced_by_its_governor_the_cores_are_not(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    governor = _CountingGovernor()
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_after"))
    run = import_users(client, make_rows(1), governor=governor, backoff=0.001)
    (res,) = [r async for r in run]
    assert res.outcome == "created" and res.recovered
    # The lookup went through the governor and is counted with the import's requests; the
    # client itself (max_retries=0) made none of its own.
    assert governor.acquired == ["write", "read"]
    assert run.summary is not None and dict(run.summary.requests) == {
        "write": 1,
        "read": 1,
        "all": 2,
    }
    assert [r.method for r in fake.requests] == ["POST", "GET"]
    # A plain client's in-doubt create looks up on its own: nothing passes bulk's governor.
    async with AsyncWorkOS(api_key=API_KEY, base_url=fake.url, max_retries=2) as core:
        fake.faults.add(Fault(method="POST", path=USERS, kind="drop_after"))
        made = await core.user_management.create_user(email="solo@example.com")
    assert made.email == "solo@example.com"
    assert [r.method for r in fake.requests][2:] == ["POST", "GET"]
    assert governor.acquired == ["write", "read"]


async def test_an_external_id_that_cannot_be_a_path_is_looked_up_by_email(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    # The shared finder never puts a '/' in a path: the in-doubt row is settled by its email.
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_after"))
    row = {**ADA, "external_id": "crm/ada"}
    (res,) = [r async for r in import_users(client, [row], rate_limits=UNLIMITED, backoff=0.001)]
    assert res.outcome == "created" and res.recovered and res.error is None
    assert [(r.method, r.path) for r in fake.requests] == [("POST", USERS), ("GET", USERS)]
    assert len(fake.store.users) == 1


def test_decide_on_models_and_json_with_an_unknown_start() -> None:
    now = time.time()
    sent = {"user_id": "user_1", "organization_id": "org_1"}
    fresh = SimpleNamespace(id="om_new", created_at=datetime.fromtimestamp(now, UTC), **sent)
    future = {"id": "om_future", "created_at": "2999-01-01T00:00:00Z", **sent}
    other = {"id": "om_other", "created_at": None, "user_id": "user_1", "organization_id": "x"}
    kind = _in_doubt.MEMBERSHIP
    got = _in_doubt.decide(kind, [other, fresh], sent, now - 1)
    assert got.found is fresh and got.existing is None and "om_new" in got.note
    # Bulk's start may be unknown (an old journal): any start, still a readable note.
    late = _in_doubt.decide(kind, [future], sent, -math.inf, skew=5, unknown=True)
    assert late.found is None and late.existing is future
    assert "om_future" in late.note and "the call started unknown" in late.note
    assert _in_doubt.decide(kind, [other], sent, now).note.startswith("no organization membership")
