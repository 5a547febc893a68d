"""``authenticate_with_*(..., session={"seal_session": True, "cookie_password": ...})`` (WorkOS's
Node SDK's ``session`` option): the result comes back with ``sealed_session``, a cookie that
``client.sessions`` opens; on both clients, against the fake."""

from __future__ import annotations

import traceback

import pytest

from workos_async import AsyncWorkOS, WorkOS
from workos_async.models import AuthenticationResponse
from workos_async.sessions import AuthenticateSuccess
from workos_async.testing import FakeWorkOS

PASSWORD = "a-cookie-password-of-at-least-32-characters!"
USER_PASSWORD = "correct horse battery staple 42"


async def test_password_sign_in_returns_the_sealed_session_async(
    workos_client: AsyncWorkOS,
) -> None:
    um = workos_client.user_management
    user = await um.create_user(email="ada@example.com", password=USER_PASSWORD)
    result = await um.authenticate_with_password(
        email="ada@example.com",
        password=USER_PASSWORD,
        session={"seal_session": True, "cookie_password": PASSWORD},
    )
    assert isinstance(result, AuthenticationResponse) and result.sealed_session
    assert "<redacted>" in repr(result) and result.sealed_session not in repr(result)
    session = workos_client.sessions.load_sealed_session(
        result.sealed_session, cookie_password=PASSWORD
    )
    check = await session.authenticate()
    assert isinstance(check, AuthenticateSuccess) and check.user_id == user.id
    # The refresh token sealed is the one returned.
    assert (await session.refresh()).authenticated


async def test_without_session_or_with_seal_false_nothing_is_sealed(
    workos_client: AsyncWorkOS,
) -> None:
    um = workos_client.user_management
    await um.create_user(email="ada@example.com", password=USER_PASSWORD)
    plain = await um.authenticate_with_password(email="ada@example.com", password=USER_PASSWORD)
    assert plain.sealed_session is None
    off = await um.authenticate_with_password(
        email="ada@example.com", password=USER_PASSWORD, session={"seal_session": False}
    )
    assert off.sealed_session is None


async def test_refresh_grant_seals_too_with_the_default_password(
    workos_fake: FakeWorkOS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    async with AsyncWorkOS(
        api_key=workos_fake.api_key, client_id=workos_fake.client_id, base_url=workos_fake.url
    ) as client:
        user = await client.user_management.create_user(email="ada@example.com")
        first = workos_fake.auth.sign_in(user.id)
        result = await client.user_management.authenticate_with_refresh_token(
            refresh_token=first["refresh_token"], session={"seal_session": True}
        )
        assert result.sealed_session is not None
        opened = await client.sessions.authenticate_with_session_cookie(result.sealed_session)
        assert isinstance(opened, AuthenticateSuccess) and opened.user_id == user.id


def test_password_sign_in_returns_the_sealed_session_sync(workos_sync_client: WorkOS) -> None:
    um = workos_sync_client.user_management
    user = um.create_user(email="ada@example.com", password=USER_PASSWORD)
    result = um.authenticate_with_password(
        email="ada@example.com",
        password=USER_PASSWORD,
        session={"seal_session": True, "cookie_password": PASSWORD},
    )
    assert result.sealed_session is not None
    opened = um.authenticate_with_session_cookie(
        session_data=result.sealed_session, cookie_password=PASSWORD
    )
    assert isinstance(opened, AuthenticateSuccess) and opened.user_id == user.id


async def test_a_bad_session_option_fails_before_any_request(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_client.user_management
    before = len(workos_fake.requests)
    with pytest.raises(ValueError, match="unknown session option"):
        await um.authenticate_with_password(
            email="a@example.com",
            password=USER_PASSWORD,
            session={"sealSession": True},  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError, match="seal_session"):
        await um.authenticate_with_password(
            email="a@example.com",
            password=USER_PASSWORD,
            session={"seal_session": "yes"},  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError, match="session must be a mapping"):
        await um.authenticate_with_password(
            email="a@example.com",
            password=USER_PASSWORD,
            session=True,  # type: ignore[arg-type]
        )
    assert len(workos_fake.requests) == before


async def test_the_cookie_password_is_not_in_frame_locals(workos_client: AsyncWorkOS) -> None:
    um = workos_client.user_management
    with pytest.raises(Exception) as caught:
        await um.authenticate_with_password(
            email="nobody@example.com",
            password=USER_PASSWORD,
            session={"seal_session": True, "cookie_password": PASSWORD},
        )
    report = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert PASSWORD not in report and USER_PASSWORD not in report
