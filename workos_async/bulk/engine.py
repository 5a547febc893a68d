"""The import engine: a producer reading and validating rows, ``concurrency`` workers driving
each row through its states, and a sink reporting each finished row.

Exactly once, per row:

1. ``creating`` is committed to the journal, then Create User is sent (no transport retries).
2. An answer that leaves it unknown whether the user was created (timeout, reset, 5xx, a cut
   body) makes the row *in doubt*: before anything is re-sent, the user is looked up (by
   external_id; by email only when the row has none). The row's → done. Nothing of the row's
   → sending again is safe.
3. ``membership`` (with the user id) is committed, then Create Organization Membership is
   sent, with the same in-doubt rule (lookup = the user's memberships in that org).
4. ``done``.

A 429 is never ambiguous (nothing was applied): the governor pauses every worker for
``Retry-After`` and the same request is sent again; 429s never fail a row.

A user found by an in-doubt lookup is this import's only if WorkOS created it after the row was
marked ``creating`` (its ``created_at`` against the journal's ``creating_at``, allowing
``clock_skew``); an older one existed before the run and gets the ``on_conflict`` policy, so a
pre-existing user is never reported ``created`` (nor deleted by ``undo``). The same holds for a
membership (an older one is ``existing``).

An organization named by a row is checked to exist before the row's user is created (no orphan
users). A 401, or a 403 before any request succeeded, means a wrong key or environment: the run
stops at once with :class:`ImportAborted` instead of failing every row.

Shared with the core (``workos_async._in_doubt``, the one implementation the transport applies
after an ambiguous POST): the lookups (``find_users``, ``find_memberships``,
``find_organizations``, called on this import's client) and the decision which found object
is the call's (``decide`` / ``settle``, returning a ``Resolution``: ``found`` is the row's,
``existing`` matches but is not). Bulk's own, as policy: every lookup runs through
``_read`` (the governor: paced, retried, 429s counted with the import's; the client's own
resolution is off with ``max_retries=0``), the call's start is the journal's ``creating_at``
(so it survives a SIGKILL), ``clock_skew`` is an import option, an unreadable ``created_at``
counts as the row's (``unknown=True``), ``existing`` gets ``on_conflict``, a 409/422 "user
exists" looks the user up by external_id and then by email (a conflict may be on the email
alone), and an organization named by name is looked up in a new walk of
``list_organizations`` (no natural key: the core can't resolve those).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
import os
import random
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal, Protocol

import attrs

from .. import _in_doubt as in_doubt
from .._errors import (
    APIError,
    AuthenticationError,
    AuthorizationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    RateLimitExceededError,
    ResponseDecodeError,
    ServerError,
    WorkOSConnectionError,
)
from .._retry import INITIAL_DELAY, backoff_delay
from .._telemetry import SPAN_NAME_BULK_RUN, operation_span
from .governor import Governor, Kind, RateGovernor, RateLimitConfig
from .journal import CREATING, DONE, FAILED, MEMBERSHIP, Journal, JournalEntry, JournalError
from .results import ImportStats, ImportSummary, RowError, RowResult
from .rows import MAX_MEMBERSHIPS, InvalidRow, RowValidator, UserRow
from .sources import SourceFormat, aiter_rows, count_rows

OnConflict = Literal["adopt", "skip", "update", "fail"]
ON_CONFLICT: tuple[str, ...] = ("adopt", "skip", "update", "fail")

#: Create User answers meaning "a user with this email / external_id already exists".
_USER_EXISTS_CODES = frozenset(
    {"user_already_exists", "email_not_available", "external_id_already_used", "conflict"}
)
#: Create Organization Membership answers meaning "already a member".
_MEMBERSHIP_EXISTS_CODES = frozenset(
    {"conflict", "organization_membership_already_exists", "membership_already_exists"}
)


class SupportsImport(Protocol):
    """What the engine needs of a client: ``AsyncWorkOS`` fits."""

    @property
    def user_management(self) -> Any: ...

    @property
    def organizations(self) -> Any: ...


@attrs.frozen
class ImportOptions:
    """How an import runs. Every field has a sensible default."""

    #: What to do when a user with the row's email or external_id already exists.
    on_conflict: OnConflict = "adopt"
    #: Requests in flight at most (and rows being worked on).
    concurrency: int = 32
    #: Journal file (SQLite). ``None``: a temporary one, removed at the end (no resume).
    journal: str | os.PathLike[str] | None = None
    #: Continue from an existing journal instead of refusing to reuse it.
    resume: bool = False
    #: On resume, try again the rows that failed with a definitive answer (4xx) last time.
    #: Rows whose retries ran out on 5xx/timeouts are always tried again.
    retry_failed: bool = False
    rate_limits: RateLimitConfig = attrs.field(factory=RateLimitConfig)
    #: Sends per request on ambiguous or 5xx answers before the row fails (429s don't count).
    max_attempts: int = 8
    #: 429s tolerated per request before the row fails (each one pauses for Retry-After).
    max_rate_limited: int = 1000
    #: Per-request timeout in seconds (``None``: the client's).
    timeout: float | None = 30.0
    #: First backoff after an ambiguous answer, doubled each time up to ``backoff_cap``.
    backoff: float = 0.2
    backoff_cap: float = 5.0
    #: ``NORMAL``: a commit survives the process dying; ``FULL``: also power loss (slower).
    journal_sync: Literal["NORMAL", "FULL"] = "NORMAL"
    #: Source format (``--from``): ``csv``, ``jsonl`` or a provider's export (``auth0``,
    #: ``clerk``, ``firebase``, ``cognito``); by default told from the file name.
    format: SourceFormat | None = None
    #: How many rows the source holds, for the progress total and ETA (counted in the
    #: background when not given).
    total: int | None = None
    #: Seconds by which WorkOS's clock may trail ours: a user created more than this before
    #: the row was marked ``creating`` existed before the import.
    clock_skew: float = 5.0
    #: Create an organization a row names (by external id or name) when it does not exist:
    #: once, exactly once through the journal, before any of its users.
    create_organizations: bool = False

    def __attrs_post_init__(self) -> None:
        if self.on_conflict not in ON_CONFLICT:
            raise ValueError(
                f"on_conflict: expected one of {', '.join(ON_CONFLICT)}, got {self.on_conflict!r}"
            )
        if not isinstance(self.concurrency, int) or self.concurrency < 1:
            raise ValueError("concurrency: expected an integer >= 1")
        if self.max_attempts < 1:
            raise ValueError("max_attempts: expected an integer >= 1")
        if self.resume and self.journal is None:
            raise ValueError("resume: needs a journal path")


class ImportAborted(RuntimeError):
    """The import can't go on at all (a wrong API key or environment): nothing more is sent.
    The journal keeps every row's state, so ``resume`` continues once the cause is fixed."""


