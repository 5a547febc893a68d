"""Proves the emulator harness itself, with raw aiohttp (the SDK-level tests come later).

Also records, as assertions, the emulator behaviours the harness relies on: seeded keys
replace the built-in one, every key has its own rate-limit bucket, public routes share one
anonymous bucket, and 401 answers carry no rate-limit headers.
"""

from __future__ import annotations

import asyncio
import socket
import stat
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from ._emulator import (
    DEFAULT_API_KEY,
    RATE_LIMIT_PER_WINDOW,
    RATE_LIMIT_WINDOW_SECONDS,
    Emulator,
    EmulatorProcess,
    EmulatorSeed,
    EmulatorStartError,
    EmulatorUnavailableError,
    SeedUser,
    conformance_seed,
    emulator_entry_point,
    ensure_installed,
    find_tools,
)
from .conftest import emulator_unavailable, require_emulator, running_in_ci


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        yield session


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# --- harness policy (no emulator needed) -------------------------------------------------


def test_ci_detection_reads_the_ci_variable() -> None:
    assert running_in_ci({"CI": "true"})
    assert running_in_ci({"CI": "1"})
    assert not running_in_ci({"CI": "false"})
    assert not running_in_ci({})


def test_missing_emulator_fails_in_ci_and_skips_locally() -> None:
    with pytest.raises(pytest.fail.Exception, match="cannot run in CI: node not found"):
        emulator_unavailable("node not found", ci=True)
    with pytest.raises(pytest.skip.Exception, match="unavailable: node not found"):
        emulator_unavailable("node not found", ci=False)


def test_missing_node_and_npm_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EmulatorUnavailableError, match="node and npm not found on PATH"):
        find_tools()


