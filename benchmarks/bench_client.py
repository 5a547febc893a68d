"""Client CPU per request, side by side: raw aiohttp (the floor), workos_async, official workos.

    .venv/bin/python benchmarks/bench_client.py            # full run, ~2-3 minutes
    .venv/bin/python benchmarks/bench_client.py --quick    # ~30 s, fewer rounds and ops
    .venv/bin/python benchmarks/bench_client.py --official-python /path/to/python --json-out r.json

What it measures: the CPU time of the *client* process (``time.process_time()`` deltas, which
count every thread of the process, so the sync facade's loop thread is included), divided by
the number of operations, as medians over interleaved rounds. Each implementation runs in its
own long-lived worker subprocess (the official SDK with the interpreter of ``.venv-official``
or ``--official-python``), all against one canned server (``_canned_server.py``) that runs in
its own process, pinned to the other core when there are two. Imports are timed in fresh
interpreters. Peak-RSS growth over a 10,000-user walk is measured in a fresh worker each.

Implementations (worker names): ``floor`` (aiohttp + orjson, no SDK), ``sdk`` (AsyncWorkOS,
``opentelemetry-api`` installed but no tracer provider: instrumentation off), ``sdk_no_otel``
(``opentelemetry`` not importable), ``sdk_otel`` (the OpenTelemetry SDK's provider set: a span
per call, batch-exported to an exporter that drops them), ``sdk_sync`` (WorkOS facade),
``official`` (AsyncWorkOSClient), ``official_sync`` (WorkOSClient).
This file imports only the standard library at module level, so any interpreter can run it as
a worker; each adapter imports its own libraries.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "benchmarks"
API_KEY = "sk_test_benchmark_not_a_secret"
CLIENT_ID = "client_benchmark"
PAGE_LIMIT = 100
WALK_USERS = 10_000
CONCURRENCY = 64
FLAT_MEMORY_KIB = 4 * 1024  # all 10,000 users held at once would take ~12 MiB or more

TIMES, EN_DASH = "\u00d7", "\u2013"  # for the markdown report

ASYNC_IMPLS = ("floor", "sdk", "official")
#: AsyncWorkOS with OpenTelemetry made unimportable (as if not installed), and with the
#: OpenTelemetry SDK's tracer provider set (batch processor, exporter that drops the spans).
#: ``sdk`` itself runs with ``opentelemetry-api`` installed and no provider configured.
INSTRUMENTED_IMPLS = ("sdk_no_otel", "sdk_otel")
SYNC_IMPLS = ("sdk_sync", "official_sync")


# ================================ worker side ===========================================


def _loads() -> Callable[[bytes], Any]:
    try:
        import orjson

        loads: Callable[[bytes], Any] = orjson.loads
    except ImportError:  # pragma: no cover
        loads = json.loads
    return loads


class FloorAdapter:
    """Raw aiohttp + JSON decode: what any aiohttp-based client must at least spend."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.loads = _loads()
        try:
            import orjson

            self.dumps: Callable[[Any], bytes] = orjson.dumps
        except ImportError:  # pragma: no cover
            self.dumps = lambda v: json.dumps(v).encode()

    async def open(self) -> None:
        import aiohttp

        self.aiohttp = aiohttp
        self.session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {API_KEY}"},
            connector=aiohttp.TCPConnector(limit=100),
        )

    async def close(self) -> None:
        await self.session.close()

    async def get_user(self, user_id: str) -> Any:
        async with self.session.get(f"{self.url}/user_management/users/{user_id}") as response:
            body = await response.read()
            if response.status != 200:
                raise RuntimeError(f"GET user: HTTP {response.status}")
            return self.loads(body)

    async def create_user(self, email: str) -> Any:
        payload = {"email": email, "first_name": "Bench", "last_name": "Mark"}
        async with self.session.post(
            f"{self.url}/user_management/users",
            data=self.dumps(payload),
            headers={"Content-Type": "application/json"},
        ) as response:
            body = await response.read()
            if response.status != 201:
                raise RuntimeError(f"POST user: HTTP {response.status}")
            return self.loads(body)

    async def walk(self, limit: int) -> AsyncIterator[Any]:
        after: str | None = None
        while True:
            params = {"limit": str(limit)}
            if after is not None:
                params["after"] = after
            async with self.session.get(
                f"{self.url}/user_management/users", params=params
            ) as response:
                page = self.loads(await response.read())
            for item in page["data"]:
                yield item
            after = page["list_metadata"]["after"]
            if after is None:
                return

    def parse_dict(self, page: dict[str, Any]) -> Any:
        raise NotImplementedError  # the floor has no models

    def parse_items(self, page: dict[str, Any]) -> Any:
        raise NotImplementedError

    def parse_bytes(self, body: bytes) -> Any:
        return self.loads(body)