class RowFailed(Exception):
    """Ends one row as failed (internal)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.code)
        self.error = error


class _Ambiguous(Exception):
    """A write got no definite answer (internal)."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(type(cause).__name__)
        self.cause = cause


def _row_error(exc: BaseException, *, transient: bool = False) -> RowError:
    if isinstance(exc, APIError):
        return RowError(
            code=exc.code or f"http_{exc.status}",
            message=exc.message[:300],
            status=exc.status,
            request_id=exc.request_id,
            transient=transient,
        )
    if isinstance(exc, WorkOSConnectionError):
        return RowError(
            code="timeout" if "Timeout" in type(exc).__name__ else "connection_error",
            message=exc.message[:300],
            request_id=exc.request_id,
            transient=True,
        )
    return RowError(code=type(exc).__name__, message=str(exc)[:300], transient=transient)


def _is_ambiguous(exc: BaseException) -> bool:
    """Could the request have been applied although no success came back?"""
    if isinstance(exc, (WorkOSConnectionError, ServerError, ResponseDecodeError)):
        return True
    return isinstance(exc, APIError) and exc.status == 408


def _error_codes(exc: APIError) -> set[str]:
    codes = {exc.code} if exc.code else set()
    for item in exc.errors or ():
        code = item.get("code") if isinstance(item, Mapping) else None
        if isinstance(code, str):
            codes.add(code)
    return codes


def _user_exists(exc: APIError) -> bool:
    if isinstance(exc, ConflictError):
        return True
    return isinstance(exc, BadRequestError) and bool(_error_codes(exc) & _USER_EXISTS_CODES)


def _membership_exists(exc: APIError) -> bool:
    if isinstance(exc, ConflictError):
        return True
    return bool(_error_codes(exc) & _MEMBERSHIP_EXISTS_CODES) and exc.status in (400, 409, 422)


def _user_sent(row: UserRow) -> dict[str, Any]:
    """What this row's Create User sends of the fields a found user must share with it."""
    return {name: getattr(row, name, None) for name in in_doubt.USER_FIELDS}


@attrs.define(slots=True)
class _RowState:
    row: UserRow
    fp: str
    attempts: int = 0
    action: str | None = None
    user_id: str | None = None
    membership_id: str | None = None
    membership: str | None = None
    recovered: bool = False
    had_doubt: bool = False
    creating_at: float | None = None

    def entry(self, state: str, error: RowError | None = None) -> JournalEntry:
        return JournalEntry(
            row_no=self.row.key,
            fp=self.fp,
            state=state,
            action=self.action,
            user_id=self.user_id,
            membership_id=self.membership_id,
            membership_action=self.membership,
            attempts=self.attempts,
            error_code=error.code if error else None,
            http_status=error.status if error else None,
            request_id=error.request_id if error else None,
            message=error.message if error else None,
            creating_at=self.creating_at,
            recovered=self.recovered,
        )

    def result(self, outcome: str, error: RowError | None = None) -> RowResult:
        row = self.row
        return RowResult(
            row_no=row.row_no,
            outcome=outcome,
            email=row.email,
            external_id=row.external_id,
            user_id=self.user_id,
            membership_id=self.membership_id,
            membership=self.membership,
            attempts=self.attempts,
            recovered=self.recovered,
            error=error,
            columns=row.public_columns() if outcome == "failed" else {},
            warnings=row.warnings,
            part=row.part,
            user_row=row.user_row,
        )


