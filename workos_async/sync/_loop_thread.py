"""One daemon thread running an event loop behind an anyio ``BlockingPortal``.

A ``WorkOS`` client owns one for its whole life (never a portal per call: an aiohttp session
cached across calls must live on one loop). The thread is a daemon so a forgotten client never
blocks interpreter exit; live clients are closed cleanly by an ``atexit`` hook.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio
from anyio.from_thread import BlockingPortal

T = TypeVar("T")


class LoopThread:
    """An event loop in a daemon thread, reached through a ``BlockingPortal``."""

    def __init__(self, name: str = "workos-async-loop") -> None:
        self._ready = threading.Event()
        self._portal: BlockingPortal | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise RuntimeError("the WorkOS loop thread failed to start") from self._error

    def _main(self) -> None:
        try:
            anyio.run(self._serve)
        except BaseException as exc:
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        async with BlockingPortal() as portal:
            self._portal = portal
            self._loop = asyncio.get_running_loop()
            self._ready.set()
            await portal.sleep_until_stopped()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def is_current(self) -> bool:
        return threading.current_thread() is self._thread

    def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        """Run ``fn()`` on the loop and wait for its result in the calling thread."""
        portal = self._portal
        if portal is None:
            raise RuntimeError("the WorkOS loop thread is not running")
        return portal.call(fn)

    def stop(self, timeout: float = 10.0) -> None:
        portal = self._portal
        if portal is not None and self._thread.is_alive() and not self.is_current():
            with contextlib.suppress(RuntimeError):  # already stopping
                portal.call(portal.stop)
            self._thread.join(timeout)
        self._portal = None
