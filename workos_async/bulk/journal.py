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

No secret is ever stored: only ids, states, counts and error codes. The file is created
``0600`` and never opened through a symlink. A file that is not such a journal (another SQLite
database, a truncated or corrupt one, one from an older format) is refused with a
:class:`JournalError` before anything is sent.

Besides the rows, ``meta`` keeps what a resumed run needs to carry on: the run's cumulative
counters (so ``summary.json`` covers the whole import across resumes) and the rate governor's
state (a 429 pause and the learned rate).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

CREATING = "creating"
MEMBERSHIP = "membership"
DONE = "done"
FAILED = "failed"

#: ``meta.format`` of the journals this version writes and reads.
JOURNAL_FORMAT = "workos-async-bulk-journal/2"

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
    creating_at REAL,
    recovered INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS undo (
    target TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS orgs (
    ref TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    org_id TEXT,
    created INTEGER NOT NULL DEFAULT 0,
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
    "creating_at",
    "recovered",
    "updated_at",
)
_UPSERT = (
    f"INSERT INTO rows ({', '.join(_FIELDS)}) VALUES ({', '.join('?' * len(_FIELDS))}) "
    "ON CONFLICT(row_no) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in _FIELDS[1:])
)
_SELECT = f"SELECT {', '.join(_FIELDS[:-1])} FROM rows"
_ORG_UPSERT = (
    "INSERT INTO orgs (ref, state, org_id, created, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(ref) DO UPDATE SET state = excluded.state, org_id = excluded.org_id, "
    "created = excluded.created, updated_at = excluded.updated_at"
)
_META_UPSERT = (
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)


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
    #: Wall-clock time (Unix seconds) at which the row was first marked ``creating``: a user
    #: created before it can't be this import's.
    creating_at: float | None = None
    #: An ambiguous write of this row was resolved by a lookup.
    recovered: bool = False

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
            self.creating_at,
            1 if self.recovered else 0,
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
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            raise JournalError(
                f"journal {self.path!r} is not a readable import journal ({exc}): it is "
                "truncated, damaged or another file; use a new journal path"
            ) from None

    def _open(self) -> sqlite3.Connection:
        from .report import open_private

        fresh = not os.path.exists(self.path) or os.path.getsize(self.path) == 0
        os.close(open_private(self.path, truncate=False))  # 0600, never through a symlink
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            if not fresh:
                self._check(conn)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={self._synchronous}")
            conn.executescript(_SCHEMA)
            if fresh:
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?)",
                    (JOURNAL_FORMAT,),
                )
        except BaseException:
            conn.close()
            raise
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Refuse a file that is not an intact journal of this format."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        fmt = None
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            fmt = row[0] if row else None
        if fmt != JOURNAL_FORMAT:
            what = "an import journal of another format" if "rows" in tables else "not a journal"
            raise JournalError(
                f"journal {self.path!r} is {what}: refusing to use it (choose a new journal path)"
            )
        (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise JournalError(f"journal {self.path!r} is damaged ({verdict}): refusing to use it")

    def existing_rows(self) -> int:
        """Rows already recorded (0 for a new journal). Blocking; call before ``start``."""
        conn = self._connect()
        try:
            (count,) = conn.execute("SELECT COUNT(*) FROM rows").fetchone()
            return int(count)
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"journal {self.path!r} is damaged ({exc})") from None
        finally:
            conn.close()

    def read_state(self) -> dict[str, Any]:
        """The JSON ``meta`` values (counters, governor state). Blocking; before ``start``."""
        out: dict[str, Any] = {}
        for key, value in self.read_meta().items():
            if key.startswith("state."):
                with contextlib.suppress(ValueError):
                    out[key[6:]] = json.loads(value)
        return out

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

    def record_org(
        self, ref: str, state: str, org_id: str | None = None, *, created: bool = False
    ) -> asyncio.Future[None]:
        """Queue an organization's state (``creating`` before Create Organization is sent,
        ``done`` after); resolves once committed."""
        self._raise_if_failed()
        assert self._loop is not None, "Journal.start() was not awaited"
        fut: asyncio.Future[None] = self._loop.create_future()
        self._queue.put(("org", (ref, state, org_id, 1 if created else 0, time.time()), fut))
        return fut

    async def fetch_org(self, ref: str) -> tuple[str, str | None, bool] | None:
        """``(state, org_id, created)`` of an organization this import created, or ``None``."""
        self._raise_if_failed()
        assert self._loop is not None, "Journal.start() was not awaited"
        fut: asyncio.Future[Any] = self._loop.create_future()
        self._queue.put(("get_org", ref, fut))
        found = await fut
        return None if found is None else (found[0], found[1], bool(found[2]))

    def record_undo(self, target: str, state: str) -> asyncio.Future[None]:
        """Queue an undo step's state (``deleting`` before the delete, ``deleted`` after)."""
        self._raise_if_failed()
        assert self._loop is not None, "Journal.start() was not awaited"
        fut: asyncio.Future[None] = self._loop.create_future()
        self._queue.put(("undo", (target, state, time.time()), fut))
        return fut

    def undone(self) -> set[str]:
        """Undo steps already finished. Blocking; call before ``start``."""
        conn = self._connect()
        try:
            return {r[0] for r in conn.execute("SELECT target FROM undo WHERE state = 'deleted'")}
        finally:
            conn.close()

    def save_state_nowait(self, values: Mapping[str, Any]) -> None:
        """Queue JSON ``meta`` values (``read_state`` gives them back), committed with the next
        batch of rows."""
        self._raise_if_failed()
        items = [(f"state.{k}", json.dumps(v, separators=(",", ":"))) for k, v in values.items()]
        self._queue.put(("meta", items, None))

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
                    elif kind == "meta":
                        conn.executemany(_META_UPSERT, payload)
                    elif kind == "org":
                        conn.execute(_ORG_UPSERT, payload)
                    elif kind == "undo":
                        conn.execute(
                            "INSERT INTO undo (target, state, updated_at) VALUES (?, ?, ?) "
                            "ON CONFLICT(target) DO UPDATE SET state = excluded.state, "
                            "updated_at = excluded.updated_at",
                            payload,
                        )
                    elif kind == "get_org":
                        if puts:
                            conn.executemany(_UPSERT, puts)
                            self.writes += len(puts)
                            puts = []
                        row = conn.execute(
                            "SELECT state, org_id, created FROM orgs WHERE ref = ?", (payload,)
                        ).fetchone()
                        if fut is not None:
                            done.append((fut, row))
                        continue
                    elif kind == "get":
                        if puts:
                            conn.executemany(_UPSERT, puts)
                            self.writes += len(puts)
                            puts = []
                        lo, hi = payload
                        rows = conn.execute(
                            _SELECT + " WHERE row_no BETWEEN ? AND ?", (lo, hi)
                        ).fetchall()
                        result = {r[0]: _entry(r) for r in rows}
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


