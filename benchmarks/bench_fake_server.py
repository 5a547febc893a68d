"""How fast is the fake WorkOS (``workos_async.testing``)? Target (issue 4): >= 5,000 simple
requests/s on one core, so the fake is never the bottleneck of the SDK benchmarks.

    .venv/bin/python benchmarks/bench_fake_server.py                # ~45 s
    .venv/bin/python benchmarks/bench_fake_server.py --rounds 5 --seconds 3 --json-out r.json

Each server runs in its own process, pinned to one core (the last one); this process, the load
generator, is pinned to the others. The load is a bounded raw-aiohttp client: ``--concurrency``
requests in flight on one keep-alive session, ``--seconds`` per measurement, in ``--rounds``
interleaved rounds (shuffled order, medians reported: the machine's noise hits every row alike):

- ``get_user``: ``GET /user_management/users/{id}`` (200);
- ``create_user``: ``POST /user_management/users`` with a fresh email each time (201).

Two numbers per row:

- **req/s**: requests completed per wall-clock second (bounded by whichever side saturates);
- **capacity**: requests per second of the *server's* CPU time (user + system, from
  ``/proc/<pid>/stat``), i.e. what the server sustains on one fully busy core. When the client
  saturates first (one Python client core is about as fast as one server core), req/s
  understates the server and capacity is the fair figure.

Rows: the fake as the CLI serves it (request log on, the default), the fake with
``--no-request-log``, and, when ``benchmarks/_canned_server.py`` is there, the canned
precomputed-bytes server the client benchmarks use: the floor for an aiohttp server, so the
ratio shows what real state, validation, auth and counters cost.

Every response is checked (status and, for the first of each scenario, the body): an error can
never pass for a fast request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CANNED = REPO_ROOT / "benchmarks" / "_canned_server.py"
API_KEY = "sk_test_benchmark_not_a_secret"
TARGET = 5000.0
#: The fake (default config) driven by the SDK's own client instead of raw aiohttp: the row that
#: shows the fake is not the bottleneck of the SDK's tests and benchmarks.
SDK_ROW = "fake <- workos_async"


@dataclass
class Row:
    server: str
    scenario: str
    requests: int
    errors: int
    wall_s: float
    server_cpu_s: float
    req_per_s: float
    capacity_per_cpu_s: float
    server_cpu_util: float
    server_cpu_us_per_req: float
    client_cpu_us_per_req: float


def _cpus() -> tuple[int | None, set[int] | None]:
    """(server core, client cores), or (None, None) without affinity support / one core."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None, None
    return cores[-1], set(cores[:-1])


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _start(name: str, server_cpu: int | None) -> tuple[subprocess.Popen[str], str]:
    if name == "canned":
        cmd = [sys.executable, str(CANNED), "--port", "0"]
    else:
        cmd = [
            sys.executable,
            "-m",
            "workos_async.cli",
            "fake-server",
            "--json",
            "--port",
            "0",
            "--api-key",
            API_KEY,
        ]
        if name == "fake (no request log)":
            cmd.append("--no-request-log")

    def pin() -> None:
        if server_cpu is not None:
            os.sched_setaffinity(0, {server_cpu})

    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=pin,
        cwd=REPO_ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit(f"{name} did not start: {proc.communicate(timeout=10)[1]}")
    return proc, json.loads(line)["url"]


async def _scenario_sdk(
    url: str, scenario: str, user_id: str, seconds: float, concurrency: int, tag: str
) -> tuple[int, int, float]:
    """The same load through ``AsyncWorkOS``: what an SDK test suite puts on the fake."""
    from workos_async import AsyncWorkOS, WorkOSError

    done = errors = 0
    counter = 0
    async with AsyncWorkOS(
        api_key=API_KEY, base_url=url, max_retries=0, max_connections=concurrency
    ) as client:
        um = client.user_management
        deadline = time.perf_counter() + seconds

        async def worker(wid: int) -> None:
            nonlocal done, errors, counter
            while time.perf_counter() < deadline:
                try:
                    if scenario == "get_user":
                        await um.get_user(user_id)
                    else:
                        counter += 1
                        await um.create_user(email=f"sdk-{tag}-{counter}@example.com")
                except WorkOSError as exc:
                    errors += 1
                    if errors == 1:
                        print(f"  unexpected error: {exc}", file=sys.stderr)
                done += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        wall = time.perf_counter() - start
    return done, errors, wall


