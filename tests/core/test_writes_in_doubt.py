"""Issue 9 point 2: a write (POST) is never silently sent twice.

Against the in-process fake's faults: ``drop_after`` applies the write and then closes the
connection (the ambiguous create), ``drop_before`` closes it without applying. Against the
scripted server: what only a raw socket shows (a kept-alive connection closed under a POST).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from workos_async import (
    AsyncWorkOS,
    RateLimitExceededError,
    RequestInDoubtError,
    ServerError,
    WorkOSConnectionError,
    _in_doubt,
)
from workos_async._retry import IN_DOUBT, RAISE, RETRY, decide
from workos_async.testing import FakeWorkOS, Fault

from .conftest import API_KEY, USER
from .scripted_server import ScriptedServer, reset, respond

USERS = "/user_management/users"
MEMBERSHIPS = "/user_management/organization_memberships"
INVITATIONS = "/user_management/invitations"
ORGS = "/organizations"


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as f:
        yield f


@pytest.fixture
async def workos(fake: FakeWorkOS, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncWorkOS]:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    async with AsyncWorkOS(
        api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url, max_retries=3
    ) as c:
        yield c


def posts(fake: FakeWorkOS, path: str) -> int:
    return sum(1 for r in fake.requests if r.method == "POST" and r.path == path)


# ---- the pure rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "status", "not_sent", "has_retry_after", "verdict"),
    [
        ("GET", None, False, False, RETRY),
        ("GET", 500, False, False, RETRY),
        ("PUT", 502, False, False, RETRY),
        ("DELETE", None, False, False, RETRY),
        ("POST", None, True, False, RETRY),  # never connected: nothing was sent
        ("POST", 429, False, False, RETRY),
        ("POST", 503, False, True, RETRY),  # a load-shedder's refusal
        ("POST", 503, False, False, IN_DOUBT),
        ("POST", 500, False, False, IN_DOUBT),
        ("POST", 502, False, False, IN_DOUBT),
        ("POST", 408, False, False, IN_DOUBT),
        ("POST", None, False, False, IN_DOUBT),  # reset, timeout, cut-off body
        ("PATCH", None, False, False, IN_DOUBT),
        ("POST", 400, False, False, RAISE),
    ],
)
def test_decide_resends_a_write_only_when_provably_unprocessed(
    method: str, status: int | None, not_sent: bool, has_retry_after: bool, verdict: str
) -> None:
    got, _ = decide(
        method,
        attempt=0,
        max_retries=3,
        status=status,
        not_sent=not_sent,
        has_retry_after=has_retry_after,
        retry_after=0.0 if has_retry_after else None,
        jitter=0.5,
        max_retry_after=60,
        remaining=100,
    )
    assert got == verdict


def test_decide_blind_opt_in_and_deadline() -> None:
    common = {"attempt": 0, "max_retries": 3, "jitter": 0.5, "max_retry_after": 60.0}
    assert decide("POST", status=500, blind=True, remaining=None, **common)[0] == RETRY  # type: ignore[arg-type]
    # The next wait would pass the deadline.
    assert (
        decide("GET", status=429, retry_after=30, remaining=10, **common)[0]  # type: ignore[arg-type]
        == "deadline"
    )


# ---- resolved by a lookup: the object the call created comes back, created once ----------


async def test_create_user_dropped_after_apply_returns_the_user_once(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_after"))
    user = await workos.user_management.create_user(
        email="ada@example.com", first_name="Ada", password="correct horse battery"
    )
    assert user.email == "ada@example.com" and user.first_name == "Ada"
    assert posts(fake, USERS) == 1  # never sent twice (today: user_creation_error)
    page = await workos.user_management.list_users(email="ada@example.com")
    assert [u.id for u in page.data] == [user.id]


async def test_create_user_by_external_id(workos: AsyncWorkOS, fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="truncate"))
    user = await workos.user_management.create_user(email="b@example.com", external_id="ext.7")
    assert user.external_id == "ext.7"
    assert posts(fake, USERS) == 1
    looked_up = [r.path for r in fake.requests if r.method == "GET"]
    assert looked_up == ["/user_management/users/external_id/ext.7"]


async def test_create_user_whose_external_id_cannot_be_a_path_is_found_by_email(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    # The SDK never puts a '/' in a path segment (get_user_by_external_id refuses it), so the
    # lookup uses the email; the external_id must still match.
    fake.faults.add(Fault(method="POST", path=USERS, kind="truncate"))
    user = await workos.user_management.create_user(email="c@example.com", external_id="ext/7")
    assert user.external_id == "ext/7"
    assert posts(fake, USERS) == 1
    looked_up = [(r.method, r.path) for r in fake.requests if r.method == "GET"]
    assert looked_up == [("GET", USERS)]


async def test_create_organization_with_external_id_is_resolved(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path=ORGS, kind="drop_after"))
    org = await workos.organizations.create_organization(name="Acme", external_id="acme-1")
    assert org.external_id == "acme-1" and org.name == "Acme"
    assert posts(fake, ORGS) == 1
    again = await workos.organizations.get_organization_by_external_id("acme-1")
    assert again.id == org.id


async def test_membership_and_invitation_are_resolved(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    org = await workos.organizations.create_organization(name="Acme")
    user = await workos.user_management.create_user(email="m@example.com")
    fake.faults.add(Fault(method="POST", path=MEMBERSHIPS, kind="drop_after"))
    membership = await workos.user_management.create_organization_membership(
        user_id=user.id, organization_id=org.id
    )
    assert (membership.user_id, membership.organization_id) == (user.id, org.id)
    assert posts(fake, MEMBERSHIPS) == 1
    fake.faults.add(Fault(method="POST", path=INVITATIONS, kind="status", status=502))
    # A 502 from a gateway: the fake did not apply it, and the lookup finds nothing.
    with pytest.raises(RequestInDoubtError) as info:
        await workos.user_management.send_invitation(
            email="new@example.com", organization_id=org.id
        )
    assert info.value.status == 502 and "no invitation" in str(info.value)
    fake.faults.add(Fault(method="POST", path=INVITATIONS, kind="drop_after"))
    invitation = await workos.user_management.send_invitation(
        email="new@example.com", organization_id=org.id
    )
    assert invitation.email == "new@example.com" and invitation.organization_id == org.id
    assert posts(fake, INVITATIONS) == 2  # one per call: none re-sent


# ---- not resolvable: a typed in-doubt error, the write sent once ---------------------------


async def test_create_organization_without_natural_key_raises_in_doubt_once(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path=ORGS, kind="drop_after"))
    with pytest.raises(RequestInDoubtError) as info:
        await workos.organizations.create_organization(name="No Key Inc")
    err = info.value
    assert isinstance(err, WorkOSConnectionError)
    assert err.may_have_succeeded is True
    assert (err.method, err.path) == ("POST", "/organizations")
    assert "external_id" in (err.resolution or "")
    assert posts(fake, ORGS) == 1  # today: two organizations


async def test_dropped_before_apply_is_in_doubt_not_resent(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path=USERS, kind="drop_before"))
    with pytest.raises(RequestInDoubtError) as info:
        await workos.user_management.create_user(email="gone@example.com")
    assert "no user matching" in str(info.value)
    assert posts(fake, USERS) == 1


async def test_500_on_a_write_is_in_doubt_with_request_id(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path=ORGS, kind="status", status=500))
    with pytest.raises(RequestInDoubtError) as info:
        await workos.organizations.create_organization(name="X")
    assert info.value.status == 500 and info.value.request_id
    assert isinstance(info.value.__cause__, ServerError)
    assert posts(fake, ORGS) == 1


async def test_existing_object_from_before_the_call_is_not_claimed(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    old = {**USER, "created_at": "2020-01-01T00:00:00.000Z"}
    server.add(reset(), respond(200, {"object": "list", "data": [old], "list_metadata": {}}))
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_retries=2) as c:
        with pytest.raises(RequestInDoubtError) as info:
            await c.user_management.create_user(email="ada@example.com")
    assert "not created during this call" in str(info.value)
    assert [r.method for r in server.received] == ["POST", "GET"]
    assert server.received[1].query == {"email": "ada@example.com", "limit": "10"}


async def test_max_retries_zero_sends_exactly_one_request(
    server: ScriptedServer,
) -> None:
    server.add(reset())
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_retries=0) as c:
        with pytest.raises(RequestInDoubtError) as info:
            await c.user_management.create_user(email="ada@example.com")
    assert info.value.resolution is None
    assert len(server.received) == 1


# ---- what may be re-sent ------------------------------------------------------------------


async def test_429_and_503_with_retry_after_are_retried_for_a_write(
    workos: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path=ORGS, status=429, retry_after=0))
    fake.faults.add(Fault(method="POST", path=ORGS, status=503, retry_after=0, count=2))
    org = await workos.organizations.create_organization(name="Retry Co")
    assert org.name == "Retry Co"
    assert [r.fault for r in fake.requests if r.path == ORGS] == ["status"] * 3 + [None]


async def test_connection_never_established_is_retried_for_a_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    async with AsyncWorkOS(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=2
    ) as c:
        with pytest.raises(WorkOSConnectionError) as info:
            await c.organizations.create_organization(name="x")
    # Retried (it could not have been processed), so not in doubt.
    assert not isinstance(info.value, RequestInDoubtError)
    assert "ClientConnectorError" in str(info.value)


async def test_opt_in_restores_blind_retries(workos: AsyncWorkOS, fake: FakeWorkOS) -> None:
    fake.faults.add(Fault(method="POST", path=ORGS, kind="drop_after"))
    await workos.organizations.create_organization(
        name="Twice", request_options={"retry_non_idempotent": True}
    )
    assert posts(fake, ORGS) == 2  # what the caller asked for: it may apply twice


async def test_get_keeps_its_retries(workos: AsyncWorkOS, fake: FakeWorkOS) -> None:
    user = await workos.user_management.create_user(email="g@example.com")
    fake.faults.add(Fault(method="GET", path=f"{USERS}/*", kind="drop_after", count=2))
    assert (await workos.user_management.get_user(user.id)).id == user.id


async def test_429_beyond_max_retry_after_still_raises_rate_limit(
    fake: FakeWorkOS,
) -> None:
    fake.faults.add(Fault(method="POST", path=ORGS, status=429, retry_after=600))
    async with AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) as c:
        with pytest.raises(RateLimitExceededError):
            await c.organizations.create_organization(name="x")


async def test_aiohttp_does_not_resend_a_post_on_a_dead_keepalive_connection(
    server: ScriptedServer,
) -> None:
    """aiohttp re-sends an idempotent request once when a reused connection turns out dead;
    a POST must not be: the server may have read and applied it."""
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_retries=0) as c:
        server.add(respond(200, USER), reset(), respond(200, USER))
        await c.user_management.get_user("user_01")  # opens the connection, kept alive
        await c.user_management.get_user("user_01")  # dies on reuse: aiohttp re-sends the GET
        assert [r.method for r in server.received] == ["GET"] * 3
        server.add(reset(), respond(201, {"id": "org_2"}))
        with pytest.raises(RequestInDoubtError):
            await c.organizations.create_organization(name="x")  # on the kept-alive connection
        assert [r.method for r in server.received][3:] == ["POST"]


# ---- the public entry point for bulk ------------------------------------------------------


async def test_resolve_is_reusable_with_a_client(workos: AsyncWorkOS, fake: FakeWorkOS) -> None:
    import time

    started = time.time()
    user = await workos.user_management.create_user(email="r@example.com")
    found = await _in_doubt.resolve(
        workos, "POST", USERS, {"email": "R@example.com"}, started_at=started
    )
    assert found.found is not None and found.found.id == user.id
    missing = await _in_doubt.resolve(
        workos, "POST", USERS, {"email": "nobody@example.com"}, started_at=started
    )
    assert missing.found is None and "no user" in missing.note
    assert _in_doubt.has_resolver("POST", ORGS) and not _in_doubt.has_resolver("POST", "/x")
