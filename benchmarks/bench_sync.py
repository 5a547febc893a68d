"""The blocking client's cost, side by side: client CPU per call of ``WorkOS`` next to
``AsyncWorkOS``, the official ``workos`` sync client, raw httpx sync and the candidate bridges.

    .venv/bin/python benchmarks/bench_sync.py            # 5 rounds, ~1-2 minutes
    .venv/bin/python benchmarks/bench_sync.py --quick    # 3 rounds, fewer ops
    .venv/bin/python benchmarks/bench_sync.py --official-python /path/to/python --json-out r.json

Scenarios (one operation each):

- ``get_user``: one ``GET /user_management/users/{id}``, sequential, one caller.
- ``create_user``: one ``POST /user_management/users``, 16 callers at once: 16 threads for the
  blocking clients (one shared client), 16 tasks for the async one.
- ``noop``: one crossing of a coroutine that does nothing (no network), per bridge design.

Implementations (one long-lived worker process each, all against one canned server,
``_canned_server.py``, pinned to the other core when there are two, as in ``bench_client.py``):

- ``async``: ``AsyncWorkOS`` (the reference: the targets are ratios to it).
- ``sync``: ``WorkOS``, the blocking client as shipped (``sync/_bridge.py``: a caller that finds
  the loop free runs it; one that finds it busy hands its call over).
- ``sync_handoff``: ``WorkOS`` with its loop kept busy by another thread, so every call is
  handed over (``call_soon_threadsafe`` + a ``threading.Lock``): the dedicated-loop-thread
  candidate.
- ``sync_portal``: ``WorkOS`` with its calls crossing through an anyio ``BlockingPortal`` (the
  previous bridge), for the issue's "before" row.
- ``sync_thread_loops``: the other candidate: a loop owned by each calling thread, with its own
  ``AsyncWorkOS`` and pool per thread, each call ``loop.run_until_complete`` in the caller.
- ``official_sync``: the official SDK's ``WorkOSClient`` (httpx), on ``.venv-official``.
- ``httpx_sync``: raw ``httpx.Client`` + JSON decode, no SDK (the blocking floor).

The report gives medians, the ratio to ``async`` (median of per-round ratios, range in
brackets) and each implementation's worst round over its median round (stability).
Targets (issue 16): ``sync`` <= 1.5x ``async`` on both scenarios, worst round <= 1.25x median.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import functools
import json
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_client as bc  # the shared server, worker and pinning helpers

THREADS = 16
TIMES, EN_DASH = "\u00d7", "\u2013"
TARGET_RATIO = 1.5
TARGET_SPREAD = 1.25

IMPLS = (
    "async",
    "sync",
    "sync_portal",
    "sync_handoff",
    "sync_thread_loops",
    "official_sync",
    "httpx_sync",
)
NOOP_IMPLS = ("x_portal", "x_rcts", "x_bridge", "x_run_until_complete")
NOOP_LABELS = {
    "x_portal": "anyio `BlockingPortal.call`",
    "x_rcts": "`asyncio.run_coroutine_threadsafe(...).result()`",
    "x_bridge": "`WorkOS` bridge, loop free: the caller runs it (shipped)",
    "x_run_until_complete": "`loop.run_until_complete(...)` in the caller's thread",
}
SCENARIO_IMPLS = {"get_user": IMPLS, "create_user": IMPLS, "noop": NOOP_IMPLS}


# ================================ worker side ===========================================


class AsyncImpl:
    """AsyncWorkOS on one long-lived loop; the scenarios run inside it."""

    def __init__(self, url: str) -> None:
        from workos_async import AsyncWorkOS

        self.runner = asyncio.Runner()
        self.client = AsyncWorkOS(api_key=bc.API_KEY, client_id=bc.CLIENT_ID, base_url=url)

    def get_user(self, user_id: str) -> Any:
        return self.runner.run(self.client.user_management.get_user(user_id))

    def measure(self, scenario: str, ids: list[str], ops: int, tickets: Any) -> dict[str, float]:
        um = self.client.user_management

        async def sequential() -> None:
            for i in range(ops):
                await um.get_user(ids[i % len(ids)])

        async def lane() -> None:
            for n in tickets:
                await um.create_user(email=f"b{n}@example.com", first_name="B", last_name="M")

        async def concurrent() -> None:
            await asyncio.gather(*(lane() for _ in range(THREADS)))

        body = sequential if scenario == "get_user" else concurrent
        return self.runner.run(_timed_async(body, ops))

    def close(self) -> None:
        self.runner.run(self.client.aclose())
        self.runner.close()


async def _timed_async(body: Callable[[], Any], ops: int) -> dict[str, float]:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    await body()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {"cpu_us": cpu * 1e6 / ops, "wall_us": wall * 1e6 / ops}


class BlockingImpl:
    """A blocking client: sequential calls, or 16 threads of a long-lived pool sharing it."""

    get_user: Callable[[str], Any]
    create_user: Callable[[str], Any]

    def __init__(self) -> None:
        self.pool = concurrent.futures.ThreadPoolExecutor(THREADS)

    def measure(self, scenario: str, ids: list[str], ops: int, tickets: Any) -> dict[str, float]:
        get, create = self.get_user, self.create_user

        def sequential() -> None:
            for i in range(ops):
                get(ids[i % len(ids)])

        def lane() -> None:
            for n in tickets:
                create(f"b{n}@example.com")

        def threaded() -> None:
            for future in [self.pool.submit(lane) for _ in range(THREADS)]:
                future.result()

        body = sequential if scenario == "get_user" else threaded
        return bc._measure(body, ops)

    def close(self) -> None:
        self.pool.shutdown()


class SyncImpl(BlockingImpl):
    """``WorkOS`` as shipped, or with its crossing replaced by a ``BlockingPortal``."""

    def __init__(self, url: str, *, portal: bool = False, handoff: bool = False) -> None:
        super().__init__()
        from workos_async import WorkOS

        self.client = WorkOS(api_key=bc.API_KEY, client_id=bc.CLIENT_ID, base_url=url)
        self.portal_cm: Any = None
        if handoff:
            # A call that never ends keeps the loop running in another thread: every measured
            # call is then handed over to it (the dedicated-loop-thread design).
            started = threading.Event()

            async def forever() -> None:
                started.set()
                await asyncio.Event().wait()

            def hold() -> None:
                with contextlib.suppress(Exception):  # ends with ClientClosedError at close
                    self.client._run(forever)

            threading.Thread(target=hold, daemon=True).start()
            started.wait()
        if portal:
            from anyio.from_thread import start_blocking_portal

            self.portal_cm = start_blocking_portal()
            blocking_portal = self.portal_cm.__enter__()

            def run(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
                return blocking_portal.call(functools.partial(fn, *args, **kwargs))

            self.client._run = run  # type: ignore[method-assign]
        um = self.client.user_management
        self.get_user = um.get_user
        self.create_user = lambda email: um.create_user(email=email, first_name="B", last_name="M")

    def close(self) -> None:
        super().close()
        if self.portal_cm is not None:
            self.client._run(self.client.async_client.aclose)
            self.portal_cm.__exit__(None, None, None)
        else:
            self.client.close()


class ThreadLoopsImpl(BlockingImpl):
    """The rejected candidate: each calling thread owns a loop, a client and a pool."""

    def __init__(self, url: str) -> None:
        super().__init__()
        from workos_async import AsyncWorkOS

        local = threading.local()
        self.everyone: list[tuple[asyncio.AbstractEventLoop, Any]] = []

        def mine() -> tuple[asyncio.AbstractEventLoop, Any]:
            pair: tuple[asyncio.AbstractEventLoop, Any] | None = getattr(local, "pair", None)
            if pair is None:
                client = AsyncWorkOS(api_key=bc.API_KEY, client_id=bc.CLIENT_ID, base_url=url)
                pair = (asyncio.new_event_loop(), client)
                local.pair = pair
                self.everyone.append(pair)
            return pair

        def get_user(user_id: str) -> Any:
            loop, client = mine()
            return loop.run_until_complete(client.user_management.get_user(user_id))

        def create_user(email: str) -> Any:
            loop, client = mine()
            return loop.run_until_complete(
                client.user_management.create_user(email=email, first_name="B", last_name="M")
            )

        self.get_user, self.create_user = get_user, create_user

    def close(self) -> None:
        super().close()
        for loop, client in self.everyone:
            loop.run_until_complete(client.aclose())
            loop.close()


class OfficialSyncImpl(BlockingImpl):
    """The official SDK's ``WorkOSClient`` (httpx), shared by the 16 threads."""

    def __init__(self, url: str) -> None:
        super().__init__()
        from workos import WorkOSClient  # type: ignore[import-not-found,unused-ignore]

        self.client = WorkOSClient(api_key=bc.API_KEY, client_id=bc.CLIENT_ID, base_url=url)
        um = self.client.user_management
        self.get_user = um.get_user
        self.create_user = lambda email: um.create_user(email=email, first_name="B", last_name="M")

    def close(self) -> None:
        super().close()
        self.client.close()


