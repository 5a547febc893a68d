"""``workos-async demo``: the SDK's three faces in one short run.

1. create N users concurrently (bounded concurrency, live progress);
2. read them all back with ``async for`` (cursor pagination);
3. fetch one through the blocking facade ``WorkOS`` (from a worker thread);
4. print a summary with timings.

Without ``WORKOS_API_KEY`` it runs on the built-in fake WorkOS (no network). With it, it runs
against real WorkOS (``WORKOS_BASE_URL`` honoured) and deletes the users it made unless
``--keep`` is given. One request checks the key and the address first, so a wrong key or an
unreachable URL ends in one line on stderr (exit statuses: ``cli.EXIT_CODES``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import textwrap
import time
import uuid
from contextlib import AsyncExitStack
from typing import Any

from ._client import AsyncWorkOS
from ._errors import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    WorkOSConnectionError,
    WorkOSError,
)

DESCRIPTION = textwrap.fill(
    "Create users concurrently, read them back with async for, fetch one through the "
    "blocking client, and print a summary. Runs on the built-in fake WorkOS unless "
    "WORKOS_API_KEY is set; then it runs against WorkOS (WORKOS_BASE_URL honoured) and "
    "deletes the users it made unless --keep is given.",
    width=78,
)

EPILOG = """exit status:
  0    every user was created, read back and fetched
  1    the run finished, but some users failed or did not read back
  2    bad arguments or configuration
  3    WorkOS refused the API key, could not be reached, or failed the run
  130  interrupted"""


class DemoFailure(Exception):
    """An expected failure: one line for stderr and an exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class Progress:
    """One status line, redrawn in place on a terminal; a line per second elsewhere."""

    def __init__(self, total: int, label: str) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()
        self._last = 0.0
        self._tty = sys.stdout.isatty()

    def tick(self, ok: bool = True) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        now = time.perf_counter()
        if self.done == self.total or now - self._last >= (0.1 if self._tty else 1.0):
            self._last = now
            self.show()

    def show(self) -> None:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.done / elapsed
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        line = f"{self.label} [{bar}] {self.done}/{self.total} {rate:7.0f}/s failed={self.failed}"
        if self._tty:
            end = "\n" if self.done == self.total else ""
            print("\r" + line, end=end, flush=True)
        else:
            print(line, flush=True)


async def run(count: int, concurrency: int, keep: bool) -> int:
    real = bool(os.environ.get("WORKOS_API_KEY"))
    run_id = uuid.uuid4().hex[:8]
    async with AsyncExitStack() as stack:
        if real:
            client = await stack.enter_async_context(AsyncWorkOS())
            target = f"WorkOS at {client.base_url}"
        else:
            from .testing import FakeWorkOS

            fake = await stack.enter_async_context(FakeWorkOS())
            client = await stack.enter_async_context(
                AsyncWorkOS(api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url)
            )
            target = f"the built-in fake WorkOS at {fake.url} (set WORKOS_API_KEY for real WorkOS)"
        await _preflight(client)
        print(f"workos-async demo: {count} users, {concurrency} in flight, on {target}")

        # 1. Create concurrently.
        semaphore = asyncio.Semaphore(concurrency)
        progress = Progress(count, "create")
        created: list[Any] = []
        errors: list[str] = []

        async def create(i: int) -> None:
            async with semaphore:
                try:
                    user = await client.user_management.create_user(
                        email=f"demo-{run_id}-{i:06d}@example.com",
                        first_name="Demo",
                        last_name=f"User {i}",
                        external_id=f"demo-{run_id}-{i}",
                        metadata={"source": "workos-async demo"},
                    )
                except WorkOSError as exc:
                    errors.append(type(exc).__name__)
                    progress.tick(ok=False)
                else:
                    created.append(user)
                    progress.tick()

        t0 = time.perf_counter()
        await asyncio.gather(*(create(i) for i in range(count)))
        create_s = time.perf_counter() - t0

        # 2. Read back with `async for` (every page, 100 at a time).
        t0 = time.perf_counter()
        ours = {u.id for u in created}
        seen = 0
        pages = 0
        async for page in client.user_management.list_users(limit=100).pages():
            pages += 1
            seen += sum(1 for u in page.data if u.id in ours)
        read_s = time.perf_counter() - t0

        # 3. One user through the blocking facade, from a worker thread (never on the loop).
        t0 = time.perf_counter()
        sample = created[0] if created else None
        sync_email = None
        if sample is not None:
            sync_email = await asyncio.to_thread(_fetch_blocking, client, sample.id)
        sync_s = time.perf_counter() - t0

        # Clean up on real WorkOS.
        if real and not keep and created:
            cleanup = Progress(len(created), "delete")

            async def delete(user_id: str) -> None:
                async with semaphore:
                    try:
                        await client.user_management.delete_user(user_id)
                    finally:
                        cleanup.tick()

            await asyncio.gather(*(delete(u.id) for u in created), return_exceptions=True)

    print()
    print("summary")
    print(
        f"  created   {len(created):>6} users in {create_s:6.2f} s  ({len(created) / max(create_s, 1e-9):,.0f}/s), failed {len(errors)}"
    )
    print(
        f"  read back {seen:>6} users in {read_s:6.2f} s  ({pages} pages of up to 100 via async for)"
    )
    print(
        f"  sync get  {sync_email or '-'} in {sync_s * 1000:.1f} ms (WorkOS facade, worker thread)"
    )
    ok = (
        not errors
        and seen == len(created) == count
        and sync_email == (sample.email if sample else None)
    )
    print("  result    " + ("OK" if ok else "MISMATCH"))
    return 0 if ok else 1


