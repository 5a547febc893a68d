"""``import_users``: the public entry point, an async iterator of per-row results that ends
with a summary."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Callable
from typing import IO, Any

from .engine import Importer, ImportOptions, SupportsImport
from .governor import Governor
from .plan import Planner
from .progress import ProgressDisplay
from .report import ReportWriter
from .results import ImportStats, ImportSummary, RowResult

_DONE = object()


class ImportRun:
    """One import (or plan), started by iterating it or by awaiting :meth:`wait`.

    ``async for result in run`` yields a :class:`RowResult` per row as rows finish (not in
    source order); afterwards :attr:`summary` holds the :class:`ImportSummary`. Leaving the
    loop early cancels the import; the journal keeps what was done, so ``resume`` continues.
    """

    def __init__(
        self,
        importer: Importer,
        source: Any,
        *,
        report: str | os.PathLike[str] | None = None,
        progress: bool | IO[str] = False,
        progress_interval: float | None = None,
        on_progress: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        self._importer = importer
        self._on_progress = on_progress
        self._source = source
        self._report_dir = report
        self._progress = progress
        self._progress_interval = progress_interval
        self._started = False
        #: The summary, once the run has finished.
        self.summary: ImportSummary | None = None

    @property
    def stats(self) -> ImportStats:
        """Live counters (rows done, requests, 429s, in flight)."""
        return self._importer.stats

    def __aiter__(self) -> AsyncIterator[RowResult]:
        return self._iterate()

    async def wait(self) -> ImportSummary:
        """Run to the end without looking at rows; return the summary."""
        async for _ in self._batches(4096):
            pass
        assert self.summary is not None
        return self.summary

    def __await__(self) -> Any:
        return self.wait().__await__()

    async def _iterate(self) -> AsyncIterator[RowResult]:
        async for batch in self._batches(1):
            for item in batch:
                yield item

    async def _batches(self, size: int) -> AsyncIterator[list[RowResult]]:
        """Results in lists of up to ``size``: whatever has finished, without waiting for more
        than the first (the sync facade pulls a list per loop-thread hop)."""
        if self._started:
            raise RuntimeError("an ImportRun can be iterated only once")
        self._started = True
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=1024)
        # Opened on the first result, so a run refused at start (journal misuse, bad source)
        # leaves an earlier report untouched.
        report: ReportWriter | None = None
        report_dir = self._report_dir
        displays: list[ProgressDisplay] = []
        if self._progress:
            stream = None if self._progress is True else self._progress
            displays.append(
                ProgressDisplay(
                    self._importer.stats,
                    self._importer.governor,
                    stream=stream,
                    interval=self._progress_interval,
                )
            )
        if self._on_progress is not None:
            displays.append(
                ProgressDisplay(
                    self._importer.stats,
                    self._importer.governor,
                    interval=self._progress_interval,
                    callback=self._on_progress,
                )
            )

        async def sink(result: RowResult) -> None:
            nonlocal report
            if report_dir is not None:
                if report is None:
                    report = ReportWriter(report_dir)
                report.add(result)
            await queue.put(result)

        async def drive() -> None:
            try:
                self.summary = await self._importer.run(self._source, sink)
            finally:
                await queue.put(_DONE)

        for display in displays:
            display.start()
        task = asyncio.get_running_loop().create_task(drive())
        try:
            finished = False
            while not finished:
                batch: list[RowResult] = []
                item = await queue.get()
                while True:
                    if item is _DONE:
                        finished = True
                        break
                    batch.append(item)
                    if len(batch) >= size or queue.empty():
                        break
                    item = queue.get_nowait()
                if batch:
                    yield batch
            await task  # re-raises the run's error
            if report_dir is not None and self.summary is not None:
                if report is None:  # an empty source
                    report = ReportWriter(report_dir)
                report.write_summary(self.summary)
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            for display in displays:
                await display.stop()
            if report is not None:
                report.close()


def import_users(
    client: SupportsImport,
    source: Any,
    *,
    options: ImportOptions | None = None,
    report: str | os.PathLike[str] | None = None,
    progress: bool | IO[str] = False,
    progress_interval: float | None = None,
    on_progress: Callable[[dict[str, Any]], Any] | None = None,
    governor: Governor | None = None,
    **option_fields: Any,
) -> ImportRun:
    """Import users (and their organization memberships) from ``source``.

    ``source``: a ``.csv`` / ``.jsonl`` path, or any iterable or async iterable of mappings
    with the columns in :data:`workos_async.bulk.COLUMNS`. Options are
    :class:`ImportOptions` fields given by keyword (``on_conflict``, ``concurrency``,
    ``journal``, ``resume``, ``rate_limits``, ...) or as ``options=``. ``report``: a directory
    for ``results.jsonl``, ``failures.csv`` and ``summary.json``. ``progress``: ``True`` for a
    live display on stderr, or a stream. ``on_progress``: called every ``progress_interval``
    seconds (default 1) and once at the end with a mapping: ``rows``, ``total`` (rows, from
    ``total=N`` or counted in the background), ``rows_per_s``, ``writes_per_s``,
    ``rate_limited``, ``in_flight``, ``failed``, ``eta_s``, ``elapsed_s``.

    Returns an :class:`ImportRun`: ``async for result in run`` (then ``run.summary``), or
    ``summary = await run``. Nothing is sent until it is iterated or awaited. Bad options raise
    ``ValueError`` / ``TypeError`` here, before any request.
    """
    opts = _options(options, option_fields)
    return ImportRun(
        Importer(client, opts, governor=governor),
        source,
        report=report,
        progress=progress,
        progress_interval=progress_interval,
        on_progress=on_progress,
    )


def plan_import(
    client: SupportsImport,
    source: Any,
    *,
    options: ImportOptions | None = None,
    report: str | os.PathLike[str] | None = None,
    progress: bool | IO[str] = False,
    on_progress: Callable[[dict[str, Any]], Any] | None = None,
    governor: Governor | None = None,
    **option_fields: Any,
) -> ImportRun:
    """Like :func:`import_users`, but only reads: each result is what the import would do,
    and ``summary.plan`` has the exact counts (creates, adopts, conflicts, memberships) and
    an ETA at the configured write rate."""
    opts = _options(options, option_fields)
    return ImportRun(
        Planner(client, opts, governor=governor),
        source,
        report=report,
        progress=progress,
        on_progress=on_progress,
    )


def _options(options: ImportOptions | None, fields: dict[str, Any]) -> ImportOptions:
    if options is not None and fields:
        raise TypeError("import_users: pass options= or option keywords, not both")
    if options is not None:
        if not isinstance(options, ImportOptions):
            raise TypeError("options: expected an ImportOptions")
        return options
    try:
        return ImportOptions(**fields)
    except TypeError as exc:
        raise TypeError(f"import_users: {exc}") from None
