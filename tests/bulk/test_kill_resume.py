"""The importer in a subprocess, killed with SIGKILL at random points, then resumed: the
final state is exact (no row lost, no user or membership created twice)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from workos_async.testing import FakeWorkOS, Fault

from .bulk_fake_helpers import API_KEY, assert_exact_state, make_rows, read_results, write_jsonl

ROWS = 2_000


def _command(src: Path, journal: Path, report: Path, url: str, resume: bool) -> list[str]:
    cmd = [
        sys.executable,
        "-c",
        "import sys; from workos_async.bulk.cli import main; sys.exit(main(sys.argv[1:]))",
        "users",
        str(src),
        "--journal",
        str(journal),
        "--report",
        str(report),
        "--base-url",
        url,
        "--concurrency",
        "32",
        "--write-limit",
        "none",
        "--read-limit",
        "none",
        "--total-limit",
        "none",
        "--timeout",
        "2",
        "--quiet",
    ]
    if resume:
        cmd.append("--resume")
    return cmd


def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    rnd = random.Random(int(os.environ.get("BULK_KILL_SEED", "5")))
    env = {**os.environ, "WORKOS_API_KEY": API_KEY, "WORKOS_CLIENT_ID": "client_bulk"}
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as fake:
        import asyncio

        from workos_async import AsyncWorkOS

        async def orgs() -> list[str]:
            async with AsyncWorkOS(api_key=API_KEY, base_url=fake.url) as c:
                return [
                    (await c.organizations.create_organization(name=f"Org {i}")).id
                    for i in range(3)
                ]

        org_ids = asyncio.run(orgs())
        rows = make_rows(ROWS, org_ids)
        src = tmp_path / "users.jsonl"
        write_jsonl(src, rows)
        journal, report = tmp_path / "users.journal", tmp_path / "report"
        # Writes that die before/after being applied, so kills land mid-doubt too.
        fake.faults.add(
            Fault(method="POST", path="*", kind="drop_after", probability=0.01, count=None, seed=3)
        )
        fake.faults.add(
            Fault(
                method="POST",
                path="*",
                kind="latency",
                latency=0.02,
                probability=0.2,
                count=None,
                seed=4,
            )
        )

        kills = 0
        resume = False
        for _attempt in range(12):
            proc = subprocess.Popen(
                _command(src, journal, report, fake.url, resume),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            if kills < 4:
                # Kill once the run is under way (users being created), at a random moment.
                target = len(fake.store.users) + rnd.randint(50, 350)
                deadline = time.monotonic() + 60
                while (
                    proc.poll() is None
                    and len(fake.store.users) < target
                    and time.monotonic() < deadline
                ):
                    time.sleep(0.002)
                time.sleep(rnd.random() * 0.05)
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    kills += 1
            _, err = proc.communicate(timeout=120)
            resume = True
            if proc.returncode == 0:
                break
            assert proc.returncode == -signal.SIGKILL, err.decode()
        assert kills >= 3, "the importer finished before it could be killed enough times"
        assert proc.returncode == 0, err.decode()
        results = read_results(report)
        assert_exact_state(fake, rows, results)
