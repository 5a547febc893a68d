"""Literal wire checks for the calls of each area, through both clients (independent of the
table and of the spec extract: the expected requests are written out by hand)."""

from __future__ import annotations

from typing import Any

import pytest

from workos_async import AsyncWorkOS, NotFoundError, WorkOS
from workos_async.models import (
    AuthenticationChallenge,
    DataProviderList,
    DeviceAuthorization,
    EnrollAuthFactorResponse,
    Invitation,
    InvitationState,
    Jwks,
    MagicAuth,
    OrganizationMembership,
    PasswordReset,
    ResetPasswordResponse,
)

from .conftest import CLIENT_ID
from .reference import sample_schema
from .wire_server import WireServer

EMPTY_LIST = {"object": "list", "data": [], "list_metadata": {"before": None, "after": None}}


def membership() -> dict[str, Any]:
    return sample_schema("UserlandUserOrganizationMembership")


def invitation(state: str = "pending") -> dict[str, Any]:
    body = sample_schema("UserlandUserInvite")
    body["state"] = state
    return body


# ---- memberships ----------------------------------------------------------------------------


async def test_memberships(aclient: AsyncWorkOS, wire: WireServer) -> None:
    um = aclient.user_management
    wire.reply(200, EMPTY_LIST)
    await um.list_organization_memberships(user_id="user_1", statuses=["active", "pending"])
    wire.reply(201, membership())
    created = await um.create_organization_membership(
        user_id="user_1", organization_id="org_1", role_slugs=["admin", "billing"]
    )
    wire.reply(200, membership())
    await um.update_organization_membership("om_1", role_slug="member")
    wire.reply(200, membership())
    await um.deactivate_organization_membership("om_1")
    wire.reply(200, None)
    await um.delete_organization_membership("om_1")  # returns None (mypy checks the declared type)
    assert isinstance(created, OrganizationMembership)
    assert [(s.method, s.path, s.query_dict, s.json) for s in wire.seen] == [
        (
            "GET",
            "/user_management/organization_memberships",
            {"user_id": "user_1", "statuses": "active,pending"},
            None,
        ),
        (
            "POST",
            "/user_management/organization_memberships",
            {},
            {"user_id": "user_1", "organization_id": "org_1", "role_slugs": ["admin", "billing"]},
        ),
        ("PUT", "/user_management/organization_memberships/om_1", {}, {"role_slug": "member"}),
        ("PUT", "/user_management/organization_memberships/om_1/deactivate", {}, {}),
        ("DELETE", "/user_management/organization_memberships/om_1", {}, None),
    ]


# ---- invitations ----------------------------------------------------------------------------


async def test_invitations(aclient: AsyncWorkOS, wire: WireServer) -> None:
    um = aclient.user_management
    wire.reply(201, invitation())
    sent = await um.send_invitation(
        email="bob@example.com",
        organization_id="org_1",
        role_slug="member",
        expires_in_days=3,
        inviter_user_id="user_1",
        locale="fr-CA",
    )
    assert isinstance(sent, Invitation) and sent.state is InvitationState.PENDING
    assert sent.token not in repr(sent)
    wire.reply(200, invitation())
    await um.find_invitation_by_token("Tok en?&#")
    wire.reply(200, invitation("accepted"))
    accepted = await um.accept_invitation("invitation_1")
    assert accepted.state is InvitationState.ACCEPTED
    wire.reply(200, invitation())
    await um.resend_invitation("invitation_1", locale="de")
    wire.reply(200, invitation("revoked"))
    await um.revoke_invitation("invitation_1")
    wire.reply(200, EMPTY_LIST)
    await um.list_invitations(organization_id="org_1", email="bob@example.com", limit=5)
    seen = wire.seen
    assert seen[0].json == {
        "email": "bob@example.com",
        "organization_id": "org_1",
        "role_slug": "member",
        "expires_in_days": 3,
        "inviter_user_id": "user_1",
        "locale": "fr-CA",
    }
    # The token is one percent-encoded path segment.
    assert seen[1].raw_path == "/user_management/invitations/by_token/Tok%20en%3F%26%23"
    assert [(s.method, s.path, s.json) for s in seen[2:5]] == [
        ("POST", "/user_management/invitations/invitation_1/accept", {}),
        ("POST", "/user_management/invitations/invitation_1/resend", {"locale": "de"}),
        ("POST", "/user_management/invitations/invitation_1/revoke", {}),
    ]
    assert seen[5].query_dict == {
        "organization_id": "org_1",
        "email": "bob@example.com",
        "limit": "5",
    }


