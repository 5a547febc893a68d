"""The committed stubs are what the table renders, and mypy accepts calls written against them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workos_async import _stubgen

ROOT = Path(__file__).resolve().parents[2]


def test_stubs_match_the_table() -> None:
    assert _stubgen.ASYNC_STUB.read_text() == _stubgen.render(sync=False), (
        "resources.pyi is stale: run python -m workos_async._stubgen"
    )
    assert _stubgen.SYNC_STUB.read_text() == _stubgen.render(sync=True), (
        "sync/_resources.pyi is stale: run python -m workos_async._stubgen"
    )


def test_mypy_checks_calls_against_the_stubs(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(
        "from workos_async import AsyncWorkOS, WorkOS\n"
        "from workos_async.models import User\n"
        "async def main(c: AsyncWorkOS, s: WorkOS) -> None:\n"
        "    u: User = await c.user_management.get_user('user_1')\n"
        "    async for x in c.user_management.list_users(limit=10):\n"
        "        reveal_type(x)\n"
        "    v: User = s.user_management.get_user('user_1')\n"
        "    for y in s.user_management.list_users(email='a@b.co'):\n"
        "        print(y.email)\n"
        "    await c.user_management.update_user('u', metadata=None)\n"
    )
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from workos_async import AsyncWorkOS\n"
        "async def main(c: AsyncWorkOS) -> None:\n"
        "    await c.user_management.get_user(id=1)\n"
        "    await c.user_management.create_user(emial='x')\n"
    )

    def mypy(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )

    ok = mypy(good)
    assert ok.returncode == 0, ok.stdout
    assert 'Revealed type is "workos_async.models.users.User"' in ok.stdout
    failed = mypy(bad)
    assert failed.returncode != 0
    assert 'Argument "id"' in failed.stdout and "emial" in failed.stdout
