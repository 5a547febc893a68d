"""``run_in_thread``: sync code in other threads drives the fake while it serves."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from workos_async.testing import FakeWorkOS, Fault


def _call(fake: FakeWorkOS, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        fake.url + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {fake.api_key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def test_sync_code_uses_a_threaded_fake() -> None:
    with FakeWorkOS().run_in_thread() as fake:
        status, user = _call(fake, "POST", "/user_management/users", {"email": "t@example.com"})
        assert status == 201
        assert fake.store.users[user["id"]]["email"] == "t@example.com"
        fake.faults.add(Fault(method="GET", path="/user_management/users/*", status=500))
        assert _call(fake, "GET", f"/user_management/users/{user['id']}")[0] == 500
        assert _call(fake, "GET", f"/user_management/users/{user['id']}")[0] == 200
        fake.reset()
        assert len(fake.store.users) == 0
        url = fake.url
    assert not fake.running
    try:
        urllib.request.urlopen(url, timeout=2)
        raise AssertionError("still serving after the with block")
    except urllib.error.URLError:
        pass


def test_reads_and_resets_from_other_threads_during_load() -> None:
    handle = FakeWorkOS().run_in_thread()
    fake = handle.fake
    stop = threading.Event()
    problems: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                for record in fake.store.users.values():
                    assert record["object"] == "user"
                _ = fake.counters, fake.requests, len(fake.store.memberships)
            except Exception as exc:  # any race shows up here
                problems.append(repr(exc))
                return

    try:
        readers = [threading.Thread(target=reader) for _ in range(2)]
        for t in readers:
            t.start()
        with ThreadPoolExecutor(4) as pool:
            statuses = list(
                pool.map(
                    lambda i: _call(
                        fake, "POST", "/user_management/users", {"email": f"l{i}@example.com"}
                    )[0],
                    range(200),
                )
            )
            fake.faults.add(Fault(path="/user_management/users", status=503, count=5))
            fake.reset()
            more = list(
                pool.map(lambda i: _call(fake, "GET", "/user_management/users")[0], range(50))
            )
        stop.set()
        for t in readers:
            t.join()
        assert problems == []
        assert statuses.count(201) == 200
        assert set(more) == {200}
        assert fake.internal_errors == []
    finally:
        stop.set()
        handle.stop()
    handle.stop()  # idempotent
