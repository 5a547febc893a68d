"""FastAPI app under a steady load: the server's event-loop lag, and its garbage collections.

Issue 10: the middleware made a reference cycle per request (``RequestAuth`` held the scope,
the scope held the ``RequestAuth``), so full collections ran under load and stalled the loop
for 17-45 ms. This serves the same app twice, one server process at a time, each with
uvicorn on 127.0.0.1 against the fake WorkOS (started here, in a thread):

* ``cycle-free`` — ``workos_async.fastapi`` as it is;
* ``scope cycle`` — the same middleware with the old link put back (the scope refers to an
  object that refers to the scope, as the old ``RequestAuth`` did), everything else equal.

* ``official SDK`` — the same route on the official ``workos`` SDK (10.x), when
  ``.venv-official`` (``setup_official.sh``, plus ``pip install fastapi uvicorn`` in it)
  or ``--official-python`` has it.

A client in this process sends ``GET /api/me`` with a signed-in cookie at a steady rate
(default 200 requests/s for 20 s, each request on schedule whether or not the previous one
finished). Inside each server a task wakes every millisecond and records how late it woke
(loop lag), and ``gc.callbacks`` time every collection. The table shows, per variant: the
requests answered 200, the max and 99th-percentile loop lag, the collections per generation,
the longest collection, and the garbage objects collected.

On a busy machine the max loop lag also holds the OS's scheduling stalls (other processes
on the same cores), which no code change removes; the longest collection is the stall the
server causes itself, and full (generation 2) collections are the ones that grow with the
heap. Read the two together. Run::

    .venv/bin/python benchmarks/bench_fastapi_lag.py [--rate 200] [--seconds 20] [--rounds 2]
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' annotations (Request).

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-fastapi-lag-cookie-password-32-chars"
VARIANTS = ("cycle-free", "scope cycle")


# ---- the server (a child process) ------------------------------------------------------------


class Monitor:
    """Loop lag (a task waking every millisecond) and collections (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self.pauses: list[float] = []
        self.counts = {0: 0, 1: 0, 2: 0}
        self.collected = 0
        self._started = 0.0
        self._task: asyncio.Task[None] | None = None

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)
            self.counts[info["generation"]] += 1
            self.collected += info["collected"]

    async def _watch(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.lags.append(time.perf_counter() - before - 0.001)

    def start(self) -> None:
        import gc

        self._task = asyncio.create_task(self._watch())
        gc.callbacks.append(self.on_gc)

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self.on_gc)
        if self._task is not None:
            self._task.cancel()

    def reset(self) -> None:
        self.lags.clear()
        self.pauses.clear()
        self.counts.update({0: 0, 1: 0, 2: 0})
        self.collected = 0

    def stats(self) -> dict[str, Any]:
        ordered = sorted(self.lags)
        return {
            "max_lag_ms": 1000 * (ordered[-1] if ordered else 0.0),
            "p99_lag_ms": 1000 * (ordered[int(len(ordered) * 0.99)] if ordered else 0.0),
            "collections": dict(self.counts),
            "max_gc_ms": 1000 * max(self.pauses, default=0.0),
            "collected": self.collected,
        }


def add_bench_routes(app: "FastAPI", monitor: Monitor, cookie: Any) -> None:
    @app.post("/_bench/reset")
    async def reset() -> dict[str, bool]:
        monitor.reset()
        return {"ok": True}

    @app.get("/_bench/stats")
    async def stats() -> dict[str, Any]:
        return monitor.stats()

    @app.get("/_bench/cookie")
    async def bench_cookie() -> dict[str, str]:
        return {"cookie": cookie()}


