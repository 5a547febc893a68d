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

With ``--scenarios``, the issue's two deployments, end to end against the fake WorkOS:

* **refresh, 4 workers** — this file's app under ``uvicorn --workers 4`` sharing refreshes
  through Redis; per round 400 concurrent requests with a fresh *valid* cookie, then 400 with
  a cookie whose access token has expired (exactly one refresh). Ratio: expired / valid wall
  time (the cost of the shared refresh for the page load that hits it).
* **3 importers + signups** — 3 importer processes (bulk priority) and one process signing
  users up (interactive) on one budget, the fake enforcing WorkOS's limits over half-length
  windows (writes 500 / 5 s): the combined write rate as a share of the limit, 429s, and how
  often the budget held a signup.

The redis-server is started here on a free port (``--save '' --appendonly no``) and stopped at
the end; it must be installed (``make redis``). Run::

    .venv/bin/python benchmarks/bench_coordination.py [--rounds 7] [--number 2000] [--scenarios]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
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

PASSWORD = "a-cookie-password-of-at-least-32-characters!"
API_KEY = "sk_test_bench_coordination"
CLIENT_ID = "client_bench"
#: WorkOS's limits over windows half as long (writes 500 / 5 s): the real bucket sizes, twice
#: the rate, so a run takes seconds.
SCENARIO_LIMITS = RateLimits(writes=Limit(500, 5.0), reads=Limit(1000, 5.0), all=Limit(6000, 30.0))

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
        for warm_ops in subjects.values():  # warm-up
            for op in warm_ops.values():
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


# ---- the refresh scenario's app (imported by the uvicorn workers) ---------------------------


def _build_app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from workos_async import AsyncWorkOS
    from workos_async.coordination import Coordinator, share_refreshes

    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> Any:
        async with AsyncWorkOS() as client:
            coordinator = Coordinator.from_redis(os.environ["BENCH_REDIS_URL"])
            share_refreshes(client.sessions, coordinator)
            state["client"] = client
            yield
            await coordinator.aclose()

    async def me(request: Request) -> JSONResponse:
        session = state["client"].sessions.load_sealed_session(request.cookies.get("wos-session"))
        result = await session.authenticate_or_refresh()
        if not result.authenticated:
            return JSONResponse({"error": result.code}, status_code=401)
        response = JSONResponse({"user_id": result.user_id})
        if result.refreshed:
            response.set_cookie("wos-session", result.sealed_session, httponly=True)
        return response

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({})

    return Starlette(routes=[Route("/me", me), Route("/health", health)], lifespan=lifespan)


app = _build_app() if os.environ.get("BENCH_REDIS_URL") else None


async def _cookies(client: Any, fake: Any, n: int) -> tuple[str, str, str]:
    """(valid cookie, expired cookie, refresh token) of a fresh sign-in."""
    from workos_async.sessions import IronSealer, SessionCookieData, decode_unverified_claims

    auth = await client.user_management.authenticate_with_password(
        email="ada@example.com", password="correct horse battery"
    )
    claims = dict(decode_unverified_claims(auth.access_token))
    claims["exp"] = int(time.time()) - 5
    sealer = IronSealer(PASSWORD)

    def cookie(access: str) -> str:
        data = SessionCookieData(
            access_token=access, refresh_token=auth.refresh_token, user={"id": auth.user.id}
        )
        return sealer.seal(data.to_dict())

    return cookie(auth.access_token), cookie(fake.auth.sign_token(claims)), auth.refresh_token


def _serve_app(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """This file's ``app`` under ``uvicorn --workers 4``."""
    here = Path(__file__).resolve().parent
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench_coordination:app", "--app-dir", str(here),
         "--host", "127.0.0.1", "--port", str(port), "--workers", "4",
         "--log-level", "warning"],
        env=env,
    )  # fmt: skip


async def refresh_scenario(redis_url: str, rounds: int) -> None:
    import aiohttp

    from workos_async import AsyncWorkOS
    from workos_async.testing import FakeWorkOS

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with (
        FakeWorkOS(api_key=API_KEY, client_id=CLIENT_ID) as fake,
        AsyncWorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=fake.url) as client,
    ):
        await client.user_management.create_user(
            email="ada@example.com", password="correct horse battery"
        )
        env = {
            **os.environ,
            "WORKOS_API_KEY": API_KEY,
            "WORKOS_CLIENT_ID": CLIENT_ID,
            "WORKOS_BASE_URL": fake.url,
            "WORKOS_COOKIE_PASSWORD": PASSWORD,
            "BENCH_REDIS_URL": redis_url,
        }
        server = _serve_app(port, env)
        base = f"http://127.0.0.1:{port}"
        try:
            async with aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=200, force_close=True)
            ) as http:
                for _ in range(600):
                    with contextlib.suppress(aiohttp.ClientError):
                        async with http.get(base + "/health") as response:
                            if response.status == 200:
                                break
                    await asyncio.sleep(0.1)
                await asyncio.sleep(2.0)

                async def burst(cookie: str) -> tuple[float, list[int]]:
                    async def one() -> int:
                        async with http.get(
                            base + "/me", headers={"Cookie": f"wos-session={cookie}"}
                        ) as response:
                            await response.read()
                            return response.status

                    started = time.perf_counter()
                    statuses = await asyncio.gather(*(one() for _ in range(400)))
                    return time.perf_counter() - started, statuses

                walls: dict[str, list[float]] = {"valid": [], "expired": []}
                refreshes: list[int] = []
                for round_no in range(rounds + 1):  # round 0 warms up (JWKS, connections)
                    valid, expired, token = await _cookies(client, fake, round_no)
                    valid_wall, valid_statuses = await burst(valid)
                    expired_wall, expired_statuses = await burst(expired)
                    assert set(valid_statuses) == {200} and set(expired_statuses) == {200}
                    if round_no:
                        walls["valid"].append(valid_wall)
                        walls["expired"].append(expired_wall)
                        refreshes.append(fake.auth.refresh_requests(token))
        finally:
            server.terminate()
            server.wait(20)
    ratios = [e / v for e, v in zip(walls["expired"], walls["valid"], strict=True)]
    print(f"refresh, 4 uvicorn workers, 400 concurrent requests ({rounds} rounds, medians)")
    print(f"  valid cookie   {statistics.median(walls['valid']) * 1000:8.1f} ms")
    print(f"  expired cookie {statistics.median(walls['expired']) * 1000:8.1f} ms")
    print(f"  ratio expired/valid {statistics.median(ratios):.2f}x "
          f"[{min(ratios):.2f}-{max(ratios):.2f}]; refreshes at the fake per round: {refreshes}")  # fmt: skip
    print()


