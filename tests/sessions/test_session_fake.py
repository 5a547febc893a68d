"""Sessions over a real client against the fake WorkOS: the JWKS fetched through the client's
pool, refresh tokens rotated and single use, counted by the fake."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from workos_async import AsyncWorkOS, WorkOS
from workos_async.sessions import (
    AsyncSessions,
    AuthenticateSuccess,
    IronSealer,
    RefreshSuccess,
    SessionFailure,
    SessionFailureReason,
)
from workos_async.testing import FakeWorkOS

PASSWORD = "sessions-against-the-fake-password-32chars"


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as fake:
        yield fake


@pytest.fixture
async def client(fake: FakeWorkOS) -> AsyncIterator[AsyncWorkOS]:
    async with AsyncWorkOS(
        api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url, max_retries=0
    ) as client:
        yield client


async def sign_in(fake: FakeWorkOS, client: AsyncWorkOS, org: bool = False) -> tuple[str, str]:
    """(a sealed cookie, its refresh token) for a new user of the fake."""
    user = await client.user_management.create_user(email="ada@example.com", first_name="Ada")
    org_id = None
    if org:
        organization = await client.organizations.create_organization(name="Acme")
        await client.user_management.create_organization_membership(
            user_id=user.id, organization_id=organization.id
        )
        org_id = organization.id
    response = fake.auth.sign_in(user.id, organization_id=org_id)
    cookie = IronSealer(PASSWORD).seal(
        {
            "accessToken": response["access_token"],
            "refreshToken": response["refresh_token"],
            "user": response["user"],
        }
    )
    return cookie, response["refresh_token"]


async def test_client_sessions_verifies_through_the_clients_pool(
    fake: FakeWorkOS, client: AsyncWorkOS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    cookie, _ = await sign_in(fake, client)
    sessions = client.sessions
    assert sessions is client.sessions  # one per client
    results = await asyncio.gather(
        *(sessions.authenticate_with_session_cookie(cookie) for _ in range(100))
    )
    assert all(isinstance(r, AuthenticateSuccess) for r in results)
    assert fake.auth.jwks_fetches == 1  # 100 cold callers, one fetch


async def test_a_rotated_signing_key_is_fetched_once(fake: FakeWorkOS, client: AsyncWorkOS) -> None:
    monotonic = [0.0]
    sessions = AsyncSessions(client, cookie_password=PASSWORD, monotonic=lambda: monotonic[0])
    cookie, _ = await sign_in(fake, client)
    assert (await sessions.authenticate_with_session_cookie(cookie)).authenticated
    assert fake.auth.jwks_fetches == 1
    # WorkOS rotates its key: concurrent tokens with the new kid (past the refetch cooldown
    # since the last fetch) force one refetch between them.
    fake.rotate_signing_key()
    monotonic[0] += 31
    cookie2, _ = await sign_in_again(fake, client)
    results = await asyncio.gather(
        *(sessions.authenticate_with_session_cookie(cookie2) for _ in range(20))
    )
    assert all(r.authenticated for r in results)
    assert fake.auth.jwks_fetches == 2
    assert (await sessions.authenticate_with_session_cookie(cookie)).authenticated
    assert fake.auth.jwks_fetches == 2


async def sign_in_again(fake: FakeWorkOS, client: AsyncWorkOS) -> tuple[str, str]:
    user = await client.user_management.create_user(email="grace@example.com")
    response = fake.auth.sign_in(user.id)
    cookie = IronSealer(PASSWORD).seal(
        {"accessToken": response["access_token"], "refreshToken": response["refresh_token"]}
    )
    return cookie, response["refresh_token"]


async def test_1000_concurrent_refreshes_send_one_request_to_workos(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    sessions = AsyncSessions(client, cookie_password=PASSWORD, clock=fake.clock.now)
    cookie, refresh_token = await sign_in(fake, client, org=True)
    fake.clock.advance(fake.auth.access_token_ttl + 1)

    results = await asyncio.gather(
        *(sessions.load_sealed_session(cookie).authenticate_or_refresh() for _ in range(1000))
    )

    assert fake.auth.refresh_requests() == 1
    first = results[0]
    assert isinstance(first, RefreshSuccess)
    assert all(r is first for r in results)
    assert first.organization_id is not None  # the organization was kept
    assert first.user["first_name"] == "Ada"
    # A request a moment later with the old cookie: the same result, no second use of the
    # (now used) token.
    late = await sessions.load_sealed_session(cookie).refresh()
    assert late is first
    assert fake.auth.refresh_requests(refresh_token) == 1
    # The new cookie works without a refresh.
    again = await sessions.load_sealed_session(first.sealed_session).authenticate_or_refresh()
    assert isinstance(again, AuthenticateSuccess) and not again.refreshed
    assert fake.auth.refresh_requests() == 1


async def test_a_used_refresh_token_is_invalid_grant_at_the_fake(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    cookie, _ = await sign_in(fake, client)
    fresh_client = AsyncSessions(client, cookie_password=PASSWORD, reuse_window=0)
    assert (await fresh_client.load_sealed_session(cookie).refresh()).authenticated
    reused = await fresh_client.load_sealed_session(cookie).refresh()
    assert isinstance(reused, SessionFailure)
    assert reused.reason is SessionFailureReason.INVALID_GRANT and reused.sign_out


async def test_refresh_to_an_organization_the_user_is_not_in(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    cookie, _ = await sign_in(fake, client)
    other = await client.organizations.create_organization(name="Elsewhere")
    sessions = AsyncSessions(client, cookie_password=PASSWORD)
    result = await sessions.load_sealed_session(cookie).refresh(organization_id=other.id)
    assert isinstance(result, SessionFailure)
    assert not result.authenticated and not result.retryable


def test_the_blocking_client_against_the_fake() -> None:
    fake = FakeWorkOS()
    with (
        fake.run_in_thread() as running,
        WorkOS(
            api_key=running.api_key, client_id=running.client_id, base_url=running.url
        ) as client,
    ):
        user = client.user_management.create_user(email="ada@example.com")
        response = running.auth.sign_in(user.id)
        cookie = client.sessions.seal_session_from_authentication_response(
            response, cookie_password=PASSWORD
        )
        session = client.sessions.load_sealed_session(cookie, cookie_password=PASSWORD)
        result = session.authenticate()
        assert isinstance(result, AuthenticateSuccess) and result.user_id == user.id
        refreshed = session.refresh()
        assert isinstance(refreshed, RefreshSuccess)
        assert running.auth.refresh_requests() == 1
        assert running.auth.jwks_fetches == 1
        assert session.get_logout_url().startswith(
            f"{running.url}/user_management/sessions/logout?session_id="
        )


async def test_a_cold_jwks_fetch_does_not_block_the_loop(
    fake: FakeWorkOS, client: AsyncWorkOS
) -> None:
    from workos_async.testing import Fault

    cookie, _ = await sign_in(fake, client)
    fake.faults.add(Fault(method="GET", path="/sso/jwks/*", kind="latency", latency=0.3))
    sessions = AsyncSessions(client, cookie_password=PASSWORD)
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    before = ticks
    result = await sessions.authenticate_with_session_cookie(cookie)
    stop.set()
    await task
    assert result.authenticated
    assert fake.auth.jwks_fetches == 1
    # The loop kept running other tasks while the keys were fetched (0.3 s of latency).
    assert ticks - before >= 3
