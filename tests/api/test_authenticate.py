"""``authenticate_with_*``: one method per grant type, the exact body each sends, the decoded
response, and the 400/403 flow errors as subclasses carrying their data."""

from __future__ import annotations

from typing import Any

import pytest

from workos_async import (
    AsyncWorkOS,
    AuthenticationError,
    AuthenticationFlowError,
    BadRequestError,
    ConfigurationError,
    EmailVerificationRequiredError,
    MfaChallengeError,
    MfaEnrollmentError,
    OrganizationAuthenticationMethodsRequiredError,
    OrganizationSelectionRequiredError,
    SsoRequiredError,
    WorkOS,
)
from workos_async._errors import AUTH_FLOW_ERRORS
from workos_async.models import AuthenticationMethod, AuthenticationResponse, User

from .conftest import API_KEY, CLIENT_ID
from .reference import endpoints, sample_schema
from .wire_server import WireServer

SECRET = {"client_id": CLIENT_ID, "client_secret": API_KEY}
CTX = {"ip_address": "203.0.113.9", "device_id": "dev_1", "user_agent": "Mozilla/5.0 test"}

#: method, arguments, the exact JSON body expected on the wire.
GRANTS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "authenticate_with_password",
        {"email": "ada@example.com", "password": "pw-Secret-1", "invitation_token": "inv_t", **CTX},
        {
            "grant_type": "password",
            **SECRET,
            "email": "ada@example.com",
            "password": "pw-Secret-1",
            "invitation_token": "inv_t",
            **CTX,
        },
    ),
    (
        "authenticate_with_code",
        {"code": "code_1"},
        {"grant_type": "authorization_code", **SECRET, "code": "code_1"},
    ),
    (
        "authenticate_with_code",
        {"code": "code_1", "code_verifier": "v" * 43, "invitation_token": "inv_t", **CTX},
        {
            "grant_type": "authorization_code",
            **SECRET,
            "code": "code_1",
            "code_verifier": "v" * 43,
            "invitation_token": "inv_t",
            **CTX,
        },
    ),
    (
        "authenticate_with_refresh_token",
        {"refresh_token": "rt_1", "organization_id": "org_1", **CTX},
        {
            "grant_type": "refresh_token",
            **SECRET,
            "refresh_token": "rt_1",
            "organization_id": "org_1",
            **CTX,
        },
    ),
    (
        "authenticate_with_refresh_token",
        {"refresh_token": "rt_1"},
        {"grant_type": "refresh_token", **SECRET, "refresh_token": "rt_1"},
    ),
    (
        "authenticate_with_magic_auth",
        {"code": "123456", "email": "ada@example.com", "invitation_token": "inv_t"},
        {
            "grant_type": "urn:workos:oauth:grant-type:magic-auth:code",
            **SECRET,
            "code": "123456",
            "email": "ada@example.com",
            "invitation_token": "inv_t",
        },
    ),
    (
        "authenticate_with_email_verification",
        {"code": "123456", "pending_authentication_token": "pat_1", **CTX},
        {
            "grant_type": "urn:workos:oauth:grant-type:email-verification:code",
            **SECRET,
            "code": "123456",
            "pending_authentication_token": "pat_1",
            **CTX,
        },
    ),
    (
        "authenticate_with_totp",
        {
            "code": "654321",
            "pending_authentication_token": "pat_1",
            "authentication_challenge_id": "auth_challenge_1",
        },
        {
            "grant_type": "urn:workos:oauth:grant-type:mfa-totp",
            **SECRET,
            "code": "654321",
            "pending_authentication_token": "pat_1",
            "authentication_challenge_id": "auth_challenge_1",
        },
    ),
    (
        "authenticate_with_organization_selection",
        {"pending_authentication_token": "pat_1", "organization_id": "org_2", **CTX},
        {
            "grant_type": "urn:workos:oauth:grant-type:organization-selection",
            **SECRET,
            "pending_authentication_token": "pat_1",
            "organization_id": "org_2",
            **CTX,
        },
    ),
    (
        # The device-code grant is for public clients: the spec does not ask for client_secret.
        "authenticate_with_device_code",
        {"device_code": "dc_1", **CTX},
        {
            "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
            "client_id": CLIENT_ID,
            "device_code": "dc_1",
            **CTX,
        },
    ),
]


def auth_body() -> dict[str, Any]:
    body = sample_schema("UserlandAuthenticateResponse")
    body["authentication_method"] = "Password"
    body["organization_id"] = "org_1"
    return body


