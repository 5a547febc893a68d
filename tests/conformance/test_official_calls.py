"""The calls and arguments added for the official SDK 10.6 (``spec/official_sdk_10_6.json``),
against the emulator (npm ``workos`` 0.14.0), through both clients.

Also driven here, on the emulator: ``authenticate_with_code_pkce`` (it accepts the code
exchange without ``client_secret``), the ``multi_factor_auth`` placements, and
``user_management.load_sealed_session`` / ``authenticate_with_session_cookie`` over a cookie
sealed from a real sign-in.

The emulator serves one of the 16 newer routes, the standalone ``POST /auth/factors/enroll``
(with departures); every other answers 404 ``not_found`` (asserted here, so a newer emulator
that adds one fails this test and gets a conformance test). It
refuses the two Radar grants (400 ``invalid_request``, "Unsupported grant_type"); it
accepts ``name`` on a new user and drops it; ``list_jwt_template`` is ``get_jwt_template``'s
route and answers the same.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from workos_async import BadRequestError, NotFoundError
from workos_async._endpoints import OFFICIAL, TABLE
from workos_async.models import (
    AuthenticationFactorEnrolled,
    AuthenticationResponse,
    JwtTemplate,
    User,
)

from ..api.exchange import call_for
from .test_clients import Api

NEWER_ROWS = [ep for ep in TABLE if (ep.operation_id or "").startswith(OFFICIAL)]
#: The newer operations the emulator serves (tested below, each on its own).
SERVED = {"enroll_factor"}
MISSING_ROWS = [ep for ep in NEWER_ROWS if ep.name not in SERVED]
#: The same, spelled out (the suite's coverage check looks for each name).
MISSING = (
    "list_redirect_uris",
    "delete_redirect_uris",
    "list_cors_origins",
    "list_authkit_oauth_resources",
    "create_authkit_oauth_resource",
    "delete_authkit_oauth_resource",
    "list_waitlists",
    "get_waitlist",
    "list_waitlist_entries",
    "create_waitlist_entry",
    "create_waitlist_entry_approve",
    "create_waitlist_entry_deny",
    "delete_waitlist_entry",
    "create_radar_challenge",
    "get_radar_challenge",
)
REDIRECT_URI = "http://localhost:3000/callback"


def test_the_newer_rows_are_the_overlay_operations() -> None:
    assert len(NEWER_ROWS) == 16
    assert sorted(ep.name for ep in MISSING_ROWS) == sorted(MISSING)


@pytest.mark.parametrize("name", [ep.name for ep in MISSING_ROWS])
async def test_the_emulator_lacks_the_newer_routes(api: Api, name: str) -> None:
    ep = next(e for e in MISSING_ROWS if e.name == name)
    call = call_for(ep)
    kwargs: dict[str, Any] = dict(call.kwargs)
    kwargs.pop("max_items", None)
    with pytest.raises(NotFoundError) as caught:
        await api.call(ep.resource, ep.name, *call.args, **kwargs)
    assert caught.value.code == "not_found"


async def test_name_is_accepted_and_dropped(api: Api, unique_email: str) -> None:
    user: User = await api.user_management.create_user(email=unique_email, name="Ada Lovelace")
    assert user.email == unique_email
    # Departure: the emulator keeps no `name` (the model reads its absence as None).
    assert user.name is None


async def test_list_jwt_template_is_get_jwt_template(api: Api) -> None:
    listed: JwtTemplate = await api.user_management.list_jwt_template()
    got: JwtTemplate = await api.user_management.get_jwt_template()
    assert listed == got and listed.object == "jwt_template"


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        (
            "authenticate_with_radar_email_challenge",
            {"code": "123456", "radar_challenge_id": "radar_challenge_x"},
        ),
        ("authenticate_with_radar_sms_challenge", {"code": "123456", "verification_id": "v_x"}),
    ],
)
async def test_the_emulator_refuses_the_radar_grants(
    api: Api, name: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(BadRequestError) as caught:
        await api.call("user_management", name, pending_authentication_token="tok", **kwargs)
    assert caught.value.code == "invalid_request"
    assert "Unsupported grant_type" in caught.value.message


async def test_standalone_enroll_factor(api: Api) -> None:
    totp: AuthenticationFactorEnrolled = await api.call(
        "multi_factor_auth", "enroll_factor", type="totp", totp_issuer="Foo", totp_user="a@b.c"
    )
    assert isinstance(totp, AuthenticationFactorEnrolled) and totp.type == "totp"
    assert totp.totp is not None and (totp.totp.issuer, totp.totp.user) == ("Foo", "a@b.c")
    # Departures: the secret is only inside `uri` (no `secret`, `qr_code`); without a user the
    # factor's user_id is "legacy".
    assert totp.totp.secret is None and totp.totp.qr_code is None
    assert totp.totp.uri is not None and totp.totp.uri.startswith("otpauth://totp/Foo:")
    assert totp.user_id == "legacy"
    sms: AuthenticationFactorEnrolled = await api.call(
        "multi_factor_auth", "enroll_factor", type="sms", phone_number="+15555550123"
    )
    # Departure: an SMS factor comes back without `sms` (the phone number is dropped), with a
    # placeholder `totp` block.
    assert sms.type == "sms" and sms.sms is None and sms.totp is not None
    challenge = await api.call("multi_factor_auth", "challenge_factor", totp.id)
    assert challenge.id


async def test_code_pkce_exchange(api: Api, unique_email: str) -> None:
    user: User = await api.user_management.create_user(email=unique_email)
    um = api.client.user_management
    pkce = um.get_authorization_url_with_pkce(
        redirect_uri=REDIRECT_URI, provider="authkit", login_hint=user.email
    )
    async with (
        aiohttp.ClientSession() as browser,
        browser.get(pkce["url"], allow_redirects=False) as response,
    ):
        assert response.status == 302
        code = parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]
    auth: AuthenticationResponse = await api.user_management.authenticate_with_code_pkce(
        code=code, code_verifier=pkce["code_verifier"]
    )
    assert auth.user.id == user.id


async def test_mfa_placements(api: Api, unique_email: str) -> None:
    user: User = await api.user_management.create_user(email=unique_email)
    await api.call("multi_factor_auth", "create_user_auth_factor", user.id, type="totp")
    page = await api.call("multi_factor_auth", "list_user_auth_factors", user.id)
    mine = await api.user_management.list_auth_factors(user.id)
    assert [f.id for f in page.data] == [f.id for f in mine.data] and len(mine.data) == 1


async def test_sealed_session_helpers_on_user_management(api: Api, unique_email: str) -> None:
    password = f"Conformance-{uuid.uuid4().hex}"
    user: User = await api.user_management.create_user(email=unique_email, password=password)
    auth = await api.user_management.authenticate_with_password(email=user.email, password=password)
    cookie_password = "conformance-cookie-password-of-32+chars"
    sessions = api.client.sessions
    um: Any = api.client.user_management

    sealed = sessions.seal_session_from_authentication_response(
        auth, cookie_password=cookie_password
    )
    # The async and the blocking client's session objects: awaited or not, by flavor.
    session: Any = um.load_sealed_session(session_data=sealed, cookie_password=cookie_password)
    if api.flavor == "async":
        result = await session.authenticate()
        again = await um.authenticate_with_session_cookie(
            session_data=sealed, cookie_password=cookie_password
        )
    else:
        result = await asyncio.to_thread(session.authenticate)
        again = await asyncio.to_thread(
            um.authenticate_with_session_cookie,
            session_data=sealed,
            cookie_password=cookie_password,
        )
    assert result.authenticated and result.user_id == user.id
    assert again.authenticated
