"""The fake's authentication flows through the SDK: ``AsyncWorkOS.user_management``'s
``authenticate_with_*`` rows, typed flow errors, and ``client.sessions`` (sealed cookie,
JWKS cache, single-flight refresh) against the fake's counters."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from workos_async import AsyncWorkOS, BadRequestError
from workos_async._errors import (
    EmailVerificationRequiredError,
    MfaChallengeError,
    OrganizationSelectionRequiredError,
    SsoRequiredError,
)
from workos_async.sessions import (
    AsyncSessions,
    JWKSCache,
    RefreshSuccess,
    SessionFailure,
    SessionFailureReason,
    decode_unverified_claims,
)
from workos_async.testing import FakeWorkOS

PASSWORD = "correct horse battery"
COOKIE_PASSWORD = "x" * 32


@pytest.fixture
async def client(fake: FakeWorkOS) -> AsyncIterator[AsyncWorkOS]:
    async with AsyncWorkOS(
        api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url, max_retries=0
    ) as c:
        yield c


def sessions(client: AsyncWorkOS, fake: FakeWorkOS) -> AsyncSessions:
    return AsyncSessions(
        client, cookie_password=COOKIE_PASSWORD, issuer=fake.url, clock=fake.clock.now
    )


async def test_password_and_typed_flow_errors(client: AsyncWorkOS, fake: FakeWorkOS) -> None:
    um = client.user_management
    user = await um.create_user(email="ada@example.com", password=PASSWORD)
    with pytest.raises(BadRequestError) as bad:
        await um.authenticate_with_password(email="ada@example.com", password="wrong password")
    assert (bad.value.status, bad.value.code) == (400, "invalid_credentials")

    fake.auth.require_email_verification = True
    with pytest.raises(EmailVerificationRequiredError) as needed:
        await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    error = needed.value
    assert error.status == 403 and error.email == "ada@example.com"
    assert error.email_verification_id is not None and error.pending_authentication_token
    assert error.pending_authentication_token not in repr(error) + str(error)
    code = fake.store.email_verifications[error.email_verification_id]["code"]
    fake.auth.require_mfa = True
    factor = await um.enroll_auth_factor(user.id, type="totp")
    with pytest.raises(MfaChallengeError) as mfa:
        await um.authenticate_with_email_verification(
            code=code, pending_authentication_token=error.pending_authentication_token
        )
    assert [f["id"] for f in mfa.value.authentication_factors] == [factor.authentication_factor.id]
    assert mfa.value.pending_authentication_token is not None
    response = await um.authenticate_with_totp(
        code=fake.auth.totp_code(factor.authentication_factor.id),
        pending_authentication_token=mfa.value.pending_authentication_token,
        authentication_challenge_id=factor.authentication_challenge.id,
    )
    assert response.user.id == user.id and response.user.email_verified is True
    assert response.authentication_method == "Password"


async def test_organization_selection_and_sso_required(
    client: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    um = client.user_management
    user = await um.create_user(email="ada@example.com", password=PASSWORD)
    org = await client.organizations.create_organization(name="Acme")
    await um.create_organization_membership(user_id=user.id, organization_id=org.id)
    fake.auth.require_organization_selection = True
    with pytest.raises(OrganizationSelectionRequiredError) as choose:
        await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    assert [o["id"] for o in choose.value.organizations] == [org.id]
    token = choose.value.pending_authentication_token
    assert token is not None
    response = await um.authenticate_with_organization_selection(
        pending_authentication_token=token,
        organization_id=org.id,
    )
    assert response.organization_id == org.id
    fake.auth.sso_required_connection_ids = ("conn_01",)
    with pytest.raises(SsoRequiredError) as sso:
        await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    assert sso.value.status == 400 and sso.value.connection_ids == ["conn_01"]


async def test_pkce_code_flow(client: AsyncWorkOS, fake: FakeWorkOS) -> None:
    um = client.user_management
    user = await um.create_user(email="ada@example.com")
    login = um.get_authorization_url_with_pkce(
        redirect_uri="http://localhost:3000/callback",
        provider="authkit",
        login_hint="ada@example.com",
    )
    async with (
        aiohttp.ClientSession() as browser,
        browser.get(login.url, allow_redirects=False) as r,
    ):
        assert r.status == 302
        query = parse_qs(urlsplit(r.headers["Location"]).query)
    assert query["state"] == [login.state]
    with pytest.raises(BadRequestError) as wrong:
        await um.authenticate_with_code(code=query["code"][0], code_verifier="v" * 43)
    assert wrong.value.code == "invalid_grant"
    async with (
        aiohttp.ClientSession() as browser,
        browser.get(login.url, allow_redirects=False) as r,
    ):
        code = parse_qs(urlsplit(r.headers["Location"]).query)["code"][0]
    response = await um.authenticate_with_code(code=code, code_verifier=login.code_verifier)
    assert response.user.id == user.id
    # Logout through the SDK's URL revokes the session.
    sid = decode_unverified_claims(response.access_token)["sid"]
    async with aiohttp.ClientSession() as browser:
        url = um.get_logout_url(sid, return_to="http://localhost:3000/")
        async with browser.get(url, allow_redirects=False) as r:
            assert (r.status, r.headers["Location"]) == (302, "http://localhost:3000/")
    assert fake.store.sessions[sid]["status"] == "revoked"


async def test_device_flow(client: AsyncWorkOS, fake: FakeWorkOS) -> None:
    um = client.user_management
    user = await um.create_user(email="ada@example.com")
    device = await um.create_device()
    fake.auth.device_flow = "pending"
    with pytest.raises(BadRequestError) as pending:
        await um.authenticate_with_device_code(device_code=device.device_code)
    assert pending.value.code == "authorization_pending"
    fake.auth.device_flow = "approve"
    response = await um.authenticate_with_device_code(device_code=device.device_code)
    assert response.user.id == user.id


async def test_sealed_session_one_jwks_fetch_and_one_refresh(
    client: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    um = client.user_management
    await um.create_user(email="ada@example.com", password=PASSWORD)
    fake.auth.access_token_ttl = 60
    response = await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    manager = sessions(client, fake)
    cookie = manager.seal_session_from_authentication_response(response)

    results = await asyncio.gather(
        *(manager.load_sealed_session(cookie).authenticate() for _ in range(200))
    )
    assert all(r.authenticated for r in results)
    assert fake.auth.jwks_fetches == 1

    fake.clock.advance(61)  # the access token expired on the fake's clock
    expired = await manager.load_sealed_session(cookie).authenticate()
    assert isinstance(expired, SessionFailure)
    assert expired.reason is SessionFailureReason.INVALID_JWT
    refreshed = await asyncio.gather(
        *(manager.load_sealed_session(cookie).refresh() for _ in range(200))
    )
    assert fake.auth.refresh_requests(response.refresh_token) == 1
    assert fake.auth.refresh_requests() == 1
    first = refreshed[0]
    assert isinstance(first, RefreshSuccess)
    assert all(
        isinstance(r, RefreshSuccess) and r.sealed_session == first.sealed_session
        for r in refreshed
    )
    again = await manager.load_sealed_session(first.sealed_session).authenticate()
    assert again.authenticated and fake.auth.jwks_fetches == 1


async def test_revoked_session_refresh_fails_invalid_grant(
    client: AsyncWorkOS, fake: FakeWorkOS
) -> None:
    um = client.user_management
    await um.create_user(email="ada@example.com", password=PASSWORD)
    response = await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    await um.revoke_session(session_id=decode_unverified_claims(response.access_token)["sid"])
    manager = sessions(client, fake)
    cookie = manager.seal_session_from_authentication_response(response)
    result = await manager.load_sealed_session(cookie).refresh()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.INVALID_GRANT and not result.retryable


async def test_key_rotation_forces_one_refetch(client: AsyncWorkOS, fake: FakeWorkOS) -> None:
    um = client.user_management
    await um.create_user(email="ada@example.com", password=PASSWORD)
    async with aiohttp.ClientSession() as http:

        async def fetch() -> bytes:
            async with http.get(f"{fake.url}/sso/jwks/{fake.client_id}") as r:
                r.raise_for_status()
                return await r.read()

        # No refetch cooldown: the forced refetch for the new kid happens at once.
        cache = JWKSCache(fetch, refetch_cooldown=0, clock=fake.clock.now)
        manager = AsyncSessions(client, jwks=cache, issuer=fake.url, clock=fake.clock.now)
        await _rotation(um, manager, fake)


async def _rotation(um: Any, manager: AsyncSessions, fake: FakeWorkOS) -> None:
    first = await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    assert (await manager.verify_access_token(first.access_token)).sub == first.user.id
    assert fake.auth.jwks_fetches == 1
    fake.rotate_signing_key(keep_old=False)
    second = await um.authenticate_with_password(email="ada@example.com", password=PASSWORD)
    claims = await asyncio.gather(
        *(manager.verify_access_token(second.access_token) for _ in range(50))
    )
    assert {c.sub for c in claims} == {second.user.id}
    assert fake.auth.jwks_fetches == 2