class SdkAdapter:
    """workos_async.AsyncWorkOS, through its public methods."""

    def __init__(self, url: str) -> None:
        self.url = url
        from workos_async import AsyncWorkOS

        self.client = AsyncWorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=url)
        self._decode_page = _sdk_page_decoder()
        from workos_async import _json
        from workos_async.resources.user_management import AsyncUserManagement

        self._loads = _json.loads
        # list_users on a transport that hands back the decoded envelope: everything the list
        # call does after its HTTP layer decoded the body (decoder, page object) runs.
        self._handback = _HandBackTransport(self.client._transport.config)
        transport: Any = self._handback
        self._list_users = AsyncUserManagement(transport).list_users

    async def open(self) -> None:
        pass

    async def close(self) -> None:
        await self.client.aclose()

    async def get_user(self, user_id: str) -> Any:
        return await self.client.user_management.get_user(user_id)

    async def create_user(self, email: str) -> Any:
        return await self.client.user_management.create_user(
            email=email, first_name="Bench", last_name="Mark"
        )

    async def walk(self, limit: int) -> AsyncIterator[Any]:
        async for user in self.client.user_management.list_users(limit=limit):
            yield user

    def parse_dict(self, page: dict[str, Any]) -> Any:
        self._handback.envelope = page
        return _run_now(self._first_page())

    async def _first_page(self) -> Any:
        return await self._list_users(limit=PAGE_LIMIT)

    def parse_items(self, page: dict[str, Any]) -> Any:
        return self._decode_page(page)

    def parse_bytes(self, body: bytes) -> Any:
        return self.parse_dict(self._loads(body))  # its HTTP layer decodes with _json.loads


class _HandBackTransport:
    """Stands in for workos_async's transport: answers every request with ``envelope`` (the
    decoded JSON the HTTP layer would have produced), passed through the call's decoder."""

    def __init__(self, config: Any) -> None:
        self.config = config  # what a resource reads of its transport
        self.envelope: Any = None

    async def request(
        self,
        method: str,
        path: str,
        template: str,
        query: Any = None,
        body: Any = None,
        options: Any = None,
        public: bool = False,
        decode: Callable[[Any], Any] | None = None,
    ) -> Any:
        return self.envelope if decode is None else decode(self.envelope)


def _run_now(coroutine: Any) -> Any:
    """Run a coroutine that never suspends (no I/O under it) to its result, without a loop."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("the list call suspended: it was not handed its page")


def _sdk_page_decoder() -> Callable[[dict[str, Any]], Any]:
    """The SDK's own list-envelope decoder for User (the one list_users uses)."""
    from workos_async._converter import structure_fn
    from workos_async.models import User

    item = structure_fn(User)
    try:
        from workos_async._responses import page_decoder
    except ImportError:  # the decoder moved: fall back to the same work done by hand
        from workos_async import ListMetadata

        def decode(data: dict[str, Any]) -> Any:
            meta = data.get("list_metadata") or {}
            return [item(x) for x in data["data"]], ListMetadata(
                before=meta.get("before"), after=meta.get("after")
            )

        return decode
    return page_decoder(User)


class OfficialAdapter:
    """The official ``workos`` SDK's AsyncWorkOSClient."""

    def __init__(self, url: str) -> None:
        # Only the official interpreter has these; mypy runs in the main venv.
        from workos import AsyncWorkOSClient  # type: ignore[import-not-found,unused-ignore]
        from workos._pagination import (  # type: ignore[import-not-found,unused-ignore]
            ListMetadata,
        )
        from workos.common.models.user import (  # type: ignore[import-not-found,unused-ignore]
            User,
        )

        self.client = AsyncWorkOSClient(api_key=API_KEY, client_id=CLIENT_ID, base_url=url)
        self.user_cls = User
        self.meta_cls = ListMetadata
        # A second client whose HTTP request hands back the decoded envelope: its list call
        # runs everything it does after its HTTP layer decoded the body (request_page's
        # per-item from_dict, the metadata, the page object).
        self._handback = AsyncWorkOSClient(api_key=API_KEY, client_id=CLIENT_ID, base_url=url)
        self._envelope: Any = None

        async def hand_back(**_request: Any) -> Any:
            return self._envelope

        self._handback.request = hand_back

    async def open(self) -> None:
        pass

    async def close(self) -> None:
        await self.client.close()
        await self._handback.close()

    async def get_user(self, user_id: str) -> Any:
        return await self.client.user_management.get_user(user_id)

    async def create_user(self, email: str) -> Any:
        return await self.client.user_management.create_user(
            email=email, first_name="Bench", last_name="Mark"
        )

    async def walk(self, limit: int) -> AsyncIterator[Any]:
        page = await self.client.user_management.list_users(limit=limit)
        async for user in page.auto_paging_iter():
            yield user

    def parse_dict(self, page: dict[str, Any]) -> Any:
        self._envelope = page
        return _run_now(self._handback.user_management.list_users(limit=PAGE_LIMIT))

    def parse_items(self, page: dict[str, Any]) -> Any:
        # Only the model decoding: from_dict per item + the metadata.
        from_dict = self.user_cls.from_dict
        return [from_dict(x) for x in page["data"]], self.meta_cls.from_dict(
            page.get("list_metadata", {})
        )

    def parse_bytes(self, body: bytes) -> Any:
        return self.parse_dict(json.loads(body))  # its HTTP layer decodes with stdlib json