async def _role_import(args: dict[str, Any]) -> dict[str, Any]:
    from workos_async import AsyncWorkOS
    from workos_async.bulk import import_users
    from workos_async.coordination import SharedRateGovernor

    redis = connect(args["redis_url"], timeout=1.0)
    limiter = RedisRateLimiter(redis, SCENARIO_LIMITS, scope="bench-import")
    first = args["first_row"]
    rows = [
        {"email": f"user{i}@example.com", "first_name": "User", "last_name": str(i)}
        for i in range(first, first + args["n"])
    ]
    async with AsyncWorkOS(
        api_key=API_KEY, client_id=CLIENT_ID, base_url=args["fake_url"], max_retries=0
    ) as client:
        await asyncio.sleep(max(0.0, args["start_at"] - time.time()))
        started = time.time()
        summary = await import_users(
            client, rows, concurrency=16, governor=SharedRateGovernor(limiter)
        ).wait()
        finished = time.time()
    await redis.aclose()
    return {
        "writes": summary.requests["write"],
        "rate_limited": summary.rate_limited,
        "created": summary.outcomes.get("created", 0),
        "started": started,
        "finished": finished,
    }


async def _role_signups(args: dict[str, Any]) -> dict[str, Any]:
    from workos_async import AsyncWorkOS, RateLimitExceededError

    redis = connect(args["redis_url"], timeout=1.0)
    limiter = RedisRateLimiter(redis, SCENARIO_LIMITS, scope="bench-import")
    limited = created = 0
    stamps: list[float] = []
    async with AsyncWorkOS(
        api_key=API_KEY, client_id=CLIENT_ID, base_url=args["fake_url"], max_retries=0
    ) as client:
        await asyncio.sleep(max(0.0, args["start_at"] - time.time()))
        while time.time() < args["until"]:
            await limiter.acquire("write", "interactive")
            try:
                await client.user_management.create_user(email=f"signup{created}@example.com")
                created += 1
                stamps.append(time.time())
            except RateLimitExceededError:
                limited += 1
            await asyncio.sleep(0.05)
    await redis.aclose()
    return {
        "created": created,
        "rate_limited": limited,
        "held": limiter.held["interactive"],
        "stamps": stamps,
    }


def _spawn(role: str, args: dict[str, Any]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, __file__, "--role", role, "--args", json.dumps(args)],
        stdout=subprocess.PIPE,
    )


async def import_scenario(redis_url: str) -> None:
    from workos_async.testing import FakeWorkOS
    from workos_async.testing import RateLimits as FakeLimits

    async with FakeWorkOS(api_key=API_KEY, client_id=CLIENT_ID) as fake:
        fake.rate_limits = FakeLimits(fractional_retry_after=True).scaled(0.5)
        start_at = time.time() + 3.0
        common = {"redis_url": redis_url, "fake_url": fake.url, "start_at": start_at}
        importers = [
            _spawn("import", {**common, "n": 300, "first_row": i * 10_000}) for i in range(3)
        ]
        signups = _spawn("signups", {**common, "until": start_at + 8.0})
        outs = await asyncio.gather(
            *(asyncio.to_thread(p.communicate) for p in [*importers, signups])
        )
    results = [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outs]
    imported, signed_up = results[:3], results[3]
    writes = sum(r["writes"] for r in imported)
    first, last = min(r["started"] for r in imported), max(r["finished"] for r in imported)
    span = last - first
    # Signups made while the importers ran count toward the shared write rate.
    during = sum(1 for t in signed_up["stamps"] if first <= t <= last)
    rate = (writes + during) / span
    print("3 importer processes + 1 signup process, one budget, fake enforcing writes 500/5 s")
    print(f"  importer writes {writes} + {during} signups in {span:.2f} s")
    print(f"  combined write rate {rate:.1f}/s = {rate:.1f}% of the limit (100/s)")
    print(
        f"  429s: importers {sum(r['rate_limited'] for r in imported)}, "
        f"signups {signed_up['rate_limited']}; signups held by the budget: {signed_up['held']}"
    )


async def run_all(rounds: int, number: int, scenarios: bool) -> None:
    await main(rounds, number)
    if not scenarios:
        return
    proc, port, workdir = start_redis()
    try:
        url = f"redis://127.0.0.1:{port}/0"
        await refresh_scenario(url, max(3, rounds))
        await import_scenario(url)
    finally:
        proc.terminate()
        proc.wait(5)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--number", type=int, default=2000)
    parser.add_argument("--scenarios", action="store_true", help="also the end-to-end scenarios")
    parser.add_argument("--role", choices=["import", "signups"], help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.role:
        role = _role_import if opts.role == "import" else _role_signups
        print(json.dumps(asyncio.run(role(json.loads(opts.args)))))
    else:
        asyncio.run(run_all(opts.rounds, opts.number, opts.scenarios))
