"""The importer in a subprocess, killed with SIGKILL at random points, then resumed: the
final state is exact (no row lost, no user or membership created twice)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workos_async.testing import FakeWorkOS, Fault

from .bulk_fake_helpers import API_KEY, assert_exact_state, make_rows, read_results, write_jsonl

ROWS = 2_000


def _command(
    src: Path, journal: Path, report: Path, url: str, resume: bool, *extra: str
) -> list[str]:
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
    return [*cmd, *extra]


def _kill_and_resume(
    fake: Any,
    src: Path,
    tmp_path: Path,
    rnd: random.Random,
    count: Callable[[], int],
    *extra: str,
    done: int = 0,
    step: tuple[int, int] = (50, 350),
) -> tuple[int, int, str]:
    """Run the importer, SIGKILL it a few times once ``count()`` has grown, resume until it
    finishes; return (kills, exit code, stderr)."""
    env = {**os.environ, "WORKOS_API_KEY": API_KEY, "WORKOS_CLIENT_ID": "client_bulk"}
    journal, report = tmp_path / "users.journal", tmp_path / "report"
    kills = 0
    resume = False
    err = b""
    proc: subprocess.Popen[bytes] | None = None
    for _attempt in range(12):
        proc = subprocess.Popen(
            _command(src, journal, report, fake.url, resume, *extra),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if kills < 4:
            target = count() + rnd.randint(*step)
            deadline = time.monotonic() + 60
            while proc.poll() is None and count() < target and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rnd.random() * 0.05)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
        _, err = proc.communicate(timeout=120)
        resume = True
        if proc.returncode == done:
            break
        assert proc.returncode == -signal.SIGKILL, err.decode()
    assert proc is not None
    return kills, proc.returncode, err.decode()


def test_sigkill_multi_org_create_organizations_then_resume(tmp_path: Path) -> None:
    """Users in several organizations (list column and repeated rows), organizations created
    by the import: after kills and resumes, each user, membership and organization once."""
    rnd = random.Random(int(os.environ.get("BULK_KILL_SEED", "7")))
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as fake:
        rows: list[dict[str, Any]] = []
        for i in range(900):
            orgs = [f"org-{i % 7}", f"org-{(i + 3) % 7}"]
            if i % 2:
                rows.append(
                    {
                        "email": f"u{i}@example.com",
                        "external_id": f"ext-{i}",
                        "organizations": [{"external_id": o} for o in orgs],
                    }
                )
            else:
                rows += [
                    {"email": f"u{i}@example.com", "external_id": f"ext-{i}", **o}
                    for o in ({"organization_external_id": org} for org in orgs)
                ]
        src = tmp_path / "users.jsonl"
        write_jsonl(src, rows)
        fake.faults.add(
            Fault(method="POST", path="*", kind="drop_after", probability=0.01, count=None, seed=3)
        )
        kills, code, err = _kill_and_resume(
            fake,
            src,
            tmp_path,
            rnd,
            lambda: len(fake.store.memberships),
            "--create-organizations",
        )
        assert kills >= 3, "the importer finished before it could be killed enough times"
        assert code == 0, err
        users = fake.store.users.values_list()
        assert len(users) == 900 == len({u["email"] for u in users})
        org_records = fake.store.organizations.values_list()
        assert sorted(o["external_id"] for o in org_records) == [f"org-{k}" for k in range(7)]
        pairs = [(m["user_id"], m["organization_id"]) for m in fake.store.memberships.values_list()]
        assert len(pairs) == len(set(pairs)) == 1800
        results = read_results(tmp_path / "report")
        assert {r["outcome"] for r in results} <= {"created", "linked"}
        assert sum(r["outcome"] == "created" for r in results) == 900


def test_sigkill_organizations_by_name_then_resume(tmp_path: Path) -> None:
    """Organizations named by name (found by walking ``list_organizations``, created by the
    import): after kills, resumes and ambiguous creates, each name is one organization and
    each membership is made once."""
    rnd = random.Random(int(os.environ.get("BULK_KILL_SEED", "13")))
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as fake:
        rows = [
            {"email": f"n{i}@example.com", "organization_name": f"Company {(i + k) % 6}"}
            for i in range(500)
            for k in range(2)
        ]
        src = tmp_path / "users.jsonl"
        write_jsonl(src, rows)
        fake.faults.add(
            Fault(method="POST", path="*", kind="drop_after", probability=0.02, count=None, seed=9)
        )
        kills, code, err = _kill_and_resume(
            fake,
            src,
            tmp_path,
            rnd,
            lambda: len(fake.store.memberships),
            "--create-organizations",
            step=(30, 200),  # 1,000 memberships in all: room for 4 kills before the end
        )
        assert kills >= 3, "the importer finished before it could be killed enough times"
        assert code == 0, err
        users = fake.store.users.values_list()
        assert len(users) == 500 == len({u["email"] for u in users})
        names = sorted(o["name"] for o in fake.store.organizations.values_list())
        assert names == [f"Company {k}" for k in range(6)]
        pairs = [(m["user_id"], m["organization_id"]) for m in fake.store.memberships.values_list()]
        assert len(pairs) == len(set(pairs)) == 1000


def test_sigkill_provider_export_with_org_mapping_then_resume(tmp_path: Path) -> None:
    """A Firebase export (scrypt hashes, messy fields, users without email) with memberships
    from an org mapping and organizations created by the import, under faults and kills."""
    rnd = random.Random(int(os.environ.get("BULK_KILL_SEED", "11")))
    samples = Path(__file__).parent / "samples"
    one = json.loads((samples / "firebase_users.json").read_text())["users"][0]
    users: list[dict[str, Any]] = []
    mapping = ["user_id,organization_external_id,role_slug"]
    for i in range(700):
        user: dict[str, Any] = {"localId": f"uid{i:05d}", "displayName": f"  User   {i} Name "}
        if i % 50 == 7:
            user["phoneNumber"] = f"+1555{i:07d}"  # no email: an invalid row
        else:
            user["email"] = f"User{i}@Example.com"
            user["emailVerified"] = bool(i % 2)
        if i % 3 == 0:
            user["passwordHash"], user["salt"] = one["passwordHash"], one["salt"]
        if i % 5 == 0:
            user["customAttributes"] = json.dumps({f"k{j}": "v" * (j * 70) for j in range(12)})
        users.append(user)
        for k in range(1 + i % 2):
            mapping.append(f"uid{i:05d},org-{(i + k) % 5},{'admin' if k else ''}")
    src = tmp_path / "users.json"
    src.write_text(json.dumps({"users": users}, indent=1))
    (tmp_path / "map.csv").write_text("\n".join(mapping) + "\n")
    valid = [u for u in users if "email" in u]
    with FakeWorkOS(api_key=API_KEY).run_in_thread() as fake:
        fake.faults.add(
            Fault(method="POST", path="*", kind="drop_after", probability=0.01, count=None, seed=5)
        )
        kills, code, err = _kill_and_resume(
            fake,
            src,
            tmp_path,
            rnd,
            lambda: len(fake.store.memberships),
            *("--from", "firebase", "--hash-config", str(samples / "firebase_hash_config.txt")),
            *("--org-mapping", str(tmp_path / "map.csv"), "--create-organizations"),
            done=1,  # the users without an email are invalid rows
            step=(30, 180),  # ~1,030 memberships in all: room for 4 kills before the end
        )
        assert kills >= 3, "the importer finished before it could be killed enough times"
        assert code == 1, err
        stored = fake.store.users.values_list()
        assert len(stored) == len(valid) == len({u["external_id"] for u in stored})
        assert sorted(o["external_id"] for o in fake.store.organizations.values_list()) == [
            f"org-{k}" for k in range(5)
        ]
        pairs = [(m["user_id"], m["organization_id"]) for m in fake.store.memberships.values_list()]
        assert len(pairs) == len(set(pairs)) == sum(1 + int(u["localId"][3:]) % 2 for u in valid)
        hashed = [u for u in stored if int(u["external_id"][3:]) % 3 == 0]
        assert hashed and all(
            fake.store._passwords[u["id"]].imported_hash_type == "firebase-scrypt" for u in hashed
        )
        results = read_results(tmp_path / "report")
        assert sum(r["outcome"] == "created" for r in results) == len(valid)
        assert sum(r["outcome"] == "invalid" for r in results) == len(users) - len(valid)


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