class SdkSyncAdapter:
    """workos_async.WorkOS, the blocking facade."""

    def __init__(self, url: str) -> None:
        from workos_async import WorkOS

        self.client = WorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=url)

    def get_user(self, user_id: str) -> Any:
        return self.client.user_management.get_user(user_id)

    def close(self) -> None:
        self.client.close()


class OfficialSyncAdapter:
    """The official ``workos`` SDK's blocking WorkOSClient."""

    def __init__(self, url: str) -> None:
        from workos import WorkOSClient  # type: ignore[import-not-found,unused-ignore]

        self.client = WorkOSClient(api_key=API_KEY, client_id=CLIENT_ID, base_url=url)

    def get_user(self, user_id: str) -> Any:
        return self.client.user_management.get_user(user_id)

    def close(self) -> None:
        self.client.close()


def _sdk_without_otel(url: str) -> SdkAdapter:
    """``opentelemetry`` unimportable, as when it is not installed."""
    sys.modules["opentelemetry"] = None  # type: ignore[assignment]
    return SdkAdapter(url)


def _sdk_with_otel(url: str) -> SdkAdapter:
    """A configured OpenTelemetry SDK: every call makes and exports (to nowhere) a span."""
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        SpanExporter,
        SpanExportResult,
    )

    class DropExporter(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(DropExporter()))
    trace.set_tracer_provider(provider)
    return SdkAdapter(url)


ASYNC_ADAPTERS: dict[str, Callable[[str], Any]] = {
    "floor": FloorAdapter,
    "sdk": SdkAdapter,
    "official": OfficialAdapter,
    "sdk_no_otel": _sdk_without_otel,
    "sdk_otel": _sdk_with_otel,
}
SYNC_ADAPTERS: dict[str, Callable[[str], Any]] = {
    "sdk_sync": SdkSyncAdapter,
    "official_sync": OfficialSyncAdapter,
}


def _field(obj: Any, name: str) -> Any:
    """A field of a model (attribute) or of a decoded dict (key)."""
    return obj[name] if isinstance(obj, dict) else getattr(obj, name, None)


def _fetch(url: str) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as response:
        body: bytes = response.read()
        return body


def _measure(fn: Callable[[], Any], ops: int) -> dict[str, float]:
    gc.collect()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    fn()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {"cpu_us": cpu * 1e6 / ops, "wall_us": wall * 1e6 / ops}


