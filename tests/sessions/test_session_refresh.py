"""Session.refresh(): single flight, reuse by late requests, organization kept, failure
reasons, proactive refresh — against a fake ``authenticate_with_refresh_token`` with WorkOS's
single-use rotation."""

# The fixtures are shared with test_session_authenticate (imported below); test arguments of
# the same names are those fixtures.
# ruff: noqa: F401, F811

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from workos_async import WorkOSConnectionError, WorkOSTimeoutError
from workos_async.sessions import (
    AsyncSessions,
    AuthenticateSuccess,
    IronSealer,
    RefreshSuccess,
    SessionCookieData,
    SessionFailure,
    SessionFailureReason,
    decode_unverified_claims,
    decode_unverified_header,
)
from workos_async.sessions._refresh import RefreshCoordinator, flight_key

from .conftest import FakeClock, make_token
from .test_session_authenticate import (
    PASSWORD,
    USER,
    FakeRefresher,
    api_error,
    jwks_server,
    make_sessions,
    refresher,
    seal_cookie,
)


def expired_cookie(refresher: FakeRefresher, clock: FakeClock, org: str | None = None) -> str:
    access, refresh = refresher.issue(org_id=org, exp_in=30)
    clock.advance(31)
    return seal_cookie(access, refresh)


async def test_1000_concurrent_refreshes_of_one_expired_session_send_one_request(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    cookie = expired_cookie(refresher, clock)

    async def one() -> Any:
        return await sessions.load_sealed_session(cookie).authenticate_or_refresh()

    results = await asyncio.gather(*(one() for _ in range(1000)))

    assert len(refresher.calls) == 1
    assert sessions.refreshes.started == 1
    first = results[0]
    assert isinstance(first, RefreshSuccess)
    assert all(r is first for r in results)  # the very same result, same new cookie
    # The new cookie opens, holds the rotated tokens, and authenticates with no refresh.
    opened = SessionCookieData.from_dict(IronSealer(PASSWORD).unseal(first.sealed_session))
    assert opened.refresh_token == first.refresh_token != refresher.calls[0]["refresh_token"]
    assert opened.user["first_name"] == "Ada"
    again = await sessions.load_sealed_session(first.sealed_session).authenticate_or_refresh()
    assert isinstance(again, AuthenticateSuccess) and not again.refreshed
    assert len(refresher.calls) == 1


async def test_a_late_request_with_the_old_cookie_gets_the_same_result(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    monotonic = FakeClock(0.0)
    sessions = make_sessions(reuse_window=30.0, monotonic=monotonic)
    cookie = expired_cookie(refresher, clock)
    first = await sessions.load_sealed_session(cookie).refresh()
    assert isinstance(first, RefreshSuccess)

    monotonic.advance(29)
    late = await sessions.load_sealed_session(cookie).refresh()
    assert late is first
    assert len(refresher.calls) == 1

    # After the window the old token is sent again, and WorkOS refuses it (single use).
    monotonic.advance(2)
    too_late = await sessions.load_sealed_session(cookie).refresh()
    assert isinstance(too_late, SessionFailure)
    assert too_late.reason is SessionFailureReason.INVALID_GRANT and too_late.sign_out
    assert len(refresher.calls) == 2


async def test_the_reuse_cache_holds_no_refresh_token(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    cookie = expired_cookie(refresher, clock)
    result = await sessions.load_sealed_session(cookie).refresh()
    assert isinstance(result, RefreshSuccess)
    old_token = refresher.calls[0]["refresh_token"]
    keys = list(sessions.refreshes._recent)
    assert keys == [flight_key(old_token, None)]
    assert all(old_token.encode() not in key for key in keys)
    for text in (repr(result), repr(sessions), repr(sessions.refreshes)):
        assert old_token not in text and result.refresh_token not in text
        assert result.access_token not in text and result.sealed_session not in text


async def test_the_organization_of_the_current_token_is_kept(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    session = sessions.load_sealed_session(expired_cookie(refresher, clock, org="org_1"))
    kept = await session.refresh()
    assert isinstance(kept, RefreshSuccess)
    assert refresher.calls[-1]["organization_id"] == "org_1"
    assert kept.organization_id == "org_1"
    # The session now holds the new cookie; switching organizations uses the new token.
    assert session.sealed_session == kept.sealed_session
    switched = await session.refresh(organization_id="org_2")
    assert isinstance(switched, RefreshSuccess)
    assert refresher.calls[-1] == {"refresh_token": kept.refresh_token, "organization_id": "org_2"}
    assert switched.organization_id == "org_2"
    # No organization in the token: none is sent.
    plain = await sessions.load_sealed_session(expired_cookie(refresher, clock)).refresh()
    assert plain.authenticated
    assert "organization_id" not in refresher.calls[-1]


async def test_refreshes_for_different_organizations_are_different_flights(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    cookie = expired_cookie(refresher, clock)
    a, b = await asyncio.gather(
        sessions.load_sealed_session(cookie).refresh(organization_id="org_a"),
        sessions.load_sealed_session(cookie).refresh(organization_id="org_b"),
    )
    assert len(refresher.calls) == 2
    # One token, two flights: WorkOS honours one of them (single use).
    assert sorted([a.authenticated, b.authenticated]) == [False, True]


@pytest.mark.parametrize(
    ("error", "reason", "retryable", "retry_after", "sign_out"),
    [
        (api_error(400, "invalid_grant"), SessionFailureReason.INVALID_GRANT, False, None, True),
        (api_error(403, "mfa_enrollment"), SessionFailureReason.MFA_ENROLLMENT, False, None, True),
        (api_error(400, "sso_required"), SessionFailureReason.SSO_REQUIRED, False, None, True),
        (
            api_error(400, "organization_not_authorized"),
            SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
            False,
            None,
            True,
        ),
        (
            api_error(400, "organization_membership_not_found"),
            SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
            False,
            None,
            True,
        ),
        (
            api_error(400, "organization_not_found"),
            SessionFailureReason.ORGANIZATION_NOT_AUTHORIZED,
            False,
            None,
            True,
        ),
        (
            api_error(403, "organization_authentication_methods_required"),
            SessionFailureReason.AUTHENTICATION_FLOW_REQUIRED,
            False,
            None,
            True,
        ),
        (
            api_error(429, "rate_limit_exceeded", retry_after=7.0),
            SessionFailureReason.RATE_LIMITED,
            True,
            7.0,
            False,
        ),
        (api_error(408), SessionFailureReason.REQUEST_TIMEOUT, True, None, False),
        (api_error(500, "server_error"), SessionFailureReason.SERVER_ERROR, True, None, False),
        (api_error(503), SessionFailureReason.SERVER_ERROR, True, None, False),
        (WorkOSConnectionError("refused"), SessionFailureReason.NETWORK_ERROR, True, None, False),
        (WorkOSTimeoutError("slow"), SessionFailureReason.NETWORK_ERROR, True, None, False),
        (api_error(401, "unauthorized"), SessionFailureReason.API_ERROR, False, None, False),
    ],
    ids=lambda v: v.value if isinstance(v, SessionFailureReason) else None,
)
async def test_refresh_failure_reasons(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    clock: FakeClock,
    error: BaseException,
    reason: SessionFailureReason,
    retryable: bool,
    retry_after: float | None,
    sign_out: bool,
) -> None:
    sessions = make_sessions()
    refresher.error = error
    cookie = expired_cookie(refresher, clock)
    result = await sessions.load_sealed_session(cookie).authenticate_or_refresh()
    assert isinstance(result, SessionFailure)
    assert (result.reason, result.retryable, result.retry_after, result.sign_out) == (
        reason,
        retryable,
        retry_after,
        sign_out,
    )
    assert result.error is error
    # Outages are not remembered (the next request tries again); refusals are.
    await sessions.load_sealed_session(cookie).refresh()
    assert len(refresher.calls) == (2 if retryable else 1)


async def test_a_failed_proactive_refresh_keeps_the_current_token(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    access, refresh = refresher.issue(exp_in=50)
    cookie = seal_cookie(access, refresh)

    # Far from expiry: no refresh.
    fresh = await sessions.load_sealed_session(cookie).authenticate_or_refresh(refresh_buffer=10)
    assert isinstance(fresh, AuthenticateSuccess) and not fresh.refreshed
    assert refresher.calls == []

    # Within the buffer and WorkOS is down: the still-valid token is kept.
    refresher.error = api_error(503)
    kept = await sessions.load_sealed_session(cookie).authenticate_or_refresh(refresh_buffer=60)
    assert isinstance(kept, AuthenticateSuccess) and not kept.refreshed
    assert kept.access_token == access
    assert len(refresher.calls) == 1

    # WorkOS is back: the proactive refresh replaces the token.
    refresher.error = None
    renewed = await sessions.load_sealed_session(cookie).authenticate_or_refresh(refresh_buffer=60)
    assert isinstance(renewed, RefreshSuccess)
    assert renewed.access_token != access


async def test_an_expired_token_whose_refresh_fails_is_signed_out(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    cookie = expired_cookie(refresher, clock)
    refresher.valid.clear()  # revoked
    result = await sessions.load_sealed_session(cookie).authenticate_or_refresh()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.INVALID_GRANT and result.sign_out


async def test_a_cancelled_caller_does_not_cancel_the_refresh_for_the_others(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    refresher.delay = 0.05
    cookie = expired_cookie(refresher, clock)
    doomed = asyncio.create_task(sessions.load_sealed_session(cookie).refresh())
    survivor = asyncio.create_task(sessions.load_sealed_session(cookie).refresh())
    await asyncio.sleep(0.01)
    doomed.cancel()
    result = await survivor
    assert doomed.cancelled()
    assert isinstance(result, RefreshSuccess)
    assert len(refresher.calls) == 1
    # Even when every caller is gone, the refresh completes and is remembered.
    cookie2 = expired_cookie(refresher, clock)
    lone = asyncio.create_task(sessions.load_sealed_session(cookie2).refresh())
    await asyncio.sleep(0.01)
    lone.cancel()
    await asyncio.sleep(0.1)
    late = await sessions.load_sealed_session(cookie2).refresh()
    assert isinstance(late, RefreshSuccess)
    assert len(refresher.calls) == 2


async def test_an_oversized_refreshed_session_is_reported(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    cookie = expired_cookie(refresher, clock)
    original = refresher.__call__

    async def huge(**kwargs: Any) -> dict[str, Any]:
        response = await original(**kwargs)
        response["user"] = {**USER, "metadata": {"blob": "x" * 5000}}
        return response

    sessions._refresh_fn = huge
    result = await sessions.load_sealed_session(cookie).refresh()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.SESSION_TOO_LARGE and result.sign_out


async def test_the_coordinator_bounds_what_it_remembers() -> None:
    monotonic = FakeClock(0.0)
    coordinator: RefreshCoordinator[int] = RefreshCoordinator(
        reuse_window=10, max_entries=3, monotonic=monotonic
    )

    def value(n: int) -> Callable[[], Awaitable[int]]:
        async def get() -> int:
            return n

        return get

    for n in range(5):
        assert await coordinator.run(bytes([n]), value(n)) == n
    assert list(coordinator._recent) == [bytes([2]), bytes([3]), bytes([4])]
    monotonic.advance(11)
    assert await coordinator.run(bytes([4]), value(99)) == 99
    assert coordinator.started == 6
    with pytest.raises(ValueError, match="reuse_window"):
        RefreshCoordinator(reuse_window=-1)
    with pytest.raises(ValueError, match="max_entries"):
        RefreshCoordinator(max_entries=0)


async def test_refresh_argument_checks(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    session = make_sessions().load_sealed_session(expired_cookie(refresher, clock))
    with pytest.raises(ValueError, match="organization_id"):
        await session.refresh(organization_id="")
    with pytest.raises(ValueError, match="refresh_buffer"):
        await session.authenticate_or_refresh(refresh_buffer=-1)
    assert refresher.calls == []


async def test_only_tokens_a_refresh_fixes_are_refreshed(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    other_rsa_key: Any,
) -> None:
    # A wrong issuer (say, a misconfigured app): refreshing would only repeat on every request.
    strict = make_sessions(issuer="https://auth.example.com")
    access, refresh = refresher.issue()
    result = await strict.load_sealed_session(
        seal_cookie(access, refresh)
    ).authenticate_or_refresh()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.INVALID_JWT and result.sign_out
    assert refresher.calls == []
    # Signed by a key the JWKS does not have: under a known kid it is a bad signature (not
    # refreshed); under a kid the JWKS no longer lists (rotated out), a new token fixes it.
    sessions = make_sessions()
    rotated_out = FakeRefresher(other_rsa_key, refresher.clock)
    old_access, _ = rotated_out.issue()
    _, live_refresh = refresher.issue()
    cookie = seal_cookie(old_access, live_refresh)
    header = decode_unverified_header(old_access)
    assert header["kid"] == "key-1"
    bad_sig = await sessions.load_sealed_session(cookie).authenticate_or_refresh()
    assert isinstance(bad_sig, SessionFailure) and refresher.calls == []
    unknown_kid = make_token(other_rsa_key, decode_unverified_claims(old_access), kid="gone")
    renewed = await sessions.load_sealed_session(
        seal_cookie(unknown_kid, live_refresh)
    ).authenticate_or_refresh()
    assert isinstance(renewed, RefreshSuccess)
    assert len(refresher.calls) == 1