ResultSink = Callable[[RowResult], Awaitable[None] | None]


class Importer:
    """Runs one import. Use :func:`workos_async.bulk.import_users` rather than this class."""

    def __init__(
        self,
        client: SupportsImport,
        options: ImportOptions | None = None,
        *,
        governor: Governor | None = None,
        stats: ImportStats | None = None,
    ) -> None:
        self.client = client
        self.options = options or ImportOptions()
        self.governor: Governor = governor or RateGovernor(self.options.rate_limits)
        self.stats = stats or ImportStats()
        self._journal: Journal | None = None
        self._orgs: dict[str, asyncio.Future[str]] = {}
        #: Units creating a user, by journal key, while they run: a unit adding another
        #: membership to that user waits on it (then reads the journal).
        self._inflight: dict[int, asyncio.Future[str | None]] = {}
        self._org_names: dict[str, list[str]] | None = None
        self._org_names_lock = asyncio.Lock()
        # The governor counts this import's requests: the client's rate_limiter must not too.
        self._request_options: dict[str, Any] = {
            "max_retries": 0,
            "rate_limit": False,
            "priority": "bulk",
        }
        if self.options.timeout is not None:
            self._request_options["timeout"] = self.options.timeout

    # -- running ---------------------------------------------------------------------------

    #: Plan mode sets this to False: no journal, no writes.
    journaled = True
    mode = "import"

    async def run(self, source: Any, sink: ResultSink) -> ImportSummary:
        """Import every row of ``source``, handing each finished row to ``sink``."""
        with operation_span(SPAN_NAME_BULK_RUN, {"workos.bulk.mode": self.mode}) as span:
            summary = await self._run(source, sink)
            if span is not None:
                span.set_attribute("workos.bulk.requests", sum(self.stats.requests.values()))
            return summary

    async def _run(self, source: Any, sink: ResultSink) -> ImportSummary:
        opts = self.options
        tmpdir: tempfile.TemporaryDirectory[str] | None = None
        if opts.journal is None or not self.journaled:
            tmpdir = tempfile.TemporaryDirectory(prefix="workos-import-")
            journal_path: str | os.PathLike[str] = os.path.join(tmpdir.name, "journal.sqlite")
        else:
            journal_path = opts.journal
        journal = Journal(journal_path, synchronous=opts.journal_sync)
        existing = await asyncio.to_thread(journal.existing_rows)
        if existing and not opts.resume:
            raise JournalError(
                f"journal {os.fspath(journal_path)!r} already holds {existing} rows: pass "
                "resume=True (--resume) to continue that import, or use a new journal path"
            )
        self._journal = journal
        if existing and self.journaled:
            state = await asyncio.to_thread(journal.read_state)
            self.stats.restore_prior(state.get("totals"))
            if isinstance(state.get("governor"), Mapping):
                self.governor.restore(state["governor"])
        if opts.total is not None:
            self.stats.total_estimate = opts.total
        await journal.start()
        queue: asyncio.Queue[tuple[UserRow, JournalEntry | None] | None] = asyncio.Queue(
            maxsize=opts.concurrency * 2
        )
        counter: asyncio.Task[None] | None = None
        saver: asyncio.Task[None] | None = None
        if self.stats.total_estimate is None:
            counter = asyncio.get_running_loop().create_task(self._count(source))
        if self.journaled:
            saver = asyncio.get_running_loop().create_task(self._save_state_every(1.0))
        try:
            async with asyncio.TaskGroup() as tg:
                workers = [
                    tg.create_task(self._worker(queue, sink)) for _ in range(opts.concurrency)
                ]
                # On an error the task group cancels the workers; no sentinel needed then.
                await self._produce(source, queue, sink, resuming=existing > 0)
                for _ in workers:
                    await queue.put(None)
        except BaseExceptionGroup as group:
            # Surface the first real error, not the group wrapper.
            raise group.exceptions[0] from None
        finally:
            for task in (counter, saver):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            self.stats.finished = time.monotonic()
            try:
                if self.journaled:
                    with contextlib.suppress(JournalError):
                        self._save_state()
                await journal.close()
            finally:
                if tmpdir is not None:
                    tmpdir.cleanup()
        return ImportSummary.from_stats(self.stats, mode=self.mode, plan=self.plan_details())

    async def _count(self, source: Any) -> None:
        """Count the source's rows in a thread (the progress total), alongside the import."""
        total = await asyncio.to_thread(count_rows, source, self.options.format)
        if self.stats.total_estimate is None:
            self.stats.total_estimate = total

    def _save_state(self) -> None:
        """Queue the counters and the governor's state into the journal's ``meta``."""
        assert self._journal is not None
        self._journal.save_state_nowait(
            {"totals": self.stats.totals(), "governor": self.governor.state()}
        )

    async def _save_state_every(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self._save_state()

    def plan_details(self) -> dict[str, Any] | None:
        """Extra summary data (plan mode)."""
        return None

    async def _emit(self, sink: ResultSink, result: RowResult) -> None:
        self.stats.add_result(result)
        out = sink(result)
        if out is not None:
            await out

    async def _produce(
        self,
        source: Any,
        queue: asyncio.Queue[tuple[UserRow, JournalEntry | None] | None],
        sink: ResultSink,
        *,
        resuming: bool,
    ) -> None:
        assert self._journal is not None
        validator = RowValidator()
        loop = asyncio.get_running_loop()
        async for chunk in aiter_rows(source, self.options.format):
            entries: dict[int, JournalEntry] = {}
            if resuming:
                entries = await self._journal.fetch(
                    chunk[0][0] * MAX_MEMBERSHIPS,
                    chunk[-1][0] * MAX_MEMBERSHIPS + MAX_MEMBERSHIPS - 1,
                )
            for row_no, raw in chunk:
                parsed = validator.check(row_no, raw)
                if isinstance(parsed, InvalidRow):
                    await self._emit(sink, _invalid_result(parsed))
                    continue
                for unit in parsed.units():
                    entry = entries.get(unit.key)
                    if entry is not None:
                        if entry.fp != unit.fingerprint():
                            raise JournalError(
                                f"journal row {row_no} was written for a different source row: "
                                "resume with the same file, unchanged"
                            )
                        if entry.state == DONE or (
                            entry.state == FAILED and not self.options.retry_failed
                        ):
                            await self._emit(sink, _resumed_result(unit, entry))
                            continue
                    if unit.user_row is None:
                        self._inflight[unit.key] = loop.create_future()
                    await queue.put((unit, entry))
            await asyncio.sleep(0)

    async def _worker(
        self,
        queue: asyncio.Queue[tuple[UserRow, JournalEntry | None] | None],
        sink: ResultSink,
    ) -> None:
        while (item := await queue.get()) is not None:
            row, entry = item
            self.stats.in_flight += 1
            result: RowResult | None = None
            try:
                result = await self._process(row, entry)
            finally:
                self.stats.in_flight -= 1
                waiting = self._inflight.pop(row.key, None)
                if waiting is not None and not waiting.done():
                    ok = result is not None and result.outcome not in ("failed", "skipped")
                    waiting.set_result(result.user_id if ok and result is not None else None)
            await self._emit(sink, result)

    # -- one row ---------------------------------------------------------------------------

    async def _process(self, row: UserRow, entry: JournalEntry | None) -> RowResult:
        assert self._journal is not None
        st = _RowState(row=row, fp=row.fingerprint())
        phase = None
        if entry is not None:
            st.attempts = entry.attempts
            st.action = entry.action
            st.user_id = entry.user_id
            st.membership_id = entry.membership_id
            st.membership = entry.membership_action
            st.creating_at = entry.creating_at
            st.recovered = entry.recovered
            phase = entry.state
            if phase == FAILED:
                # A definitive refusal last time: nothing was applied for the phase that failed.
                phase = MEMBERSHIP if st.user_id and row.wants_membership else None
                if phase is None:
                    st.action = st.user_id = None
        try:
            if row.user_row is not None and phase != MEMBERSHIP:
                # Another membership for a user another unit imports.
                await self._organization_id(st)
                user_id = await self._linked_user(st)
                if user_id is None:
                    st.action = "skipped"
                    self._journal.record_nowait(st.entry(DONE))
                    return st.result("skipped")
                st.user_id, st.action = user_id, "linked"
                await self._create_membership(st, in_doubt=False)
                self._journal.record_nowait(st.entry(DONE))
                return st.result("linked")
            if phase is None or phase == CREATING:
                if row.wants_membership:
                    # An unknown organization fails the row before its user exists.
                    await self._organization_id(st)
                await self._create_user(st, in_doubt=phase == CREATING)
                if st.action == "skipped" or not row.wants_membership:
                    self._journal.record_nowait(st.entry(DONE))
                    return st.result(st.action or "created")
                await self._create_membership(st, in_doubt=False)
            else:  # MEMBERSHIP: the membership may or may not exist
                await self._create_membership(st, in_doubt=True)
            self._journal.record_nowait(st.entry(DONE))
            return st.result(st.action or "created")
        except RowFailed as failed:
            err = failed.error
            # Transient: keep the phase so a resume starts with a lookup; definitive: FAILED.
            state = FAILED
            if err.transient:
                state = MEMBERSHIP if st.user_id and row.wants_membership else CREATING
            self._journal.record_nowait(st.entry(state, err))
            return st.result("failed", err)

    async def _create_user(self, st: _RowState, *, in_doubt: bool) -> None:
        assert self._journal is not None
        row = st.row
        if not in_doubt:
            if st.creating_at is None:
                st.creating_at = time.time()
            await self._journal.record(st.entry(CREATING))  # durable before the send
        tries = 0
        while True:
            if in_doubt:
                if await self._resolve_user(st):
                    return
                in_doubt = False  # not applied: sending again can't duplicate
            tries += 1
            try:
                user = await self._send(
                    st, "write", self.client.user_management.create_user, **row.user_fields()
                )
            except _Ambiguous as amb:
                st.had_doubt = in_doubt = True
                if tries >= self.options.max_attempts:
                    # Out of sends; still, one lookup tells whether the last one worked.
                    if await self._resolve_user(st):
                        return
                    raise RowFailed(_row_error(amb.cause, transient=True)) from None
                await self._sleep_backoff(tries)
                continue
            except APIError as exc:
                if _user_exists(exc):
                    await self._on_conflict(st, exc)
                    return
                raise RowFailed(_row_error(exc)) from None
            st.user_id = user.id
            st.action = "created"
            return

    def _started(self, st: _RowState) -> float:
        """When the row's create started: the journal's ``creating_at`` (it survives a crash);
        unknown (a journal from before ``creating_at`` was kept): any time, as the row's own
        lookup found it."""
        return -math.inf if st.creating_at is None else st.creating_at

    def _reader(self, st: _RowState) -> in_doubt.Read:
        """The shared lookups' reads for ``st``: through the governor, retried (``_read``)."""
        return functools.partial(self._read, st)

    async def _settle(
        self, st: _RowState, kind: in_doubt.Kind, sent: Mapping[str, Any], started_at: float
    ) -> in_doubt.Resolution:
        """The core's in-doubt resolution (``_in_doubt.settle``: its lookup and its decision)
        on this import's terms: reads paced by the governor, ``clock_skew``, and an unreadable
        ``created_at`` counting as the row's."""
        return await in_doubt.settle(
            kind,
            self._reader(st),
            self.client,
            sent,
            started_at,
            skew=self.options.clock_skew,
            unknown=True,
        )

    async def _resolve_user(self, st: _RowState) -> bool:
        """An in-doubt Create User: settle the row from the shared lookup; ``False`` when no
        user is the row's at all (then sending the create again is safe). A matching user the
        row did not create existed before: ``on_conflict`` (bulk's policy)."""
        resolution = await self._settle(st, in_doubt.USER, _user_sent(st.row), self._started(st))
        if resolution.found is not None:
            st.user_id = resolution.found.id
            st.action = "created"
            st.recovered = True
        elif resolution.existing is not None:
            st.user_id = resolution.existing.id
            await self._apply_policy(st, resolution.existing, status=None, request_id=None)
        else:
            return False
        return True

    async def _on_conflict(self, st: _RowState, exc: APIError) -> None:
        user = await self._find_user(st)
        if user is None:
            raise RowFailed(
                RowError(
                    code="conflict_unresolved",
                    message="WorkOS reported an existing user, but no user with this "
                    "external_id or email was found",
                    status=exc.status,
                    request_id=exc.request_id,
                )
            )
        st.user_id = user.id
        if st.had_doubt:
            ours = in_doubt.decide(
                in_doubt.USER,
                [user],
                _user_sent(st.row),
                self._started(st),
                skew=self.options.clock_skew,
                unknown=True,
            )
            if ours.found is not None:
                # Our own earlier, ambiguous attempt created it.
                st.action = "created"
                st.recovered = True
                return
        await self._apply_policy(st, user, status=exc.status, request_id=exc.request_id)

    async def _apply_policy(
        self, st: _RowState, user: Any, *, status: int | None, request_id: str | None
    ) -> None:
        """``on_conflict`` for a user that existed before this import."""
        policy = self.options.on_conflict
        if policy == "adopt":
            st.action = "adopted"
        elif policy == "skip":
            st.action = "skipped"
        elif policy == "fail":
            raise RowFailed(
                RowError(
                    code="user_exists",
                    message="a user with this email or external_id already exists "
                    "(on_conflict=fail)",
                    status=status,
                    request_id=request_id,
                )
            )
        else:
            await self._update_user(st, user)
            st.action = "updated"

    async def _update_user(self, st: _RowState, user: Any) -> None:
        fields = st.row.user_fields()
        if isinstance(user.email, str) and user.email.lower() == st.row.email.lower():
            del fields["email"]  # unchanged; some servers refuse a no-op email change
        tries = 0
        while True:
            tries += 1
            try:
                await self._send(
                    st, "write", self.client.user_management.update_user, user.id, **fields
                )
                return
            except _Ambiguous as amb:
                # Update is idempotent: sending it again is safe.
                if tries >= self.options.max_attempts:
                    raise RowFailed(_row_error(amb.cause, transient=True)) from None
                await self._sleep_backoff(tries)
            except APIError as exc:
                raise RowFailed(_row_error(exc)) from None

    async def _find_user(self, st: _RowState) -> Any | None:
        """The existing user WorkOS reports a conflict with (or a plan would): the shared
        finder's user with the row's external_id, else with its email (reads)."""
        row = st.row
        read = self._reader(st)
        if row.external_id is not None:
            users = await in_doubt.find_users(read, self.client, _user_sent(row))
            if users:
                return users[0]
        # Unlike an in-doubt lookup, a conflict may be on the email alone: a user with this
        # email but another (or no) external_id is the one that exists.
        email = {"email": row.email}
        users = await in_doubt.find_users(read, self.client, email)
        return next((u for u in users if in_doubt.matches_sent(email, u, ("email",))), None)

    async def _linked_user(self, st: _RowState) -> str | None:
        """The user id the unit's ``user_row`` imported (waiting for it if it is running);
        ``None`` when that row skipped its user. Fails the unit when that row failed."""
        assert self._journal is not None and st.row.user_row is not None
        key = st.row.user_row * MAX_MEMBERSHIPS
        waiting = self._inflight.get(key)
        if waiting is not None:
            user_id = await asyncio.shield(waiting)
            if user_id is not None:
                return user_id
        entry = (await self._journal.fetch(key, key)).get(key)
        if entry is not None and entry.action == "skipped":
            return None
        if entry is None or entry.user_id is None:
            raise RowFailed(
                RowError(
                    code="user_row_failed",
                    message=f"the row that imports this user (line {st.row.user_row}) did not",
                )
            )
        return entry.user_id

    async def _organization_id(self, st: _RowState) -> str:
        """The row's organization id, checked to exist (or created with
        ``create_organizations``): one lookup per organization per run, cached and shared by
        concurrent rows."""
        row = st.row
        if row.organization_id is not None:
            key = "id:" + row.organization_id
        elif row.organization_external_id is not None:
            key = "ext:" + row.organization_external_id
        else:
            assert row.organization_name is not None
            key = "name:" + row.organization_name
        fut = self._orgs.get(key)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._orgs[key] = fut
            try:
                org_id = await self._resolve_org(st, key)
            except RowFailed as failed:
                fut.set_exception(failed)
            except BaseException as exc:
                del self._orgs[key]  # transient: let the next row try again
                fut.set_exception(exc)
                fut.exception()  # mark retrieved
                raise
            else:
                fut.set_result(org_id)
        return await asyncio.shield(fut)

    async def _find_org(self, st: _RowState, key: str, *, fresh: bool = False) -> str | None:
        """Look an organization up by its ref (``id:``, ``ext:``, ``name:``); ``None`` when
        missing. ``fresh``: a name is looked up in a new walk of the list, not the run's cache
        (after a create whose outcome is unknown)."""
        kind, _, value = key.partition(":")
        orgs = self.client.organizations
        if kind == "name":
            if fresh:
                async with self._org_names_lock:
                    self._org_names = None
            ids = (await self._names(st)).get(value, [])
            if len(ids) > 1:
                raise RowFailed(
                    RowError(
                        code="organization_name_ambiguous",
                        message=f"{len(ids)} organizations have this organization_name",
                    )
                )
            return ids[0] if ids else None
        if kind == "ext":
            try:
                found = await in_doubt.find_organizations(
                    self._reader(st), self.client, {"external_id": value}
                )
            except in_doubt.NoKey as why:
                raise RowFailed(
                    RowError(code="invalid_organization_external_id", message=str(why))
                ) from None
            return str(found[0].id) if found else None
        try:
            org = await self._read(st, orgs.get_organization, value)
        except NotFoundError:
            return None
        return str(org.id)

    async def _names(self, st: _RowState) -> dict[str, list[str]]:
        """Organization ids by name: every organization listed once per run."""
        async with self._org_names_lock:
            if self._org_names is None:
                lister = getattr(self.client.organizations, "list_organizations", None)
                if lister is None:
                    raise RowFailed(
                        RowError(
                            code="organization_name_unsupported",
                            message="this client can't list organizations: name them by id or "
                            "external id",
                        )
                    )
                names: dict[str, list[str]] = {}
                after: str | None = None
                while True:
                    kwargs: dict[str, Any] = {"limit": 100}
                    if after:
                        kwargs["after"] = after
                    page = await self._read(st, lister, **kwargs)
                    for org in page.data:
                        names.setdefault(org.name, []).append(org.id)
                    after = getattr(getattr(page, "list_metadata", None), "after", None)
                    if not after or not page.data:
                        break
                self._org_names = names
            return self._org_names

    async def _resolve_org(self, st: _RowState, key: str) -> str:
        found = await self._find_org(st, key)
        if found is not None:
            if self.options.create_organizations and self.journaled:
                assert self._journal is not None
                known = await self._journal.fetch_org(key)
                if known is not None and known[0] == CREATING:
                    # A crash left our create in doubt, and it was applied: ours.
                    await self._journal.record_org(key, DONE, found, created=True)
            return found
        kind = key.partition(":")[0]
        if kind == "id" or not self.options.create_organizations or not self.journaled:
            if kind != "id" and self.options.create_organizations:
                # Plan mode: it would be created.
                return "(would be created)"
            column = {"id": "organization_id", "ext": "organization_external_id"}.get(
                kind, "organization_name"
            )
            raise RowFailed(
                RowError(
                    code="organization_not_found",
                    message=f"no organization with this {column}"
                    + ("" if kind == "id" else " (--create-organizations creates it)"),
                    status=404,
                )
            )
        return await self._create_org(st, key)

    async def _create_org(self, st: _RowState, key: str) -> str:
        """Create the organization ``key`` names, exactly once: ``creating`` is committed
        first; an answer that leaves it unknown is resolved by a lookup before re-sending."""
        assert self._journal is not None
        known = await self._journal.fetch_org(key)
        if known is not None and known[0] == DONE and known[1]:
            return known[1]
        row = st.row
        kind, _, value = key.partition(":")
        body: dict[str, Any] = {"name": row.organization_name or value}
        if kind == "ext":
            body["external_id"] = value
        await self._journal.record_org(key, CREATING)
        started = time.time()
        tries = 0
        while True:
            tries += 1
            try:
                org = await self._send(
                    st, "write", self.client.organizations.create_organization, **body
                )
            except _Ambiguous as amb:
                if kind == "ext":
                    # The core's resolution of an in-doubt Create Organization.
                    resolution = await self._settle(st, in_doubt.ORGANIZATION, body, started)
                    if resolution.found is not None:
                        org_id = str(resolution.found.id)
                        break
                    if resolution.existing is not None:
                        existing = str(resolution.existing.id)
                        await self._journal.record_org(key, DONE, existing, created=False)
                        return existing
                else:
                    # By name (no natural key, not the core's): not there before this create
                    # (looked up first, and this key's future keeps every other row of the
                    # run waiting), so found now, it is this create's.
                    found = await self._find_org(st, key, fresh=True)
                    if found is not None:
                        org_id = found
                        break
                if tries >= self.options.max_attempts:
                    raise RowFailed(_row_error(amb.cause, transient=True)) from None
                await self._sleep_backoff(tries)
                continue
            except APIError as exc:
                found = await self._find_org(st, key, fresh=True)
                if found is None:
                    raise RowFailed(_row_error(exc)) from None
                await self._journal.record_org(key, DONE, found, created=False)
                return found
            org_id = str(org.id)
            break
        await self._journal.record_org(key, DONE, org_id, created=True)
        if self._org_names is not None and kind == "name":
            ids = self._org_names.setdefault(value, [])
            if org_id not in ids:  # a fresh walk after an unknown outcome may have it
                ids.append(org_id)
        return org_id

    async def _create_membership(self, st: _RowState, *, in_doubt: bool) -> None:
        assert self._journal is not None and st.user_id is not None
        row = st.row
        org_id = await self._organization_id(st)
        if not in_doubt:
            await self._journal.record(st.entry(MEMBERSHIP))  # durable before the send
        kwargs: dict[str, Any] = {"user_id": st.user_id, "organization_id": org_id}
        if row.role_slug is not None:
            kwargs["role_slug"] = row.role_slug
        elif row.role_slugs is not None:
            kwargs["role_slugs"] = list(row.role_slugs)
        tries = 0
        doubted = False
        while True:
            if in_doubt:
                if await self._resolve_membership(st, kwargs, ours=True, doubted=doubted):
                    return
                in_doubt = False
            tries += 1
            try:
                membership = await self._send(
                    st,
                    "write",
                    self.client.user_management.create_organization_membership,
                    **kwargs,
                )
            except _Ambiguous as amb:
                in_doubt = doubted = True
                if tries >= self.options.max_attempts:
                    if await self._resolve_membership(st, kwargs, ours=True, doubted=True):
                        return
                    raise RowFailed(_row_error(amb.cause, transient=True)) from None
                await self._sleep_backoff(tries)
                continue
            except APIError as exc:
                if _membership_exists(exc):
                    # Ours only if an earlier, ambiguous attempt of this row may have made it.
                    if not await self._resolve_membership(
                        st, kwargs, ours=doubted, doubted=doubted
                    ):
                        raise RowFailed(
                            RowError(
                                code="membership_conflict_unresolved",
                                message="WorkOS reported an existing membership that a lookup "
                                "did not find",
                                status=exc.status,
                                request_id=exc.request_id,
                            )
                        ) from None
                    return
                raise RowFailed(_row_error(exc)) from None
            st.membership_id = membership.id
            st.membership = "created"
            return

    async def _resolve_membership(
        self, st: _RowState, sent: Mapping[str, Any], *, ours: bool, doubted: bool
    ) -> bool:
        """Settle the membership phase from the shared lookup and decision (timed from the
        row's ``creating_at``: its membership is made after its user); ``False`` when there
        is no membership. One the row did not create (or, ``ours`` false, any) is
        ``existing``."""
        resolution = await self._settle(st, in_doubt.MEMBERSHIP, sent, self._started(st))
        created = resolution.found is not None and ours
        membership = resolution.found if resolution.found is not None else resolution.existing
        if membership is None:
            return False
        st.membership_id = membership.id
        st.membership = "created" if created else "existing"
        st.recovered = st.recovered or (created and doubted)
        return True

    async def _find_membership(self, st: _RowState, org_id: str) -> Any | None:
        """The user's membership in ``org_id`` (any status), else ``None`` (reads)."""
        assert st.user_id is not None
        sent = {"user_id": st.user_id, "organization_id": org_id}
        found = await in_doubt.find_memberships(self._reader(st), self.client, sent)
        return found[0] if found else None

    # -- requests --------------------------------------------------------------------------

    async def _read(self, st: _RowState, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A read with its own retries: reads are safe to repeat."""
        tries = 0
        while True:
            tries += 1
            try:
                return await self._send(st, "read", fn, *args, **kwargs)
            except _Ambiguous as amb:
                if tries >= self.options.max_attempts:
                    raise RowFailed(_row_error(amb.cause, transient=True)) from None
                await self._sleep_backoff(tries)

    async def _send(
        self, st: _RowState, kind: Kind, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        """One request through the governor; 429s are retried here, after the pause.

        Raises ``_Ambiguous`` when the outcome is unknown, ``APIError`` for a definite refusal.
        """
        governor = self.governor
        stats = self.stats
        limited = 0
        while True:
            await governor.acquire(kind)
            st.attempts += 1
            stats.requests[kind] += 1
            started = time.perf_counter()
            try:
                result = await fn(*args, request_options=self._request_options, **kwargs)
            except RateLimitExceededError as exc:
                stats.latency.add(time.perf_counter() - started)
                stats.rate_limited += 1
                governor.on_rate_limited(exc.retry_after)
                limited += 1
                if limited > self.options.max_rate_limited:
                    raise RowFailed(_row_error(exc, transient=True)) from None
                continue
            except APIError as exc:
                stats.latency.add(time.perf_counter() - started)
                if _is_ambiguous(exc):
                    raise _Ambiguous(exc) from None
                self._check_fatal(exc)
                governor.on_success()
                raise
            except WorkOSConnectionError as exc:
                stats.latency.add(time.perf_counter() - started)
                raise _Ambiguous(exc) from None
            stats.latency.add(time.perf_counter() - started)
            governor.on_success()
            self._succeeded = True
            return result

    _succeeded = False

    def _check_fatal(self, exc: APIError) -> None:
        """A 401 (any time) or a 403 before anything succeeded: the key or environment is
        wrong, and every other row would fail the same way."""
        if isinstance(exc, AuthenticationError) or exc.status == 401:
            what = "WorkOS refused the API key (401)"
        elif (isinstance(exc, AuthorizationError) or exc.status == 403) and not self._succeeded:
            what = "WorkOS refused the request (403): this key may not manage users here"
        else:
            return
        rid = f", request id {exc.request_id}" if exc.request_id else ""
        raise ImportAborted(
            f"{what}{rid}; check WORKOS_API_KEY and the environment. Nothing more was sent; "
            "fix it and run again with --resume."
        ) from None

    async def _sleep_backoff(self, tries: int) -> None:
        # The transport's backoff curve (``_retry``), scaled to this import's first delay.
        delay = backoff_delay(tries - 1, random.random()) * (self.options.backoff / INITIAL_DELAY)
        await asyncio.sleep(min(self.options.backoff_cap, delay))


def _invalid_result(row: InvalidRow) -> RowResult:
    return RowResult(
        row_no=row.row_no,
        outcome="invalid",
        email=row.columns.get("email") or None,
        external_id=row.columns.get("external_id") or None,
        error=RowError(code="invalid_row", message="; ".join(row.reasons)),
        columns=row.columns,
    )


def _resumed_result(row: UserRow, entry: JournalEntry) -> RowResult:
    failed = entry.state == FAILED
    error = None
    if failed:
        error = RowError(
            code=entry.error_code or "failed",
            message=entry.message or "",
            status=entry.http_status,
            request_id=entry.request_id,
        )
    return RowResult(
        row_no=row.row_no,
        outcome="failed" if failed else (entry.action or "created"),
        email=row.email,
        external_id=row.external_id,
        user_id=entry.user_id,
        membership_id=entry.membership_id,
        membership=entry.membership_action,
        attempts=entry.attempts,
        recovered=entry.recovered,
        resumed=True,
        error=error,
        columns=row.public_columns() if failed else {},
        warnings=row.warnings,
    )