class HttpxSyncImpl(BlockingImpl):
    """Raw ``httpx.Client`` + JSON decode: what any httpx-based blocking client must spend."""

    def __init__(self, url: str) -> None:
        super().__init__()
        import httpx

        loads = bc._loads()
        self.client = httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {bc.API_KEY}"}, trust_env=False
        )
        client = self.client

        def get_user(user_id: str) -> Any:
            response = client.get(f"/user_management/users/{user_id}")
            if response.status_code != 200:
                raise RuntimeError(f"GET user: HTTP {response.status_code}")
            return loads(response.content)

        def create_user(email: str) -> Any:
            payload = {"email": email, "first_name": "B", "last_name": "M"}
            response = client.post("/user_management/users", json=payload)
            if response.status_code != 201:
                raise RuntimeError(f"POST user: HTTP {response.status_code}")
            return loads(response.content)

        self.get_user, self.create_user = get_user, create_user

    def close(self) -> None:
        super().close()
        self.client.close()


class NoopImpl:
    """One design's crossing of a do-nothing coroutine, without network."""

    def __init__(self, impl: str) -> None:
        self.closers: list[Callable[[], Any]] = []

        async def noop() -> int:
            return 1

        if impl == "x_portal":
            from anyio.from_thread import start_blocking_portal

            cm = start_blocking_portal()
            portal = cm.__enter__()
            self.closers.append(lambda: cm.__exit__(None, None, None))
            self.cross: Callable[[], Any] = lambda: portal.call(noop)
        elif impl == "x_rcts":
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, daemon=True)
            thread.start()
            self.closers.append(lambda: loop.call_soon_threadsafe(loop.stop))
            self.cross = lambda: asyncio.run_coroutine_threadsafe(noop(), loop).result()
        elif impl == "x_bridge":
            from workos_async.sync._bridge import LoopThread

            loop_thread = LoopThread()
            self.closers.append(loop_thread.shutdown)
            self.cross = lambda: loop_thread.run(noop, (), {})
        else:
            own = asyncio.new_event_loop()
            self.closers.append(own.close)
            self.cross = lambda: own.run_until_complete(noop())

    def measure(self, scenario: str, ids: list[str], ops: int, tickets: Any) -> dict[str, float]:
        cross = self.cross

        def body() -> None:
            for _ in range(ops):
                cross()

        return bc._measure(body, ops)

    def get_user(self, user_id: str) -> Any:
        return None

    def close(self) -> None:
        for close in self.closers:
            close()