def test_invitations_sync(sclient: WorkOS, wire: WireServer) -> None:
    wire.reply(200, {**EMPTY_LIST, "data": [invitation(), invitation("expired")]})
    states = [i.state for i in sclient.user_management.list_invitations(email="bob@example.com")]
    assert states == [InvitationState.PENDING, InvitationState.EXPIRED]
    wire.reply(404, {"message": "Invitation not found"})
    with pytest.raises(NotFoundError) as missing:
        sclient.user_management.get_invitation("invitation_missing")
    assert missing.value.message == "Invitation not found"


# ---- magic auth, password reset, email verification -------------------------------------


async def test_magic_auth_and_password_reset(aclient: AsyncWorkOS, wire: WireServer) -> None:
    um = aclient.user_management
    wire.reply(201, sample_schema("MagicAuth"))
    magic = await um.create_magic_auth(email="ada@example.com", invitation_token="inv_t")
    wire.reply(201, sample_schema("PasswordReset"))
    reset = await um.reset_password(email="ada@example.com")
    wire.reply(200, sample_schema("ResetPasswordResponse"))
    confirmed = await um.confirm_password_reset(token="prt_1", new_password="n3w-Passw0rd")
    wire.reply(200, sample_schema("PasswordReset"))
    await um.get_password_reset("password_reset_1")
    wire.reply(200, sample_schema("EmailVerification"))
    await um.get_email_verification("email_verification_1")
    assert isinstance(magic, MagicAuth) and magic.code not in repr(magic)
    assert isinstance(reset, PasswordReset) and reset.password_reset_token not in repr(reset)
    assert isinstance(confirmed, ResetPasswordResponse)
    assert [(s.method, s.path, s.json) for s in wire.seen] == [
        (
            "POST",
            "/user_management/magic_auth",
            {"email": "ada@example.com", "invitation_token": "inv_t"},
        ),
        ("POST", "/user_management/password_reset", {"email": "ada@example.com"}),
        (
            "POST",
            "/user_management/password_reset/confirm",
            {"token": "prt_1", "new_password": "n3w-Passw0rd"},
        ),
        ("GET", "/user_management/password_reset/password_reset_1", None),
        ("GET", "/user_management/email_verification/email_verification_1", None),
    ]


# ---- sessions, device, JWKS ------------------------------------------------------------------


async def test_revoke_session_returns_none_whatever_the_body(
    aclient: AsyncWorkOS, wire: WireServer
) -> None:
    # The spec documents no body; the emulator answers {"success": true}: both give None.
    wire.reply(200, None)
    wire.reply(200, {"success": True})
    um = aclient.user_management
    await um.revoke_session(session_id="session_1")  # returns None (mypy checks the declared type)
    await um.revoke_session(
        session_id="session_1", return_to="https://app.test/"
    )  # returns None (mypy checks the declared type)
    assert [s.json for s in wire.seen] == [
        {"session_id": "session_1"},
        {"session_id": "session_1", "return_to": "https://app.test/"},
    ]


async def test_device_authorization_is_public(aclient: AsyncWorkOS, wire: WireServer) -> None:
    wire.reply(200, sample_schema("DeviceAuthorizationResponse"))
    wire.reply(200, sample_schema("DeviceAuthorizationResponse"))
    device = await aclient.user_management.create_device()
    await aclient.user_management.create_device(client_id="client_other")
    assert isinstance(device, DeviceAuthorization)
    assert device.device_code not in repr(device)
    assert [s.json for s in wire.seen] == [{"client_id": CLIENT_ID}, {"client_id": "client_other"}]
    assert all("Authorization" not in s.headers for s in wire.seen)


