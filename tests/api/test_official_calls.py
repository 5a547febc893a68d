"""The calls and arguments added for parity with the official ``workos`` 10.6 SDK, through both
clients against the fake: waitlists, AuthKit OAuth resources, the settings lists and deletes,
``list_jwt_template``, ``name`` on users, the ``organization_membership`` and
``multi_factor_auth`` / ``mfa`` resources, ``WorkOSClient`` / ``AsyncWorkOSClient``."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

import workos_async
from workos_async import (
    AsyncWorkOS,
    BadRequestError,
    NotFoundError,
    RadarChallengeError,
    UnprocessableEntityError,
    WorkOS,
)
from workos_async.models import (
    AuthenticationFactorEnrolled,
    AuthkitOAuthResource,
    CorsOrigin,
    JwtTemplate,
    OrganizationMembership,
    RadarChallenge,
    RadarSmsChallenge,
    RedirectUri,
    User,
    Waitlist,
    WaitlistEntry,
)
from workos_async.testing import FakeWorkOS


async def test_waitlists_async(workos_client: AsyncWorkOS) -> None:
    um = workos_client.user_management
    with pytest.raises(NotFoundError):
        await um.get_waitlist("default")  # created by its first entry
    entry = await um.create_waitlist_entry(
        "default", email="ada@example.com", additional_fields={"company": "Analytical"}
    )
    assert isinstance(entry, WaitlistEntry) and entry.state == "pending"
    assert entry.additional_fields == {"company": "Analytical"}
    waitlist = await um.get_waitlist("default")
    assert isinstance(waitlist, Waitlist) and waitlist.id == entry.waitlist_id
    with pytest.raises(BadRequestError):
        await um.create_waitlist_entry("default", email="ada@example.com")
    other = await um.create_waitlist_entry(waitlist.id, email="bob@example.com")
    assert [w.id async for w in um.list_waitlists()] == [waitlist.id]
    denied = await um.create_waitlist_entry_deny(other.id)
    assert denied.state == "denied"
    with pytest.raises(BadRequestError) as err:
        await um.create_waitlist_entry_deny(other.id)  # only a pending entry
    assert err.value.code == "invalid_state"
    approved = await um.create_waitlist_entry_approve(entry.id)
    assert approved.state == "approved" and approved.approved_at is not None
    page = await um.list_waitlist_entries("default", state="approved")
    assert [e.email for e in page.data] == ["ada@example.com"]
    page = await um.list_waitlist_entries("default", email="bob@example.com")
    assert [e.id for e in page.data] == [other.id]
    await um.delete_waitlist_entry(other.id)
    assert [e.id async for e in um.list_waitlist_entries("default")] == [entry.id]


def test_waitlists_sync(workos_sync_client: WorkOS) -> None:
    um = workos_sync_client.user_management
    entry = um.create_waitlist_entry("default", email="ada@example.com")
    assert um.create_waitlist_entry_approve(entry.id).state == "approved"
    assert [e.email for e in um.list_waitlist_entries("default")] == ["ada@example.com"]
    assert [w.id for w in um.list_waitlists()] == [entry.waitlist_id]
    um.delete_waitlist_entry(entry.id)
    with pytest.raises(NotFoundError):
        um.delete_waitlist_entry(entry.id)


async def test_settings_lists_and_deletes_async(workos_client: AsyncWorkOS) -> None:
    um = workos_client.user_management
    first = await um.create_redirect_uri(uri="https://app.test/callback")
    second = await um.create_redirect_uri(uri="https://app.test/other")
    uris = [u async for u in um.list_redirect_uris()]
    assert all(isinstance(u, RedirectUri) for u in uris)
    assert {u.uri for u in uris} == {first.uri, second.uri}
    await um.delete_redirect_uris(second.id)
    assert [u.id async for u in um.list_redirect_uris()] == [first.id]
    with pytest.raises(NotFoundError):
        await um.delete_redirect_uris(second.id)
    origin = await um.create_cors_origin(origin="https://app.test")
    origins = [o async for o in um.list_cors_origins()]
    assert origins == [origin] and isinstance(origins[0], CorsOrigin)
    # list_jwt_template is the official name of get_jwt_template: one object.
    await um.update_jwt_template(content='{"plan": "{{ organization.metadata.plan }}"}')
    template = await um.list_jwt_template()
    assert isinstance(template, JwtTemplate)
    assert template == await um.get_jwt_template()
    assert "plan" in template.content


def test_settings_lists_and_oauth_resources_sync(workos_sync_client: WorkOS) -> None:
    um = workos_sync_client.user_management
    first = um.create_authkit_oauth_resource(uri="https://api.test/mcp", default=True)
    assert isinstance(first, AuthkitOAuthResource) and first.default
    second = um.create_authkit_oauth_resource(uri="https://api.test/other", default=True)
    resources = {r.id: r for r in um.list_authkit_oauth_resources()}
    assert resources[second.id].default and not resources[first.id].default  # one default
    um.delete_authkit_oauth_resource(first.id)
    assert [r.id for r in um.list_authkit_oauth_resources()] == [second.id]
    um.create_redirect_uri(uri="https://app.test/cb")
    assert [u.uri for u in um.list_redirect_uris()] == ["https://app.test/cb"]
    assert um.list_jwt_template().content == "{}"


async def test_user_name_and_new_arguments(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_client.user_management
    user = await um.create_user(
        email="ada@example.com",
        name="Ada Lovelace",
        ip_address="203.0.113.7",
        user_agent="Mozilla/5.0",
        signals_id="sig_1",
    )
    assert isinstance(user, User) and user.name == "Ada Lovelace"
    assert user.radar_auth_attempt_id is None  # only when Radar assessed the sign-up
    sent = workos_fake.requests[-1].body
    assert sent is not None
    assert (sent["ip_address"], sent["user_agent"], sent["signals_id"]) == (
        "203.0.113.7",
        "Mozilla/5.0",
        "sig_1",
    )
    updated = await um.update_user(user.id, name="Countess of Lovelace")
    assert updated.name == "Countess of Lovelace"
    assert (await um.get_user(user.id)).name == "Countess of Lovelace"
    hashed = await um.create_user(
        email="grace@example.com",
        password_hash="{SSHA256}c2FsdGVkaGFzaA==",
        password_hash_type="ssha256",
        password_salt_position="suffix",
    )
    assert hashed.email == "grace@example.com"


async def test_membership_and_mfa_resources_are_the_same_calls(
    workos_client: AsyncWorkOS,
) -> None:
    org = await workos_client.organizations.create_organization(name="Acme")
    user = await workos_client.user_management.create_user(email="ada@example.com")
    memberships = workos_client.organization_membership
    assert memberships is workos_client.organization_membership  # one object per client
    created = await memberships.create_organization_membership(
        user_id=user.id, organization_id=org.id
    )
    assert isinstance(created, OrganizationMembership)
    got = await workos_client.user_management.get_organization_membership(created.id)
    assert got == await memberships.get_organization_membership(created.id)
    assert [m.id async for m in memberships.list_organization_memberships(user_id=user.id)] == [
        created.id
    ]
    assert [g async for g in memberships.list_organization_membership_groups(created.id)] == []
    groups = memberships.list_organization_membership_groups(om_id=created.id)  # official name
    assert [g async for g in groups] == []
    # multi_factor_auth and mfa: the same object, the official names and argument names.
    assert workos_client.mfa is workos_client.multi_factor_auth
    enrolled = await workos_client.mfa.create_user_auth_factor(
        userland_user_id=user.id, type="totp", totp_issuer="Acme", totp_user=user.email
    )
    factors = [f async for f in workos_client.multi_factor_auth.list_user_auth_factors(user.id)]
    assert [f.id for f in factors] == [enrolled.authentication_factor.id]
    assert (await workos_client.mfa.get_factor(enrolled.authentication_factor.id)).id == (
        enrolled.authentication_factor.id
    )
    await workos_client.mfa.delete_factor(enrolled.authentication_factor.id)
    assert [f async for f in workos_client.user_management.list_auth_factors(user.id)] == []


def test_membership_and_mfa_resources_sync(workos_sync_client: WorkOS) -> None:
    client = workos_sync_client
    assert client.mfa is client.multi_factor_auth
    org = client.organizations.create_organization(name="Acme")
    user = client.user_management.create_user(email="ada@example.com")
    created = client.organization_membership.create_organization_membership(
        user_id=user.id, organization_id=org.id
    )
    assert client.organization_membership.get_organization_membership(created.id) == created
    enrolled = client.mfa.create_user_auth_factor(user.id, type="totp")
    assert [f.id for f in client.mfa.list_user_auth_factors(userland_user_id=user.id)] == [
        enrolled.authentication_factor.id
    ]


def test_the_official_client_names_are_our_clients() -> None:
    assert workos_async.AsyncWorkOSClient is AsyncWorkOS
    assert workos_async.WorkOSClient is WorkOS
    from workos_async import AsyncWorkOSClient, WorkOSClient

    assert (AsyncWorkOSClient, WorkOSClient) == (AsyncWorkOS, WorkOS)


async def test_radar_context_and_the_pkce_exchange(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_client.user_management
    user = await um.create_user(email="ada@example.com", password="correct-horse-battery")
    signed_in = await um.authenticate_with_password(
        email="ada@example.com",
        password="correct-horse-battery",
        ip_address="203.0.113.7",
        signals_id="sig_1",
        radar_auth_attempt_id="radar_attempt_1",
    )
    assert signed_in.user.id == user.id
    sent = workos_fake.requests[-1].body
    assert (sent["signals_id"], sent["radar_auth_attempt_id"]) == ("sig_1", "radar_attempt_1")
    # The official result reads as a mapping; the PKCE exchange sends no client_secret.
    login = um.get_authorization_url_with_pkce(
        redirect_uri="http://localhost:3000/callback",
        provider="authkit",
        login_hint="ada@example.com",
    )
    async with (
        aiohttp.ClientSession() as browser,
        browser.get(login["url"], allow_redirects=False) as r,
    ):
        code = parse_qs(urlsplit(r.headers["Location"]).query)["code"][0]
    exchanged = await um.authenticate_with_code_pkce(
        code=code, code_verifier=login["code_verifier"]
    )
    assert exchanged.user.id == user.id
    sent = workos_fake.requests[-1].body
    assert sent["grant_type"] == "authorization_code" and "client_secret" not in sent
    assert sent["client_id"] == workos_fake.client_id


def test_magic_auth_with_radar_context_sync(
    workos_sync_client: WorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_sync_client.user_management
    magic = um.create_magic_auth(
        email="ada@example.com",
        ip_address="203.0.113.7",
        user_agent="Mozilla/5.0",
        radar_auth_attempt_id="radar_attempt_1",
        signals_id="sig_1",
    )
    response = um.authenticate_with_magic_auth(
        code=magic.code, email="ada@example.com", radar_auth_attempt_id="radar_attempt_1"
    )
    assert response.user.email == "ada@example.com"
    assert workos_fake.requests[-1].body["radar_auth_attempt_id"] == "radar_attempt_1"


COOKIE_PASSWORD = "an-example-cookie-password-of-32+chars"


async def test_sealed_session_helpers_on_user_management_async(
    workos_client: AsyncWorkOS,
) -> None:
    um = workos_client.user_management
    user = await um.create_user(email="ada@example.com", password="correct-horse-battery")
    response = await um.authenticate_with_password(
        email="ada@example.com", password="correct-horse-battery"
    )
    sealed = workos_client.sessions.seal_session_from_authentication_response(
        response, cookie_password=COOKIE_PASSWORD
    )
    session = um.load_sealed_session(session_data=sealed, cookie_password=COOKIE_PASSWORD)
    result = await session.authenticate()
    assert result.authenticated and result.user_id == user.id
    again = await um.authenticate_with_session_cookie(
        session_data=sealed, cookie_password=COOKIE_PASSWORD
    )
    assert again.authenticated
    # The same helper as client.sessions: one key cache and refresh coordinator for both.
    assert um._sessions_helper() is workos_client.sessions
    missing = await um.authenticate_with_session_cookie(
        session_data=None, cookie_password=COOKIE_PASSWORD
    )
    assert not missing.authenticated and missing.reason == "no_session_cookie_provided"
    tampered = await um.authenticate_with_session_cookie(
        session_data=sealed[:-4] + "AAAA", cookie_password=COOKIE_PASSWORD
    )
    assert not tampered.authenticated and tampered.reason == "invalid_session_cookie"


def test_sealed_session_helpers_on_user_management_sync(workos_sync_client: WorkOS) -> None:
    um = workos_sync_client.user_management
    um.create_user(email="ada@example.com", password="correct-horse-battery")
    response = um.authenticate_with_password(
        email="ada@example.com", password="correct-horse-battery"
    )
    sealed = workos_sync_client.sessions.seal_session_from_authentication_response(
        response, cookie_password=COOKIE_PASSWORD
    )
    session = um.load_sealed_session(session_data=sealed, cookie_password=COOKIE_PASSWORD)
    assert session.authenticate().authenticated
    result = um.authenticate_with_session_cookie(
        session_data=sealed, cookie_password=COOKIE_PASSWORD
    )
    assert result.authenticated and result.user_id == response.user.id


async def test_radar_email_challenge_async(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_client.user_management
    user = await um.create_user(email="ada@example.com", password="correct-horse-battery")
    workos_fake.auth.radar_challenge = "email"
    with pytest.raises(RadarChallengeError) as stopped:
        await um.authenticate_with_password(
            email="ada@example.com", password="correct-horse-battery"
        )
    token = stopped.value.pending_authentication_token
    challenge_id = stopped.value.body["radar_challenge_id"]
    assert token is not None and token not in repr(stopped.value)
    challenge = await um.get_radar_challenge(challenge_id)
    assert isinstance(challenge, RadarChallenge)
    assert (challenge.user_id, challenge.email) == (user.id, "ada@example.com")
    assert challenge.code not in repr(challenge)
    wrong = "000000" if challenge.code != "000000" else "111111"
    with pytest.raises(BadRequestError) as refused:
        await um.authenticate_with_radar_email_challenge(
            code=wrong, radar_challenge_id=challenge_id, pending_authentication_token=token
        )
    assert refused.value.code == "invalid_one_time_code"
    response = await um.authenticate_with_radar_email_challenge(
        code=challenge.code, radar_challenge_id=challenge_id, pending_authentication_token=token
    )
    assert response.user.id == user.id
    with pytest.raises(BadRequestError):  # the pending token is spent
        await um.authenticate_with_radar_email_challenge(
            code=challenge.code, radar_challenge_id=challenge_id, pending_authentication_token=token
        )
    with pytest.raises(NotFoundError):
        await um.get_radar_challenge("radar_challenge_unknown")


def test_radar_sms_challenge_sync(workos_sync_client: WorkOS, workos_fake: FakeWorkOS) -> None:
    um = workos_sync_client.user_management
    user = um.create_user(email="ada@example.com", password="correct-horse-battery")
    workos_fake.auth.radar_challenge = "sms"
    with pytest.raises(RadarChallengeError) as stopped:
        um.authenticate_with_password(email="ada@example.com", password="correct-horse-battery")
    token = stopped.value.pending_authentication_token
    assert token is not None
    sent = um.create_radar_challenge(
        user_id=user.id, pending_authentication_token=token, phone_number="+15555550123"
    )
    assert isinstance(sent, RadarSmsChallenge) and sent.phone_number == "+15555550123"
    code = workos_fake.auth.radar_sms_code(sent.verification_id)
    response = um.authenticate_with_radar_sms_challenge(
        code=code,
        verification_id=sent.verification_id,
        phone_number=sent.phone_number,
        pending_authentication_token=token,
    )
    assert response.user.id == user.id
    # Without the setting, no challenge.
    workos_fake.auth.radar_challenge = None
    assert (
        um.authenticate_with_password(
            email="ada@example.com", password="correct-horse-battery"
        ).user.id
        == user.id
    )


def test_request_timeout_and_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from workos_async import ConfigurationError, Timeout

    monkeypatch.delenv("WORKOS_REQUEST_TIMEOUT", raising=False)
    assert AsyncWorkOS(api_key="sk_test_x")._config.timeout == Timeout()
    official = AsyncWorkOS(api_key="sk_test_x", request_timeout=30)
    assert official._config.timeout == Timeout(connect=10.0, read=30.0, total=30.0)
    with pytest.raises(ConfigurationError, match="not both"):
        AsyncWorkOS(api_key="sk_test_x", timeout=5, request_timeout=30)
    monkeypatch.setenv("WORKOS_REQUEST_TIMEOUT", "12")
    assert AsyncWorkOS(api_key="sk_test_x")._config.timeout.total == 12.0
    assert AsyncWorkOS(api_key="sk_test_x", timeout=5)._config.timeout.total == 5.0  # wins
    with WorkOS(api_key="sk_test_x") as blocking:
        assert blocking.async_client._config.timeout.total == 12.0
    with WorkOS(api_key="sk_test_x", request_timeout=7) as blocking:
        assert blocking.async_client._config.timeout.total == 7.0
    for bad in ("soon", "-1", "0", "inf"):
        monkeypatch.setenv("WORKOS_REQUEST_TIMEOUT", bad)
        with pytest.raises(ConfigurationError, match="WORKOS_REQUEST_TIMEOUT"):
            AsyncWorkOS(api_key="sk_test_x")


async def test_error_attributes_by_their_official_names(workos_client: AsyncWorkOS) -> None:
    um = workos_client.user_management
    with pytest.raises(NotFoundError) as missing:
        await um.get_user("user_unknown")
    err = missing.value
    assert err.status_code == err.status == 404
    assert err.response_json == err.body and err.request_method == "GET"
    assert err.error is None and err.error_description is None  # a {message} body
    with pytest.raises(BadRequestError) as oauth:
        await um.authenticate_with_refresh_token(refresh_token="not-a-refresh-token")
    assert oauth.value.error == oauth.value.code == "invalid_grant"
    assert oauth.value.error_description == oauth.value.message


async def test_standalone_enroll_factor_async(workos_client: AsyncWorkOS) -> None:
    user = await workos_client.user_management.create_user(email="ada@example.com")
    factor = await workos_client.mfa.enroll_factor(
        type="totp", totp_issuer="Foo Corp", totp_user="ada@example.com", user_id=user.id
    )
    assert isinstance(factor, AuthenticationFactorEnrolled) and factor.user_id == user.id
    assert factor.totp is not None and factor.totp.secret not in repr(factor)
    challenge = await workos_client.mfa.challenge_factor(factor.id)
    assert challenge.authentication_factor_id == factor.id


def test_standalone_enroll_factor_sync(workos_sync_client: WorkOS) -> None:
    sms = workos_sync_client.multi_factor_auth.enroll_factor(
        type="sms", phone_number="+15555550123"
    )
    assert sms.user_id is None and sms.sms is not None
    with pytest.raises(UnprocessableEntityError):  # a TOTP factor for nobody needs its labels
        workos_sync_client.mfa.enroll_factor(type="totp")