def make_impl(impl: str, url: str) -> Any:
    if impl in NOOP_IMPLS:
        return NoopImpl(impl)
    makers: dict[str, Callable[[str], Any]] = {
        "async": AsyncImpl,
        "sync": SyncImpl,
        "sync_portal": functools.partial(SyncImpl, portal=True),
        "sync_handoff": functools.partial(SyncImpl, handoff=True),
        "sync_thread_loops": ThreadLoopsImpl,
        "official_sync": OfficialSyncImpl,
        "httpx_sync": HttpxSyncImpl,
    }
    return makers[impl](url)


class Worker:
    """Holds one implementation, checks its answers, then measures on command."""

    def __init__(self, impl: str, url: str) -> None:
        self.impl = make_impl(impl, url)
        page = json.loads(bc._fetch(f"{url}/user_management/users?limit=100"))["data"]
        self.ids = [u["id"] for u in page]
        self.counter = 0
        if impl not in NOOP_IMPLS:
            got = self.impl.get_user(page[0]["id"])
            if bc._field(got, "email") != page[0]["email"]:
                raise RuntimeError("get_user did not return the right user")
            created = self.impl.measure("create_user", self.ids, THREADS, iter(range(THREADS)))
            if not created["cpu_us"] >= 0:
                raise RuntimeError("create_user did not run")

    def run(self, scenario: str, ops: int) -> dict[str, float]:
        start, self.counter = self.counter, self.counter + ops
        tickets = iter(range(start, start + ops))  # shared by the 16 lanes (atomic next())
        result: dict[str, float] = self.impl.measure(scenario, self.ids, ops, tickets)
        return result

    def close(self) -> None:
        self.impl.close()