@pytest.mark.parametrize(("name", "kwargs", "expected"), GRANTS, ids=[g[0] for g in GRANTS])
async def test_grant_body_on_the_wire(
    name: str,
    kwargs: dict[str, Any],
    expected: dict[str, Any],
    aclient: AsyncWorkOS,
    wire: WireServer,
) -> None:
    wire.reply(200, auth_body())
    result = await getattr(aclient.user_management, name)(**kwargs)
    assert isinstance(result, AuthenticationResponse)
    seen = wire.seen[0]
    assert (seen.method, seen.path) == ("POST", "/user_management/authenticate")
    assert seen.json == expected
    assert seen.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(("name", "kwargs", "expected"), GRANTS, ids=[g[0] for g in GRANTS])
def test_grant_body_on_the_wire_sync(
    name: str, kwargs: dict[str, Any], expected: dict[str, Any], sclient: WorkOS, wire: WireServer
) -> None:
    wire.reply(200, auth_body())
    result = getattr(sclient.user_management, name)(**kwargs)
    assert isinstance(result, AuthenticationResponse)
    assert wire.seen[0].json == expected


async def test_response_decodes_every_documented_field(
    aclient: AsyncWorkOS, wire: WireServer
) -> None:
    body = auth_body()
    body["impersonator"] = {"email": "admin@example.com", "reason": "support"}
    body["oauth_tokens"] = {
        "provider": "GoogleOAuth",
        "access_token": "ya29.upstream-access",
        "refresh_token": "1//upstream-refresh",
        "expires_at": 1700000000,
        "scopes": ["email"],
    }
    wire.reply(200, body)
    result = await aclient.user_management.authenticate_with_password(
        email="ada@example.com", password="pw-Secret-1"
    )
    assert isinstance(result.user, User)
    assert result.user.id == body["user"]["id"]
    assert result.organization_id == "org_1"
    assert result.access_token == body["access_token"]
    assert result.refresh_token == body["refresh_token"]
    assert result.authentication_method is AuthenticationMethod.PASSWORD
    assert result.impersonator is not None and result.impersonator.email == "admin@example.com"
    assert result.oauth_tokens is not None and result.oauth_tokens.scopes == ["email"]
    text = repr(result)
    for secret in (body["access_token"], body["refresh_token"], "ya29.upstream-access"):
        assert secret not in text


async def test_unknown_authentication_method_is_kept(
    aclient: AsyncWorkOS, wire: WireServer
) -> None:
    body = auth_body()
    body["authentication_method"] = "EmailVerification"  # the emulator sends values the spec lacks
    del body["organization_id"]  # optional: omitted, not null
    wire.reply(200, body)
    result = await aclient.user_management.authenticate_with_code(code="c")
    assert result.authentication_method == "EmailVerification"
    assert result.organization_id is None


