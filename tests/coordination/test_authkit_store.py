"""``AuthKit(session_store=..., flights=...)`` on a real redis-server.

* Four uvicorn workers behind one port: sign-in through /login -> the fake -> /callback with a
  role of 120 permissions (an ~8 KB session), 200 concurrent requests after the access token
  expired -> exactly one refresh at the fake, the stored session rewritten under the same
  cookie with its TTL renewed, nothing readable in Redis, logout deletes the key.
* Redis killed: requests whose session lives there get a 503 (logged once), cookie sessions
  keep working; Redis restarted: sign-in works again without restarting the app.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import httpx
import pytest
from fastapi import Depends, FastAPI

from workos_async import AsyncWorkOS
from workos_async.coordination import Coordinator
from workos_async.fastapi import AuthKit
from workos_async.sessions import AsyncSessions, AuthenticateSuccess, IronSealer
from workos_async.testing import FakeWorkOS

from .redis_server import RedisServer, free_port
from .test_multi_worker_refresh import API_KEY, CLIENT_ID, PASSWORD, wait_for

MANY_PERMISSIONS = [f"projects:permission-number-{i:03d}" for i in range(120)]
EMAIL = "ada@example.com"


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS(api_key=API_KEY, client_id=CLIENT_ID) as server:
        yield server


async def big_role_user(fake: FakeWorkOS) -> tuple[str, str]:
    """A user whose membership's role has 120 permissions: (user id, organization id)."""
    async with AsyncWorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=fake.url) as client:
        um = client.user_management
        user = await um.create_user(email=EMAIL, first_name="Ada")
        org = await client.organizations.create_organization(name="Acme")
        await um.create_organization_membership(user_id=user.id, organization_id=org.id)
    fake.auth.role_permissions = {"member": MANY_PERMISSIONS}
    fake.auth.default_user_id = user.id
    return user.id, org.id


async def scan(redis: Any) -> dict[bytes, bytes]:
    """Every key of the Redis server and its serialized value (whatever its type)."""
    found: dict[bytes, bytes] = {}
    async for key in redis.scan_iter(count=1000):
        dumped = await redis.dump(key)
        if dumped is not None:
            found[bytes(key)] = bytes(dumped)
    return found


def session_keys(found: dict[bytes, bytes]) -> list[bytes]:
    return [key for key in found if key.startswith(b"workos:session:")]


async def sign_in_over_http(http: aiohttp.ClientSession, base: str, org: str) -> str:
    """/login -> the fake's /authorize -> /callback over real sockets: the session cookie."""
    async with http.get(base + "/login", allow_redirects=False) as login:
        assert login.status == 302
        verifier = login.cookies["wos-session-verifier"].value
        authorize = login.headers["location"] + f"&organization_id={org}"
    async with http.get(authorize, allow_redirects=False) as at_fake:
        assert at_fake.status == 302
        location = urlsplit(at_fake.headers["location"])
    async with http.get(
        f"{base}{location.path}?{location.query}",
        headers={"Cookie": f"wos-session-verifier={verifier}"},
        allow_redirects=False,
    ) as callback:
        assert callback.status == 303, await callback.text()
        return callback.cookies["wos-session"].value


async def test_four_workers_share_server_side_sessions(
    fake: FakeWorkOS, redis_url: str, redis: Any, tmp_path: Path
) -> None:
    user_id, org = await big_role_user(fake)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "WORKOS_API_KEY": API_KEY,
        "WORKOS_CLIENT_ID": CLIENT_ID,
        "WORKOS_BASE_URL": fake.url,
        "WORKOS_COOKIE_PASSWORD": PASSWORD,
        "WORKOS_REDIRECT_URI": base + "/callback",
        "TEST_REDIS_URL": redis_url,
    }
    log = tmp_path / "uvicorn.log"
    proc = start_uvicorn(port, env, log.open("wb"))
    try:
        await wait_for(base + "/health", proc)
        await asyncio.sleep(2.0)  # every worker started: the requests spread over all four
        connector = aiohttp.TCPConnector(limit=100, force_close=True)
        async with aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar()
        ) as http:
            # Sign in with access tokens that expire at once (then back to WorkOS's 300 s).
            fake.auth.access_token_ttl = 2.0
            cookie = await sign_in_over_http(http, base, org)
            fake.auth.access_token_ttl = 300.0
            assert len(cookie) < 512 and set(IronSealer(PASSWORD).unseal(cookie)) == {"sid"}
            [key] = session_keys(await scan(redis))
            ttl_before, written = await redis.pttl(key), time.monotonic()
            assert 0 < ttl_before <= 3_600_000
            await asyncio.sleep(2.5)  # the access token has expired
            headers = {"Cookie": f"wos-session={cookie}"}

            async def one(path: str = "/api/me") -> tuple[int, Any, str | None]:
                async with http.get(base + path, headers=headers) as response:
                    body = await response.json()
                    new = response.cookies.get("wos-session")
                    return response.status, body, None if new is None else new.value

            answers = await asyncio.gather(*(one() for _ in range(200)))
            statuses = [status for status, _, _ in answers]
            assert statuses == [200] * 200, (
                [b for s, b, _ in answers if s != 200][:3],
                log.read_text()[-3000:],
            )
            assert fake.auth.refresh_requests() == 1
            assert {body["permissions"] for _, body, _ in answers} == {120}
            assert len({body["pid"] for _, body, _ in answers}) >= 2
            # Whoever refreshed set the same cookie again (its lifetime starts over).
            assert any(body["refreshed"] for _, body, _ in answers)
            assert {new for _, _, new in answers} <= {cookie, None}
            assert cookie in {new for _, _, new in answers}
            # The stored session was rewritten: TTL renewed, and later requests use new tokens.
            # Without the rewrite it would be below ttl_before minus the time gone by.
            elapsed_ms = (time.monotonic() - written) * 1000
            assert await redis.pttl(key) > ttl_before - elapsed_ms + 1000
            status, body, _ = await one()
            assert status == 200 and body["refreshed"] is False and body["email"] == EMAIL
            status, body, _ = await one("/api/last-permission")
            assert status == 200 and body["id"] == user_id
            assert fake.auth.refresh_requests() == 1

            # Nothing in Redis is readable: no token, email or user id, in keys or values.
            # (Every token of the fake starts with the same JWT header segment.)
            jwt_header = fake.auth.sign_token({"sub": user_id}).split(".")[0].encode()
            assert len(jwt_header) > 30
            for name, value in (await scan(redis)).items():
                for secret in (EMAIL.encode(), user_id.encode(), jwt_header):
                    assert secret not in name and secret not in value, name

            # Logout deletes the session: every worker refuses the cookie afterwards.
            async with http.post(base + "/logout", headers=headers, allow_redirects=False) as out:
                assert out.status == 303
                assert out.headers["location"].startswith(fake.url)
                assert out.cookies["wos-session"].value == ""
            assert session_keys(await scan(redis)) == []
            refused = await asyncio.gather(*(one() for _ in range(8)))
            assert {status for status, _, _ in refused} == {401}
    finally:
        stop(proc)


