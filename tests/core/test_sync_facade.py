"""The blocking facade: same methods, one loop thread, many caller threads, fork, loop guard."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from workos_async import NotFoundError, WorkOS
from workos_async.sync import EventLoopBlockingError, SyncPager
from workos_async.testing import FakeWorkOS


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeWorkOS]:
    with FakeWorkOS().run_in_thread() as running:
        yield running


@pytest.fixture
def client(fake: FakeWorkOS) -> Iterator[WorkOS]:
    fake.reset()
    with WorkOS(api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url) as c:
        yield c


def test_crud_blocking(client: WorkOS) -> None:
    user = client.user_management.create_user(email="sync@example.com", first_name="Sy")
    assert client.user_management.get_user(user.id).first_name == "Sy"
    updated = client.user_management.update_user(user.id, last_name="Nc")
    assert updated.last_name == "Nc"
    client.user_management.delete_user(user.id)
    with pytest.raises(NotFoundError):
        client.user_management.get_user(user.id)


def test_for_loop_walks_every_page(client: WorkOS) -> None:
    ids = {client.user_management.create_user(email=f"p{i}@example.com").id for i in range(25)}
    pager = client.user_management.list_users(limit=10)
    assert isinstance(pager, SyncPager)
    assert len(pager.data) == 10  # first page, fetched once
    assert {u.id for u in pager} == ids
    pages = list(client.user_management.list_users(limit=10).pages())
    assert [len(p) for p in pages] == [10, 10, 5]
    assert len(list(client.user_management.list_users(limit=10, max_items=13))) == 13


def test_sixteen_threads_at_once(client: WorkOS) -> None:
    def work(i: int) -> str:
        user = client.user_management.create_user(email=f"t{i}@example.com")
        assert client.user_management.get_user(user.id).email == f"t{i}@example.com"
        return user.id

    with ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(work, range(160)))
    assert len(set(ids)) == 160
    assert sum(1 for _ in client.user_management.list_users(limit=100)) == 160


def test_called_from_a_running_loop_raises_a_clear_error(client: WorkOS) -> None:
    async def inside_loop() -> None:
        client.user_management.get_user("user_x")

    with pytest.raises(EventLoopBlockingError, match="AsyncWorkOS"):
        asyncio.run(inside_loop())
    # The client still works afterwards.
    user = client.user_management.create_user(email="after@example.com")
    assert user.email == "after@example.com"


def test_close_is_idempotent_and_final(fake: FakeWorkOS) -> None:
    c = WorkOS(api_key=fake.api_key, base_url=fake.url)
    c.user_management.list_users(limit=1).first_page()
    thread = c._loop_thread
    assert thread is not None and thread.thread.is_alive()
    c.close()
    c.close()
    assert not thread.thread.is_alive()
    with pytest.raises(Exception, match="closed"):
        c.user_management.get_user("user_x")


@pytest.mark.skipif(sys.platform == "win32", reason="os.fork is POSIX-only")
def test_usable_after_fork(client: WorkOS) -> None:
    user = client.user_management.create_user(email="parent@example.com")
    pid = os.fork()
    if pid == 0:  # child: a fresh loop thread and pool on first use
        code = 1
        try:
            child_user = client.user_management.get_user(user.id)
            created = client.user_management.create_user(email="child@example.com")
            code = 0 if child_user.id == user.id and created.id else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    # The parent's client is untouched by the child.
    assert client.user_management.get_user(user.id).email == "parent@example.com"
    assert len(client.user_management.list_users(email="child@example.com").data) == 1


def test_thread_names_one_loop_thread_per_client(fake: FakeWorkOS) -> None:
    before = {t.name for t in threading.enumerate()}
    with WorkOS(api_key=fake.api_key, base_url=fake.url) as c:
        for _ in range(5):
            c.user_management.list_users(limit=1).first_page()
        loops = [
            t
            for t in threading.enumerate()
            if t.name == "workos-async-loop" and t.name not in before
        ]
        assert len([t for t in threading.enumerate() if t.name == "workos-async-loop"]) >= 1
        assert len(loops) <= 1