async def test_without_a_client_id_nothing_is_sent(
    wire: WireServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKOS_CLIENT_ID", raising=False)
    async with AsyncWorkOS(api_key=API_KEY, base_url=wire.url) as client:
        with pytest.raises(ConfigurationError, match=r"authenticate_with_password.*client id"):
            await client.user_management.authenticate_with_password(email="a@b.co", password="x")
    assert wire.seen == []


def user_json() -> dict[str, Any]:
    return sample_schema("UserlandUser")


#: Status, body (as WorkOS documents it), the class, and attribute → expected value.
FLOW_ERRORS: list[tuple[int, dict[str, Any], type[AuthenticationFlowError], dict[str, Any]]] = [
    (
        403,
        {
            "code": "email_verification_required",
            "message": "Email ownership must be verified before authentication.",
            "email": "ada@example.com",
            "pending_authentication_token": "pat_secret_1",
            "email_verification_id": "email_verification_1",
        },
        EmailVerificationRequiredError,
        {
            "pending_authentication_token": "pat_secret_1",
            "email_verification_id": "email_verification_1",
            "email": "ada@example.com",
        },
    ),
    (
        403,
        {
            "code": "mfa_enrollment",
            "message": "The user must enroll in MFA to finish authenticating.",
            "user": {"id": "user_1"},
            "pending_authentication_token": "pat_secret_1",
        },
        MfaEnrollmentError,
        {"pending_authentication_token": "pat_secret_1", "user": {"id": "user_1"}},
    ),
    (
        403,
        {
            "code": "mfa_challenge",
            "message": "The user must complete an MFA challenge to finish authenticating.",
            "user": {"id": "user_1"},
            "authentication_factors": [{"id": "auth_factor_1", "type": "totp"}],
            "pending_authentication_token": "pat_secret_1",
        },
        MfaChallengeError,
        {
            "pending_authentication_token": "pat_secret_1",
            "authentication_factors": [{"id": "auth_factor_1", "type": "totp"}],
        },
    ),
    (
        403,
        {
            "code": "organization_selection_required",
            "message": "The user must choose an organization to finish their authentication.",
            "user": {"id": "user_1"},
            "organizations": [{"id": "org_1", "name": "Foo"}, {"id": "org_2", "name": "Bar"}],
            "pending_authentication_token": "pat_secret_1",
        },
        OrganizationSelectionRequiredError,
        {
            "pending_authentication_token": "pat_secret_1",
            "organizations": [{"id": "org_1", "name": "Foo"}, {"id": "org_2", "name": "Bar"}],
        },
    ),
    (
        # The spec lists sso_required as a 400 in the OAuth error shape.
        400,
        {
            "error": "sso_required",
            "error_description": "User must authenticate using one of the matching connections.",
            "email": "ada@example.com",
            "connection_ids": ["conn_1"],
            "pending_authentication_token": "pat_secret_1",
        },
        SsoRequiredError,
        {"connection_ids": ["conn_1"], "email": "ada@example.com"},
    ),
    (
        400,
        {
            "error": "organization_authentication_methods_required",
            "error_description": "User must authenticate using one of the methods allowed.",
            "email": "ada@example.com",
            "sso_connection_ids": ["conn_1"],
            "auth_methods": {"google_oauth": True, "password": False},
            "pending_authentication_token": "pat_secret_1",
        },
        OrganizationAuthenticationMethodsRequiredError,
        {
            "sso_connection_ids": ["conn_1"],
            "auth_methods": {"google_oauth": True, "password": False},
            "email": "ada@example.com",
        },
    ),
]


@pytest.mark.parametrize(
    ("status", "body", "cls", "fields"), FLOW_ERRORS, ids=[e[2].__name__ for e in FLOW_ERRORS]
)
async def test_flow_errors_carry_their_data(
    status: int,
    body: dict[str, Any],
    cls: type[AuthenticationFlowError],
    fields: dict[str, Any],
    aclient: AsyncWorkOS,
    wire: WireServer,
) -> None:
    wire.reply(status, body)
    with pytest.raises(cls) as caught:
        await aclient.user_management.authenticate_with_password(
            email="ada@example.com", password="pw-Secret-1"
        )
    err = caught.value
    assert err.status == status
    assert err.code == (body.get("code") or body.get("error"))
    for attribute, value in fields.items():
        assert getattr(err, attribute) == value, attribute
    # The pending token continues the flow: it is a credential, kept out of messages.
    assert "pat_secret_1" not in str(err)
    assert "pat_secret_1" not in repr(err)
    assert "pw-Secret-1" not in str(err)


def test_flow_errors_through_the_sync_client(sclient: WorkOS, wire: WireServer) -> None:
    _, body, cls, fields = FLOW_ERRORS[3]
    wire.reply(403, body)
    with pytest.raises(cls) as caught:
        sclient.user_management.authenticate_with_password(email="a@b.co", password="x")
    assert getattr(caught.value, "organizations") == fields["organizations"]  # noqa: B009
    assert caught.value.pending_authentication_token == "pat_secret_1"


def spec_flow_codes() -> list[tuple[int, str]]:
    data = endpoints()
    if data is None:
        return []
    errors = data["authenticate_grant_types"]["error_statuses"]
    return [(403, code) for code in errors["403"]["codes"]] + [
        (400, code) for code in errors["400"]["codes"] if code in AUTH_FLOW_ERRORS
    ]


@pytest.mark.parametrize(("status", "code"), spec_flow_codes())
async def test_every_documented_flow_code_has_its_subclass(
    status: int, code: str, aclient: AsyncWorkOS, wire: WireServer
) -> None:
    wire.reply(
        status,
        {"code": code, "message": "next step needed", "pending_authentication_token": "pat_x"},
    )
    with pytest.raises(AuthenticationFlowError) as caught:
        await aclient.user_management.authenticate_with_code(code="c")
    assert type(caught.value) is AUTH_FLOW_ERRORS[code]
    assert caught.value.pending_authentication_token == "pat_x"


async def test_other_authentication_failures_are_not_flow_errors(
    aclient: AsyncWorkOS, wire: WireServer
) -> None:
    wire.reply(400, {"code": "invalid_credentials", "message": "Invalid credentials."})
    with pytest.raises(BadRequestError) as bad:
        await aclient.user_management.authenticate_with_password(email="a@b.co", password="x")
    assert not isinstance(bad.value, AuthenticationFlowError)
    assert bad.value.code == "invalid_credentials"
    wire.reply(
        400, {"error": "invalid_grant", "error_description": "The refresh token is invalid."}
    )
    with pytest.raises(BadRequestError) as grant:
        await aclient.user_management.authenticate_with_refresh_token(refresh_token="rt")
    assert (grant.value.code, grant.value.message) == (
        "invalid_grant",
        "The refresh token is invalid.",
    )
    # The emulator answers a wrong password with 401 (the spec: 400): still an error, typed.
    wire.reply(401, {"message": "Invalid credentials", "code": "invalid_credentials"})
    with pytest.raises(AuthenticationError):
        await aclient.user_management.authenticate_with_password(email="a@b.co", password="x")
