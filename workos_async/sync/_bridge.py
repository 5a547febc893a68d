"""The one blocking bridge: run a coroutine, or drive an async iterator a step per crossing,
on a client's event loop, and return the outcome in the calling thread. The sync client, its
pagers, the sync sessions and bulk's blocking API all cross here.

Who runs the loop (``LoopThread``): a caller that finds the loop free runs it itself, in its
own thread, until its call is done - no thread switch, so a sequential blocking call costs
about what the async call costs. A caller that finds it busy hands its call to the running
loop (``call_soon_threadsafe``) and waits on a ``threading.Lock``. The client's daemon thread
runs the loop whenever calls or tasks are left and nobody else runs it. docs/sync.md has the
designs measured (``benchmarks/bench_sync.py``) and why this one.

Guarantees kept here:

- **Ctrl-C** cancels the call on the loop: a caller running the loop in the main thread
  turns the first SIGINT into a cancellation of its own task (as ``asyncio.Runner`` does, so no
  exception is thrown into the loop's machinery); a caller waiting for a handed-over call
  cancels it there. Either way the caller waits briefly for the cancellation to land before
  ``KeyboardInterrupt`` propagates, so an interrupted call never keeps retrying.
- **Closing**: ``shutdown()`` cancels the calls in flight (their callers get
  :class:`ClientClosedError`), closes the client's pool on the loop, closes the loop and ends
  the thread. A call made after that, or lost while it happened, fails the same way: no caller
  ever waits forever.
- **One loop, one pool**: calls from any number of threads share the client's loop and its
  bounded connection pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from .._errors import ClientClosedError

_log = logging.getLogger("workos_async")

#: The C functions behind ``signal``: ~0.5 µs a call instead of ~5 (no enum wrapping).
_sig: Any
try:
    _sig = importlib.import_module("_signal")
except ImportError:  # pragma: no cover - other interpreters
    _sig = signal

T = TypeVar("T")

#: How long an interrupted caller waits for its call to be cancelled on the loop (seconds).
CANCEL_WAIT = 2.0
#: How long a blocking ``shutdown(wait=True)`` waits for the loop thread to end (seconds).
SHUTDOWN_WAIT = 10.0
#: How often the idle loop thread polls the loop (closed connections, timers), in seconds.
SERVICE_INTERVAL = 1.0
#: How long the loop thread runs the loop at a time for background tasks (seconds).
BACKGROUND_SLICE = 0.05
#: How long the loop thread keeps the loop running after calls from other threads (seconds).
LINGER = 0.002
#: How long a caller whose call was handed back waits to take the loop before handing over.
ADOPT_WAIT = 0.05


class _Call(Generic[T]):
    """One crossing: the caller waits on ``done`` (acquired at creation, released once)."""

    __slots__ = ("adopted", "closed", "done", "error", "result", "task")

    def __init__(self) -> None:
        self.done = threading.Lock()
        self.done.acquire()
        self.error: BaseException | None = None
        self.result: Any = None
        self.task: asyncio.Task[Any] | None = None
        self.closed = False
        self.adopted = False  # handed back unstarted: the caller runs the loop itself


def _closed_error() -> ClientClosedError:
    return ClientClosedError("this WorkOS client is closed; create a new one")


class LoopThread:
    """A client's event loop, run by the calling thread when the loop is free, and otherwise
    by the client's own daemon thread.

    - A caller that finds the loop free **leads**: it runs the loop itself until its call is
      done (``loop.run_until_complete``), with no thread switch - the sequential case, a script
      or a Django view, costs nearly what the async call costs.
    - A caller that finds the loop busy **follows**: it hands its call to the running loop with
      ``call_soon_threadsafe`` and waits on a ``threading.Lock`` - many threads share one loop
      and one bounded connection pool.
    - Whoever stops running the loop with calls still pending (a leader whose own call is done)
      wakes the loop thread, which runs the loop until nothing is pending. The thread also polls
      the loop once a second when idle (closed keep-alive connections, timers), and closes it.

    The thread is a daemon so a forgotten client never blocks interpreter exit.
    """

    def __init__(self, name: str = "workos-async-loop") -> None:
        self._loop = asyncio.new_event_loop()
        self._runner = threading.Lock()  # held by whichever thread runs the loop
        self._wake = threading.Lock()  # released to wake the loop thread
        self._wake.acquire()
        # Calls started and not finished. Touched from any thread by single set operations
        # (atomic under the GIL).
        self._pending: set[_Call[Any]] = set()
        self._accepting = True  # False once the loop is closed
        self._closing = False  # shutdown() was called
        self._draining = False  # the loop thread runs the loop (stop it when nothing pends)
        self._overlapped = 0  # handed-over calls that started while another was in flight
        self._overlap_seen = 0  # _overlapped when the loop thread last decided to linger
        self._aclose: Callable[[], Awaitable[Any]] | None = None
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._thread.start()

    # ---- the loop thread -----------------------------------------------------------------

    def _main(self) -> None:
        if hasattr(signal, "pthread_sigmask"):
            # Ctrl-C must land in a calling thread (which cancels its call), never here.
            with contextlib.suppress(Exception):
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            while not self._closing:
                self._wake.acquire(timeout=SERVICE_INTERVAL)
                if self._closing:
                    break
                try:
                    self._service()
                except Exception:  # a bug must not take every caller's loop down with it
                    _log.exception("the WorkOS loop thread hit an unexpected error")
            self._final()
        finally:
            self._accepting = False
            # The loop is closed: a call still pending was handed over too late to run.
            for call in list(self._pending):
                self._finish(call, _closed_error())

    def _service(self) -> None:
        """Run the loop while calls are pending or tasks are alive, then poll it once."""
        loop = self._loop
        with self._runner:
            self._draining = True
            try:
                while not self._closing:
                    if self._pending:
                        loop.run_forever()  # stopped by _finish when nothing is pending
                    elif asyncio.all_tasks(loop):
                        # Background work started by a call (a bulk import between two
                        # batches, a shielded refresh): keep it moving, a slice at a time.
                        self._run_for(BACKGROUND_SLICE)
                    else:
                        # Calls overlapped (several threads at once): stay a moment, so the
                        # next ones are handed over to a running loop instead of each thread
                        # taking it in turn. A lone caller's calls never overlap: it soon
                        # runs the loop itself again.
                        if self._overlapped == self._overlap_seen:
                            break  # no overlap since the last look (an idle tick, a lone caller)
                        self._overlap_seen = self._overlapped
                        self._run_for(LINGER)
                loop.stop()
                loop.run_forever()
            finally:
                self._draining = False
        if self._pending:  # arrived while the runner was held: go round again
            self._wake_up()

    def _run_for(self, seconds: float) -> None:
        """Run the loop for ``seconds``, or until a handed-over call ends (_finish stops it)."""
        loop = self._loop
        timer = loop.call_later(seconds, loop.stop)
        try:
            loop.run_forever()
        finally:
            timer.cancel()

    def _final(self) -> None:
        """Cancel what is left, close the client's pool, close the loop."""
        loop = self._loop
        with self._runner:  # a leader still running the loop finishes (its call cancelled)
            try:
                loop.run_until_complete(self._close_everything())
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                self._accepting = False
                loop.close()

    async def _close_everything(self) -> None:
        self._cancel_all()
        tasks = [c.task for c in list(self._pending) if c.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=SHUTDOWN_WAIT)
        if self._aclose is not None:
            with contextlib.suppress(Exception):
                await self._aclose()
        current = asyncio.current_task()
        others = [t for t in asyncio.all_tasks() if t is not current]
        for task in others:  # background work (e.g. a bulk import nobody iterates any more)
            task.cancel()
        if others:
            await asyncio.wait(others, timeout=SHUTDOWN_WAIT)

    def _wake_up(self) -> None:
        with contextlib.suppress(RuntimeError):  # awake already
            self._wake.release()

    # ---- on the loop, whichever thread runs it -------------------------------------------

    def _finish(self, call: _Call[Any], error: BaseException | None) -> None:
        pending = self._pending
        pending.discard(call)
        if error is not None:
            call.error = error
        if call.done.locked():  # only _finish releases it, on the loop: no race
            call.done.release()
        if self._draining and not pending:
            self._loop.stop()

    def _start(
        self,
        call: _Call[T],
        fn: Callable[..., Awaitable[T]],
        args: tuple[Any, ...],
        kwargs: Mapping[str, Any],
    ) -> None:
        if call.adopted:  # handed back to its caller, who runs it (as a new call)
            return
        if self._closing or call.closed:
            self._finish(call, _closed_error() if self._closing else asyncio.CancelledError())
            return
        if len(self._pending) > 1:  # another call is in flight: calls overlap
            self._overlapped += 1
        elif (
            self._draining
            and self._overlapped == self._overlap_seen
            and not asyncio.all_tasks(self._loop)
        ):
            # A lone caller's call reached the loop thread (it was winding down, or took the
            # loop for its idle poll): hand it back unstarted, so the caller runs the loop
            # itself; else a caller calling in a tight loop would hand every call over.
            call.adopted = True
            self._pending.discard(call)
            call.done.release()
            self._loop.stop()
            return
        call.task = self._loop.create_task(self._drive(call, fn, args, kwargs))

    async def _drive(
        self,
        call: _Call[T],
        fn: Callable[..., Awaitable[T]],
        args: tuple[Any, ...],
        kwargs: Mapping[str, Any],
    ) -> None:
        error: BaseException | None = None
        try:
            call.result = await fn(*args, **kwargs)
        except asyncio.CancelledError as exc:
            error = _closed_error() if call.closed or self._closing else exc
        except BaseException as exc:
            error = exc
        finally:
            self._finish(call, error)

    def _cancel(self, call: _Call[Any]) -> None:
        call.closed = call.closed or self._closing
        if call.task is not None:
            call.task.cancel()
        else:  # not started yet: _start will refuse it
            call.closed = True

    def _cancel_all(self) -> None:
        for call in list(self._pending):
            call.closed = True
            if call.task is not None:
                call.task.cancel()

    # ---- any thread ----------------------------------------------------------------------

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def is_current(self) -> bool:
        """Whether the calling thread is running this loop (the loop thread or a leader)."""
        return (
            threading.current_thread() is self._thread or asyncio._get_running_loop() is self._loop
        )

    def run(self, fn: Callable[..., Awaitable[T]], args: tuple[Any, ...], kwargs: Any) -> T:
        """``await fn(*args, **kwargs)`` on the loop; its result (or exception) here."""
        pending = self._pending
        wait = 0.0
        while True:
            call: _Call[T] = _Call()
            pending.add(call)
            # Checked after registering: a loop that ends from now on finds the call, fails it.
            if self._closing or not self._accepting:
                pending.discard(call)
                raise _closed_error()
            if self._runner.acquire(True, wait) if wait else self._runner.acquire(False):
                return self._lead(call, fn, args, kwargs)
            try:
                self._loop.call_soon_threadsafe(self._start, call, fn, args, kwargs)
            except RuntimeError:  # the loop closed in between
                pending.discard(call)
                raise _closed_error() from None
            try:
                call.done.acquire()
            except BaseException:  # Ctrl-C (or another async exception) while waiting
                self._abandon(call)
                raise
            if not call.adopted:
                return _outcome(call)
            # Handed back unstarted: the loop thread is letting go of a lone caller's loop.
            wait = ADOPT_WAIT

    def _lead(
        self,
        call: _Call[T],
        fn: Callable[..., Awaitable[T]],
        args: tuple[Any, ...],
        kwargs: Mapping[str, Any],
    ) -> T:
        """Run the loop in this thread until ``call`` is done (the runner lock is held)."""
        loop = self._loop
        interrupted = False

        def on_sigint(signum: int, frame: Any) -> None:
            # Like asyncio.Runner: the first Ctrl-C cancels the call inside the loop (never an
            # exception thrown into the loop's machinery); a second one raises at once.
            nonlocal interrupted
            if interrupted:
                raise KeyboardInterrupt
            interrupted = True
            if call.task is not None:
                call.task.cancel()

        own_sigint = (
            threading.current_thread() is threading.main_thread()
            and _sig.getsignal(signal.SIGINT) is signal.default_int_handler
        )
        task: asyncio.Task[T] | None = None
        abandoned = False
        try:
            if own_sigint:
                _sig.signal(signal.SIGINT, on_sigint)
            try:
                # One poll first: the I/O that arrived while nobody ran the loop (a keep-alive
                # connection the server closed must not be picked for this call).
                loop.stop()
                loop.run_forever()
                if interrupted:
                    raise KeyboardInterrupt
                if self._closing:
                    raise _closed_error()
                call.task = task = loop.create_task(fn(*args, **kwargs))  # type: ignore[arg-type]
                return loop.run_until_complete(task)
            finally:
                if own_sigint:
                    _sig.signal(signal.SIGINT, signal.default_int_handler)
        except asyncio.CancelledError:
            if interrupted:  # the first Ctrl-C: the call was cancelled on the loop
                raise KeyboardInterrupt from None
            if call.closed or self._closing:
                raise _closed_error() from None
            raise
        except BaseException:
            if task is not None and not task.done():
                # A second Ctrl-C (or another exception) while the loop ran here: cancel the
                # call; the loop thread, woken below, finishes the cancellation.
                task.cancel()
                task.add_done_callback(functools.partial(self._finish_task, call))
                abandoned = True
            raise
        finally:
            if not abandoned:
                self._pending.discard(call)
            self._runner.release()
            if self._pending or asyncio.all_tasks(loop):  # work left: the loop thread runs it
                self._wake_up()
            if abandoned:
                call.done.acquire(timeout=CANCEL_WAIT)

    def _finish_task(self, call: _Call[Any], task: asyncio.Task[Any]) -> None:
        if not task.cancelled():
            task.exception()  # retrieved: nobody awaits an abandoned call
        self._finish(call, None)

    def _abandon(self, call: _Call[Any]) -> None:
        """Cancel a call whose caller stopped waiting, and give the cancellation a moment."""
        try:
            self._loop.call_soon_threadsafe(self._cancel, call)
        except RuntimeError:  # the loop has ended: nothing runs any more
            return
        self._wake_up()
        call.done.acquire(timeout=CANCEL_WAIT)

    def shutdown(
        self, aclose: Callable[[], Awaitable[Any]] | None = None, *, wait: bool = True
    ) -> None:
        """Cancel the calls in flight (their callers get :class:`ClientClosedError`), ``await
        aclose()`` on the loop, close the loop and end the thread; with ``wait``, block until
        the thread has ended. Without ``wait`` it is safe from any thread (a finalizer)."""
        if self._closing:
            return
        self._aclose = aclose
        self._closing = True
        with contextlib.suppress(RuntimeError):  # reaches a leader running the loop now
            self._loop.call_soon_threadsafe(self._cancel_all)
        self._wake_up()
        if wait and not self.is_current():
            self._thread.join(SHUTDOWN_WAIT)


def _outcome(call: _Call[T]) -> T:
    error = call.error
    if error is not None:
        call.error = None  # no cycle: error -> traceback -> a frame -> call
        raise error
    result: T = call.result
    return result


def drive(
    run: Callable[[Callable[[], Awaitable[Any]]], Any], source: AsyncIterator[T]
) -> Iterator[T]:
    """Yield the items of ``source`` in the calling thread, one crossing (``run``) per item:
    make each item a page or a batch. Stopping early closes ``source`` on the loop."""
    anext = source.__anext__
    finished = False
    try:
        while True:
            try:
                item: T = run(anext)
            except StopAsyncIteration:
                finished = True
                return
            yield item
    finally:
        aclose = getattr(source, "aclose", None)
        if not finished and aclose is not None:
            # Best effort: the client may be closed, or this may run at garbage collection.
            with contextlib.suppress(Exception):
                run(aclose)
