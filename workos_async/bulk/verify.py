"""``workos-async import verify FILE --journal J``: compare the source with WorkOS's state.

Every valid row is read again (the same reader and checks as the import) with the journal's
record of it, and WorkOS is asked (reads only): the user exists, and — for users the import
created or updated — its email, names, email_verified, external_id and metadata equal the
row's; every membership the row asks for exists. Rows the import skipped by policy are
reported as such. Each difference is one line of ``verify.jsonl``; the summary counts them.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from typing import IO, Any

import attrs

from .._errors import APIError, NotFoundError, RateLimitExceededError
from .governor import Governor, RateGovernor, RateLimitConfig
from .journal import DONE, Journal, JournalEntry, JournalError
from .rows import MAX_MEMBERSHIPS, InvalidRow, RowValidator, UserRow
from .sources import aiter_rows

_COMPARED = ("first_name", "last_name", "email_verified", "external_id")


@attrs.define
class VerifySummary:
    """Counts by verdict: ``ok``, ``skipped``, ``not_imported``, ``missing_user``,
    ``field_mismatch``, ``missing_membership``, ``invalid`` (rows that never passed the
    checks)."""

    verdicts: Counter[str] = attrs.field(factory=Counter)

    @property
    def differences(self) -> int:
        return sum(v for k, v in self.verdicts.items() if k not in ("ok", "skipped", "invalid"))

    def to_json(self) -> dict[str, Any]:
        return {"verdicts": dict(sorted(self.verdicts.items())), "differences": self.differences}


async def verify_import(
    client: Any,
    source: Any,
    journal: str | os.PathLike[str],
    *,
    format: str | None = None,
    out: IO[str] | None = None,
    concurrency: int = 16,
    rate_limits: RateLimitConfig | None = None,
    governor: Governor | None = None,
) -> VerifySummary:
    """Check every row of ``source`` against WorkOS; differences go to ``out`` as JSON lines."""
    import json

    if not await asyncio.to_thread(os.path.isfile, journal):
        raise JournalError(f"verify: no journal at {os.fspath(journal)!r}")
    j = Journal(journal)
    await asyncio.to_thread(j.existing_rows)  # refuses a foreign or damaged file
    gov = governor or RateGovernor(rate_limits or RateLimitConfig())
    summary = VerifySummary()
    um = client.user_management
    sem = asyncio.Semaphore(concurrency)

    async def read(fn: Any, *args: Any, **kwargs: Any) -> Any:
        while True:
            await gov.acquire("read")
            try:
                result = await fn(*args, **kwargs)
            except RateLimitExceededError as exc:
                gov.on_rate_limited(exc.retry_after)
                continue
            gov.on_success()
            return result

    def report(unit: UserRow, verdict: str, detail: str = "") -> None:
        summary.verdicts[verdict] += 1
        if verdict != "ok" and out is not None:
            line = {"row": unit.row_no, "verdict": verdict, "email": unit.email}
            if unit.part:
                line["part"] = unit.part
            if detail:
                line["detail"] = detail
            out.write(json.dumps(line) + "\n")

    async def check(unit: UserRow, entry: JournalEntry | None) -> None:
        async with sem:
            if entry is None or entry.user_id is None:
                report(unit, "not_imported", entry.state if entry else "no journal entry")
                return
            if entry.action == "skipped":
                report(unit, "skipped")
                return
            try:
                user = await read(um.get_user, entry.user_id)
            except NotFoundError:
                report(unit, "missing_user", entry.user_id)
                return
            if entry.action in ("created", "updated") and unit.part == 0:
                diffs = _differences(unit, user)
                if diffs:
                    report(unit, "field_mismatch", ", ".join(diffs))
                    return
            if unit.wants_membership:
                if entry.membership_id is None or entry.state != DONE:
                    report(unit, "missing_membership", "not recorded as done")
                    return
                page = await read(
                    um.list_organization_memberships,
                    user_id=entry.user_id,
                    statuses=["active", "inactive", "pending"],
                    limit=100,
                )
                if not any(m.id == entry.membership_id for m in page.data):
                    report(unit, "missing_membership", entry.membership_id)
                    return
            report(unit, "ok")

    await j.start()
    validator = RowValidator()
    try:
        async for chunk in aiter_rows(source, format):
            lo = chunk[0][0] * MAX_MEMBERSHIPS
            entries = await j.fetch(lo, chunk[-1][0] * MAX_MEMBERSHIPS + MAX_MEMBERSHIPS - 1)
            async with asyncio.TaskGroup() as tg:
                for line, raw in chunk:
                    parsed = validator.check(line, raw)
                    if isinstance(parsed, InvalidRow):
                        summary.verdicts["invalid"] += 1
                        continue
                    for unit in parsed.units():
                        tg.create_task(check(unit, entries.get(unit.key)))
    except BaseExceptionGroup as group:
        exc = group.exceptions[0]
        if isinstance(exc, APIError):
            raise exc from None
        raise
    finally:
        await j.close()
    return summary


def _differences(row: UserRow, user: Any) -> list[str]:
    out: list[str] = []
    if str(getattr(user, "email", "")).lower() != row.email.lower():
        out.append("email")
    for name in _COMPARED:
        wanted = getattr(row, name)
        if wanted is not None and getattr(user, name, None) != wanted:
            out.append(name)
    if row.metadata is not None and dict(getattr(user, "metadata", None) or {}) != dict(
        row.metadata
    ):
        out.append("metadata")
    return out
