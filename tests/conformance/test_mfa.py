"""MFA factors and challenges against the emulator, through both clients: enroll a TOTP
factor, list, get, challenge, verify, delete.

Departures met here (``docs/conformance.md``): enrolling returns the bare factor (spec:
``{authentication_factor, authentication_challenge}``) and its ``totp`` has only ``uri`` (no
``secret`` or ``qr_code``); listed factors carry an extra ``totp.uri``; the factor list is not
paginated; a challenge names its factor ``factor_id`` (spec: ``authentication_factor_id``),
adds ``user_id`` and hides its code, so no code can ever verify; DELETE answers 204.
"""

from __future__ import annotations

import pytest

from workos_async import BadRequestError, NotFoundError
from workos_async.models import (
    AuthenticationChallenge,
    AuthenticationFactor,
    AuthenticationFactorType,
    EnrollAuthFactorResponse,
    User,
)

from .test_clients import Api


@pytest.fixture
async def user(api: Api, unique_email: str) -> User:
    created: User = await api.user_management.create_user(email=unique_email)
    return created


async def enroll(api: Api, user: User) -> str:
    """Enroll a TOTP factor; return its id (only reachable through ``extra``, see below)."""
    enrolled: EnrollAuthFactorResponse = await api.user_management.enroll_auth_factor(
        user.id, type="totp", totp_issuer="Conformance"
    )
    factor_id = enrolled.extra["id"]
    assert isinstance(factor_id, str)
    return factor_id


async def test_enroll_returns_the_bare_factor(api: Api, user: User) -> None:
    enrolled: EnrollAuthFactorResponse = await api.user_management.enroll_auth_factor(
        user.id, type="totp", totp_issuer="Conformance"
    )
    assert isinstance(enrolled, EnrollAuthFactorResponse)
    # Departure: the spec wraps the factor and a first challenge; the emulator returns the
    # factor itself, so the spec's two fields are absent and the factor's keys land in extra.
    assert enrolled.authentication_factor is None
    assert enrolled.authentication_challenge is None
    assert enrolled.extra["object"] == "authentication_factor"
    assert enrolled.extra["type"] == "totp"
    assert enrolled.extra["user_id"] == user.id
    totp = enrolled.extra["totp"]
    # Departure: no secret or qr_code, only the otpauth:// uri (which holds the secret).
    assert set(totp) == {"issuer", "user", "uri"}
    assert totp["uri"].startswith("otpauth://totp/Conformance:")
    assert totp["uri"] not in repr(enrolled)


async def test_list_get_and_delete_factors(api: Api, user: User) -> None:
    um = api.user_management
    factor_id = await enroll(api, user)

    page = await um.list_auth_factors(user.id, limit=1)
    [listed] = page.data
    assert isinstance(listed, AuthenticationFactor)
    assert (listed.id, listed.user_id) == (factor_id, user.id)
    assert listed.type is AuthenticationFactorType.TOTP
    assert listed.totp is not None
    assert (listed.totp.issuer, listed.totp.user) == ("Conformance", user.email)
    # Departure: an extra `uri` in totp; it carries the TOTP secret, and extra is not shown.
    assert set(listed.totp.extra) == {"uri"}
    assert listed.totp.extra["uri"] not in repr(listed)

    second_id = await enroll(api, user)
    # Departure: not paginated - limit=1 still returns both factors, with null cursors.
    pages = await api.walk_pages("user_management", "list_auth_factors", user.id, limit=1)
    assert [p.ids for p in pages] == [[factor_id, second_id]]

    factor: AuthenticationFactor = await um.get_factor(factor_id)
    assert factor.id == factor_id and factor.user_id == user.id

    assert await um.delete_factor(factor_id) is None  # 204
    with pytest.raises(NotFoundError):
        await um.get_factor(factor_id)
    remaining = await um.list_auth_factors(user.id)
    assert [f.id for f in remaining.data] == [second_id]


async def test_challenge_cannot_be_verified(api: Api, user: User) -> None:
    um = api.user_management
    factor_id = await enroll(api, user)
    challenge: AuthenticationChallenge = await um.challenge_factor(factor_id)
    assert isinstance(challenge, AuthenticationChallenge)
    assert challenge.id.startswith("auth_challenge_")
    assert challenge.expires_at is not None and challenge.expires_at > challenge.created_at
    # Departure: `factor_id` instead of `authentication_factor_id`, an extra `user_id`, and
    # the code is never sent.
    assert challenge.authentication_factor_id is None
    assert challenge.extra == {"factor_id": factor_id, "user_id": user.id}
    assert challenge.code is None

    # With the code hidden, no code can verify (the spec returns {challenge, valid}).
    with pytest.raises(BadRequestError) as caught:
        await um.verify_challenge(challenge.id, code="000000")
    assert caught.value.code == "invalid_one_time_code"
    assert "000000" not in str(caught.value)


async def test_unknown_factor_is_404(api: Api) -> None:
    um = api.user_management
    missing = "auth_factor_01CONFORMANCEMISSING0000"
    for call in (um.get_factor, um.delete_factor, um.challenge_factor):
        with pytest.raises(NotFoundError) as caught:
            await call(missing)
        assert caught.value.message == "AuthenticationFactor not found"
