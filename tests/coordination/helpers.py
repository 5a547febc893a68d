"""Helpers for the coordination tests: run worker processes side by side."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

#: Seconds the workers get to start (imports on a busy 2-core machine) before they begin.
STARTUP = 2.0


def run_workers(job: str, args: list[dict[str, Any]], timeout: float = 60) -> list[dict[str, Any]]:
    """Run one worker process per entry of ``args`` at once; their JSON results."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.coordination.worker", job, json.dumps(a)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for a in args
    ]
    results: list[dict[str, Any]] = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=timeout)
            assert proc.returncode == 0, err.decode()[-2000:]
            results.append(json.loads(out.decode().strip().splitlines()[-1]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return results


def max_in_window(times: list[float], window: float) -> int:
    """The largest number of ``times`` inside any interval of length ``window``."""
    ordered = sorted(times)
    best = 0
    j = 0
    for i, t in enumerate(ordered):
        while ordered[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best
