"""The issue's scenario: 4 uvicorn workers behind one port share refreshes through Redis. One
browser cookie with an expired access token, 400 concurrent requests: exactly one refresh at
the fake WorkOS, 400 answers 200, every one carrying the same new cookie."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from workos_async import AsyncWorkOS
from workos_async.sessions import IronSealer, SessionCookieData, decode_unverified_claims
from workos_async.testing import FakeWorkOS

from .helpers import ROOT
from .redis_server import free_port

PASSWORD = "a-cookie-password-of-at-least-32-characters!"
API_KEY = "sk_test_workers"
CLIENT_ID = "client_workers"


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS(api_key=API_KEY, client_id=CLIENT_ID) as server:
        yield server


def start_uvicorn(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tests.coordination.refresh_app:app",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "4", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


async def wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            assert proc.poll() is None, "uvicorn exited"
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("uvicorn did not start")


async def test_400_requests_on_4_workers_send_one_refresh(fake: FakeWorkOS, redis_url: str) -> None:
    async with AsyncWorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=fake.url) as client:
        um = client.user_management
        await um.create_user(email="ada@example.com", password="correct horse battery")
        auth = await um.authenticate_with_password(
            email="ada@example.com", password="correct horse battery"
        )
    # The browser's cookie: a genuine session whose access token has just expired.
    claims = dict(decode_unverified_claims(auth.access_token))
    claims["exp"] = int(time.time()) - 5
    expired = fake.auth.sign_token(claims)
    cookie = IronSealer(PASSWORD).seal(
        SessionCookieData(
            access_token=expired, refresh_token=auth.refresh_token, user={"id": auth.user.id}
        ).to_dict()
    )

    port = free_port()
    env = {
        **os.environ,
        "WORKOS_API_KEY": API_KEY,
        "WORKOS_CLIENT_ID": CLIENT_ID,
        "WORKOS_BASE_URL": fake.url,
        "WORKOS_COOKIE_PASSWORD": PASSWORD,
        "TEST_REDIS_URL": redis_url,
    }
    proc = start_uvicorn(port, env)
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_for(base + "/health", proc)
        # Let every worker finish starting, so the requests spread over all four.
        await asyncio.sleep(2.0)
        connector = aiohttp.TCPConnector(limit=200, force_close=True)
        async with aiohttp.ClientSession(connector=connector) as http:

            async def one() -> tuple[int, Any, str | None]:
                async with http.get(
                    base + "/me", headers={"Cookie": f"wos-session={cookie}"}
                ) as response:
                    body = await response.json()
                    new = response.cookies.get("wos-session")
                    return response.status, body, None if new is None else new.value

            answers = await asyncio.gather(*(one() for _ in range(400)))
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    statuses = [status for status, _, _ in answers]
    assert statuses == [200] * 400, {s: statuses.count(s) for s in set(statuses)}
    assert fake.auth.refresh_requests(auth.refresh_token) == 1
    assert fake.auth.refresh_requests() == 1
    new_cookies = {new for _, _, new in answers}
    assert len(new_cookies) == 1 and None not in new_cookies
    pids = {body["pid"] for _, body, _ in answers}
    assert len(pids) >= 2  # the requests really landed on several processes
    opened = SessionCookieData.from_dict(IronSealer(PASSWORD).unseal(new_cookies.pop() or ""))
    assert opened.refresh_token != auth.refresh_token