def worker_main(impl: str, url: str, cpu: int | None) -> None:
    """Serve JSON-line commands on stdin, as ``bench_client.worker_main`` does."""
    import os

    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    out = sys.stdout
    sys.stdout = sys.stderr
    try:
        worker = Worker(impl, url)
    except Exception as exc:
        bc._reply(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]})
        return
    bc._reply(out, {"ok": True, "ready": True})
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("scenario") == "quit":
            break
        try:
            reply = worker.run(command["scenario"], int(command["ops"]))
            bc._reply(out, {"ok": True, **reply})
        except Exception as exc:
            bc._reply(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]})
    worker.close()


# ================================ orchestrator side =====================================

FULL = {"rounds": 5, "get_user": 2000, "create_user": 3200, "noop": 40000}
QUICK = {"rounds": 3, "get_user": 300, "create_user": 800, "noop": 10000}


def start_worker(impl: str, python: str, url: str, cpu: int | None) -> bc.Worker:
    import subprocess

    command = [python, str(Path(__file__).resolve()), "--worker", impl, "--url", url]
    if cpu is not None:
        command += ["--cpu", str(cpu)]
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=bc._worker_env(),
        cwd=bc.REPO_ROOT,
    )
    worker = bc.Worker(impl, proc)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    ready = json.loads(line) if line else {"ok": False, "error": f"exited ({proc.wait()})"}
    if not ready.get("ok"):
        worker.error = str(ready.get("error"))
        worker.quit()
    return worker