class AsyncWorker:
    """Runs scenarios for one async adapter on one event loop that lives as long as the worker."""

    def __init__(self, impl: str, url: str) -> None:
        self.runner = asyncio.Runner()
        self.url = url
        self.adapter = self.runner.run(self._make(impl, url))
        self.user_ids = [
            u["id"] for u in json.loads(_fetch(f"{url}/user_management/users?limit=100"))["data"]
        ]
        self.page_bytes = _fetch(f"{url}/user_management/users?limit={PAGE_LIMIT}")
        self.page_dict = json.loads(self.page_bytes)
        self.counter = 0
        self.runner.run(self._verify())

    async def _verify(self) -> None:
        """Each scenario must return the real thing, or the timings would measure errors."""
        expected = self.page_dict["data"][0]
        got = await self.adapter.get_user(expected["id"])
        if _field(got, "email") != expected["email"]:
            raise RuntimeError(f"get_user returned {type(got).__name__} without the right email")
        created = await self.adapter.create_user("verify@example.com")
        if _field(created, "email") != "verify@example.com":
            raise RuntimeError("create_user did not return the created user")
        with contextlib.suppress(NotImplementedError):
            page = self.adapter.parse_dict(self.page_dict)
            items = page.data
            after = self.page_dict["list_metadata"]["after"]
            if len(items) != PAGE_LIMIT or _field(items[0], "email") != expected["email"]:
                raise RuntimeError("parse_dict did not return the page's users")
            if page.list_metadata.after != after:
                raise RuntimeError("parse_dict did not return the page's cursor")
            items, _meta = self.adapter.parse_items(self.page_dict)
            if len(items) != PAGE_LIMIT or _field(items[-1], "id") != after:
                raise RuntimeError("parse_items did not return the page's users")

    @staticmethod
    async def _make(impl: str, url: str) -> Any:
        adapter = ASYNC_ADAPTERS[impl](url)
        await adapter.open()
        return adapter

    def close(self) -> None:
        self.runner.run(self.adapter.close())
        self.runner.close()

    def run(self, scenario: str, ops: int) -> dict[str, float]:
        if scenario in ("parse_dict", "parse_items"):
            parse = getattr(self.adapter, scenario)
            # A fresh decoded page per op, as off the wire: structuring one dict over and
            # over runs ~30% faster (hot caches) than any real list call would.
            copies = [json.loads(self.page_bytes) for _ in range(ops)]

            def from_dicts() -> None:
                for _ in range(ops):
                    parse(copies.pop())  # one page alive at a time afterwards

            return _measure(from_dicts, ops)
        if scenario == "parse_bytes":
            parse_bytes, source = self.adapter.parse_bytes, self.page_bytes

            def from_bytes() -> None:
                for _ in range(ops):
                    parse_bytes(source)

            return _measure(from_bytes, ops)
        coroutine = {
            "get_user": self._get_user,
            "create_user": self._create_user,
            "walk": self._walk,
        }[scenario]
        result: dict[str, float] = self.runner.run(coroutine(ops))
        return result

    async def _timed(self, body: Callable[[], Any], ops: int) -> dict[str, float]:
        gc.collect()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        await body()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        return {"cpu_us": cpu * 1e6 / ops, "wall_us": wall * 1e6 / ops}

    async def _get_user(self, ops: int) -> dict[str, float]:
        ids, get = self.user_ids, self.adapter.get_user

        async def body() -> None:
            for i in range(ops):
                await get(ids[i % len(ids)])

        return await self._timed(body, ops)

    async def _create_user(self, ops: int) -> dict[str, float]:
        create = self.adapter.create_user
        start = self.counter
        self.counter += ops
        tickets = iter(range(start, start + ops))

        async def one_lane() -> None:
            for n in tickets:  # 64 lanes share one iterator: 64 requests in flight
                await create(f"bench-{n}@example.com")

        async def body() -> None:
            await asyncio.gather(*(one_lane() for _ in range(CONCURRENCY)))

        return await self._timed(body, ops)

    async def _walk(self, ops: int) -> dict[str, float]:
        walk = self.adapter.walk

        async def body() -> None:
            for _ in range(ops):
                seen = 0
                async for _user in walk(PAGE_LIMIT):
                    seen += 1
                if seen != WALK_USERS:
                    raise RuntimeError(f"walk saw {seen} users, expected {WALK_USERS}")

        result = await self._timed(body, ops)
        return {"cpu_us": result["cpu_us"], "wall_us": result["wall_us"]}

    def memory(self) -> dict[str, float]:
        """Peak RSS growth over one 10,000-user walk (KiB), after a warm first page."""

        async def go() -> dict[str, float]:
            async for _user in self.adapter.walk(PAGE_LIMIT):
                break  # warm: imports, connection, converter generation
            gc.collect()
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            seen = 0
            async for _user in self.adapter.walk(PAGE_LIMIT):
                seen += 1
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            if seen != WALK_USERS:
                raise RuntimeError(f"walk saw {seen} users, expected {WALK_USERS}")
            return {"rss_growth_kib": float(after - before), "rss_before_kib": float(before)}

        result: dict[str, float] = self.runner.run(go())
        return result


class SyncWorker:
    """Runs the sync scenario for one blocking adapter."""

    def __init__(self, impl: str, url: str) -> None:
        self.adapter = SYNC_ADAPTERS[impl](url)
        page = json.loads(_fetch(f"{url}/user_management/users?limit=100"))["data"]
        self.user_ids = [u["id"] for u in page]
        if _field(self.adapter.get_user(page[0]["id"]), "email") != page[0]["email"]:
            raise RuntimeError("get_user (sync) did not return the right user")

    def close(self) -> None:
        self.adapter.close()

    def run(self, scenario: str, ops: int) -> dict[str, float]:
        if scenario != "get_user_sync":
            raise ValueError(f"sync workers run only get_user_sync, not {scenario!r}")
        ids, get = self.user_ids, self.adapter.get_user

        def body() -> None:
            for i in range(ops):
                get(ids[i % len(ids)])

        return _measure(body, ops)


