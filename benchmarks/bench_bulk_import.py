"""Bulk import against the fake WorkOS running in another process.

1. ``throttled``: the fake enforces WorkOS's write limit with the window scaled down
   (500 writes / 1 s instead of / 10 s); the governor is told the same. Target: achieved write
   rate >= 95% of the limit over the run, and zero rows failed because of 429.
2. ``unthrottled``: no limits anywhere. Users created per second (target >= 2,000/s on this
   2-core machine) and the client's CPU per row, next to a plain ``asyncio.gather`` of
   ``create_user`` calls (same client, same concurrency, no journal / governor / report).

    .venv/bin/python benchmarks/bench_bulk_import.py [--rows N] [--throttled-rows N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any

API_KEY = "sk_test_bench"

FAKE_SERVER = """
import asyncio, json, sys
from workos_async.testing import FakeWorkOS, RateLimits

async def main():
    limits = json.loads(sys.argv[1])
    fake = FakeWorkOS(api_key=sys.argv[2], rate_limits=RateLimits(**limits) if limits else None)
    await fake.start()
    print(fake.url, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    print(json.dumps({"users": len(fake.store.users)}), flush=True)
    await fake.stop()

asyncio.run(main())
"""


class FakeProcess:
    """The fake in a child process; ``close()`` returns how many users it holds."""

    def __init__(self, limits: dict[str, Any] | None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", FAKE_SERVER, json.dumps(limits or {}), API_KEY],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http"):
            raise SystemExit("the fake did not start")

    def close(self) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        line = self.proc.stdout.readline()
        self.proc.wait(timeout=30)
        return int(json.loads(line)["users"])


def rows(n: int, tag: str) -> list[dict[str, Any]]:
    return [
        {"email": f"{tag}{i}@example.com", "external_id": f"{tag}-{i}", "first_name": "B"}
        for i in range(n)
    ]


async def bulk(url: str, source: Any, concurrency: int, limits: Any, journal: str) -> Any:
    from workos_async import AsyncWorkOS
    from workos_async.bulk import import_users

    async with AsyncWorkOS(api_key=API_KEY, base_url=url, max_retries=0) as client:
        cpu0, t0 = time.process_time(), time.perf_counter()
        summary = await import_users(
            client, source, concurrency=concurrency, rate_limits=limits, journal=journal
        ).wait()
        return summary, time.perf_counter() - t0, time.process_time() - cpu0


async def plain_gather(url: str, source: list[dict[str, Any]], concurrency: int) -> Any:
    from workos_async import AsyncWorkOS

    async with AsyncWorkOS(api_key=API_KEY, base_url=url, max_retries=0) as client:
        sem = asyncio.Semaphore(concurrency)

        async def one(row: dict[str, Any]) -> None:
            async with sem:
                await client.user_management.create_user(**row)

        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(one(r) for r in source))
        return time.perf_counter() - t0, time.process_time() - cpu0


def throttled(n: int) -> dict[str, Any]:
    from workos_async.bulk import RateLimitConfig

    scale = 0.1  # 500 writes / 1 s
    fake = FakeProcess(
        {
            "writes": 500,
            "reads": 1000,
            "window": 10 * scale,
            "total": 6000,
            "total_window": 60 * scale,
            "fractional_retry_after": True,
        }
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            summary, wall, _cpu = asyncio.run(
                bulk(
                    fake.url,
                    rows(n, "t"),
                    128,
                    RateLimitConfig().scaled(scale),
                    os.path.join(tmp, "j.db"),
                )
            )
    finally:
        users = fake.close()
    limit = 500 / (10 * scale)
    achieved = summary.requests["write"] / wall
    return {
        "rows": n,
        "write_limit_per_s": limit,
        "achieved_writes_per_s": round(achieved, 1),
        "achieved_pct_of_limit": round(100 * achieved / limit, 1),
        "rate_limited_429s": summary.rate_limited,
        "rows_failed": summary.outcomes.get("failed", 0),
        "users_in_fake": users,
        "duration_s": round(wall, 2),
        "targets": ">= 95% of the limit, 0 rows failed",
    }


def unthrottled(n: int, concurrency: int) -> dict[str, Any]:
    from workos_async.bulk import RateLimitConfig

    fake = FakeProcess(None)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            summary, wall, cpu = asyncio.run(
                bulk(
                    fake.url,
                    rows(n, "u"),
                    concurrency,
                    RateLimitConfig.unlimited(),
                    os.path.join(tmp, "j.db"),
                )
            )
        g_wall, g_cpu = asyncio.run(plain_gather(fake.url, rows(n, "g"), concurrency))
    finally:
        users = fake.close()
    created = summary.outcomes.get("created", 0)
    return {
        "rows": n,
        "concurrency": concurrency,
        "bulk_users_per_s": round(created / wall, 1),
        "bulk_client_cpu_us_per_row": round(1e6 * cpu / n, 1),
        "gather_users_per_s": round(n / g_wall, 1),
        "gather_client_cpu_us_per_row": round(1e6 * g_cpu / n, 1),
        "bulk_cpu_over_gather": round(cpu / g_cpu, 2),
        "users_in_fake": users,
        "target": ">= 2000 users/s",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--throttled-rows", type=int, default=6_000)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--only", choices=["throttled", "unthrottled"])
    args = ap.parse_args()
    if args.only != "unthrottled":
        print(json.dumps({"throttled": throttled(args.throttled_rows)}), flush=True)
    if args.only != "throttled":
        print(json.dumps({"unthrottled": unthrottled(args.rows, args.concurrency)}), flush=True)


if __name__ == "__main__":
    main()