def test_failed_npm_install_shows_npm_stderr(tmp_path: Path) -> None:
    fake_npm = tmp_path / "npm"
    fake_npm.write_text(
        "#!/bin/sh\necho 'npm ERR! 404 workos@0.14.0 is not in this registry' >&2\nexit 1\n"
    )
    fake_npm.chmod(fake_npm.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(EmulatorStartError) as caught:
        ensure_installed(tmp_path / "cache", npm=str(fake_npm))
    message = str(caught.value)
    assert "failed with exit code 1" in message
    assert "is not in this registry" in message


def test_installed_version_is_not_reinstalled(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    package = cache / "node_modules" / "workos"
    (package / "dist").mkdir(parents=True)
    (package / "package.json").write_text('{"name": "workos", "version": "0.14.0"}')
    (package / "dist" / "bin.js").write_text("")
    # An npm that would fail proves it is not called when 0.14.0 is already there.
    assert ensure_installed(cache, npm="/nonexistent/npm") == emulator_entry_point(cache)


def test_relative_paths_still_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # node runs in a private temp dir, so a relative entry point must be made absolute.
    node, entry_point = require_emulator()
    monkeypatch.chdir(entry_point.parents[4])
    relative = entry_point.relative_to(Path.cwd())
    assert not relative.is_absolute()
    with EmulatorProcess(relative, EmulatorSeed(extra_api_keys=()), node=node) as private:
        assert private.port > 0


def test_seed_config_lists_the_default_key_first_and_hides_secrets() -> None:
    seed = conformance_seed()
    config = seed.to_config()
    keys = list(config["apiKeys"])
    assert keys[0] == DEFAULT_API_KEY
    assert len(keys) == len(set(keys)) == 10  # default + 8 extra + spare
    assert all(v == {"environment": "test"} for v in config["apiKeys"].values())
    assert {u["email"] for u in config["users"]} >= {"conformance.password@example.com"}
    password = next(u.password for u in seed.users if u.handle == "password_user")
    assert password is not None
    text = repr(seed)
    assert password not in text
    assert all(key not in text for key in keys)


def test_seed_rejects_bad_keys_and_duplicates() -> None:
    with pytest.raises(ValueError, match="starting 'sk_'"):
        EmulatorSeed(extra_api_keys=("pk_test_nope",))
    with pytest.raises(ValueError, match="listed twice"):
        EmulatorSeed(extra_api_keys=(DEFAULT_API_KEY,))
    with pytest.raises(ValueError, match="duplicate email"):
        EmulatorSeed(
            extra_api_keys=(),
            users=(SeedUser("a", "same@example.com"), SeedUser("b", "same@example.com")),
        )


# --- the running emulator ----------------------------------------------------------------


async def test_health_reports_ok(emulator: Emulator, http: aiohttp.ClientSession) -> None:
    async with http.get(f"{emulator.url}/health") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok"}


async def test_request_without_a_key_is_401(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    url = f"{emulator.url}/user_management/users/{emulator.users['password_user'].id}"
    for headers in ({}, _bearer("sk_test_not_seeded"), _bearer("not-an-sk-key")):
        async with http.get(url, headers=headers) as response:
            assert response.status == 401
            assert await response.json() == {"message": "Unauthorized", "code": "unauthorized"}
            assert response.headers["X-Request-ID"].startswith("req_")
            # The auth check runs before the rate limiter, so a 401 has no rate-limit headers.
            assert "X-RateLimit-Limit" not in response.headers


async def test_every_seeded_key_works(emulator: Emulator, http: aiohttp.ClientSession) -> None:
    user = emulator.users["password_user"]
    assert len(emulator.extra_api_keys) >= 4
    assert emulator.default_api_key == DEFAULT_API_KEY
    for key in emulator.api_keys:
        async with http.get(
            f"{emulator.url}/user_management/users/{user.id}", headers=_bearer(key)
        ) as response:
            assert response.status == 200
            body = await response.json()
            assert body["email"] == user.email
            assert body["external_id"] == user.external_id


async def test_raw_key_without_bearer_prefix_is_accepted(
    emulator: Emulator, http: aiohttp.ClientSession, emulator_api_key: str
) -> None:
    async with http.get(
        f"{emulator.url}/user_management/users?limit=1",
        headers={"Authorization": emulator_api_key},
    ) as response:
        assert response.status == 200


async def test_rate_limit_headers_count_per_key(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    first_key, other_key = emulator.extra_api_keys[0], emulator.extra_api_keys[1]
    url = f"{emulator.url}/user_management/users?limit=1"

    async def remaining(key: str) -> tuple[int, int]:
        async with http.get(url, headers=_bearer(key)) as response:
            assert response.status == 200
            assert response.headers["X-RateLimit-Limit"] == str(RATE_LIMIT_PER_WINDOW)
            reset = int(response.headers["X-RateLimit-Reset"])
            assert 0 <= reset - time.time() <= RATE_LIMIT_WINDOW_SECONDS + 1
            return int(response.headers["X-RateLimit-Remaining"]), reset

    other_before, _ = await remaining(other_key)
    first, reset = await remaining(first_key)
    second, reset_again = await remaining(first_key)
    other_after, _ = await remaining(other_key)
    assert 0 < second == first - 1 < RATE_LIMIT_PER_WINDOW
    assert reset_again == reset  # a fixed window, not a sliding one
    assert other_after == other_before - 1  # the first key's requests did not count here


async def test_public_routes_share_one_anonymous_bucket(
    emulator: Emulator, http: aiohttp.ClientSession, emulator_api_key: str
) -> None:
    async def anonymous_remaining(response: aiohttp.ClientResponse) -> int:
        return int(response.headers["X-RateLimit-Remaining"])

    async with http.get(f"{emulator.url}/health") as response:
        before = await anonymous_remaining(response)
    # A valid key on a public route still counts against the anonymous bucket.
    body = {"grant_type": "password", "client_id": emulator.client_id, "email": "x@example.com"}
    async with http.post(
        f"{emulator.url}/user_management/authenticate",
        json=body,
        headers=_bearer(emulator_api_key),
    ) as response:
        assert response.status == 400  # no password
        assert await anonymous_remaining(response) == before - 1


async def test_seeded_password_user_authenticates(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    user = emulator.users["password_user"]
    assert user.password is not None
    body = {
        "grant_type": "password",
        "client_id": emulator.client_id,
        "client_secret": emulator.default_api_key,
        "email": user.email,
        "password": user.password,
    }
    async with http.post(f"{emulator.url}/user_management/authenticate", json=body) as response:
        assert response.status == 200
        result = await response.json()
    assert result["user"]["id"] == user.id
    assert result["authentication_method"] == "Password"
    assert result["access_token"].count(".") == 2
    assert isinstance(result["refresh_token"], str)


async def test_seeded_organization_and_unverified_user(
    emulator: Emulator, http: aiohttp.ClientSession, emulator_api_key: str
) -> None:
    org = emulator.organizations["acme"]
    async with http.get(
        f"{emulator.url}/organizations/{org.id}", headers=_bearer(emulator_api_key)
    ) as response:
        assert response.status == 200
        body = await response.json()
    assert body["name"] == org.name
    assert body["external_id"] == org.external_id
    assert [(d["domain"], d["state"]) for d in body["domains"]] == [
        ("conformance-acme.example.com", "verified")
    ]
    unverified = emulator.users["unverified_user"]
    assert unverified.password is None
    async with http.get(
        f"{emulator.url}/user_management/users/{unverified.id}",
        headers=_bearer(emulator_api_key),
    ) as response:
        assert (await response.json())["email_verified"] is False


async def test_unique_email_creates_a_user(
    emulator: Emulator,
    http: aiohttp.ClientSession,
    emulator_api_key: str,
    unique_email: str,
) -> None:
    async with http.post(
        f"{emulator.url}/user_management/users",
        json={"email": unique_email},
        headers=_bearer(emulator_api_key),
    ) as response:
        assert response.status == 201
        assert (await response.json())["email"] == unique_email


async def test_spare_key_gets_429_on_the_thousandth_request(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    spare = emulator.spare_api_key
    assert spare is not None
    url = f"{emulator.url}/user_management/users/does_not_exist"  # 404s count too

    # Walk this key's window down to its end; the window may also roll over meanwhile
    # (it is fixed at 60 s from the key's first request), so just go until the 429.
    previous: int | None = None
    for _ in range(2 * RATE_LIMIT_PER_WINDOW):
        async with http.get(url, headers=_bearer(spare)) as response:
            remaining = int(response.headers["X-RateLimit-Remaining"])
            body = await response.json()
            if response.status == 429:
                retry_after = int(response.headers["Retry-After"])
                break
            assert response.status == 404
            if previous is not None and remaining < previous:
                assert remaining == previous - 1
            previous = remaining
    else:
        pytest.fail(f"no 429 after {2 * RATE_LIMIT_PER_WINDOW} requests with one key")
    assert previous == 1  # the 1,000th request of the window is refused
    assert remaining == 0
    assert body == {"message": "Too Many Requests", "code": "rate_limit_exceeded"}
    assert 0 < retry_after <= RATE_LIMIT_WINDOW_SECONDS
    # Another key's bucket is untouched.
    async with http.get(url, headers=_bearer(emulator.extra_api_keys[-1])) as response:
        assert response.status == 404


# --- start and stop of a second, private emulator -------------------------------------


async def test_own_seed_replaces_the_default_key_and_stop_ends_the_process(
    http: aiohttp.ClientSession,
) -> None:
    node, entry_point = require_emulator()
    seed = EmulatorSeed(
        default_api_key="sk_test_private_default",
        extra_api_keys=("sk_test_private_extra",),
        users=(SeedUser("only", "only@example.com"),),
    )
    process = EmulatorProcess(entry_point, seed, node=node)
    private = await asyncio.to_thread(process.start)
    try:
        assert private.spare_api_key is None
        assert private.issuer == f"http://localhost:{private.port}"
        url = f"{private.url}/user_management/users/{private.users['only'].id}"
        async with http.get(url, headers=_bearer("sk_test_private_default")) as response:
            assert response.status == 200
        # A seed's apiKeys replaces the built-in list: sk_test_default is gone.
        async with http.get(url, headers=_bearer(DEFAULT_API_KEY)) as response:
            assert response.status == 401
    finally:
        await asyncio.to_thread(process.stop)
    assert process.returncode is not None
    with pytest.raises(aiohttp.ClientConnectionError):
        async with http.get(f"{private.url}/health") as response:
            pass  # pragma: no cover
    with pytest.raises(RuntimeError, match="already started"):
        process.start()


def test_start_failure_shows_the_emulator_stderr() -> None:
    node, entry_point = require_emulator()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = EmulatorProcess(
            entry_point, EmulatorSeed(extra_api_keys=()), node=node, port=port
        )
        with pytest.raises(EmulatorStartError) as caught:
            process.start()
    message = str(caught.value)
    assert "exited with code 1 before it was ready" in message
    assert "EADDRINUSE" in message
    assert process.returncode == 1
