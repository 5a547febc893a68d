"""``workos-async import undo --journal J``: delete exactly what one import created.

Read from the journal: users the import *created* (``created``, ``recovered`` included) are
deleted (their memberships go with them); memberships it created for users it did not create
(``adopted``, ``updated``, ``linked``) are deleted on their own; users and memberships that
existed before (adopted, pre-existing, ``existing``) are never touched. Organizations the import
created are deleted only with ``include_organizations``.

Exactly once and resumable: each step is journaled ``deleting`` before its request and
``deleted`` after; a finished step is never sent again, and a delete answered 404 was already
done (by an earlier, interrupted undo). Requests go through the same rate governor as the
import.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import Callable
from typing import Any

import attrs

from .._errors import (
    APIError,
    NotFoundError,
    RateLimitExceededError,
    ServerError,
    WorkOSConnectionError,
)
from .._retry import backoff_delay
from .governor import Governor, RateGovernor, RateLimitConfig
from .journal import Journal, JournalError, entries_after, iter_created_orgs


@attrs.define
class UndoSummary:
    """What an undo did (``deleted``), found already gone (``gone``), or could not do."""

    users_deleted: int = 0
    memberships_deleted: int = 0
    organizations_deleted: int = 0
    already_done: int = 0
    gone: int = 0
    #: Rows the import left in doubt (a crash mid-write, never resumed): run ``--resume``
    #: first, or what they created can't be known.
    in_doubt: int = 0
    failed: int = 0
    errors: list[str] = attrs.field(factory=list)

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


async def undo_import(
    client: Any,
    journal: str | os.PathLike[str],
    *,
    include_organizations: bool = False,
    concurrency: int = 16,
    rate_limits: RateLimitConfig | None = None,
    governor: Governor | None = None,
    max_attempts: int = 8,
) -> UndoSummary:
    """Delete the users and memberships the import recorded in ``journal`` created."""
    if not await asyncio.to_thread(os.path.isfile, journal):
        raise JournalError(f"undo: no journal at {os.fspath(journal)!r}")
    j = Journal(journal)
    done = await asyncio.to_thread(j.undone)
    gov = governor or RateGovernor(rate_limits or RateLimitConfig())
    summary = UndoSummary()
    um = client.user_management
    await j.start()
    sem = asyncio.Semaphore(concurrency)

    async def step(target: str, fn: Callable[..., Any], arg: str, counter: str) -> None:
        if target in done:
            summary.already_done += 1
            return
        async with sem:
            await j.record_undo(target, "deleting")
            tries = 0
            while True:
                tries += 1
                await gov.acquire("write")
                try:
                    await fn(arg, request_options={"max_retries": 0})
                except RateLimitExceededError as exc:
                    gov.on_rate_limited(exc.retry_after)
                    continue
                except NotFoundError:
                    summary.gone += 1
                    break
                except (WorkOSConnectionError, ServerError) as exc:
                    if tries >= max_attempts:
                        summary.failed += 1
                        summary.errors.append(f"{target}: {type(exc).__name__}")
                        return  # stays `deleting`: the next undo tries again
                    await asyncio.sleep(backoff_delay(tries - 1, random.random()))
                    continue
                except APIError as exc:
                    summary.failed += 1
                    summary.errors.append(f"{target}: {exc.code or exc.status}")
                    return
                gov.on_success()
                setattr(summary, counter, getattr(summary, counter) + 1)
                break
            await j.record_undo(target, "deleted")

    try:
        after = -1
        while True:
            batch = await asyncio.to_thread(entries_after, journal, after, 1000)
            if not batch:
                break
            after = batch[-1].row_no
            async with asyncio.TaskGroup() as tg:
                for e in batch:
                    if e.state in ("creating", "membership") and e.attempts:
                        summary.in_doubt += 1
                    if e.action == "created" and e.user_id:
                        tg.create_task(
                            step(f"user:{e.user_id}", um.delete_user, e.user_id, "users_deleted")
                        )
                    elif e.membership_action == "created" and e.membership_id:
                        tg.create_task(
                            step(
                                f"membership:{e.membership_id}",
                                um.delete_organization_membership,
                                e.membership_id,
                                "memberships_deleted",
                            )
                        )
        if include_organizations:
            orgs = await asyncio.to_thread(lambda: list(iter_created_orgs(journal)))
            for _ref, org_id in orgs:
                await step(
                    f"org:{org_id}",
                    client.organizations.delete_organization,
                    org_id,
                    "organizations_deleted",
                )
    except BaseExceptionGroup as group:
        raise group.exceptions[0] from None
    finally:
        await j.close()
    return summary
