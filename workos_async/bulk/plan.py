"""``--dry-run`` (validation only, no network) and ``--plan`` (also read the live environment,
read budget only, and count exactly what a real run would do).

The plan walks the same code as the import — validation, the same lookups, the same conflict
policy — but answers each row with what *would* happen instead of writing: its outcomes are
``would_create``, ``would_adopt``, ``would_update``, ``would_skip`` (never ``created``: nothing
was), memberships ``would_create`` or ``existing``, and their counts equal a real run's against
the same environment. It costs a user lookup per row (one or two reads), one read per
organization, and a membership listing only for users that already exist.
"""

from __future__ import annotations

import time
from typing import Any

from .engine import Importer, _RowState
from .journal import JournalEntry
from .report import ReportWriter
from .results import ImportStats, ImportSummary, RowError, RowResult
from .rows import InvalidRow, RowValidator, UserRow
from .sources import SourceFormat, iter_sync


def dry_run(
    source: Any,
    *,
    report: ReportWriter | None = None,
    format: SourceFormat | None = None,
) -> ImportSummary:
    """Validate every row of a file or iterable; no request is sent.

    Outcomes are ``valid`` and ``invalid``. Blocking and single-threaded: a million CSV rows
    take seconds.
    """
    rows = iter_sync(source, format)
    if rows is None:
        raise TypeError("dry_run: expected a path or a plain iterable (use plan for async ones)")
    stats = ImportStats()
    validator = RowValidator()
    outcomes = stats.outcomes
    for row_no, raw in rows:
        parsed = validator.check(row_no, raw)
        if isinstance(parsed, InvalidRow):
            outcomes["invalid"] += 1
            if report is not None:
                report.add(
                    RowResult(
                        row_no=row_no,
                        outcome="invalid",
                        email=parsed.columns.get("email") or None,
                        external_id=parsed.columns.get("external_id") or None,
                        error=RowError(code="invalid_row", message="; ".join(parsed.reasons)),
                        columns=parsed.columns,
                    )
                )
        else:
            outcomes["valid"] += 1
            if report is not None:
                report.add_valid(row_no, parsed.email, parsed.external_id, parsed.warnings)
    stats.rows_done = sum(outcomes.values())
    stats.finished = time.monotonic()
    return ImportSummary.from_stats(stats, mode="dry_run")


class Planner(Importer):
    """Looks up every valid row, writes nothing. Each result says what the import would do."""

    journaled = False
    mode = "plan"

    async def _process(self, row: UserRow, entry: JournalEntry | None) -> RowResult:
        st = _RowState(row=row, fp=row.fingerprint())
        try:
            return await self._plan_row(st)
        except _PlanFailed as failed:
            return st.result("failed", failed.error)

    async def _plan_row(self, st: _RowState) -> RowResult:
        from .engine import RowFailed

        row = st.row
        try:
            org_id = await self._organization_id(st) if row.wants_membership else None
            user = await self._find_user(st)
            if row.user_row is not None:
                # Another membership for a user another row imports.
                st.action = "would_link"
                if user is not None:
                    st.user_id = user.id
            elif user is None:
                st.action = "would_create"
            else:
                st.user_id = user.id
                policy = self.options.on_conflict
                if policy == "fail":
                    raise _PlanFailed(
                        RowError(
                            code="user_exists",
                            message="a user with this email or external_id already exists "
                            "(on_conflict=fail)",
                        )
                    )
                st.action = {
                    "adopt": "would_adopt",
                    "skip": "would_skip",
                    "update": "would_update",
                }[policy]
            if org_id is not None and st.action != "would_skip":
                found = None
                if st.user_id is not None and org_id != "(would be created)":
                    found = await self._find_membership(st, org_id)
                if found is not None:
                    st.membership = "existing"
                    st.membership_id = found.id
                else:
                    st.membership = "would_create"
        except RowFailed as failed:
            raise _PlanFailed(failed.error) from None
        return st.result(st.action or "would_create")

    def plan_details(self) -> dict[str, Any]:
        """Counts of the writes the import would send, and its ETA at the write budget."""
        outcomes = self.stats.outcomes
        memberships = self.stats.memberships
        writes = (
            outcomes.get("would_create", 0)
            + outcomes.get("would_update", 0)
            + memberships.get("would_create", 0)
        )
        budget = self.governor.budget("write")
        return {
            "creates": outcomes.get("would_create", 0),
            "adopts": outcomes.get("would_adopt", 0),
            "updates": outcomes.get("would_update", 0),
            "skips": outcomes.get("would_skip", 0),
            "conflicts": outcomes.get("would_adopt", 0)
            + outcomes.get("would_update", 0)
            + outcomes.get("would_skip", 0)
            + self._conflict_failures,
            "memberships_to_create": memberships.get("would_create", 0),
            "memberships_existing": memberships.get("existing", 0),
            "failures": outcomes.get("failed", 0),
            "invalid": outcomes.get("invalid", 0),
            "writes": writes,
            "eta_s": None if budget is None else round(writes / budget, 1),
        }

    _conflict_failures = 0

    async def _emit(self, sink: Any, result: RowResult) -> None:
        if result.error is not None and result.error.code == "user_exists":
            self._conflict_failures += 1
        await super()._emit(sink, result)


class _PlanFailed(Exception):
    def __init__(self, error: RowError) -> None:
        super().__init__(error.code)
        self.error = error
