"""The blocking client's life: Ctrl-C cancels the call on the loop, close() with calls in
flight, dropped clients finalized, with_options, fork with a preloaded client, one crossing
per page."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aiohttp import web

import workos_async
from workos_async import WorkOS
from workos_async._errors import WorkOSError
from workos_async.sync import ClientClosedError, EventLoopBlockingError
from workos_async.testing import FakeWorkOS

USER = {
    "object": "user",
    "id": "user_01",
    "email": "ada@example.com",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "profile_picture_url": None,
    "email_verified": True,
    "external_id": None,
    "last_sign_in_at": None,
    "created_at": "2024-01-01T00:00:00.000Z",
    "updated_at": "2024-01-02T00:00:00.000Z",
}


class ThreadedServer:
    """A local aiohttp server in its own thread: ``mode`` "ok" answers a user, "500" fails
    every time (a retry storm), "hang" never answers. Counts the requests it receives."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests = 0
        self.paths: list[str] = []
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        self.paths.append(request.path)
        if self.mode == "hang":
            assert self._stop is not None
            await self._stop.wait()  # answers only when the server stops
        if self.mode == "500":
            return web.json_response({"message": "boom"}, status=500)
        return web.json_response(USER)

    def _main(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        self._stop = asyncio.Event()
        self._started.set()
        await self._stop.wait()
        await runner.cleanup()

    def __enter__(self) -> ThreadedServer:
        self._thread.start()
        self._started.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


@pytest.fixture
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer() as srv:
        yield srv


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.01)
    monkeypatch.setattr("workos_async._retry.MAX_DELAY", 0.02)


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def interrupt_main_when(predicate: Callable[[], bool]) -> threading.Thread:
    """SIGINT to the process (as Ctrl-C does) once ``predicate`` holds."""

    def fire() -> None:
        if wait_for(predicate):
            os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=fire, daemon=True)
    thread.start()
    return thread


needs_sigint = pytest.mark.skipif(
    sys.platform == "win32" or threading.current_thread() is not threading.main_thread(),
    reason="SIGINT to the main thread is POSIX-only here",
)


# ---- Ctrl-C --------------------------------------------------------------------------------


@needs_sigint
def test_ctrl_c_cancels_the_call_on_the_loop(server: ThreadedServer, fast_retries: None) -> None:
    server.mode = "500"  # every attempt fails: uncancelled, the retries would go on and on
    with WorkOS(api_key="sk_test_x", base_url=server.url, max_retries=10_000) as client:
        interrupt_main_when(lambda: server.requests >= 3)
        with pytest.raises(KeyboardInterrupt):
            client.user_management.get_user("user_01")
        seen = server.requests
        time.sleep(0.3)
        assert server.requests == seen  # no retry after the interrupt
        loop_thread = client._loop_thread
        assert loop_thread is not None and not loop_thread._pending
        server.mode = "ok"
        assert client.user_management.get_user("user_01").email == "ada@example.com"


@needs_sigint
def test_ctrl_c_while_another_thread_runs_the_loop(
    server: ThreadedServer, fast_retries: None
) -> None:
    """The main thread's call was handed to a loop another thread runs: Ctrl-C still cancels
    it there, and the other thread's call is untouched."""
    server.mode = "500"
    with WorkOS(api_key="sk_test_x", base_url=server.url, max_retries=10_000) as client:
        other: list[BaseException] = []

        def background() -> None:
            try:
                client.user_management.get_user("user_bg")
            except BaseException as exc:  # recorded for the assertion
                other.append(exc)

        thread = threading.Thread(target=background)
        thread.start()
        assert wait_for(lambda: server.requests >= 2)
        # Fired by the main thread's own attempts only (never before its call has started).
        interrupt_main_when(lambda: server.paths.count("/user_management/users/user_main") >= 3)
        with pytest.raises(KeyboardInterrupt):
            client.user_management.get_user("user_main")
        loop_thread = client._loop_thread
        assert loop_thread is not None
        assert wait_for(lambda: len(loop_thread._pending) == 1)  # only the background call
        assert thread.is_alive()
        server.mode = "ok"
        thread.join(10)
        assert other == []