def worker_main(impl: str, url: str, cpu: int | None) -> None:
    """Serve JSON-line commands on stdin: {"scenario", "ops"} → {"ok", ...} on stdout."""
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but protocol lines on the real stdout
    try:
        worker: AsyncWorker | SyncWorker = (
            SyncWorker(impl, url) if impl in SYNC_ADAPTERS else AsyncWorker(impl, url)
        )
    except Exception as exc:
        _reply(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    _reply(out, {"ok": True, "ready": True, "python": sys.version.split()[0]})
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("scenario") == "quit":
            break
        try:
            if command["scenario"] == "memory":
                assert isinstance(worker, AsyncWorker)
                result: dict[str, Any] = worker.memory()
            else:
                result = worker.run(command["scenario"], int(command["ops"]))
            _reply(out, {"ok": True, **result})
        except Exception as exc:
            _reply(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]})
    with contextlib.suppress(Exception):
        worker.close()


def _reply(out: IO[str], message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


# ================================ orchestrator side =====================================


@dataclass
class Plan:
    """How much to run: rounds and operations per round for each scenario."""

    rounds: int
    ops: dict[str, int]
    import_runs: int


FULL = Plan(
    rounds=9,
    ops={
        "get_user": 400,
        "create_user": 1024,
        "parse_dict": 200,
        "parse_items": 200,
        "parse_bytes": 200,
        "walk": 1,
        "get_user_sync": 400,
    },
    import_runs=9,
)
QUICK = Plan(
    rounds=3,
    ops={
        "get_user": 200,
        "create_user": 512,
        "parse_dict": 100,
        "parse_items": 100,
        "parse_bytes": 100,
        "walk": 1,
        "get_user_sync": 200,
    },
    import_runs=5,
)
SCENARIO_IMPLS = {
    "get_user": (*ASYNC_IMPLS, *INSTRUMENTED_IMPLS),
    "create_user": (*ASYNC_IMPLS, *INSTRUMENTED_IMPLS),
    "parse_dict": ("sdk", "official"),
    "parse_items": ("sdk", "official"),
    "parse_bytes": ASYNC_IMPLS,
    "walk": ASYNC_IMPLS,
    "get_user_sync": SYNC_IMPLS,
}


@dataclass
class Worker:
    """The orchestrator's handle on one worker subprocess."""

    impl: str
    proc: subprocess.Popen[str]
    error: str | None = None

    def ask(self, scenario: str, ops: int = 0) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"scenario": scenario, "ops": ops}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.impl} exited (code {self.proc.wait()})")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def quit(self) -> None:
        with contextlib.suppress(Exception):
            self.ask("quit")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclass
class Results:
    """Samples per (scenario, impl), plus errors and run facts."""

    samples: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)

    def add(self, scenario: str, impl: str, value: float) -> None:
        self.samples.setdefault(scenario, {}).setdefault(impl, []).append(value)

    def median(self, scenario: str, impl: str) -> float | None:
        values = self.samples.get(scenario, {}).get(impl)
        return statistics.median(values) if values else None

    def ratios(self, scenario: str, ours: str, ref: str) -> list[float]:
        """Per-round ratios ours/ref (sample i of each was taken in the same round), so a
        machine that gets slower or faster during the run moves both sides alike."""
        a = self.samples.get(scenario, {}).get(ours, [])
        b = self.samples.get(scenario, {}).get(ref, [])
        if not a or not b:
            return []
        if len(a) != len(b):  # a round failed on one side: pairs are lost, use medians
            return [statistics.median(a) / statistics.median(b)]
        return [x / y for x, y in zip(a, b, strict=True) if y]


