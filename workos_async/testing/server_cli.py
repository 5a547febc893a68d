"""``workos-async fake-server``: serve the fake WorkOS for other processes and languages.

    workos-async fake-server --port 8484 [--host 127.0.0.1] [--seed seed.json]
                             [--api-key sk_test_fake] [--client-id client_fake]
                             [--rate-limits [--rate-limit-scale 0.1]]
                             [--no-request-log] [--json]

Prints the URL and API key (``--json``: one JSON line with ``url``, ``api_key`` and
``client_id``), then serves until interrupted (Ctrl-C or SIGTERM). Control it over HTTP under
``/_fake/...`` (see ``docs/testing.md``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys

from ._fake import FakeWorkOS
from .domain.seed import read_seed_file
from .http.ratelimit import RateLimits


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workos-async fake-server",
        description="Serve an in-memory fake of the WorkOS User Management API.",
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument(
        "--seed", metavar="FILE", help="JSON (or YAML) with users/organizations/memberships"
    )
    parser.add_argument("--api-key", default="sk_test_fake", help="the API key to accept")
    parser.add_argument("--client-id", default="client_fake", help="the environment's client id")
    parser.add_argument(
        "--rate-limits", action="store_true", help="enforce WorkOS's documented rate limits"
    )
    parser.add_argument(
        "--rate-limit-scale",
        type=float,
        default=1.0,
        metavar="F",
        help="multiply the rate-limit windows by F (e.g. 0.1 for faster tests)",
    )
    parser.add_argument(
        "--no-request-log",
        action="store_true",
        help="do not keep the request log (GET /_fake/requests stays empty)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    return parser


async def _serve(fake: FakeWorkOS, host: str, port: int, as_json: bool) -> None:
    await fake.start(host, port)
    try:
        if as_json:
            print(
                json.dumps({"url": fake.url, "api_key": fake.api_key, "client_id": fake.client_id})
            )
        else:
            print(f"WorkOS fake serving at {fake.url}")
            print(f"API key: {fake.api_key}")
            print(f"Client id: {fake.client_id}")
            print("Ctrl-C to stop.")
        sys.stdout.flush()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()
    finally:
        await fake.stop()


def main(argv: list[str]) -> int:
    """Run the fake server; returns the exit status (2: bad arguments, 1: bad seed/port)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not 0 <= args.port <= 65535:
        print(f"fake-server: --port must be 0..65535, got {args.port}", file=sys.stderr)
        return 2
    if args.rate_limit_scale <= 0:
        print("fake-server: --rate-limit-scale must be > 0", file=sys.stderr)
        return 2
    limits = RateLimits().scaled(args.rate_limit_scale) if args.rate_limits else None
    try:
        seed = read_seed_file(args.seed) if args.seed else None
        fake = FakeWorkOS(
            api_key=args.api_key,
            client_id=args.client_id,
            rate_limits=limits,
            record_requests=not args.no_request_log,
            seed_data=seed,
        )
    except ValueError as exc:
        print(f"fake-server: {exc}", file=sys.stderr)
        return 1
    try:
        asyncio.run(_serve(fake, args.host, args.port, args.json))
    except OSError as exc:
        print(
            f"fake-server: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
