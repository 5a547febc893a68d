"""The blocking face: ``WorkOS(...).sessions`` gives the same results as the async one and
shares its caches (one refresh for many threads)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from workos_async import WorkOS
from workos_async.sessions import (
    AsyncSessions,
    AuthenticateSuccess,
    JWKSCache,
    RefreshSuccess,
    SessionFailure,
    SessionFailureReason,
    SyncSession,
)
from workos_async.sync._client import EventLoopBlockingError

from .conftest import FakeClock
from .test_session_authenticate import (
    CLIENT_ID,
    PASSWORD,
    FakeRefresher,
    JWKSServer,
    seal_cookie,
)


@pytest.fixture
def sync_client(
    rsa_key: rsa.RSAPrivateKey, clock: FakeClock
) -> Iterator[tuple[WorkOS, FakeRefresher, JWKSServer]]:
    refresher = FakeRefresher(rsa_key, clock, delay=0.05)
    jwks_server = JWKSServer(rsa_key)
    client = WorkOS(api_key="sk_test_sync", client_id=CLIENT_ID, base_url="http://127.0.0.1:9")
    # The facade's async client gets sessions over the fakes (the client's own would call
    # the API).
    client.async_client._resources["sessions"] = AsyncSessions(
        cookie_password=PASSWORD,
        authenticate_with_refresh_token=refresher,
        jwks=JWKSCache(jwks_server, clock=clock),
        client_id=CLIENT_ID,
        logout_url=lambda sid, to: f"https://logout.test/{sid}",
        clock=clock,
    )
    with client:
        yield client, refresher, jwks_server


def test_the_blocking_session_gives_the_async_results(
    sync_client: tuple[WorkOS, FakeRefresher, JWKSServer], clock: FakeClock
) -> None:
    client, refresher, jwks_server = sync_client
    assert client.sessions.async_sessions is client.async_client.sessions
    access, refresh = refresher.issue(org_id="org_1", exp_in=30)
    cookie = seal_cookie(access, refresh)

    session = client.sessions.load_sealed_session(cookie)
    assert isinstance(session, SyncSession)
    assert repr(session) == "<SyncSession sealed>"
    ok = session.authenticate()
    assert isinstance(ok, AuthenticateSuccess) and ok.organization_id == "org_1"
    one_shot = client.sessions.authenticate_with_session_cookie(cookie)
    assert isinstance(one_shot, AuthenticateSuccess)
    assert client.sessions.verify_access_token(access).sub == ok.user_id
    assert client.sessions.authenticate_access_token(access).authenticated
    assert jwks_server.fetches == 1  # one cache for every call
    assert client.sessions.prefetch_jwks() is True
    assert session.get_logout_url() == "https://logout.test/session_1"

    clock.advance(31)
    expired = session.authenticate()
    assert isinstance(expired, SessionFailure)
    assert expired.reason is SessionFailureReason.INVALID_JWT
    refreshed = session.refresh()
    assert isinstance(refreshed, RefreshSuccess)
    assert refreshed.organization_id == "org_1"
    assert session.sealed_session == refreshed.sealed_session
    assert session.authenticate_or_refresh(refresh_buffer=5).authenticated
    assert client.sessions.load_sealed_session(None).authenticate().authenticated is False
    sealed = client.sessions.seal_session_from_authentication_response(
        {"access_token": access, "refresh_token": refresh, "user": {"id": "u"}}
    )
    assert client.sessions.authenticate_with_session_cookie(sealed).authenticated is False


def test_threads_share_one_refresh(
    sync_client: tuple[WorkOS, FakeRefresher, JWKSServer], clock: FakeClock
) -> None:
    client, refresher, _ = sync_client
    access, refresh = refresher.issue(exp_in=30)
    cookie = seal_cookie(access, refresh)
    clock.advance(31)

    def refresh_in_thread(_: int) -> Any:
        return client.sessions.load_sealed_session(cookie).authenticate_or_refresh()

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(refresh_in_thread, range(64)))
    assert len(refresher.calls) == 1
    assert all(isinstance(r, RefreshSuccess) for r in results)
    assert len({r.sealed_session for r in results}) == 1
    # The async face sees the same coordinator: the old cookie is answered from it.
    assert client.async_client.sessions.refreshes.started == 1


async def test_the_blocking_face_refuses_to_run_inside_an_event_loop(
    sync_client: tuple[WorkOS, FakeRefresher, JWKSServer],
) -> None:
    client, refresher, _ = sync_client
    access, refresh = refresher.issue()
    session = client.sessions.load_sealed_session(seal_cookie(access, refresh))
    assert asyncio.get_running_loop() is not None
    with pytest.raises(EventLoopBlockingError):
        session.authenticate()