def _cpus() -> tuple[int | None, int | None]:
    """(client cpu, server cpu) when there are two or more usable cores, else (None, None)."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None, None
    return cpus[0], cpus[-1]


@contextlib.contextmanager
def canned_server(python: str, cpu: int | None) -> Iterator[dict[str, Any]]:
    """Start ``_canned_server.py`` in its own process; yield its ``{"url", "port", ...}``."""
    command = [python, str(BENCH_DIR / "_canned_server.py"), "--port", "0"]
    if cpu is not None:
        command += ["--cpu", str(cpu)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"canned server exited with code {proc.wait()} before listening")
        info: dict[str, Any] = json.loads(line)
        yield info
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _worker_env() -> dict[str, str]:
    env = dict(os.environ)
    # workos_async from this checkout even when it is not installed in the venv.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    for name in ("WORKOS_API_KEY", "WORKOS_CLIENT_ID", "WORKOS_BASE_URL"):
        env.pop(name, None)
    return env


def start_worker(impl: str, python: str, url: str, cpu: int | None) -> Worker:
    """Start one worker and wait for its ready line (or its error)."""
    command = [python, str(Path(__file__).resolve()), "--worker", impl, "--url", url]
    if cpu is not None:
        command += ["--cpu", str(cpu)]
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_worker_env(),
        cwd=REPO_ROOT,
    )
    worker = Worker(impl, proc)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    ready = json.loads(line) if line else {"ok": False, "error": f"exited ({proc.wait()})"}
    if not ready.get("ok"):
        worker.error = str(ready.get("error"))
        worker.quit()
    return worker


def time_imports(pythons: dict[str, str], runs: int, cpu: int | None) -> dict[str, list[float]]:
    """Wall time of ``import MODULE`` in fresh interpreters, interleaved; ms per run."""
    code = (
        "import os, sys, time\n"
        "cpu = sys.argv[2]\n"
        "if cpu != '-' and hasattr(os, 'sched_setaffinity'): os.sched_setaffinity(0, {int(cpu)})\n"
        "t = time.perf_counter()\n"
        "__import__(sys.argv[1])\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    samples: dict[str, list[float]] = {module: [] for module in pythons}
    modules = list(pythons)
    for run in range(runs + 1):  # run 0 warms the .pyc caches and is dropped
        random.Random(run).shuffle(modules)
        for module in modules:
            done = subprocess.run(
                [pythons[module], "-c", code, module, "-" if cpu is None else str(cpu)],
                capture_output=True,
                text=True,
                env=_worker_env(),
                cwd="/",  # not the checkout: no accidental import of local folders
                check=False,
            )
            if done.returncode != 0:
                samples[module] = []
                pythons = {k: v for k, v in pythons.items() if k != module}
                modules = [m for m in modules if m != module]
                print(f"  import {module} failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
                break
            if run > 0:
                samples[module].append(float(done.stdout.strip()))
    return samples


def run_benchmarks(plan: Plan, official_python: str | None, only: set[str] | None) -> Results:
    """Start the server and workers, run interleaved rounds, time imports; return samples."""
    results = Results()
    client_cpu, server_cpu = _cpus()
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    results.facts.update(
        client_cpu=client_cpu,
        server_cpu=server_cpu,
        python=sys.version.split()[0],
        official_python=official_python,
        rounds=plan.rounds,
        ops=plan.ops,
    )
    wanted = [s for s in SCENARIO_IMPLS if only is None or s in only]
    with canned_server(sys.executable, server_cpu) as server:
        url = server["url"]
        results.facts["server"] = {"url": url, "pinned_cpu": server["cpu"]}
        impls = [*ASYNC_IMPLS, *SYNC_IMPLS, *INSTRUMENTED_IMPLS]
        pythons = {i: sys.executable for i in impls}
        if official_python is None:
            impls = [i for i in impls if not i.startswith("official")]
            results.errors["official"] = "no .venv-official (run benchmarks/setup_official.sh)"
        else:
            pythons.update(official=official_python, official_sync=official_python)
        needed = {i for s in wanted for i in SCENARIO_IMPLS[s]}
        workers: dict[str, Worker] = {}
        try:
            for impl in impls:
                if impl not in needed:
                    continue
                worker = start_worker(impl, pythons[impl], url, client_cpu)
                if worker.error:
                    results.errors[impl] = worker.error
                else:
                    workers[impl] = worker
            # Warm-up round, not recorded: connections, generated converters, caches.
            for scenario in wanted:
                for impl in SCENARIO_IMPLS[scenario]:
                    if impl in workers:
                        _record(
                            results,
                            workers,
                            scenario,
                            impl,
                            max(plan.ops[scenario] // 10, 1),
                            False,
                        )
            started = time.monotonic()
            for round_no in range(plan.rounds):
                for scenario in wanted:
                    order = [i for i in SCENARIO_IMPLS[scenario] if i in workers]
                    random.Random(round_no * 31 + len(scenario)).shuffle(order)
                    for impl in order:
                        _record(results, workers, scenario, impl, plan.ops[scenario], True)
                print(
                    f"  round {round_no + 1}/{plan.rounds} done "
                    f"({time.monotonic() - started:.0f} s)",
                    file=sys.stderr,
                )
        finally:
            for worker in workers.values():
                worker.quit()
        if only is None or "memory" in only:
            for impl in ASYNC_IMPLS:
                if impl not in impls or impl in results.errors:
                    continue
                worker = start_worker(impl, pythons[impl], url, client_cpu)
                try:
                    if worker.error:
                        results.errors[f"memory/{impl}"] = worker.error
                        continue
                    reply = worker.ask("memory")
                    if reply.get("ok"):
                        results.add("memory", impl, reply["rss_growth_kib"])
                    else:
                        results.errors[f"memory/{impl}"] = str(reply.get("error"))
                finally:
                    worker.quit()
    if only is None or "import" in only:
        modules = {"aiohttp": sys.executable, "workos_async": sys.executable}
        if official_python is not None:
            modules["workos"] = official_python
        for module, values in time_imports(modules, plan.import_runs, client_cpu).items():
            for value in values:
                results.add("import", module, value)
    return results


def _record(
    results: Results,
    workers: dict[str, Worker],
    scenario: str,
    impl: str,
    ops: int,
    keep: bool,
) -> None:
    reply = workers[impl].ask(scenario, ops)
    if not reply.get("ok"):
        results.errors[f"{scenario}/{impl}"] = str(reply.get("error"))
        return
    if keep:
        results.add(scenario, impl, reply["cpu_us"])


# ---- report --------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the report table."""

    scenario: str
    label: str
    unit: str
    cols: tuple[str | None, str | None, str | None]  # implementation per column
    ratio: tuple[str, str] | None  # (ours, reference) implementations
    ratio_label: str
    target: float | None
    scale: float = 1.0


