"""Event hooks: called before and after each attempt with a small frozen event (method,
route template, status, duration, attempt, request id, in doubt) that never holds a secret;
sync and async hooks alike; a failing hook is logged and never breaks the call."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import attrs
import pytest

from workos_async import AsyncWorkOS, CallEvent, ConfigurationError, RequestInDoubtError
from workos_async.testing import FakeWorkOS, Fault

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as fake:
        yield fake


def client_for(fake: FakeWorkOS, hooks: dict[str, Any], **options: Any) -> AsyncWorkOS:
    return AsyncWorkOS(
        api_key=fake.api_key,
        client_id=fake.client_id,
        base_url=fake.url,
        event_hooks=hooks,
        **options,
    )


async def test_request_and_response_events_per_attempt(
    fake: FakeWorkOS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    seen: list[CallEvent] = []

    async def on_response(event: CallEvent) -> None:  # an async hook
        seen.append(event)

    hooks = {"request": [seen.append], "response": [on_response]}
    async with client_for(fake, hooks) as workos:
        org = await workos.organizations.create_organization(name="Acme")
        fake.faults.add(Fault(method="GET", path="/organizations/*", status=503, count=1))
        await workos.organizations.get_organization(org.id)
    ids = [r.request_id for r in fake.requests]
    assert [(e.phase, e.method, e.route, e.attempt, e.status) for e in seen] == [
        ("request", "POST", "/organizations", 1, None),
        ("response", "POST", "/organizations", 1, 201),
        ("request", "GET", "/organizations/{id}", 1, None),
        ("response", "GET", "/organizations/{id}", 1, 503),
        ("request", "GET", "/organizations/{id}", 2, None),
        ("response", "GET", "/organizations/{id}", 2, 200),
    ]
    responses = [e for e in seen if e.phase == "response"]
    assert [e.request_id for e in responses] == ids
    assert all(e.duration is not None and e.duration >= 0 for e in responses)
    assert [e.error_type for e in responses] == [None, "ServerError", None]
    assert not any(e.in_doubt for e in seen)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        seen[0].status = 200  # type: ignore[misc]


async def test_in_doubt_attempt_is_flagged(fake: FakeWorkOS) -> None:
    seen: list[CallEvent] = []
    fake.faults.add(Fault(method="POST", path="/user_management/users", kind="drop_after"))
    async with client_for(fake, {"response": seen.append}, max_retries=0) as workos:
        with pytest.raises(RequestInDoubtError):
            await workos.user_management.create_user(email="ada@example.com")
    [event] = seen
    assert event.in_doubt is True
    assert event.status is None
    assert event.error_type == "WorkOSConnectionError"


async def test_a_failing_hook_is_logged_and_the_call_goes_on(
    fake: FakeWorkOS, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: CallEvent) -> None:
        raise ValueError("hook bug")

    async def broken_async(event: CallEvent) -> None:
        raise KeyError("hook bug")

    seen: list[CallEvent] = []
    hooks = {"request": [broken, seen.append], "response": [broken_async, seen.append]}
    with caplog.at_level(logging.WARNING, logger="workos_async"):
        async with client_for(fake, hooks) as workos:
            org = await workos.organizations.create_organization(name="Acme")
    assert org.name == "Acme"
    assert len(seen) == 2  # the hooks after the broken ones still ran
    messages = [r.getMessage() for r in caplog.records]
    assert any("broken failed on POST /organizations: ValueError" in m for m in messages)
    assert any("broken_async failed on POST /organizations: KeyError" in m for m in messages)


async def test_no_secret_reaches_an_event(fake: FakeWorkOS) -> None:
    seen: list[CallEvent] = []
    hooks = {"request": [seen.append], "response": [seen.append]}
    async with client_for(fake, hooks) as workos:
        user = await workos.user_management.create_user(
            email="ada@example.com", password=PASSWORD, email_verified=True
        )
        auth = await workos.user_management.authenticate_with_password(
            email="ada@example.com", password=PASSWORD
        )
        await workos.user_management.authenticate_with_refresh_token(
            refresh_token=auth.refresh_token
        )
        org = await workos.organizations.create_organization(name="Acme")
        invitation = await workos.user_management.send_invitation(
            email="bob@example.com", organization_id=org.id
        )
        await workos.user_management.find_invitation_by_token(invitation.token)
    secrets = [
        fake.api_key,
        PASSWORD,
        auth.access_token,
        auth.refresh_token,
        invitation.token,
        user.id,
        "ada@example.com",
    ]
    assert len(seen) == 12
    for event in seen:
        shown = [repr(event), *(str(getattr(event, f.name)) for f in attrs.fields(CallEvent))]
        for secret in secrets:
            assert not any(secret in text for text in shown), (secret, event)
    routes = {e.route for e in seen}
    assert "/user_management/invitations/by_token/{token}" in routes


@pytest.mark.parametrize(
    "hooks",
    [
        "not a mapping",
        {"before": []},
        {"request": [42]},
        {"response": "print"},
    ],
)
def test_bad_hooks_are_refused(hooks: Any) -> None:
    with pytest.raises(ConfigurationError, match="event_hooks"):
        AsyncWorkOS(api_key="sk_test_x", event_hooks=hooks)
