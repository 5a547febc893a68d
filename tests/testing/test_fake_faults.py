"""Every fault kind, seen from a raw aiohttp client, and whether the write was applied."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from workos_async.testing import FakeWorkOS, Fault

from .fake_helpers import Api, fresh_connection_session

USERS = "/user_management/users"


async def test_status_fault_fails_the_next_n_then_passes(api: Api, fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, status=503, count=3))
    for i in range(3):
        r = await api.post(USERS, json={"email": f"x{i}@example.com"})
        assert r.status == 503 and set(r.body) == {"message"} and r.headers["X-Request-ID"]
    assert len(fake.store.users) == 0  # not applied
    assert (await api.post(USERS, json={"email": "ok@example.com"})).status == 201
    assert fake.faults.list() == []  # used up
    counters = fake.counters
    assert counters.faults == 3 and counters.by_status[503] == 3
    assert [r.fault for r in fake.requests] == ["status", "status", "status", None]


async def test_429_fault_with_retry_after_and_custom_body(api: Api, fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="GET", path=USERS, status=429, retry_after=2))
    r = await api.get(USERS)
    assert r.status == 429 and r.headers["Retry-After"] == "2"
    assert r.body["code"] == "rate_limit_exceeded"
    fake.faults.add(
        Fault(path=USERS, status=500, retry_after=0.25, body={"message": "boom", "code": "x"})
    )
    r = await api.get(USERS)
    assert (r.status, r.body, r.headers["Retry-After"]) == (
        500,
        {"message": "boom", "code": "x"},
        "0.250",
    )
    fake.faults.add(
        Fault(
            path=USERS,
            status=502,
            body="<h1>bad gateway</h1>",
            headers={"Content-Type": "text/html"},
        )
    )
    r = await api.get(USERS)
    assert (r.status, r.raw, r.headers["Content-Type"]) == (
        502,
        b"<h1>bad gateway</h1>",
        "text/html",
    )


async def test_matching_by_method_glob_and_regex(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("m@example.com")
    one = f"{USERS}/{user['id']}"
    fake.faults.add(Fault(method="GET,PUT", path=f"{USERS}/*", status=500, count=None))
    assert (await api.get(USERS)).status == 200  # the glob needs something after the slash
    assert (await api.get(one)).status == 500
    assert (await api.put(one, json={})).status == 500
    assert (
        await api.delete(f"{USERS}/user_01ZZZZZZZZZZZZZZZZZZZZZZZZ")
    ).status == 404  # DELETE passes
    fake.faults.clear()
    fault_id = fake.faults.add(
        Fault(path=r"/user_management/users/user_\w+", regex=True, status=418, count=None)
    )
    assert (await api.get(one)).status == 418
    assert (await api.get(f"{one}/sessions")).status == 200  # regex must match the whole path
    assert fake.faults.remove(fault_id) and not fake.faults.remove(fault_id)
    assert (await api.get(one)).status == 200


async def test_skip_lets_requests_through_first(api: Api, fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, status=500, skip=2))
    statuses = [
        (await api.post(USERS, json={"email": f"s{i}@example.com"})).status for i in range(4)
    ]
    assert statuses == [201, 201, 500, 201]


async def _pattern(seed: int) -> list[int]:
    async with (
        FakeWorkOS() as fake,
        aiohttp.ClientSession(fake.url, headers={"Authorization": f"Bearer {fake.api_key}"}) as s,
    ):
        fake.faults.add(Fault(path=USERS, status=500, count=None, probability=0.3, seed=seed))
        out = []
        for _ in range(200):
            async with s.get(USERS) as r:
                out.append(r.status)
        return out


async def test_probabilistic_faults_are_reproducible_with_a_seed() -> None:
    first, again, other = await _pattern(7), await _pattern(7), await _pattern(8)
    assert first == again
    assert first != other
    assert 30 <= first.count(500) <= 90  # ~60 expected at p=0.3


async def test_latency_delays_then_applies(fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="latency", latency=0.6))
    timeout = aiohttp.ClientTimeout(total=0.1)
    async with fresh_connection_session(fake) as s:
        with pytest.raises(asyncio.TimeoutError):
            await s.post(USERS, json={"email": "slow@example.com"}, timeout=timeout)
    # the handler still runs after the delay (the client gave up, the server did not)
    for _ in range(100):
        if len(fake.store.users) == 1:
            break
        await asyncio.sleep(0.05)
    assert [u["email"] for u in fake.store.users.values()] == ["slow@example.com"]


async def test_drop_before_closes_without_applying(fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_before"))
    async with fresh_connection_session(fake) as s:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await s.post(USERS, json={"email": "lost@example.com"})
        assert len(fake.store.users) == 0
        async with s.post(USERS, json={"email": "lost@example.com"}) as r:
            assert r.status == 201  # the retry succeeds: nothing was created the first time


async def test_drop_after_applies_then_closes(fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_after"))
    async with fresh_connection_session(fake) as s:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await s.post(USERS, json={"email": "ghost@example.com"})
        assert [u["email"] for u in fake.store.users.values()] == ["ghost@example.com"]
        # the ambiguous create: a blind retry now collides with the user that was created
        async with s.post(USERS, json={"email": "ghost@example.com"}) as r:
            assert r.status == 400
            assert (await r.json())["errors"][0]["code"] == "email_not_available"


async def test_dropped_reused_connection_is_seen_by_the_client(api: Api, fake: FakeWorkOS) -> None:
    # A drop on a kept-alive connection: aiohttp's own retry of an idempotent GET may hide
    # one drop, so drop every matching request and expect the client to give up.
    await api.get(USERS)  # open a keep-alive connection
    fake.faults.add(Fault(method="GET", path=USERS, kind="drop_before", count=None))
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await api.get(USERS)
    assert fake.counters.faults >= 1


async def test_truncate_applies_and_cuts_the_body(fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="truncate"))
    async with fresh_connection_session(fake) as s:
        with pytest.raises(aiohttp.ClientPayloadError):
            async with s.post(USERS, json={"email": "cut@example.com"}) as r:
                assert r.status == 201
                await r.read()
    assert len(fake.store.users) == 1


async def test_non_json_bodies(api: Api, fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="GET", path=USERS, kind="non_json"))
    r = await api.get(USERS)
    assert (
        r.status == 200 and r.headers["Content-Type"] == "text/html" and r.raw.startswith(b"<html>")
    )
    fake.faults.add(
        Fault(method="GET", path=USERS, kind="non_json", status=500, body='{"message": "tru')
    )
    async with api.session.get(USERS) as resp:
        assert resp.status == 500 and resp.content_type == "application/json"
        with pytest.raises(json.JSONDecodeError):
            await resp.json()
    assert (await api.get(USERS)).status == 200


def test_fault_validation_names_the_problem() -> None:
    with pytest.raises(ValueError, match="count"):
        Fault(count=0)
    with pytest.raises(ValueError, match="kind"):
        Fault(kind="explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="probability"):
        Fault(probability=1.5)
    with pytest.raises(ValueError, match="regular expression"):
        Fault(path="(", regex=True)
    with pytest.raises(ValueError, match="latency"):
        Fault(kind="latency")
    with pytest.raises(ValueError, match="status"):
        Fault(status=700)
    with pytest.raises(ValueError, match="unknown fault field"):
        Fault.from_dict({"stauts": 500})
    with pytest.raises(TypeError):
        FakeWorkOS().faults.add({"status": 500})  # type: ignore[arg-type]
    assert Fault.from_dict(Fault(status=429, retry_after=1).to_dict()) == Fault(
        status=429, retry_after=1
    )