def test_jwks_sync(sclient: WorkOS, wire: WireServer) -> None:
    wire.reply(200, sample_schema("JwksResponse"))
    jwks = sclient.user_management.get_jwks(CLIENT_ID)
    assert isinstance(jwks, Jwks) and len(jwks.keys) == 1
    assert wire.seen[0].path == f"/sso/jwks/{CLIENT_ID}"
    assert sclient.user_management.get_jwks_url() == f"{sclient.base_url}/sso/jwks/{CLIENT_ID}"


# ---- MFA ------------------------------------------------------------------------------------


async def test_mfa(aclient: AsyncWorkOS, wire: WireServer) -> None:
    um = aclient.user_management
    wire.reply(201, sample_schema("UserlandUserAuthenticationFactorEnrollResponse"))
    enrolled = await um.enroll_auth_factor(
        "user_1", type="totp", totp_issuer="Acme", totp_user="ada"
    )
    wire.reply(201, sample_schema("AuthenticationChallenge"))
    challenge = await um.challenge_factor("auth_factor_1")
    wire.reply(201, sample_schema("AuthenticationChallengeVerifyResponse"))
    verified = await um.verify_challenge("auth_challenge_1", code="123456")
    wire.reply(204, None)
    await um.delete_factor("auth_factor_1")  # returns None (mypy checks the declared type)
    wire.reply(200, EMPTY_LIST)
    assert (await um.list_auth_factors("user_1")).data == []
    assert isinstance(enrolled, EnrollAuthFactorResponse)
    assert isinstance(challenge, AuthenticationChallenge)
    assert verified.valid in (True, False)
    assert [(s.method, s.path, s.json) for s in wire.seen] == [
        (
            "POST",
            "/user_management/users/user_1/auth_factors",
            {"type": "totp", "totp_issuer": "Acme", "totp_user": "ada"},
        ),
        ("POST", "/auth/factors/auth_factor_1/challenge", {}),
        ("POST", "/auth/challenges/auth_challenge_1/verify", {"code": "123456"}),
        ("DELETE", "/auth/factors/auth_factor_1", None),
        ("GET", "/user_management/users/user_1/auth_factors", None),
    ]


# ---- the rest --------------------------------------------------------------------------------


def test_settings_and_per_user_apis_sync(sclient: WorkOS, wire: WireServer) -> None:
    um = sclient.user_management
    wire.reply(201, sample_schema("RedirectUri"))
    um.create_redirect_uri(uri="https://app.test/callback")
    wire.reply(201, sample_schema("CorsOriginResponse"))
    um.create_cors_origin(origin="https://app.test")
    wire.reply(200, sample_schema("JwtTemplate"))
    um.get_jwt_template()
    wire.reply(200, sample_schema("JwtTemplate"))
    um.update_jwt_template(content='{"tier": {{user.metadata.tier}}}')
    wire.reply(201, sample_schema("UserApiKeyWithValue"))
    key = um.create_user_api_key("user_1", name="ci", organization_id="org_1", permissions=["read"])
    wire.reply(200, {"object": "list", "data": []})
    providers = um.list_user_data_providers("user_1", organization_id="org_1")
    wire.reply(204, None)
    um.delete_user_connected_account("user_1", "github", organization_id="org_1")
    assert key.value not in repr(key)
    assert isinstance(providers, DataProviderList) and providers.data == []
    assert [(s.method, s.path, s.query_dict, s.json) for s in wire.seen] == [
        ("POST", "/user_management/redirect_uris", {}, {"uri": "https://app.test/callback"}),
        ("POST", "/user_management/cors_origins", {}, {"origin": "https://app.test"}),
        ("GET", "/user_management/jwt_template", {}, None),
        (
            "PUT",
            "/user_management/jwt_template",
            {},
            {"content": '{"tier": {{user.metadata.tier}}}'},
        ),
        (
            "POST",
            "/user_management/users/user_1/api_keys",
            {},
            {"name": "ci", "organization_id": "org_1", "permissions": ["read"]},
        ),
        ("GET", "/user_management/users/user_1/data_providers", {"organization_id": "org_1"}, None),
        (
            "DELETE",
            "/user_management/users/user_1/connected_accounts/github",
            {"organization_id": "org_1"},
            None,
        ),
    ]