def _entry(r: tuple[Any, ...]) -> JournalEntry:
    entry = JournalEntry(*r)
    entry.recovered = bool(entry.recovered)
    return entry


def iter_entries(path: str | os.PathLike[str]) -> Iterator[JournalEntry]:
    """Every entry of a journal file, by key (blocking; for reports, verify, undo and tests).
    ``row_no`` is the unit's key: ``line * MAX_MEMBERSHIPS + part``."""
    conn = Journal(path)._connect()
    try:
        for r in conn.execute(_SELECT + " ORDER BY row_no"):
            yield _entry(r)
    finally:
        conn.close()


def entries_after(path: str | os.PathLike[str], after: int, limit: int) -> list[JournalEntry]:
    """Up to ``limit`` entries with a key above ``after``, by key (blocking; paging through a
    large journal in flat memory)."""
    conn = Journal(path)._connect()
    try:
        rows = conn.execute(
            _SELECT + " WHERE row_no > ? ORDER BY row_no LIMIT ?", (after, limit)
        ).fetchall()
        return [_entry(r) for r in rows]
    finally:
        conn.close()


def iter_created_orgs(path: str | os.PathLike[str]) -> Iterator[tuple[str, str]]:
    """``(ref, org_id)`` of every organization the import created (blocking)."""
    conn = Journal(path)._connect()
    try:
        yield from conn.execute(
            "SELECT ref, org_id FROM orgs WHERE state = 'done' AND created = 1 ORDER BY ref"
        )
    finally:
        conn.close()
