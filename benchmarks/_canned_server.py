"""A canned WorkOS users API for client benchmarks: fixed answers, as cheap to serve as possible.

Run in its own process (``python benchmarks/_canned_server.py --port 0 --cpu 1``); it prints
one JSON line ``{"url": ..., "port": ..., "pid": ...}`` once it listens, and serves until
SIGTERM/SIGINT. Routes:

- ``GET  /user_management/users/{id}``: the user with that id from the data set (404 otherwise)
- ``POST /user_management/users``: 201 and a User carrying the posted email/names
- ``GET  /user_management/users``: a list envelope over a fixed data set of 10,000 users;
  ``limit`` (1..100, default 10), ``after`` and ``before`` cursors (object ids)
- ``GET  /health``

Users follow the spec's ``UserlandUser`` schema (all required keys present, nullable ones
sometimes null, optional ``metadata``/``locale``), with ISO 8601 timestamps with ms and ``Z``.
Every answer is precomputed bytes or a cached page so the server's own CPU stays small.
The data functions use only the standard library, so any interpreter can import them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

DATASET_SIZE = 10_000
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Ken", "Radia", "Linus", "Guido")
_LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Thompson", "Perlman")
_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _ulid(rng: random.Random, moment: dt.datetime) -> str:
    millis = int(moment.timestamp() * 1000)
    time_part = "".join(_CROCKFORD[(millis >> (5 * (9 - i))) & 31] for i in range(10))
    return time_part + "".join(rng.choice(_CROCKFORD) for _ in range(16))


def make_user(index: int, rng: random.Random) -> dict[str, Any]:
    """One realistic ``UserlandUser`` (deterministic for a given index and rng state)."""
    created = _EPOCH + dt.timedelta(minutes=7 * index, milliseconds=rng.randrange(1000))
    first = None if index % 10 == 9 else _FIRST[index % len(_FIRST)]
    last = None if index % 10 == 9 else _LAST[(index // 3) % len(_LAST)]
    handle = f"{(first or 'user').lower()}.{(last or 'anon').lower()}.{index:05d}"
    user: dict[str, Any] = {
        "object": "user",
        "id": "user_" + _ulid(rng, created),
        "email": f"{handle}@example.com",
        "first_name": first,
        "last_name": last,
        "email_verified": index % 4 != 0,
        "profile_picture_url": (
            f"https://workoscdn.com/images/v1/{rng.getrandbits(64):016x}"
            if index % 3 == 0
            else None
        ),
        "last_sign_in_at": (
            _iso(created + dt.timedelta(days=3, seconds=rng.randrange(86_400)))
            if index % 10 < 7
            else None
        ),
        "external_id": f"ext_{index:06d}" if index % 2 == 0 else None,
        "metadata": {"plan": "pro", "region": "eu-west-1"} if index % 5 == 0 else {},
        "locale": ("en-US", None, "fr-FR", "de-DE")[index % 4],
        "created_at": _iso(created),
        "updated_at": _iso(created + dt.timedelta(hours=index % 48, milliseconds=index % 997)),
    }
    return user


def make_users(count: int = DATASET_SIZE, seed: int = 20240101) -> list[dict[str, Any]]:
    """The fixed data set: ``count`` users with strictly increasing ULID-like ids."""
    rng = random.Random(seed)
    return [make_user(i, rng) for i in range(count)]


def list_envelope(
    users: list[dict[str, Any]],
    index_of: dict[str, int],
    *,
    limit: int = DEFAULT_LIMIT,
    after: str | None = None,
    before: str | None = None,
) -> dict[str, Any]:
    """One page of the list, WorkOS-style: ``{object, data, list_metadata: {before, after}}``.

    Unknown cursors are ignored (as WorkOS's emulator does); ``limit`` is clamped to 1..100.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    start, end = 0, len(users)
    if after is not None and after in index_of:
        start = index_of[after] + 1
    if before is not None and before in index_of:
        end = index_of[before]
        start = max(start, end - limit) if after is None else start
    page = users[start : min(end, start + limit)]
    more_after = start + len(page) < len(users)
    return {
        "object": "list",
        "data": page,
        "list_metadata": {
            "before": page[0]["id"] if page and start > 0 else None,
            "after": page[-1]["id"] if page and more_after else None,
        },
    }


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def make_app(users: list[dict[str, Any]] | None = None) -> web.Application:
    """The aiohttp application serving the canned data set."""
    from aiohttp import web

    try:
        import orjson

        loads: Any = orjson.loads
    except ImportError:  # pragma: no cover - orjson is a dev dependency
        loads = json.loads

    users = make_users() if users is None else users
    index_of = {u["id"]: i for i, u in enumerate(users)}
    user_bytes = {u["id"]: _dumps(u) for u in users}
    pages: dict[tuple[int, str | None, str | None], bytes] = {}
    created_template = dict(users[0])
    json_headers = {"Content-Type": "application/json", "X-Request-ID": "req_canned"}
    not_found = _dumps({"message": "User not found", "code": "not_found"})

    async def get_user(request: web.Request) -> web.Response:
        body = user_bytes.get(request.match_info["id"])
        if body is None:
            return web.Response(status=404, body=not_found, headers=json_headers)
        return web.Response(body=body, headers=json_headers)

    async def list_users(request: web.Request) -> web.Response:
        query = request.query
        try:
            limit = int(query.get("limit", DEFAULT_LIMIT))
        except ValueError:
            limit = DEFAULT_LIMIT
        key = (limit, query.get("after"), query.get("before"))
        body = pages.get(key)
        if body is None:
            envelope = list_envelope(users, index_of, limit=limit, after=key[1], before=key[2])
            body = pages[key] = _dumps(envelope)
        return web.Response(body=body, headers=json_headers)

    async def create_user(request: web.Request) -> web.Response:
        sent = loads(await request.read())
        user = dict(created_template)
        user["email"] = sent.get("email", user["email"])
        user["first_name"] = sent.get("first_name")
        user["last_name"] = sent.get("last_name")
        user["email_verified"] = bool(sent.get("email_verified", False))
        user["last_sign_in_at"] = None
        return web.Response(status=201, body=_dumps(user), headers=json_headers)

    async def health(request: web.Request) -> web.Response:
        return web.Response(body=b'{"status":"ok"}', headers=json_headers)

    app = web.Application()
    app.router.add_get("/user_management/users/{id}", get_user)
    app.router.add_get("/user_management/users", list_users)
    app.router.add_post("/user_management/users", create_user)
    app.router.add_get("/health", health)
    return app


def pin_to_cpu(cpu: int) -> bool:
    """Pin this process to ``cpu`` when the OS allows it; True when pinned."""
    if not hasattr(os, "sched_setaffinity") or cpu not in os.sched_getaffinity(0):
        return False
    os.sched_setaffinity(0, {cpu})
    return True


def main(argv: list[str] | None = None) -> None:
    """Serve until SIGTERM/SIGINT; print ``{"url", "port", "pid", "cpu"}`` once listening."""
    import asyncio

    from aiohttp import web

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cpu", type=int, default=None, help="pin the server to this CPU")
    args = parser.parse_args(argv)
    pinned = args.cpu is not None and pin_to_cpu(args.cpu)

    async def serve() -> None:
        runner = web.AppRunner(make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, args.host, args.port, backlog=1024)
        await site.start()
        port = runner.addresses[0][1]
        print(
            json.dumps(
                {
                    "url": f"http://{args.host}:{port}",
                    "port": port,
                    "pid": os.getpid(),
                    "cpu": args.cpu if pinned else None,
                }
            ),
            flush=True,
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await runner.cleanup()

    asyncio.run(serve())


if __name__ == "__main__":
    main(sys.argv[1:])
