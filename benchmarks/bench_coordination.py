"""Coordination: what the shared rate budget and the shared refresh flight cost per request.

Side by side in one run, interleaved rounds, medians of per-round ratios:

* **acquire** — one ``limiter.acquire("write")`` with limits too high to ever wait:
  ``none`` (awaiting a coroutine that does nothing: the floor), ``local`` (the in-process
  limiter), ``redis`` (the Lua script on a redis-server on localhost: one round trip).
  Wall time per acquire, sequential, and CPU time of this process per acquire; ``ping`` (one
  bare Redis round trip) is the floor of any shared store.
* **acquire x32** — the same with 32 concurrent acquirers (per-process queues batch nothing:
  each acquire is still one script call).
* **refresh flight** — one ``RefreshCoordinator.run`` of a fresh key whose refresh returns at
  once: local only vs with the shared Redis flight store (claim + publish: two round trips).

The redis-server is started here on a free port (``--save '' --appendonly no``) and stopped at
the end; it must be installed (``make redis``). Run::

    .venv/bin/python benchmarks/bench_coordination.py [--rounds 7] [--number 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workos_async.coordination import Limit, LocalRateLimiter, RateLimits, connect
from workos_async.coordination.redis_flight import RedisFlightStore
from workos_async.coordination.redis_limiter import RedisRateLimiter
from workos_async.sessions import RefreshCoordinator

HUGE = RateLimits(
    writes=Limit(10**9, 1.0), reads=Limit(10**9, 1.0), all=Limit(10**9, 1.0), burst=1.0
)


class Codec:
    def encode(self, key: bytes, outcome: bytes) -> bytes | None:
        return outcome

    def decode(self, key: bytes, data: bytes) -> bytes | None:
        return data


def start_redis() -> tuple[subprocess.Popen[bytes], int, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed: run `make redis`")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="bench-redis-")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", workdir, "--loglevel", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return proc, port, workdir
        except OSError:
            time.sleep(0.02)
    proc.kill()
    sys.exit("redis-server did not start")


async def timed(
    op: Callable[[], Awaitable[Any]], number: int, concurrency: int
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) per operation."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    if concurrency == 1:
        for _ in range(number):
            await op()
    else:
        per = number // concurrency

        async def worker() -> None:
            for _ in range(per):
                await op()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        number = per * concurrency
    return (time.perf_counter() - wall0) / number, (time.process_time() - cpu0) / number


async def main(rounds: int, number: int) -> None:
    proc, port, workdir = start_redis()
    redis = connect(f"redis://127.0.0.1:{port}/0", timeout=2.0)
    try:
        local = LocalRateLimiter(HUGE)
        shared = RedisRateLimiter(redis, HUGE, scope="bench")

        async def none() -> None:
            return None

        counter = 0

        def fresh_key() -> bytes:
            nonlocal counter
            counter += 1
            return counter.to_bytes(8, "big") * 4

        async def refreshed() -> bytes:
            return b"sealed-session-" + os.urandom(8)

        local_flights: RefreshCoordinator[bytes] = RefreshCoordinator(reuse_window=30)
        shared_flights: RefreshCoordinator[bytes] = RefreshCoordinator(reuse_window=30)
        shared_flights.share(RedisFlightStore(redis), Codec())

        subjects: dict[str, dict[str, Callable[[], Awaitable[Any]]]] = {
            "acquire": {
                "none": none,
                "local": lambda: local.acquire("write"),
                "redis": lambda: shared.acquire("write"),
                "ping": lambda: redis.ping(),
            },
            "acquire x32": {
                "none": none,
                "local": lambda: local.acquire("write"),
                "redis": lambda: shared.acquire("write"),
            },
            "refresh flight": {
                "local": lambda: local_flights.run(fresh_key(), refreshed),
                "redis": lambda: shared_flights.run(fresh_key(), refreshed),
            },
        }
        for scenario in subjects.values():  # warm-up
            for op in scenario.values():
                await timed(op, 200, 1)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(rounds):
            for scenario, ops in subjects.items():
                concurrency = 32 if scenario.endswith("x32") else 1
                n = number if scenario != "refresh flight" else max(number // 4, 100)
                for name, op in ops.items():
                    results.setdefault((scenario, name), []).append(await timed(op, n, concurrency))
        print(
            f"coordination cost per operation ({rounds} rounds, medians; ratio = median of per-round ratios)"
        )
        print(
            f"{'scenario':16} {'subject':7} {'wall us':>9} {'cpu us':>9} "
            f"{'vs base':>9} {'vs local':>9}"
        )
        for scenario, ops in subjects.items():
            base = "none" if "none" in ops else "local"
            for name in ops:
                runs = results[(scenario, name)]
                wall = statistics.median(r[0] for r in runs) * 1e6
                cpu = statistics.median(r[1] for r in runs) * 1e6
                ratios = [r[0] / b[0] for r, b in zip(runs, results[(scenario, base)], strict=True)]
                ratio = statistics.median(ratios)
                vs_local = statistics.median(
                    r[0] / b[0] for r, b in zip(runs, results[(scenario, "local")], strict=True)
                )
                print(
                    f"{scenario:16} {name:7} {wall:9.1f} {cpu:9.1f} {ratio:8.1f}x {vs_local:8.1f}x"
                )
            print()
        print("base of each ratio: 'none' for acquires, 'local' for refresh flights")
    finally:
        await redis.aclose()
        proc.terminate()
        proc.wait(5)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--number", type=int, default=2000)
    opts = parser.parse_args()
    asyncio.run(main(opts.rounds, opts.number))
