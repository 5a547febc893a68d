"""What an import tells its caller: one :class:`RowResult` per source row and a closing
:class:`ImportSummary`, plus the running counters both are built from."""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Mapping
from typing import Any, Literal, get_args

import attrs

#: What happened to a row.
#: ``created``: this import created the user. ``adopted``: an existing user was taken as the
#: row's user. ``updated``: an existing user was updated from the row. ``skipped``: an existing
#: user was left alone (``on_conflict="skip"``). ``failed``: WorkOS refused, or retries ran
#: out. ``invalid``: the row broke a validation rule; no request was sent. ``valid``: dry run
#: only. ``linked``: the row only adds a membership to a user another row (``user_row``)
#: imports. ``would_create`` / ``would_adopt`` / ``would_update`` / ``would_skip`` /
#: ``would_link``: plan only.
Outcome = Literal[
    "created",
    "adopted",
    "updated",
    "skipped",
    "failed",
    "invalid",
    "valid",
    "linked",
    "would_create",
    "would_adopt",
    "would_update",
    "would_skip",
    "would_link",
]
OUTCOMES: tuple[str, ...] = get_args(Outcome)  # derived: one list of outcomes


@attrs.frozen(slots=True)
class RowError:
    """Why a row failed: WorkOS's code and status, or the validation reasons."""

    code: str
    message: str = ""
    status: int | None = None
    request_id: str | None = None
    #: ``True`` when retries ran out on errors that may pass (5xx, timeouts): ``resume`` retries
    #: such rows; ``False`` for definitive answers (4xx) and validation failures.
    transient: bool = False


@attrs.frozen(slots=True)
class RowResult:
    """The account of one source row."""

    row_no: int
    outcome: str
    email: str | None = None
    external_id: str | None = None
    user_id: str | None = None
    membership_id: str | None = None
    #: ``created`` (this import created it), ``existing`` (it was already there), else ``None``.
    membership: str | None = None
    #: Requests sent for this row (lookups and 429-answered attempts included).
    attempts: int = 0
    #: An ambiguous write (timeout, reset, 5xx) was resolved by a lookup.
    recovered: bool = False
    #: The row had been finished by an earlier run of the same journal.
    resumed: bool = False
    error: RowError | None = None
    #: The row's non-secret columns, for ``failures.csv``.
    columns: Mapping[str, str] = attrs.field(factory=dict, repr=False, eq=False)
    #: What did not stop the row but is worth knowing (``UserRow.warnings``).
    warnings: tuple[str, ...] = ()
    #: Which of the row's memberships this result is about (0: the row's user and first one).
    part: int = 0
    #: For a result that only adds a membership: the line of the row that imports the user.
    user_row: int | None = None

    @property
    def ok(self) -> bool:
        """The row ended as it should (not failed, not invalid)."""
        return self.outcome not in ("failed", "invalid")

    def to_json(self) -> dict[str, Any]:
        """The ``results.jsonl`` line for this row."""
        out: dict[str, Any] = {
            "row": self.row_no,
            "outcome": self.outcome,
            "email": self.email,
            "external_id": self.external_id,
            "user_id": self.user_id,
            "membership_id": self.membership_id,
            "membership": self.membership,
            "attempts": self.attempts,
        }
        if self.recovered:
            out["recovered"] = True
        if self.resumed:
            out["resumed"] = True
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.part:
            out["part"] = self.part
        if self.user_row is not None:
            out["user_row"] = self.user_row
        if self.error is not None:
            out["error"] = {
                "code": self.error.code,
                "message": self.error.message,
                "status": self.error.status,
                "request_id": self.error.request_id,
            }
        return out


class LatencyHistogram:
    """Request latencies in log-spaced buckets (5% wide): flat memory, ~2.5% error on
    percentiles."""

    _BASE = 1.05
    _MIN = 1e-5  # 10 µs

    def __init__(self) -> None:
        self._buckets: Counter[int] = Counter()
        self.count = 0

    def add(self, seconds: float) -> None:
        index = 0 if seconds <= self._MIN else int(math.log(seconds / self._MIN, self._BASE)) + 1
        self._buckets[index] += 1
        self.count += 1

    def percentile(self, p: float) -> float | None:
        """The ``p``-th percentile (0..100) in seconds; ``None`` with no samples."""
        if not self.count:
            return None
        rank = max(1, math.ceil(self.count * p / 100.0))
        seen = 0
        for index in sorted(self._buckets):
            seen += self._buckets[index]
            if seen >= rank:
                if index == 0:
                    return self._MIN
                # The bucket's geometric middle.
                return float(self._MIN * self._BASE ** (index - 0.5))
        return None  # pragma: no cover - rank <= count


