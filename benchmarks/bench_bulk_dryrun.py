"""1,000,000 rows through ``workos-async import users FILE --dry-run``: time and peak RSS.

Target (issue 5): <= 30 s and <= 150 MB peak RSS. The CSV is generated (with ~1% bad rows,
duplicates included) into a temp dir; the dry run runs in a child process so its peak RSS is
its own (``resource.getrusage(RUSAGE_CHILDREN)``).

    .venv/bin/python benchmarks/bench_bulk_dryrun.py [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

BCRYPT = "$2b$10$" + "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"


def write_csv(path: str, rows: int) -> None:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "email",
                "first_name",
                "last_name",
                "email_verified",
                "external_id",
                "password_hash",
                "password_hash_type",
                "metadata",
                "organization_id",
                "role_slug",
            ]
        )
        for i in range(rows):
            email = f"user{i}@example.com"
            if i % 100 == 7:
                email = "not-an-email"
            if i % 100 == 13:
                email = f"user{i - 1}@example.com"  # duplicate
            w.writerow(
                [
                    email,
                    "Ada",
                    "Lovelace",
                    "true",
                    f"ext-{i}",
                    BCRYPT,
                    "bcrypt",
                    '{"plan":"pro","region":"eu"}',
                    "org_01HXYZ",
                    "member",
                ]
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "users.csv")
        t0 = time.perf_counter()
        write_csv(src, args.rows)
        gen = time.perf_counter() - t0
        size_mb = os.path.getsize(src) / 1e6
        t0 = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from workos_async.bulk.cli import main; sys.exit(main(sys.argv[1:]))",
                "users",
                src,
                "--dry-run",
                "--report",
                os.path.join(tmp, "report"),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if proc.returncode not in (0, 1):
            sys.exit(f"dry run failed ({proc.returncode}): {proc.stderr}")
        summary = json.loads(proc.stdout)
        print(
            json.dumps(
                {
                    "rows": args.rows,
                    "csv_mb": round(size_mb, 1),
                    "generate_s": round(gen, 1),
                    "dry_run_s": round(elapsed, 2),
                    "peak_rss_mb": round(peak_mb, 1),
                    "outcomes": summary["outcomes"],
                    "target": "<= 30 s and <= 150 MB",
                }
            )
        )


if __name__ == "__main__":
    main()