def start_uvicorn(port: int, env: dict[str, str], log: Any) -> Any:
    import subprocess
    import sys

    from .helpers import ROOT

    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tests.coordination.store_app:app",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "4", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )  # fmt: skip


def stop(proc: Any) -> None:
    import subprocess

    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def in_process_app(authkit: AuthKit) -> FastAPI:
    app = FastAPI()
    authkit.install(app)

    @app.get("/api/me")
    async def me(user: AuthenticateSuccess = Depends(authkit.require_user)) -> dict[str, Any]:
        return {"id": user.user_id, "permissions": len(user.permissions)}

    return app


async def sign_in_in_process(http: httpx.AsyncClient, org: str) -> httpx.Response:
    login = await http.get("/login")
    assert login.status_code == 302
    verifier = login.cookies["wos-session-verifier"]
    async with httpx.AsyncClient() as browser:
        at_fake = await browser.get(login.headers["location"] + f"&organization_id={org}")
    location = urlsplit(at_fake.headers["location"])
    return await http.get(
        f"{location.path}?{location.query}", headers={"Cookie": f"wos-session-verifier={verifier}"}
    )


async def test_redis_down_is_a_503_then_recovers(
    fake: FakeWorkOS, own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    user_id, org = await big_role_user(fake)
    coordinator = Coordinator.from_redis(own_redis.url, api_key=API_KEY)
    async with AsyncWorkOS(
        api_key=API_KEY, client_id=CLIENT_ID, base_url=fake.url, max_retries=0
    ) as client:
        authkit = AuthKit(
            client=client,
            cookie_password=PASSWORD,
            redirect_uri="http://testserver/callback",
            cookie_secure=False,
            session_store=coordinator.sessions,
            flights=coordinator.flights,
        )
        # A cookie session (small) signed in before the store was configured.
        fake.auth.role_permissions = {"member": ["users:read"]}
        small = fake.auth.sign_in(user_id)
        fake.auth.role_permissions = {"member": MANY_PERMISSIONS}
        plain = AsyncSessions(cookie_password=PASSWORD).seal_session_from_authentication_response(
            small
        )
        transport = httpx.ASGITransport(app=in_process_app(authkit))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            signed_in = await sign_in_in_process(http, org)
            assert signed_in.status_code == 303, signed_in.text
            stored = {"Cookie": f"wos-session={signed_in.cookies['wos-session']}"}
            assert (await http.get("/api/me", headers=stored)).json()["permissions"] == 120
            cookie_only = {"Cookie": f"wos-session={plain}"}
            assert (await http.get("/api/me", headers=cookie_only)).status_code == 200

            own_redis.kill()
            caplog.clear()
            caplog.set_level(logging.INFO, logger="workos_async")
            for _ in range(5):
                down = await http.get("/api/me", headers=stored)
                assert down.status_code == 503
                assert down.json()["detail"]["reason"] == "session_store_unavailable"
                assert down.headers["retry-after"] == "1"
                assert "set-cookie" not in down.headers  # the user is not signed out
                assert (await http.get("/api/me", headers=cookie_only)).status_code == 200
            warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert len(warnings) == 1, [r.getMessage() for r in warnings]
            assert "redis unavailable" in warnings[0].getMessage()

            # Back (empty: no persistence): the lost session is a clean sign-out, a new
            # sign-in works, without restarting the app.
            own_redis.start()
            deadline = time.monotonic() + 10
            while True:
                again = await http.get("/api/me", headers=stored)
                if again.status_code != 503 or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            assert again.status_code == 401
            assert again.json()["detail"]["reason"] == "invalid_session_cookie"
            fresh = await sign_in_in_process(http, org)
            assert fresh.status_code == 303
            cookie = fresh.cookies["wos-session"]
            me = await http.get("/api/me", headers={"Cookie": f"wos-session={cookie}"})
            assert me.status_code == 200 and me.json()["id"] == user_id
    await coordinator.aclose()
    for record in caplog.records:
        assert plain not in record.getMessage() and EMAIL not in record.getMessage()
