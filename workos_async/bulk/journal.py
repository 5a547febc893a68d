"""The import journal: one SQLite row per source row, saying how far it got.

A row moves ``creating`` → (``membership``) → ``done``, or ends ``failed``. Each state that
precedes a write (``creating`` before Create User, ``membership`` before Create Organization
Membership) is committed *before* that write is sent, so after a crash — ``kill -9`` included —
the journal tells exactly which writes may have happened: a row left in ``creating`` or
``membership`` is in doubt and is resolved by a lookup before anything is re-sent.

SQLite runs in WAL mode on a dedicated thread (the event loop never waits on disk). Writers
enqueue and await a future; the thread commits whatever has queued up as one transaction
(group commit), so thousands of rows a second cost a few hundred commits. With
``synchronous=NORMAL`` (default) a commit survives the process being killed; ``FULL`` also
survives power loss, at an fsync per commit.

No secret is ever stored: only ids, states, counts and error codes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any, Literal

import attrs

CREATING = "creating"
MEMBERSHIP = "membership"
DONE = "done"
FAILED = "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
    row_no INTEGER PRIMARY KEY,
    fp TEXT NOT NULL,
    state TEXT NOT NULL,
    action TEXT,
    user_id TEXT,
    membership_id TEXT,
    membership_action TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    http_status INTEGER,
    request_id TEXT,
    message TEXT,
    updated_at REAL NOT NULL
);
"""
_FIELDS = (
    "row_no",
    "fp",
    "state",
    "action",
    "user_id",
    "membership_id",
    "membership_action",
    "attempts",
    "error_code",
    "http_status",
    "request_id",
    "message",
    "updated_at",
)
_UPSERT = (
    f"INSERT INTO rows ({', '.join(_FIELDS)}) VALUES ({', '.join('?' * len(_FIELDS))}) "
    "ON CONFLICT(row_no) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in _FIELDS[1:])
)
_SELECT = f"SELECT {', '.join(_FIELDS[:-1])} FROM rows"


@attrs.define(slots=True)
class JournalEntry:
    """What the journal knows about one row."""

    row_no: int
    fp: str
    state: str
    action: str | None = None
    user_id: str | None = None
    membership_id: str | None = None
    membership_action: str | None = None
    attempts: int = 0
    error_code: str | None = None
    http_status: int | None = None
    request_id: str | None = None
    message: str | None = None

    def as_tuple(self) -> tuple[Any, ...]:
        return (
            self.row_no,
            self.fp,
            self.state,
            self.action,
            self.user_id,
            self.membership_id,
            self.membership_action,
            self.attempts,
            self.error_code,
            self.http_status,
            self.request_id,
            self.message,
            time.time(),
        )


class JournalError(RuntimeError):
    """The journal can't be used as asked (exists without resume, or doesn't match the
    source)."""


_Op = tuple[str, Any, "asyncio.Future[Any] | None"]