CHILD = """
import sys, time
import workos_async._retry as retry
from workos_async import WorkOS

retry.INITIAL_DELAY, retry.MAX_DELAY = 0.01, 0.02
client = WorkOS(api_key="sk_test_x", base_url=sys.argv[1], max_retries=10_000)
try:
    client.user_management.get_user("user_01")
except KeyboardInterrupt:
    print("interrupted", flush=True)
    time.sleep(0.5)
    print("pending", len(client._loop_thread._pending), flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a process is POSIX-only here")
def test_sigint_to_a_process_cancels_its_blocking_call(server: ThreadedServer) -> None:
    """Ctrl-C as a terminal sends it: SIGINT to the process, whichever thread the kernel picks."""
    server.mode = "500"
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, server.url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert wait_for(lambda: server.requests >= 3)
        proc.send_signal(signal.SIGINT)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "interrupted"
        seen = server.requests
        time.sleep(0.3)
        assert server.requests == seen  # the retries stopped with the interrupt
        assert proc.stdout.readline().strip() == "pending 0"
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# ---- close() with calls in flight ----------------------------------------------------------


def test_close_while_calls_are_in_flight(server: ThreadedServer) -> None:
    server.mode = "hang"
    client = WorkOS(api_key="sk_test_x", base_url=server.url, max_retries=0)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            client.user_management.get_user("user_01")
        except BaseException as exc:  # recorded for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    assert wait_for(lambda: server.requests == 4)
    started = time.monotonic()
    client.close()
    for thread in threads:
        thread.join(10)
    assert time.monotonic() - started < 5
    assert len(errors) == 4
    assert all(isinstance(e, ClientClosedError) and isinstance(e, WorkOSError) for e in errors)
    assert all("closed" in str(e) for e in errors)
    with pytest.raises(ClientClosedError):
        client.user_management.get_user("user_01")


# ---- dropped clients -----------------------------------------------------------------------


def _counts() -> tuple[int, int]:
    return threading.active_count(), len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_dropped_clients_are_finalized() -> None:
    with FakeWorkOS().run_in_thread() as fake:
        user = WorkOS(api_key=fake.api_key, base_url=fake.url)
        user_id = user.user_management.create_user(email="drop@example.com").id
        user.close()
        gc.collect()
        assert wait_for(lambda: _counts() == _counts())
        baseline = _counts()
        shared_refs: list[weakref.ref[Any]] = []
        for i in range(1000):
            client = WorkOS(api_key=fake.api_key, base_url=fake.url)
            assert client.user_management.get_user(user_id).id == user_id
            if i % 100 == 0:
                shared_refs.append(weakref.ref(client._shared))
            del client
        gc.collect()
        # Nothing keeps a dropped client alive: not the exit registry, not its loop thread.
        assert all(ref() is None for ref in shared_refs)
        assert wait_for(lambda: _counts()[0] <= baseline[0] and _counts()[1] <= baseline[1]), (
            _counts(),
            baseline,
        )


def test_a_dropped_client_with_a_call_in_flight_is_kept_until_the_call_ends(
    server: ThreadedServer,
) -> None:
    """The calling thread holds the client; dropping other references never cuts a call."""
    server.mode = "ok"
    client = WorkOS(api_key="sk_test_x", base_url=server.url)
    get_user = client.user_management.get_user
    del client
    gc.collect()
    assert get_user("user_01").email == "ada@example.com"


# ---- with_options --------------------------------------------------------------------------


def test_with_options_shares_the_loop_and_pool(server: ThreadedServer, fast_retries: None) -> None:
    server.mode = "500"
    with WorkOS(api_key="sk_test_x", base_url=server.url, max_retries=2) as client:
        once = client.with_options(max_retries=0)
        assert isinstance(once, WorkOS)
        with pytest.raises(WorkOSError):
            once.user_management.get_user("user_01")
        assert server.requests == 1
        with pytest.raises(WorkOSError):
            client.user_management.get_user("user_01")
        assert server.requests == 4  # the original keeps its 2 retries
        assert once._loop_thread is client._loop_thread
        assert once.async_client._transport._holder is client.async_client._transport._holder
        headers = once.with_options(extra_headers={"X-Trace": "1"})
        server.mode = "ok"
        assert headers.user_management.get_user("user_01").id == "user_01"
        once.close()  # closing either closes the shared pool and loop
        with pytest.raises(ClientClosedError):
            client.user_management.get_user("user_01")


# ---- fork (gunicorn --preload) --------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="os.fork is POSIX-only")
def test_preloaded_client_forks_into_independent_children(server: ThreadedServer) -> None:
    client = WorkOS(api_key="sk_test_x", base_url=server.url)
    try:
        assert client.user_management.get_user("user_01").id == "user_01"  # pool opened
        parent_async = client.async_client
        parent_loop = client._loop_thread
        pids = []
        for _ in range(2):
            pid = os.fork()
            if pid == 0:  # a worker: its own loop thread and pool, never the parent's
                code = 1
                try:
                    ok = client.user_management.get_user("user_01").id == "user_01"
                    fresh = client.async_client is not parent_async
                    own_loop = client._loop_thread is not parent_loop
                    code = 0 if ok and fresh and own_loop else 2
                finally:
                    os._exit(code)
            pids.append(pid)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0
        assert client.async_client is parent_async
        assert client.user_management.get_user("user_01").id == "user_01"
    finally:
        client.close()


# ---- pagers, iteration, the loop guard ------------------------------------------------------


def test_pager_crosses_once_per_page_and_closes_early(monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        FakeWorkOS().run_in_thread() as fake,
        WorkOS(api_key=fake.api_key, base_url=fake.url) as client,
    ):
        for i in range(25):
            client.user_management.create_user(email=f"page{i}@example.com")
        crossings = 0
        run = client._run

        def counting(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            nonlocal crossings
            crossings += 1
            return run(fn, *args, **kwargs)

        monkeypatch.setattr(client, "_run", counting)
        items = iter(client.user_management.list_users(limit=10))
        first = [next(items) for _ in range(10)]
        assert crossings == 1 and len(first) == 10
        next(items)
        assert crossings == 2
        assert len(list(items)) == 14
        assert crossings == 4  # 3 pages, then the end of the list
        crossings = 0
        walk = iter(client.user_management.list_users(limit=10))
        next(walk)
        walk.close()  # stops early: the async generator is closed on the loop
        assert crossings == 2


def test_event_loop_blocking_error_is_exported_at_the_top() -> None:
    assert workos_async.EventLoopBlockingError is EventLoopBlockingError
    assert "EventLoopBlockingError" in workos_async.__all__


def test_called_from_inside_the_clients_own_loop_raises(server: ThreadedServer) -> None:
    with WorkOS(api_key="sk_test_x", base_url=server.url) as client:

        async def nested() -> None:
            client.user_management.get_user("user_01")

        with pytest.raises(EventLoopBlockingError):
            client._run(nested)
        assert client.user_management.get_user("user_01").id == "user_01"


# ---- who runs the loop ------------------------------------------------------------------------


async def _running_thread() -> threading.Thread:
    return threading.current_thread()


def test_a_lone_caller_runs_the_loop_itself_even_after_a_burst(server: ThreadedServer) -> None:
    """Sequential calls run on the caller's own thread (no hop); after calls from many threads
    overlapped, the loop goes back to the lone caller within a few calls."""
    with WorkOS(api_key="sk_test_x", base_url=server.url) as client:
        me = threading.current_thread()
        assert all(client._run(_running_thread) is me for _ in range(20))

        def burst(_: int) -> None:
            for _ in range(20):
                assert client.user_management.get_user("user_01").id == "user_01"

        threads = [threading.Thread(target=burst, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        runners = [client._run(_running_thread) for _ in range(200)]
        # (The idle loop thread's once-a-second poll may take one call.)
        assert sum(runner is me for runner in runners[-100:]) >= 98


def test_a_call_made_while_the_loop_is_busy_is_handed_over(server: ThreadedServer) -> None:
    server.mode = "hang"
    with WorkOS(api_key="sk_test_x", base_url=server.url, max_retries=0) as client:

        def hangs() -> None:
            with pytest.raises(ClientClosedError):
                client.user_management.get_user("u")

        blocked = threading.Thread(target=hangs)
        blocked.start()
        assert wait_for(lambda: server.requests == 1)  # that thread runs the loop now
        runner = client._run(_running_thread)
        assert runner is blocked
        client.close()
        blocked.join(10)
        assert not blocked.is_alive()


class ClosesIdleConnections:
    """A raw HTTP/1.1 server that answers one request per connection with a created user, then
    closes the connection after 50 ms idle - without ``Connection: close``, as servers with a
    short keep-alive timeout do."""

    def __init__(self) -> None:
        self.connections = 0
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        body = json.dumps(USER).encode()
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    await reader.readexactly(int(line.split(b":")[1]))
            writer.write(
                b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            await writer.drain()
            await asyncio.sleep(0.05)
        finally:
            writer.close()

    def __enter__(self) -> ClosesIdleConnections:
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0)
        )
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)


def test_a_connection_closed_while_idle_is_never_picked() -> None:
    """While nobody runs the loop, nothing reads a server's close: the caller that takes the
    loop polls it first, so a POST (never retried here) does not go out on a dead connection."""
    with (
        ClosesIdleConnections() as server,
        WorkOS(api_key="sk_test_x", base_url=server.url, max_retries=0) as client,
    ):
        for i in range(8):
            user = client.user_management.create_user(email=f"idle{i}@example.com")
            assert user.id == "user_01"
            time.sleep(0.15)  # longer than the server's keep-alive: it closes the connection
        assert server.connections == 8
