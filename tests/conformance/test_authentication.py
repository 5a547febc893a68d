"""Authentication against the emulator, through both clients: password, refresh token, Magic
Auth, the authorization-URL round trip with and without PKCE, device code, the grants the
emulator cannot complete, JWKS (and access tokens verified against it), and the logout URL.

``/user_management/authenticate``, ``/authorize``, ``/sessions/logout`` and ``/sso/jwks`` are
public on the emulator: they all count against one shared anonymous rate-limit bucket, so
these tests keep their calls few.

Departures met here (``docs/conformance.md``): a wrong password is 401 (spec 400);
``organization_id`` is ``null`` rather than omitted; an extra ``sealed_session``; the code,
refresh and device grants report ``authentication_method: "OAuth"``, which the spec's enum
lacks; each refresh creates a new session; the JWKS lacks ``x5c`` and ``x5t#S256``; the
device authorization wants an API key though the spec makes it public; the email-verification
grant wants ``user_id`` instead of ``pending_authentication_token``; the
TOTP and organization-selection grants cannot be reached.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from workos_async import AuthenticationError, BadRequestError, NotFoundError
from workos_async._converter import structure
from workos_async.models import (
    AuthenticationMethod,
    AuthenticationResponse,
    DeviceAuthorization,
    Jwks,
    MagicAuth,
    Organization,
    User,
)
from workos_async.sessions import AccessTokenClaims, verify_access_token

from ._emulator import Emulator
from .test_clients import Api

#: The emulator accepts only localhost redirect URIs.
REDIRECT_URI = "http://localhost:3000/callback"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        yield session


@pytest.fixture
def password() -> str:
    return f"Conformance-{uuid.uuid4().hex}"


@pytest.fixture
async def user(api: Api, unique_email: str, password: str) -> User:
    created: User = await api.user_management.create_user(
        email=unique_email, password=password, first_name="Auth"
    )
    return created


async def jwks_of(api: Api) -> Jwks:
    jwks: Jwks = await api.user_management.get_jwks(api.emulator.client_id)
    return jwks


async def verified_claims(api: Api, access_token: str) -> AccessTokenClaims:
    """The access token's claims, verified against the emulator's JWKS fetched by the SDK."""
    jwks = await jwks_of(api)
    return verify_access_token(
        access_token,
        jwks.to_dict(),
        client_id=api.emulator.client_id,
        issuer=api.emulator.issuer,
    )


def assert_secrets_hidden(auth: AuthenticationResponse, *more: str) -> None:
    shown = repr(auth)
    for secret in (auth.access_token, auth.refresh_token, *more):
        assert secret not in shown


# ---- password --------------------------------------------------------------------------


async def test_password_authentication(api: Api, user: User, password: str) -> None:
    auth: AuthenticationResponse = await api.user_management.authenticate_with_password(
        email=user.email, password=password
    )
    assert isinstance(auth, AuthenticationResponse)
    assert auth.user.id == user.id
    assert auth.user.last_sign_in_at is not None
    assert auth.authentication_method is AuthenticationMethod.PASSWORD
    assert auth.refresh_token.startswith("ref_")
    # Departure: `organization_id: null` (spec: omitted when there is none) - the same None.
    assert auth.organization_id is None
    # Departure: an extra `sealed_session` in the emulator's own format (the SDK seals its
    # own sessions); it is kept in `extra` and never shown.
    sealed = auth.extra["sealed_session"]
    assert isinstance(sealed, str) and sealed
    assert_secrets_hidden(auth, password, sealed)

    claims = await verified_claims(api, auth.access_token)
    assert claims.sub == user.id
    assert claims.sid is not None and claims.sid.startswith("session_")
    assert claims.aud == api.emulator.client_id
    assert claims.exp - (claims.iat or 0) == 3600


async def test_wrong_password_is_401_invalid_credentials(
    api: Api, user: User, password: str
) -> None:
    wrong = password + "-wrong"
    with pytest.raises(AuthenticationError) as caught:
        await api.user_management.authenticate_with_password(email=user.email, password=wrong)
    error = caught.value
    # Departure: the spec answers a bad password with 400 (invalid_credentials); the emulator
    # sends 401, which the SDK maps by status.
    assert (error.status, error.code) == (401, "invalid_credentials")
    assert wrong not in str(error) and wrong not in repr(error)


async def test_user_created_with_a_password_hash_cannot_sign_in(
    api: Api, unique_email: str
) -> None:
    # Departure: password_hash / password_hash_type are accepted but not stored.
    bcrypt_of_secret = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
    user: User = await api.user_management.create_user(
        email=unique_email, password_hash=bcrypt_of_secret, password_hash_type="bcrypt"
    )
    with pytest.raises(AuthenticationError) as caught:
        await api.user_management.authenticate_with_password(email=user.email, password="secret")
    assert caught.value.code == "invalid_credentials"


# ---- refresh token ---------------------------------------------------------------------


async def test_refresh_token_rotates_and_switches_organization(
    api: Api, user: User, password: str
) -> None:
    um = api.user_management
    first: AuthenticationResponse = await um.authenticate_with_password(
        email=user.email, password=password
    )
    refreshed: AuthenticationResponse = await um.authenticate_with_refresh_token(
        refresh_token=first.refresh_token
    )
    assert refreshed.user.id == user.id
    assert refreshed.refresh_token != first.refresh_token
    # Departure: the emulator reports "OAuth", which is not in the spec's enum; the SDK keeps
    # an unknown value as the plain string.
    assert refreshed.authentication_method == "OAuth"
    assert not isinstance(refreshed.authentication_method, AuthenticationMethod)
    first_claims = await verified_claims(api, first.access_token)
    refreshed_claims = await verified_claims(api, refreshed.access_token)
    # Departure: every refresh creates a new session, so `sid` changes.
    assert refreshed_claims.sid != first_claims.sid

    # The old refresh token was rotated away.
    with pytest.raises(BadRequestError) as caught:
        await um.authenticate_with_refresh_token(refresh_token=first.refresh_token)
    assert caught.value.code == "invalid_grant"
    assert first.refresh_token not in str(caught.value)

    # organization_id switches the session's organization; the token then carries the role.
    org: Organization = await api.organizations.create_organization(
        name=f"Refresh {uuid.uuid4().hex[:8]}"
    )
    await um.create_organization_membership(
        user_id=user.id, organization_id=org.id, role_slug="admin"
    )
    scoped: AuthenticationResponse = await um.authenticate_with_refresh_token(
        refresh_token=refreshed.refresh_token, organization_id=org.id
    )
    assert scoped.organization_id == org.id
    scoped_claims = await verified_claims(api, scoped.access_token)
    assert (scoped_claims.org_id, scoped_claims.role) == (org.id, "admin")


# ---- magic auth ------------------------------------------------------------------------


async def test_magic_auth(api: Api, user: User) -> None:
    um = api.user_management
    magic: MagicAuth = await um.create_magic_auth(email=user.email)
    assert isinstance(magic, MagicAuth)
    assert (magic.user_id, magic.email) == (user.id, user.email)
    assert magic.code and magic.code not in repr(magic)
    assert magic.expires_at > magic.created_at
    fetched: MagicAuth = await um.get_magic_auth(magic.id)
    assert fetched.id == magic.id and fetched.code == magic.code

    auth: AuthenticationResponse = await um.authenticate_with_magic_auth(
        code=magic.code, email=user.email
    )
    assert auth.user.id == user.id
    assert auth.authentication_method is AuthenticationMethod.MAGIC_AUTH
    with pytest.raises(BadRequestError) as reused:  # single use
        await um.authenticate_with_magic_auth(code=magic.code, email=user.email)
    assert reused.value.code == "invalid_code"
    assert magic.code not in str(reused.value)


async def test_magic_auth_for_an_unknown_email_is_404(api: Api, unique_email: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.create_magic_auth(email=unique_email)
    assert caught.value.message == "User not found"


# ---- the authorization URL round trip --------------------------------------------------


async def follow_authorization_url(http: aiohttp.ClientSession, url: str) -> dict[str, str]:
    """GET the authorization URL as a browser would, without following the redirect; return
    the query of the redirect back to REDIRECT_URI."""
    async with http.get(url, allow_redirects=False) as response:
        assert response.status == 302, await response.text()
        location = response.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


async def test_authorization_url_round_trip_with_pkce(
    api: Api, user: User, http: aiohttp.ClientSession
) -> None:
    um = api.client.user_management
    pkce = um.get_authorization_url_with_pkce(
        redirect_uri=REDIRECT_URI, provider="authkit", login_hint=user.email
    )
    assert pkce.url.startswith(f"{api.emulator.url}/user_management/authorize?")
    assert pkce.code_verifier not in repr(pkce)
    sent = {k: v[0] for k, v in parse_qs(urlsplit(pkce.url).query).items()}
    assert sent["code_challenge_method"] == "S256"
    assert sent["client_id"] == api.emulator.client_id

    back = await follow_authorization_url(http, pkce.url)
    assert back["state"] == pkce.state
    code = back["code"]

    auth: AuthenticationResponse = await api.user_management.authenticate_with_code(
        code=code, code_verifier=pkce.code_verifier
    )
    assert auth.user.id == user.id  # the login_hint user
    assert auth.authentication_method == "OAuth"  # departure: not in the spec's enum
    claims = await verified_claims(api, auth.access_token)
    assert claims.sub == user.id

    with pytest.raises(BadRequestError) as reused:  # codes are single use
        await api.user_management.authenticate_with_code(
            code=code, code_verifier=pkce.code_verifier
        )
    assert reused.value.code == "invalid_code"
    assert code not in str(reused.value)


async def test_pkce_verifier_is_checked(api: Api, user: User, http: aiohttp.ClientSession) -> None:
    um = api.client.user_management
    pkce = um.get_authorization_url_with_pkce(
        redirect_uri=REDIRECT_URI, provider="authkit", login_hint=user.email
    )
    code = (await follow_authorization_url(http, pkce.url))["code"]
    other = um.get_authorization_url_with_pkce(redirect_uri=REDIRECT_URI, provider="authkit")
    with pytest.raises(BadRequestError) as wrong:
        await api.user_management.authenticate_with_code(
            code=code, code_verifier=other.code_verifier
        )
    assert wrong.value.code == "invalid_code_verifier"
    with pytest.raises(BadRequestError) as missing:
        await api.user_management.authenticate_with_code(code=code)
    assert (missing.value.code, missing.value.message) == (
        "invalid_request",
        "code_verifier is required",
    )


async def test_authorization_url_round_trip_without_pkce(
    api: Api, user: User, http: aiohttp.ClientSession
) -> None:
    url = api.client.user_management.get_authorization_url(
        redirect_uri=REDIRECT_URI, provider="authkit", login_hint=user.email, state="opaque-42"
    )
    back = await follow_authorization_url(http, url)
    assert back["state"] == "opaque-42"
    auth: AuthenticationResponse = await api.user_management.authenticate_with_code(
        code=back["code"]
    )
    assert auth.user.id == user.id


async def test_authorize_redirects_only_to_localhost(api: Api, http: aiohttp.ClientSession) -> None:
    # Emulator limit: /authorize refuses any redirect_uri that is not on localhost (WorkOS
    # checks it against the environment's configured redirect URIs instead).
    url = api.client.user_management.get_authorization_url(
        redirect_uri="https://app.example.com/callback", provider="authkit"
    )
    async with http.get(url, allow_redirects=False) as response:
        assert response.status == 400
        body = await response.json()
    assert body["code"] == "invalid_redirect_uri"


async def test_authorization_url_needs_a_target(api: Api) -> None:
    um = api.client.user_management
    with pytest.raises(ValueError, match="pass one of 'provider', 'connection_id'"):
        um.get_authorization_url(redirect_uri=REDIRECT_URI)
    with pytest.raises(ValueError, match="'provider' and 'connection_id'"):
        um.get_authorization_url(
            redirect_uri=REDIRECT_URI, provider="authkit", connection_id="conn_1"
        )
    # AuthKit for one organization (the spec and the official SDK allow both together).
    url = um.get_authorization_url(
        redirect_uri=REDIRECT_URI, provider="authkit", organization_id="org_1"
    )
    sent = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert (sent["provider"], sent["organization_id"]) == ("authkit", "org_1")


# ---- device code -----------------------------------------------------------------------


async def test_device_authorization_needs_a_key_on_the_emulator(api: Api) -> None:
    # Departure: the spec makes POST /user_management/authorize/device public (security: [])
    # and the SDK sends it without the API key; the emulator's public-path list lacks it, so
    # it answers 401.
    with pytest.raises(AuthenticationError) as caught:
        await api.user_management.create_device()
    assert (caught.value.status, caught.value.code) == (401, "unauthorized")


async def test_device_code_grant(
    api: Api, emulator: Emulator, emulator_api_key: str, http: aiohttp.ClientSession
) -> None:
    # The device authorization is started raw, with the key the emulator wants (see above);
    # its reply is decoded with the SDK's model, and the grant goes through the SDK.
    async with http.post(
        f"{emulator.url}/user_management/authorize/device",
        json={"client_id": emulator.client_id},
        headers={"Authorization": f"Bearer {emulator_api_key}"},
    ) as response:
        assert response.status == 200
        device = structure(await response.json(), DeviceAuthorization)
    assert device.device_code and device.user_code
    assert device.device_code not in repr(device) and device.user_code not in repr(device)
    # Departure: verification_uri points at port 0, and verification_uri_complete is absent.
    assert device.verification_uri == "http://localhost:0/user_management/authorize/device/verify"
    assert device.verification_uri_complete is None
    assert 0 < device.expires_in <= 15 * 60
    assert device.interval == 5

    # The emulator approves at once, as the oldest user (the first seeded one).
    auth: AuthenticationResponse = await api.user_management.authenticate_with_device_code(
        device_code=device.device_code
    )
    assert auth.user.id == emulator.users["password_user"].id
    assert auth.authentication_method == "OAuth"  # departure: not in the spec's enum
    with pytest.raises(BadRequestError) as reused:
        await api.user_management.authenticate_with_device_code(device_code=device.device_code)
    assert reused.value.code == "invalid_grant"
    assert device.device_code not in str(reused.value)


# ---- grants the emulator cannot complete ---------------------------------------------


async def test_email_verification_grant_wants_user_id(api: Api, user: User) -> None:
    # Departure: the spec's grant takes `code` + `pending_authentication_token` (from a 403
    # email_verification_required); the emulator wants `code` + `user_id` and never issues
    # that 403. The SDK sends the spec's fields, so the emulator refuses them.
    with pytest.raises(BadRequestError) as caught:
        await api.user_management.authenticate_with_email_verification(
            code="123456", pending_authentication_token="pending_conformance"
        )
    assert (caught.value.code, caught.value.message) == (
        "invalid_request",
        "code and user_id are required",
    )


async def test_totp_and_organization_selection_grants_cannot_be_reached(api: Api) -> None:
    # The emulator never issues a pending_authentication_token (no 403 mfa_challenge or
    # organization_selection_required), so both grants can only fail.
    with pytest.raises(BadRequestError) as totp:
        await api.user_management.authenticate_with_totp(
            code="123456",
            pending_authentication_token="pending_conformance",
            authentication_challenge_id="auth_challenge_conformance",
        )
    assert totp.value.code == "invalid_pending_authentication_token"
    with pytest.raises(BadRequestError) as selection:
        await api.user_management.authenticate_with_organization_selection(
            pending_authentication_token="pending_conformance", organization_id="org_1"
        )
    assert selection.value.code == "invalid_pending_authentication_token"
    assert "pending_conformance" not in str(selection.value)


# ---- JWKS and logout -------------------------------------------------------------------


async def test_jwks(api: Api, emulator: Emulator) -> None:
    jwks = await jwks_of(api)
    [key] = jwks.keys
    assert (key.kty, key.alg, key.use) == ("RSA", "RS256", "sig")
    assert key.kid.startswith("workos_emulate_")
    assert key.n and key.e
    # Departure: the spec requires x5c and x5t#S256; the emulator sends neither.
    assert key.x5c is None
    assert key.x5t_s256 is None
    assert api.client.user_management.get_jwks_url() == (
        f"{emulator.url}/sso/jwks/{emulator.client_id}"
    )


async def test_logout_url_ends_the_session(
    api: Api, user: User, password: str, http: aiohttp.ClientSession
) -> None:
    auth: AuthenticationResponse = await api.user_management.authenticate_with_password(
        email=user.email, password=password
    )
    sid = (await verified_claims(api, auth.access_token)).sid
    assert sid is not None
    url = api.client.user_management.get_logout_url(sid, return_to="http://localhost:3000/bye")
    async with http.get(url, allow_redirects=False) as response:
        assert response.status == 302
        assert response.headers["Location"] == "http://localhost:3000/bye"
    page = await api.user_management.list_sessions(user.id)
    assert sid not in [s.id for s in page.data]