ROWS = (
    Row(
        "get_user",
        "get_user, sequential (async)",
        "µs CPU/req",
        ("floor", "sdk", "official"),
        ("sdk", "floor"),
        "÷ floor",
        1.3,
    ),
    Row(
        "create_user",
        f"create_user, {CONCURRENCY} in flight (async)",
        "µs CPU/req",
        ("floor", "sdk", "official"),
        ("sdk", "floor"),
        "÷ floor",
        1.3,
    ),
    Row(
        "get_user",
        "get_user, sequential: OpenTelemetry not installed",
        "µs CPU/req",
        ("floor", "sdk_no_otel", None),
        ("sdk_no_otel", "floor"),
        "÷ floor",
        1.3,
    ),
    Row(
        "get_user",
        "get_user, sequential: OpenTelemetry SDK provider on",
        "µs CPU/req",
        ("floor", "sdk_otel", None),
        ("sdk_otel", "sdk"),
        "÷ sdk without provider",
        None,
    ),
    Row(
        "create_user",
        f"create_user, {CONCURRENCY} in flight: OpenTelemetry not installed",
        "µs CPU/req",
        ("floor", "sdk_no_otel", None),
        ("sdk_no_otel", "floor"),
        "÷ floor",
        1.3,
    ),
    Row(
        "create_user",
        f"create_user, {CONCURRENCY} in flight: OpenTelemetry SDK provider on",
        "µs CPU/req",
        ("floor", "sdk_otel", None),
        ("sdk_otel", "sdk"),
        "÷ sdk without provider",
        None,
    ),
    Row(
        "parse_dict",
        "parse 100-user page: dict → page (the list call after its HTTP layer)",
        "µs CPU/page",
        (None, "sdk", "official"),
        ("sdk", "official"),
        "÷ official",
        0.6,
    ),
    Row(
        "parse_items",
        "parse 100-user page: dict → models only (info)",
        "µs CPU/page",
        (None, "sdk", "official"),
        ("sdk", "official"),
        "÷ official",
        None,
    ),
    Row(
        "parse_bytes",
        "parse 100-user page: bytes → page (info)",
        "µs CPU/page",
        ("floor", "sdk", "official"),
        ("sdk", "official"),
        "÷ official",
        None,
    ),
    Row(
        "walk",
        f"async for over {WALK_USERS:,} users, limit={PAGE_LIMIT}",
        "ms CPU/walk",
        ("floor", "sdk", "official"),
        ("sdk", "floor"),
        "÷ floor",
        2.0,
        scale=1e-3,
    ),
    Row(
        "memory",
        "peak RSS growth over that walk",
        "KiB",
        ("floor", "sdk", "official"),
        None,
        f"flat = ≤ {FLAT_MEMORY_KIB} KiB",
        None,
    ),
    Row(
        "import",
        "import (floor = import aiohttp)",
        "ms wall",
        ("aiohttp", "workos_async", "workos"),
        ("workos_async", "aiohttp"),
        "÷ aiohttp",
        1.3,
    ),
    Row(
        "get_user_sync",
        "get_user, sequential (sync facade)",
        "µs CPU/req",
        (None, "sdk_sync", "official_sync"),
        ("sdk_sync", "official_sync"),
        "÷ official sync",
        1.0,
    ),
)


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def render(results: Results) -> str:
    """The markdown report: medians, ratios, targets with PASS/MISS."""
    lines = [
        "| scenario | unit | floor (raw aiohttp) | workos_async | official workos "
        "| ratio | target | result |",
        "|---|---|--:|--:|--:|--:|---|---|",
    ]
    verdicts: list[str] = []
    for row in ROWS:
        if row.scenario not in results.samples and not any(
            k.startswith(row.scenario + "/") for k in results.errors
        ):
            continue
        cells = []
        for impl in row.cols:
            value = None if impl is None else results.median(row.scenario, impl)
            cells.append(_fmt(None if value is None else value * row.scale))
        ratio_text, target_text, verdict = "—", "info", ""
        if row.scenario == "memory":
            growth = results.median("memory", "sdk")
            target_text = f"flat (≤ {FLAT_MEMORY_KIB:,} KiB)"
            verdict = "n/a" if growth is None else ("PASS" if growth <= FLAT_MEMORY_KIB else "MISS")
        elif row.ratio is not None:
            ratios = results.ratios(row.scenario, *row.ratio)
            if ratios:
                ratio = statistics.median(ratios)
                ratio_text = f"{ratio:.2f}{TIMES} {row.ratio_label.removeprefix('÷ ')}"
                if len(ratios) > 1:
                    ratio_text += f" ({min(ratios):.2f}{EN_DASH}{max(ratios):.2f})"
                if row.target is not None:
                    verdict = "PASS" if ratio <= row.target else "MISS"
            elif row.target is not None:
                verdict = "n/a"
            if row.target is not None:
                target_text = f"≤ {row.target}{TIMES} {row.ratio_label.removeprefix('÷ ')}"
        if verdict:
            verdicts.append(f"{row.label}: {verdict}")
        lines.append(
            f"| {row.label} | {row.unit} | {' | '.join(cells)} | {ratio_text} | "
            f"{target_text} | {verdict or '—'} |"
        )
    out = ["\n".join(lines)]
    if results.errors:
        out.append("\nNot measured / errors:")
        out.extend(f"- {key}: {msg}" for key, msg in sorted(results.errors.items()))
    facts = results.facts
    out.append(
        f"\nMedians of {facts.get('rounds')} interleaved rounds (ratio: median of the per-round "
        f"ratios, range in brackets); client pinned to CPU "
        f"{facts.get('client_cpu')}, canned server to CPU {facts.get('server_cpu')}; "
        f"python {facts.get('python')}; official interpreter: {facts.get('official_python')}."
    )
    return "\n".join(out)