@attrs.define
class ImportStats:
    """Running counters, shared by the engine, the progress display and the summary."""

    started: float = attrs.field(factory=time.monotonic)
    finished: float | None = None
    outcomes: Counter[str] = attrs.field(factory=Counter)
    memberships: Counter[str] = attrs.field(factory=Counter)
    requests: Counter[str] = attrs.field(factory=Counter)
    rate_limited: int = 0
    recovered: int = 0
    resumed: int = 0
    in_flight: int = 0
    rows_done: int = 0
    total_estimate: int | None = None
    latency: LatencyHistogram = attrs.field(factory=LatencyHistogram)
    #: Earlier runs of the same journal (``--resume``): requests, 429s, seconds, runs.
    prior: dict[str, Any] = attrs.field(factory=dict)

    def restore_prior(self, totals: Any) -> None:
        """Take the totals an earlier run saved in the journal (ignored when malformed)."""
        if not isinstance(totals, Mapping):
            return
        req = totals.get("requests")
        self.prior = {
            "requests": {
                k: int(v)
                for k, v in (req.items() if isinstance(req, Mapping) else ())
                if k in ("write", "read") and isinstance(v, int)
            },
            "rate_limited": int(totals.get("rate_limited") or 0),
            "duration_s": float(totals.get("duration_s") or 0.0),
            "runs": int(totals.get("runs") or 0),
        }

    def totals(self) -> dict[str, Any]:
        """Requests, 429s, seconds and runs so far, earlier runs included (saved in the
        journal so ``summary.json`` covers the whole import across resumes)."""
        prior = self.prior
        preq = prior.get("requests", {})
        return {
            "requests": {
                k: self.requests.get(k, 0) + int(preq.get(k, 0)) for k in ("write", "read")
            },
            "rate_limited": self.rate_limited + int(prior.get("rate_limited", 0)),
            "duration_s": round(self.elapsed() + float(prior.get("duration_s", 0.0)), 3),
            "runs": int(prior.get("runs", 0)) + 1,
        }

    def add_result(self, result: RowResult) -> None:
        self.outcomes[result.outcome] += 1
        if not result.part:  # a row's further memberships are not rows of their own
            self.rows_done += 1
        if result.membership:
            self.memberships[result.membership] += 1
        if result.recovered:
            self.recovered += 1
        if result.resumed:
            self.resumed += 1

    def elapsed(self) -> float:
        end = self.finished if self.finished is not None else time.monotonic()
        return max(end - self.started, 1e-9)


@attrs.frozen
class ImportSummary:
    """How the whole import went (``summary.json``)."""

    rows: int
    outcomes: Mapping[str, int]
    memberships: Mapping[str, int]
    requests: Mapping[str, int]
    #: Achieved requests per second over the run, by kind (``write``, ``read``, ``all``).
    request_rates: Mapping[str, float]
    rows_per_second: float
    rate_limited: int
    recovered: int
    resumed: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    duration_s: float
    mode: str = "import"
    #: Runs of this journal the summary covers (``--resume`` adds one each time); requests,
    #: 429s, rates and duration are totals over all of them.
    runs: int = 1
    #: Plan mode: exact counts of what a real run would do; ETA in seconds.
    plan: Mapping[str, Any] | None = None

    @property
    def failed(self) -> int:
        """Rows that failed or were invalid."""
        return int(self.outcomes.get("failed", 0)) + int(self.outcomes.get("invalid", 0))

    def to_json(self) -> dict[str, Any]:
        """The ``summary.json`` document."""
        return attrs.asdict(self, recurse=True)

    @classmethod
    def from_stats(
        cls, stats: ImportStats, *, mode: str = "import", plan: Mapping[str, Any] | None = None
    ) -> ImportSummary:
        """Freeze the counters into a summary."""
        totals = stats.totals()
        duration = max(float(totals["duration_s"]), 1e-9)
        writes = totals["requests"]["write"]
        reads = totals["requests"]["read"]
        p50 = stats.latency.percentile(50)
        p95 = stats.latency.percentile(95)
        return cls(
            rows=stats.rows_done,
            outcomes={k: v for k, v in sorted(stats.outcomes.items())},
            memberships=dict(sorted(stats.memberships.items())),
            requests={"write": writes, "read": reads, "all": writes + reads},
            request_rates={
                "write": round(writes / duration, 3),
                "read": round(reads / duration, 3),
                "all": round((writes + reads) / duration, 3),
            },
            rows_per_second=round(stats.rows_done / duration, 3),
            rate_limited=totals["rate_limited"],
            recovered=stats.recovered,
            resumed=stats.resumed,
            latency_p50_ms=None if p50 is None else round(p50 * 1000, 3),
            latency_p95_ms=None if p95 is None else round(p95 * 1000, 3),
            duration_s=round(duration, 3),
            mode=mode,
            plan=plan,
            runs=totals["runs"],
        )