class Journal:
    """An SQLite journal driven from asyncio through one writer thread."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        synchronous: Literal["NORMAL", "FULL"] = "NORMAL",
        max_batch: int = 4096,
    ) -> None:
        if synchronous not in ("NORMAL", "FULL"):
            raise ValueError("synchronous: expected 'NORMAL' or 'FULL'")
        self.path = os.fspath(path)
        self._synchronous = synchronous
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Op] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._failure: BaseException | None = None
        #: Commits made (for the benchmark / summary).
        self.commits = 0
        self.writes = 0

    # -- lifecycle -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={self._synchronous}")
        conn.executescript(_SCHEMA)
        return conn

    def existing_rows(self) -> int:
        """Rows already recorded (0 for a new journal). Blocking; call before ``start``."""
        conn = self._connect()
        try:
            (count,) = conn.execute("SELECT COUNT(*) FROM rows").fetchone()
            return int(count)
        finally:
            conn.close()

    def read_meta(self) -> dict[str, str]:
        """The journal's ``meta`` table. Blocking; call before ``start``."""
        conn = self._connect()
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()

    def write_meta(self, values: dict[str, str]) -> None:
        """Store ``meta`` keys. Blocking; call before ``start``."""
        conn = self._connect()
        try:
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )
        finally:
            conn.close()

    async def start(self) -> None:
        """Open the database and start the writer thread."""
        if self._thread is not None:
            return
        self._loop = asyncio.get_running_loop()
        conn = await asyncio.to_thread(self._connect)
        self._thread = threading.Thread(
            target=self._run, args=(conn,), name="workos-bulk-journal", daemon=True
        )
        self._thread.start()

    async def close(self) -> None:
        """Commit everything queued, then stop the thread and close the database."""
        if self._thread is None:
            return
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.put(("stop", None, fut))
        await fut
        await asyncio.to_thread(self._thread.join)
        self._thread = None

    # -- asyncio side ----------------------------------------------------------------------

    def record(self, entry: JournalEntry) -> asyncio.Future[None]:
        """Queue ``entry``; the returned future resolves once it is committed. Await it before
        sending the write it announces; ignore it when nothing depends on it."""
        self._raise_if_failed()
        assert self._loop is not None, "Journal.start() was not awaited"
        fut: asyncio.Future[None] = self._loop.create_future()
        self._queue.put(("put", entry.as_tuple(), fut))
        return fut

    def record_nowait(self, entry: JournalEntry) -> None:
        """Queue ``entry`` with nobody waiting for its commit."""
        self._raise_if_failed()
        self._queue.put(("put", entry.as_tuple(), None))

    async def fetch(self, lo: int, hi: int) -> dict[int, JournalEntry]:
        """Entries for rows ``lo..hi`` (inclusive) by row number; sees every write queued
        before it."""
        self._raise_if_failed()
        assert self._loop is not None, "Journal.start() was not awaited"
        fut: asyncio.Future[dict[int, JournalEntry]] = self._loop.create_future()
        self._queue.put(("get", (lo, hi), fut))
        return await fut

    async def flush(self) -> None:
        """Wait until everything queued so far is committed."""
        assert self._loop is not None, "Journal.start() was not awaited"
        fut: asyncio.Future[None] = self._loop.create_future()
        self._queue.put(("flush", None, fut))
        await fut

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise JournalError(f"journal {self.path!r} failed: {self._failure}") from (
                self._failure
            )

    # -- writer thread ---------------------------------------------------------------------

    def _run(self, conn: sqlite3.Connection) -> None:
        q = self._queue
        stopping = False
        while not stopping:
            ops = [q.get()]
            while len(ops) < self._max_batch:
                try:
                    ops.append(q.get_nowait())
                except queue.Empty:
                    break
            done: list[tuple[asyncio.Future[Any], Any]] = []
            error: BaseException | None = None
            try:
                conn.execute("BEGIN")
                puts: list[tuple[Any, ...]] = []
                for kind, payload, fut in ops:
                    if kind == "put":
                        puts.append(payload)
                    elif kind == "get":
                        if puts:
                            conn.executemany(_UPSERT, puts)
                            self.writes += len(puts)
                            puts = []
                        lo, hi = payload
                        rows = conn.execute(
                            _SELECT + " WHERE row_no BETWEEN ? AND ?", (lo, hi)
                        ).fetchall()
                        result = {r[0]: JournalEntry(*r) for r in rows}
                        if fut is not None:
                            done.append((fut, result))
                        continue
                    elif kind == "stop":
                        stopping = True
                    if fut is not None:
                        done.append((fut, None))
                if puts:
                    conn.executemany(_UPSERT, puts)
                    self.writes += len(puts)
                conn.execute("COMMIT")
                self.commits += 1
            except BaseException as exc:  # a disk error must reach the waiters, not vanish
                error = exc
                self._failure = exc
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if stopping or error is not None:
                conn.close()
                stopping = True
            if self._loop is not None and done:
                self._loop.call_soon_threadsafe(_settle, done, error)
        # Anyone who queued after the stop or failure must not wait forever.
        leftover: list[tuple[asyncio.Future[Any], Any]] = []
        while True:
            try:
                _, _, fut = q.get_nowait()
            except queue.Empty:
                break
            if fut is not None:
                leftover.append((fut, None))
        if leftover and self._loop is not None:
            err = self._failure or JournalError("journal is closed")
            self._loop.call_soon_threadsafe(_settle, leftover, err)


def _settle(done: list[tuple[asyncio.Future[Any], Any]], error: BaseException | None) -> None:
    for fut, result in done:
        if fut.done():
            continue
        if error is not None:
            fut.set_exception(JournalError(f"journal write failed: {error}"))
        else:
            fut.set_result(result)


def iter_entries(path: str | os.PathLike[str]) -> Iterator[JournalEntry]:
    """Every entry of a journal file, by row number (blocking; for reports and tests)."""
    conn = sqlite3.connect(os.fspath(path))
    try:
        for r in conn.execute(_SELECT + " ORDER BY row_no"):
            yield JournalEntry(*r)
    finally:
        conn.close()