def find_official_python(explicit: str | None) -> str | None:
    """``--official-python``, else ``.venv-official/bin/python`` when it exists."""
    if explicit:
        if not Path(explicit).is_file():
            raise SystemExit(f"--official-python: no interpreter at {explicit}")
        return explicit
    default = REPO_ROOT / ".venv-official" / "bin" / "python"
    return str(default) if default.is_file() else None


def main(argv: list[str] | None = None) -> int:
    """Entry point: orchestrator by default, a worker with ``--worker``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and ops (~30 s)")
    parser.add_argument("--rounds", type=int, help="override the number of rounds")
    parser.add_argument("--official-python", help="interpreter that has the official workos SDK")
    parser.add_argument("--json-out", help="also write all samples and facts to this JSON file")
    parser.add_argument(
        "--only",
        help="comma-separated scenarios: " + ",".join([*SCENARIO_IMPLS, "memory", "import"]),
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_main(args.worker, args.url, args.cpu)
        return 0
    plan = QUICK if args.quick else FULL
    if args.rounds is not None:
        if args.rounds < 1:
            parser.error("--rounds must be at least 1")
        plan = Plan(args.rounds, plan.ops, plan.import_runs)
    only = None
    if args.only:
        only = {s.strip() for s in args.only.split(",") if s.strip()}
        unknown = only - {*SCENARIO_IMPLS, "memory", "import"}
        if unknown:
            parser.error(f"--only: unknown scenario(s) {', '.join(sorted(unknown))}")
    official_python = find_official_python(args.official_python)
    started = time.monotonic()
    results = run_benchmarks(plan, official_python, only)
    results.facts["elapsed_s"] = round(time.monotonic() - started, 1)
    print(render(results))
    print(f"\n(run took {results.facts['elapsed_s']} s)")
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        payload = {"samples": results.samples, "errors": results.errors, "facts": results.facts}
        Path(args.json_out).write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
