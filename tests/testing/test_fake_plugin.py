"""The pytest plugin's fixtures with the real SDK, and a user's three-line test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workos_async import AsyncWorkOS, BadRequestError, NotFoundError, ServerError
from workos_async.testing import FakeWorkOS, Fault


async def test_async_client_fixture(workos_client: AsyncWorkOS, workos_fake: FakeWorkOS) -> None:
    user = await workos_client.user_management.create_user(email="ada@example.com")
    assert workos_fake.store.users[user.id]["email"] == "ada@example.com"


async def test_fixture_starts_empty(workos_client: AsyncWorkOS, workos_fake: FakeWorkOS) -> None:
    assert len(workos_fake.store.users) == 0  # the previous test's user is gone
    with pytest.raises(NotFoundError):
        await workos_client.user_management.get_user("user_01ZZZZZZZZZZZZZZZZZZZZZZZZ")


async def test_sdk_sees_spec_errors_and_retries_faults(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    await workos_client.user_management.create_user(email="dup@example.com")
    with pytest.raises(BadRequestError) as info:
        await workos_client.user_management.create_user(email="dup@example.com")
    assert info.value.code == "user_creation_error"
    workos_fake.faults.add(Fault(method="GET", path="/user_management/users", status=503, count=2))
    page = await workos_client.user_management.list_users(limit=5)
    assert len(page.data) == 1
    assert workos_fake.counters.by_status[503] == 2  # retried through two 503s
    workos_fake.faults.add(
        Fault(method="GET", path="/user_management/users", status=500, count=None)
    )
    with pytest.raises(ServerError):
        await workos_client.user_management.list_users(request_options={"max_retries": 0})


async def test_async_for_walks_every_page(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    for i in range(25):
        await workos_client.user_management.create_user(email=f"p{i}@example.com")
    emails = [u.email async for u in workos_client.user_management.list_users(limit=10)]
    assert len(emails) == 25 and len(set(emails)) == 25


def test_sync_client_fixture(workos_sync_client: object, workos_fake: FakeWorkOS) -> None:
    user = workos_sync_client.user_management.create_user(email="sync@example.com")  # type: ignore[attr-defined]
    assert workos_fake.store.users[user.id]["email"] == "sync@example.com"


def test_a_users_three_line_test_runs_with_the_plugin(tmp_path: Path) -> None:
    (tmp_path / "test_signup.py").write_text(
        "async def test_signup(workos_client, workos_fake):\n"
        "    user = await workos_client.user_management.create_user(email='ada@example.com')\n"
        "    assert workos_fake.store.users[user.id]['email'] == 'ada@example.com'\n"
        "\n"
        "def test_sync(workos_sync_client, workos_fake):\n"
        "    assert workos_sync_client.user_management.list_users().data == []\n"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nasyncio_mode = auto\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