def run(plan: dict[str, int], official_python: str | None) -> bc.Results:
    import os

    results = bc.Results()
    client_cpu, server_cpu = bc._cpus()
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    results.facts.update(
        client_cpu=client_cpu, server_cpu=server_cpu, python=sys.version.split()[0], plan=plan
    )
    results.facts["official_python"] = official_python
    with bc.canned_server(sys.executable, server_cpu) as server:
        url = server["url"]
        workers: dict[str, bc.Worker] = {}
        try:
            for impl in (*IMPLS, *NOOP_IMPLS):
                python = sys.executable
                if impl == "official_sync":
                    if official_python is None:
                        results.errors[impl] = "no .venv-official (benchmarks/setup_official.sh)"
                        continue
                    python = official_python
                worker = start_worker(impl, python, url, client_cpu)
                if worker.error:
                    results.errors[impl] = worker.error
                else:
                    workers[impl] = worker
            for scenario, impls in SCENARIO_IMPLS.items():  # warm-up, not recorded
                for impl in impls:
                    if impl in workers:
                        workers[impl].ask(scenario, max(plan[scenario] // 10, THREADS))
            started = time.monotonic()
            for round_no in range(plan["rounds"]):
                for scenario, impls in SCENARIO_IMPLS.items():
                    order = [i for i in impls if i in workers]
                    random.Random(round_no * 17 + len(scenario)).shuffle(order)
                    for impl in order:
                        reply = workers[impl].ask(scenario, plan[scenario])
                        if reply.get("ok"):
                            results.add(scenario, impl, reply["cpu_us"])
                        else:
                            results.errors[f"{scenario}/{impl}"] = str(reply.get("error"))
                print(
                    f"  round {round_no + 1}/{plan['rounds']} ({time.monotonic() - started:.0f} s)",
                    file=sys.stderr,
                )
        finally:
            for worker in workers.values():
                worker.quit()
    return results


def _spread(results: bc.Results, scenario: str, impl: str) -> float | None:
    values = results.samples.get(scenario, {}).get(impl)
    if not values:
        return None
    return max(values) / statistics.median(values)


def _ratio(results: bc.Results, scenario: str, impl: str) -> tuple[float, float, float] | None:
    ratios = results.ratios(scenario, impl, "async")
    if not ratios:
        return None
    return statistics.median(ratios), min(ratios), max(ratios)


def render(results: bc.Results) -> str:
    labels = {
        "async": "`AsyncWorkOS` (reference)",
        "sync": "**`WorkOS`: caller runs a free loop, else hands off (shipped)**",
        "sync_handoff": "hand-off to a loop thread only (candidate)",
        "sync_portal": "`WorkOS` through a `BlockingPortal` (before)",
        "sync_thread_loops": "loop + pool per calling thread (candidate)",
        "official_sync": "official `workos` sync client (httpx)",
        "httpx_sync": "raw httpx sync (no SDK)",
    }
    lines = [
        "| client | get_user µs CPU | ÷ async | worst/median | "
        f"create_user, {THREADS} threads, µs CPU | ÷ async | worst/median |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    verdicts = []
    for impl in IMPLS:
        cells = []
        for scenario in ("get_user", "create_user"):
            median = results.median(scenario, impl)
            ratio = _ratio(results, scenario, impl)
            spread = _spread(results, scenario, impl)
            cells.append(bc._fmt(median))
            if impl == "async" or ratio is None:
                cells.append("—")
            else:
                cells.append(f"{ratio[0]:.2f}{TIMES} ({ratio[1]:.2f}{EN_DASH}{ratio[2]:.2f})")
            cells.append("—" if spread is None else f"{spread:.2f}")
            if impl == "sync" and ratio is not None and spread is not None:
                ok = ratio[0] <= TARGET_RATIO and spread <= TARGET_SPREAD
                verdicts.append(
                    f"{scenario}: WorkOS ÷ AsyncWorkOS {ratio[0]:.2f}{TIMES} "
                    f"(≤ {TARGET_RATIO}), worst round {spread:.2f}{TIMES} median "
                    f"(≤ {TARGET_SPREAD}): {'PASS' if ok else 'MISS'}"
                )
        lines.append(f"| {labels[impl]} | {' | '.join(cells)} |")
    lines += ["", "| crossing of a coroutine that does nothing | µs CPU | worst/median |"]
    lines.append("|---|--:|--:|")
    for impl in NOOP_IMPLS:
        spread = _spread(results, "noop", impl)
        lines.append(
            f"| {NOOP_LABELS[impl]} | {bc._fmt(results.median('noop', impl))} | "
            f"{'—' if spread is None else f'{spread:.2f}'} |"
        )
    out = ["\n".join(lines), "", *verdicts]
    if results.errors:
        out.append("\nNot measured / errors:")
        out.extend(f"- {key}: {msg}" for key, msg in sorted(results.errors.items()))
    facts = results.facts
    out.append(
        f"\nMedians of {facts['plan']['rounds']} interleaved rounds; ratio = median of per-round "
        f"ratios to AsyncWorkOS (range in brackets); client CPU {facts['client_cpu']}, server CPU "
        f"{facts['server_cpu']}; python {facts['python']}; official: {facts['official_python']}."
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds, fewer ops")
    parser.add_argument("--rounds", type=int, help="override the number of rounds")
    parser.add_argument("--official-python", help="interpreter that has the official workos SDK")
    parser.add_argument("--json-out", help="also write all samples and facts to this JSON file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_main(args.worker, args.url, args.cpu)
        return 0
    plan = dict(QUICK if args.quick else FULL)
    if args.rounds is not None:
        if args.rounds < 1:
            parser.error("--rounds must be at least 1")
        plan["rounds"] = args.rounds
    started = time.monotonic()
    results = run(plan, bc.find_official_python(args.official_python))
    print(render(results))
    print(f"\n(run took {time.monotonic() - started:.0f} s)")
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        payload = {"samples": results.samples, "errors": results.errors, "facts": results.facts}
        Path(args.json_out).write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