async def _scenario(
    url: str, scenario: str, user_id: str, seconds: float, concurrency: int, tag: str
) -> tuple[int, int, float]:
    import aiohttp

    headers = {"Authorization": f"Bearer {API_KEY}"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    done = errors = 0
    counter = 0
    async with aiohttp.ClientSession(url, headers=headers, connector=connector) as session:
        deadline = time.perf_counter() + seconds

        async def worker(wid: int) -> None:
            nonlocal done, errors, counter
            while time.perf_counter() < deadline:
                if scenario == "get_user":
                    async with session.get(f"/user_management/users/{user_id}") as r:
                        body = await r.read()
                        ok = r.status == 200
                else:
                    counter += 1
                    email = f"bench-{tag}-{counter}@example.com"
                    async with session.post("/user_management/users", json={"email": email}) as r:
                        body = await r.read()
                        ok = r.status == 201
                if not ok:
                    errors += 1
                    if errors == 1:
                        print(f"  unexpected answer: {r.status} {body[:200]!r}", file=sys.stderr)
                done += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        wall = time.perf_counter() - start
    return done, errors, wall


async def _first_user(url: str, name: str) -> str:
    """Create (fake) or look up (canned) a user to GET, and check the answers' shape."""
    import aiohttp

    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with aiohttp.ClientSession(url, headers=headers) as session:
        if name == "canned":
            async with session.get("/user_management/users?limit=1") as r:
                user = (await r.json())["data"][0]
        else:
            async with session.post(
                "/user_management/users", json={"email": "first@example.com"}
            ) as r:
                assert r.status == 201, await r.text()
                user = await r.json()
        async with session.get(f"/user_management/users/{user['id']}") as r:
            got = await r.json()
            assert r.status == 200 and got["id"] == user["id"] and got["object"] == "user", got
        return str(user["id"])


def _measure(
    name: str,
    proc: subprocess.Popen[str],
    url: str,
    user_id: str,
    scenario: str,
    args: argparse.Namespace,
    tag: str,
) -> Row:
    load = _scenario_sdk if name == SDK_ROW else _scenario
    cpu0 = _cpu_seconds(proc.pid)
    client0 = time.process_time()
    done, errors, wall = asyncio.run(
        load(url, scenario, user_id, args.seconds, args.concurrency, tag)
    )
    client_cpu = time.process_time() - client0
    cpu = _cpu_seconds(proc.pid) - cpu0
    return Row(
        server=name,
        scenario=scenario,
        requests=done,
        errors=errors,
        wall_s=round(wall, 3),
        server_cpu_s=round(cpu, 3),
        req_per_s=round(done / wall, 1),
        capacity_per_cpu_s=round(done / cpu, 1) if cpu > 0 else float("inf"),
        server_cpu_util=round(cpu / wall, 3),
        server_cpu_us_per_req=round(cpu / done * 1e6, 1) if done else float("inf"),
        client_cpu_us_per_req=round(client_cpu / done * 1e6, 1) if done else float("inf"),
    )


def _median(rows: list[Row], field: str) -> float:
    return float(statistics.median(getattr(r, field) for r in rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=2.0, help="per measurement (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument(
        "--concurrency", type=int, default=32, help="requests in flight (default 32)"
    )
    parser.add_argument("--no-canned", action="store_true", help="skip the canned-server row")
    parser.add_argument("--json-out", metavar="FILE", help="also write every measurement as JSON")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.concurrency < 1 or args.rounds < 1:
        parser.error("--seconds must be > 0, --concurrency and --rounds >= 1")

    server_cpu, client_cpus = _cpus()
    if client_cpus is not None:
        os.sched_setaffinity(0, client_cpus)
        print(f"servers pinned to core {server_cpu}, load generator to cores {sorted(client_cpus)}")
    else:
        print("one core (or no affinity support): server and load share the CPU")
    names = ["fake", "fake (no request log)"]
    if CANNED.exists() and not args.no_canned:
        names.append("canned")
    names.append(SDK_ROW)
    scenarios = ("get_user", "create_user")
    servers: dict[str, tuple[subprocess.Popen[str], str, str]] = {}
    rows: list[Row] = []
    try:
        for name in names:
            proc, url = _start(name, server_cpu)
            servers[name] = (proc, url, asyncio.run(_first_user(url, name)))
        for name, (_proc, url, user_id) in servers.items():  # warm-up, not recorded
            for scenario in scenarios:
                asyncio.run(_scenario(url, scenario, user_id, 0.5, args.concurrency, f"w-{name}"))
        rng = random.Random(0)
        for round_no in range(args.rounds):
            order = [(n, sc) for n in names for sc in scenarios]
            rng.shuffle(order)  # interleaved: machine noise hits every row alike
            for name, scenario in order:
                proc, url, user_id = servers[name]
                rows.append(_measure(name, proc, url, user_id, scenario, args, f"r{round_no}"))
            print(f"round {round_no + 1}/{args.rounds} done")
    finally:
        for proc, _, _ in servers.values():
            proc.terminate()
        for proc, _, _ in servers.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()

    print()
    print(f"concurrency {args.concurrency}, {args.rounds} rounds of {args.seconds:g} s; medians")
    header = (
        f"{'server <- client':<24}{'scenario':<13}{'req/s':>9}{'server CPU':>12}"
        f"{'capacity/core':>15}{'srv us/req':>12}{'cli us/req':>12}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    medians: dict[tuple[str, str], float] = {}
    for name in names:
        for scenario in scenarios:
            mine = [r for r in rows if r.server == name and r.scenario == scenario]
            capacity = _median(mine, "capacity_per_cpu_s")
            medians[(name, scenario)] = capacity
            print(
                f"{name:<24}{scenario:<13}{_median(mine, 'req_per_s'):>9.0f}"
                f"{_median(mine, 'server_cpu_util'):>11.0%} {capacity:>14.0f}"
                f"{_median(mine, 'server_cpu_us_per_req'):>12.1f}"
                f"{_median(mine, 'client_cpu_us_per_req'):>12.1f}"
                f"{sum(r.errors for r in mine):>8}"
            )
    print()
    for scenario in scenarios:
        mine = [r for r in rows if r.server == SDK_ROW and r.scenario == scenario]
        server_us = _median(mine, "server_cpu_us_per_req")
        client_us = _median(mine, "client_cpu_us_per_req")
        print(
            f"{scenario} through AsyncWorkOS: the fake spends {server_us:.0f} us of CPU per request, "
            f"the SDK client {client_us:.0f} us ({client_us / server_us:.2f}x): "
            + (
                "the fake is not the bottleneck"
                if server_us < client_us
                else "THE FAKE IS THE BOTTLENECK"
            )
        )
    if "canned" in names:
        print()
        for name in ("fake", "fake (no request log)"):
            for scenario in scenarios:
                ratio = medians[("canned", scenario)] / medians[(name, scenario)]
                print(f"{name} {scenario}: server CPU per request {ratio:.2f}x the canned server's")
    worst = min(medians[("fake", sc)] for sc in scenarios)
    errors = sum(r.errors for r in rows)
    verdict = "OK" if worst >= TARGET and not errors else "BELOW TARGET"
    print(
        f"\nfake (default config), worst scenario: {worst:.0f} requests per server-CPU-second "
        f"(target >= {TARGET:.0f}), errors {errors}: {verdict}"
    )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps([asdict(r) for r in rows], indent=2))
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    raise SystemExit(main())
