"""A user's sessions against the emulator, through both clients: list (first page, ``async
for`` and ``for``) and revoke.

Departures met here (``docs/conformance.md``): session items lack the spec's required
``auth_method``, ``status``, ``expires_at`` and ``ended_at``; the list is not paginated
(``limit`` is ignored, the cursors are always null); ``ip_address`` comes only from
``X-Forwarded-For`` and ``user_agent`` only from the request's ``User-Agent`` (the body's
``ip_address`` / ``user_agent`` are ignored); revoke answers ``{"success": true}`` where the
spec has no body; a revoked session's refresh token still works.
"""

from __future__ import annotations

import uuid

import pytest

from workos_async import NotFoundError
from workos_async.models import AuthenticationResponse, Session, User
from workos_async.sessions import decode_unverified_claims

from .test_clients import Api


@pytest.fixture
def password() -> str:
    return f"Conformance-{uuid.uuid4().hex}"


@pytest.fixture
async def user(api: Api, unique_email: str, password: str) -> User:
    created: User = await api.user_management.create_user(email=unique_email, password=password)
    return created


def session_id_of(auth: AuthenticationResponse) -> str:
    sid = decode_unverified_claims(auth.access_token)["sid"]
    assert isinstance(sid, str)
    return sid


async def sign_in(api: Api, user: User, password: str, **kwargs: object) -> AuthenticationResponse:
    auth: AuthenticationResponse = await api.user_management.authenticate_with_password(
        email=user.email, password=password, **kwargs
    )
    return auth


async def test_list_sessions(api: Api, user: User, password: str) -> None:
    first = await sign_in(api, user, password)
    second = await sign_in(
        api,
        user,
        password,
        ip_address="198.51.100.1",
        user_agent="conformance-body-agent/1.0",
        request_options={"extra_headers": {"X-Forwarded-For": "203.0.113.7"}},
    )
    expected = {session_id_of(first), session_id_of(second)}

    page = await api.user_management.list_sessions(user.id)
    assert {s.id for s in page.data} == expected
    assert all(isinstance(s, Session) and s.user_id == user.id for s in page.data)
    by_id = {s.id: s for s in page.data}
    plain, forwarded = by_id[session_id_of(first)], by_id[session_id_of(second)]

    # Departure: the client context comes from headers only. The SDK sends the body fields
    # the spec documents; the emulator ignores them.
    assert plain.ip_address is None
    assert forwarded.ip_address == "203.0.113.7"
    assert forwarded.user_agent is not None
    assert forwarded.user_agent.startswith("workos-async/")  # the SDK's User-Agent header

    # Departure: no auth_method, status, expires_at or ended_at (all required by the spec).
    for session in page.data:
        assert session.auth_method is None
        assert session.status is None
        assert session.expires_at is None
        assert session.ended_at is None
        assert session.organization_id is None

    walked = await api.walk("user_management", "list_sessions", user.id, limit=1)
    assert {s.id for s in walked} == expected


async def test_sessions_are_not_paginated(api: Api, user: User, password: str) -> None:
    for _ in range(3):
        await sign_in(api, user, password)
    # Departure: `limit` is ignored and the cursors are always null: one page holds them all.
    pages = await api.walk_pages("user_management", "list_sessions", user.id, limit=2)
    assert [len(p.data) for p in pages] == [3]
    assert (pages[0].list_metadata.before, pages[0].list_metadata.after) == (None, None)


async def test_revoke_session(api: Api, user: User, password: str) -> None:
    kept = await sign_in(api, user, password)
    revoked = await sign_in(api, user, password)
    # Departure: the emulator answers 200 {"success": true}; the spec documents no body, and
    # the SDK returns None either way.
    assert await api.user_management.revoke_session(session_id=session_id_of(revoked)) is None
    page = await api.user_management.list_sessions(user.id)
    assert [s.id for s in page.data] == [session_id_of(kept)]

    with pytest.raises(NotFoundError) as caught:
        await api.user_management.revoke_session(session_id=session_id_of(revoked))
    # Departure (minor): an unknown session is 404; the spec documents only 400 here.
    assert caught.value.message == "Session not found"

    # Departure: the refresh token of a revoked session still works (the spec: revoking a
    # session makes its refresh token stop working).
    refreshed: AuthenticationResponse = await api.user_management.authenticate_with_refresh_token(
        refresh_token=revoked.refresh_token
    )
    assert refreshed.user.id == user.id


async def test_sessions_of_a_deleted_user_are_404(api: Api, user: User, password: str) -> None:
    await sign_in(api, user, password)
    await api.user_management.delete_user(user.id)
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.list_sessions(user.id)
    assert caught.value.message == "User not found"
