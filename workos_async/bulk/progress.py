"""The live progress display.

On a terminal: one line redrawn in place (rows/s, writes/s against the budget, 429s, requests
in flight, ETA). Otherwise (a log file, CI): one JSON object per interval, easy to grep.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from collections.abc import Callable
from typing import IO, Any

from .governor import Governor
from .results import ImportStats


def _fmt_eta(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


class ProgressDisplay:
    """Reports ``stats`` every ``interval`` seconds to ``stream`` (stderr by default)."""

    def __init__(
        self,
        stats: ImportStats,
        governor: Governor | None = None,
        *,
        stream: IO[str] | None = None,
        interval: float | None = None,
        tty: bool | None = None,
        callback: Callable[[dict[str, Any]], Any] | None = None,
    ) -> None:
        self.stats = stats
        self.governor = governor
        #: Called with each :meth:`sample` instead of writing to the stream (``on_progress``).
        self.callback = callback
        self.stream = stream if stream is not None else sys.stderr
        self.tty = False if callback is not None else (self.stream.isatty() if tty is None else tty)
        default = 1.0 if callback is not None else (0.5 if self.tty else 10.0)
        self.interval = interval if interval is not None else default
        self._task: asyncio.Task[None] | None = None
        self._last = (time.monotonic(), 0, 0)

    def sample(self) -> dict[str, Any]:
        """The numbers shown, as a mapping."""
        now = time.monotonic()
        stats = self.stats
        rows = stats.rows_done
        writes = stats.requests.get("write", 0)
        then, rows_then, writes_then = self._last
        span = max(now - then, 1e-9)
        self._last = (now, rows, writes)
        rows_rate = (rows - rows_then) / span
        elapsed = stats.elapsed()
        avg_rate = rows / elapsed if elapsed > 0 else 0.0
        eta: float | None = None
        if stats.total_estimate is not None and avg_rate > 0:
            eta = max(stats.total_estimate - rows, 0) / avg_rate
        budget = self.governor.budget("write") if self.governor else None
        return {
            "rows": rows,
            "total": stats.total_estimate,
            "rows_per_s": round(rows_rate, 1),
            "writes_per_s": round((writes - writes_then) / span, 1),
            "write_budget_per_s": None if budget is None else round(budget, 1),
            "rate_limited": stats.rate_limited,
            "in_flight": stats.in_flight,
            "failed": stats.outcomes.get("failed", 0) + stats.outcomes.get("invalid", 0),
            "eta_s": None if eta is None else round(eta, 1),
            "elapsed_s": round(elapsed, 1),
        }

    def render(self) -> None:
        """Show one update now."""
        s = self.sample()
        if self.callback is not None:
            self.callback(s)
            return
        if self.tty:
            total = f"/{s['total']}" if s["total"] is not None else ""
            budget = f"/{s['write_budget_per_s']}" if s["write_budget_per_s"] is not None else ""
            line = (
                f"rows {s['rows']}{total}  {s['rows_per_s']}/s  writes {s['writes_per_s']}"
                f"{budget}/s  429s {s['rate_limited']}  in flight {s['in_flight']}  "
                f"failed {s['failed']}  ETA {_fmt_eta(s['eta_s'])}"
            )
            self.stream.write("\r\x1b[K" + line)
        else:
            self.stream.write(json.dumps({"progress": s}, separators=(",", ":")) + "\n")
        self.stream.flush()

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.render()

    def start(self) -> None:
        """Start reporting in the background."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        """Stop, with a last update."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.render()
        if self.tty and self.callback is None:
            self.stream.write("\n")
            self.stream.flush()