def build_app(variant: str, args: argparse.Namespace) -> Any:
    """``workos_async.fastapi`` (``cycle-free``, or ``scope cycle`` with the old link)."""
    from contextlib import asynccontextmanager

    from fastapi import Depends, FastAPI

    from workos_async.fastapi import AuthKit, AuthKitMiddleware
    from workos_async.sessions import AsyncSessions, AuthenticateSuccess

    authkit = AuthKit(
        client_options={
            "api_key": args.api_key,
            "client_id": args.client_id,
            "base_url": args.fake_url,
        },
        cookie_password=PASSWORD,
    )
    monitor = Monitor()
    tokens = json.loads(args.tokens)

    class ScopeCycleMiddleware(AuthKitMiddleware):
        """The old link: something the scope holds refers back to the scope."""

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                scope["bench.back_reference"] = [scope]
            await super().__call__(scope, receive, send)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        async with authkit.lifespan(app):
            monitor.start()
            yield
            monitor.stop()

    app = FastAPI(lifespan=lifespan)
    middleware = ScopeCycleMiddleware if variant == "scope cycle" else AuthKitMiddleware
    app.add_middleware(middleware, authkit=authkit)

    @app.get("/api/me")
    async def me(user: AuthenticateSuccess = Depends(authkit.require_user)) -> dict[str, Any]:
        return {"id": user.user_id, "permissions": list(user.permissions)}

    sealer = AsyncSessions(cookie_password=PASSWORD)
    add_bench_routes(app, monitor, lambda: sealer.seal_session_from_authentication_response(tokens))
    return app


def build_official_app(args: argparse.Namespace) -> Any:
    """The same route on the official SDK, as its docs show it: ``load_sealed_session`` and
    ``authenticate()`` in a dependency (Fernet cookie, PyJWT with a cached ``PyJWKClient``)."""
    from contextlib import asynccontextmanager

    from cryptography.fernet import Fernet
    from fastapi import Depends, FastAPI, HTTPException, Request
    from workos import AsyncWorkOSClient
    from workos.session import seal_session_from_auth_response

    key = Fernet.generate_key().decode()
    client = AsyncWorkOSClient(
        api_key=args.api_key, client_id=args.client_id, base_url=args.fake_url + "/"
    )
    monitor = Monitor()
    tokens = json.loads(args.tokens)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        monitor.start()
        yield
        monitor.stop()

    app = FastAPI(lifespan=lifespan)

    async def require_user(request: Request) -> Any:
        session = client.user_management.load_sealed_session(
            session_data=request.cookies.get("wos-session", ""), cookie_password=key
        )
        result = session.authenticate()
        if not result.authenticated:
            raise HTTPException(401)
        return result

    @app.get("/api/me")
    async def me(user: Any = Depends(require_user)) -> dict[str, Any]:
        return {"id": user.user["id"], "permissions": list(user.permissions or ())}

    add_bench_routes(
        app,
        monitor,
        lambda: seal_session_from_auth_response(
            access_token=tokens["access_token"],
            refresh_token=tokens["refresh_token"],
            user=tokens["user"],
            cookie_password=key,
        ),
    )
    return app


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    if args.variant == "official SDK":
        app = build_official_app(args)
    else:
        app = build_app(args.variant, args)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


# ---- the orchestrator -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_ready(base: str, http: Any) -> None:
    for _ in range(200):
        try:
            async with http.post(f"{base}/_bench/reset") as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError("the server did not start")


async def drive(base: str, rate: float, seconds: float) -> dict[str, Any]:
    import aiohttp

    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        await wait_ready(base, http)
        async with http.get(f"{base}/_bench/cookie") as response:
            cookie = (await response.json())["cookie"]  # sealed by the server's own SDK
        headers = {"Cookie": f"wos-session={cookie}"}
        statuses: dict[int, int] = {}

        async def one() -> None:
            try:
                async with http.get(f"{base}/api/me", headers=headers) as response:
                    await response.read()
                    statuses[response.status] = statuses.get(response.status, 0) + 1
            except aiohttp.ClientError:
                statuses[0] = statuses.get(0, 0) + 1

        for _ in range(50):  # warm-up, then measure from a clean slate
            await one()
        statuses.clear()
        async with http.post(f"{base}/_bench/reset"):
            pass
        tasks = []
        start = time.perf_counter()
        total = int(rate * seconds)
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
        async with http.get(f"{base}/_bench/stats") as response:
            stats: dict[str, Any] = await response.json()
        stats["ok"] = statuses.get(200, 0)
        stats["statuses"] = dict(statuses)
        stats["sent"] = total
        return stats


