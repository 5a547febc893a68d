"""The blocking face of the bulk import, for ``WorkOS`` (the sync client).

The import runs on the ``WorkOS`` client's own loop thread, against the same
``AsyncWorkOS`` its methods use; results come back to the calling thread a batch at a time
through the client's blocking bridge (one crossing per batch, not per row; stopping early
cancels the import on the loop).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import IO, TYPE_CHECKING, Any

from .results import ImportSummary, RowResult
from .run import ImportRun, import_users, plan_import

if TYPE_CHECKING:
    from ..sync import WorkOS


class SyncImportRun:
    """A blocking :class:`ImportRun`: ``for result in run`` (then ``run.summary``), or
    ``run.wait()``."""

    def __init__(self, client: WorkOS, run: ImportRun) -> None:
        self._client = client
        self._run = run

    @property
    def summary(self) -> ImportSummary | None:
        """The summary, once the run has finished."""
        return self._run.summary

    def __iter__(self) -> Generator[RowResult, None, None]:
        # Stopping early closes the batches on the loop: the import is cancelled there (the
        # journal keeps progress).
        for batch in self._client._iterate(self._run._batches(512)):
            yield from batch

    def wait(self) -> ImportSummary:
        """Run to the end; return the summary."""
        for _ in self:
            pass
        assert self._run.summary is not None
        return self._run.summary


def import_users_sync(
    client: WorkOS,
    source: Any,
    *,
    report: str | os.PathLike[str] | None = None,
    progress: bool | IO[str] = False,
    **options: Any,
) -> SyncImportRun:
    """:func:`workos_async.bulk.import_users` for the blocking ``WorkOS`` client: same options,
    same results, iterated with a plain ``for``. Must not be called from a thread running an
    event loop (use the async version there)."""
    run = import_users(client.async_client, source, report=report, progress=progress, **options)
    return SyncImportRun(client, run)


def plan_import_sync(
    client: WorkOS,
    source: Any,
    *,
    report: str | os.PathLike[str] | None = None,
    **options: Any,
) -> SyncImportRun:
    """:func:`workos_async.bulk.plan_import` for the blocking ``WorkOS`` client."""
    run = plan_import(client.async_client, source, report=report, **options)
    return SyncImportRun(client, run)