async def _preflight(client: AsyncWorkOS) -> None:
    """One read, so a wrong key or address fails in one clear line before any write."""
    try:
        await client.user_management.list_users(limit=1)
    except AuthenticationError as exc:
        raise DemoFailure(
            f"WorkOS at {client.base_url} refused the API key ({_status(exc)}); "
            "check WORKOS_API_KEY",
            3,
        ) from None
    except WorkOSConnectionError as exc:
        raise DemoFailure(
            f"cannot reach WorkOS at {client.base_url}: {exc.message}; check WORKOS_BASE_URL",
            3,
        ) from None


def _status(exc: APIError) -> str:
    request_id = f", request_id={exc.request_id}" if exc.request_id else ""
    return f"{exc.status}{' ' + exc.code if exc.code else ''}{request_id}"


def _fetch_blocking(client: AsyncWorkOS, user_id: str) -> str:
    from .sync import WorkOS

    config = client._config
    with WorkOS(
        api_key=config.api_key, client_id=config.client_id, base_url=config.base_url
    ) as sync_client:
        return sync_client.user_management.get_user(user_id).email


def main(argv: list[str]) -> int:
    """Run ``workos-async demo`` with ``argv``; return the exit status (see ``EPILOG``)."""
    parser = argparse.ArgumentParser(
        prog="workos-async demo",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--count", type=int, default=1000, help="users to create (default 1000)")
    parser.add_argument(
        "--concurrency", type=int, default=64, help="requests in flight (default 64)"
    )
    parser.add_argument("--keep", action="store_true", help="on real WorkOS, keep the users")
    try:
        args = parser.parse_args(argv)
        if args.count < 1 or args.concurrency < 1:
            parser.error("--count and --concurrency must be at least 1")
    except SystemExit as exc:  # argparse exits on --help and on errors
        return int(exc.code or 0)
    try:
        return asyncio.run(run(args.count, args.concurrency, args.keep))
    except DemoFailure as exc:
        message, status = str(exc), exc.status
    except ConfigurationError as exc:
        message, status = f"configuration: {exc}", 2
    except APIError as exc:
        message, status = f"WorkOS failed the run: {exc}", 3
    except WorkOSError as exc:
        message, status = f"{type(exc).__name__}: {exc}", 3
    print(f"workos-async demo: error: {message}", file=sys.stderr)
    return status