def run_variant(variant: str, fake: Any, tokens: str, args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    python = args.official_python if variant == "official SDK" else sys.executable
    command = [
        python,
        __file__,
        "--serve",
        "--variant",
        variant,
        "--port",
        str(port),
        "--fake-url",
        fake.url,
        "--api-key",
        fake.api_key,
        "--client-id",
        fake.client_id,
        "--tokens",
        tokens,
    ]
    server = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        return asyncio.run(drive(f"http://127.0.0.1:{port}", args.rate, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)


def official_ready(python: str) -> bool:
    if not Path(python).exists():
        return False
    check = [python, "-c", "import workos, fastapi, uvicorn"]
    return subprocess.run(check, capture_output=True).returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each run")
    parser.add_argument("--rounds", type=int, default=2, help="runs per variant, interleaved")
    parser.add_argument("--json-out", help="write the results here too")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--fake-url", help=argparse.SUPPRESS)
    parser.add_argument("--api-key", help=argparse.SUPPRESS)
    parser.add_argument("--client-id", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", help=argparse.SUPPRESS)
    parser.add_argument(
        "--official-python",
        default=str(ROOT / ".venv-official" / "bin" / "python"),
        help="interpreter with the official SDK, FastAPI and uvicorn (default .venv-official)",
    )
    args = parser.parse_args()
    if args.serve:
        serve(args)
        return

    from workos_async.sessions import decode_unverified_claims
    from workos_async.testing import FakeWorkOS

    variants = list(VARIANTS)
    if official_ready(args.official_python):
        variants.append("official SDK")
    else:
        print(f"official SDK column left out: {args.official_python} lacks workos/fastapi/uvicorn")

    fake = FakeWorkOS(record_requests=False)
    (user_id,) = fake.seed({"users": [{"email": "bench@example.com"}]})["users"]
    fake.auth.access_token_ttl = 24 * 3600  # no refresh during the run: only the steady path
    with fake.run_in_thread() as running:
        response = running.auth.sign_in(user_id)
        # The official SDK also wants ``auth_time`` (WorkOS sends it; the fake does not yet):
        # the same token, re-signed by the fake with it, serves every variant.
        claims = decode_unverified_claims(response["access_token"])
        access_token = running.auth.sign_token({**claims, "auth_time": claims["iat"]})
        tokens = json.dumps(
            {
                "access_token": access_token,
                "refresh_token": response["refresh_token"],
                "user": response["user"],
            }
        )
        results: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
        for _ in range(args.rounds):
            for variant in variants:
                results[variant].append(run_variant(variant, running, tokens, args))

    print(
        f"\nGET /api/me (cookie), {args.rate:g} req/s for {args.seconds:g} s, uvicorn, python "
        f"{sys.version.split()[0]}; per variant the worst of {args.rounds} runs\n"
    )
    print(
        "| variant | 200s / sent | max loop lag | p99 loop lag | gc gen0/1/2 | longest gc "
        "| objects collected |"
    )
    print("|---|---|---|---|---|---|---|")
    for variant, runs in results.items():
        worst = max(runs, key=lambda r: r["max_lag_ms"])
        c = worst["collections"]
        print(
            f"| {variant} | {worst['ok']} / {worst['sent']} | {worst['max_lag_ms']:.1f} ms "
            f"| {worst['p99_lag_ms']:.2f} ms | {c['0']}/{c['1']}/{c['2']} "
            f"| {worst['max_gc_ms']:.2f} ms | {worst['collected']} |"
        )
    base = max(r["max_lag_ms"] for r in results["cycle-free"])
    old = max(r["max_lag_ms"] for r in results["scope cycle"])
    print(f"\nmax loop lag, scope cycle / cycle-free: {old / base:.1f}x")
    if "official SDK" in results:
        official = max(r["max_lag_ms"] for r in results["official SDK"])
        print(f"max loop lag, official SDK / cycle-free: {official / base:.1f}x")
    for variant, runs in results.items():
        longest = max(r["max_gc_ms"] for r in runs)
        full = sum(r["collections"]["2"] for r in runs)
        print(f"{variant}: longest collection {longest:.2f} ms, full collections {full}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
