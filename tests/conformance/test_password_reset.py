"""Password reset against the emulator, through both clients: ``reset_password`` (creates the
token), ``get_password_reset``, ``confirm_password_reset``, then signing in with the new
password. Also ``get_email_verification``, the other token-carrying record.

Departures met here (``docs/conformance.md``): the password-reset object names its token
``token`` (spec: ``password_reset_token``), has no ``password_reset_url`` and adds
``updated_at``; confirming returns a user cut down to ``{object, id, email}``.
"""

from __future__ import annotations

import uuid

import pytest

from workos_async import AuthenticationError, BadRequestError, NotFoundError
from workos_async.models import (
    AuthenticationResponse,
    EmailVerification,
    PasswordReset,
    ResetPasswordResponse,
    SendVerificationEmailResponse,
    User,
)

from .test_clients import Api


async def test_password_reset_round_trip(api: Api, unique_email: str) -> None:
    um = api.user_management
    old_password, new_password = f"Old-{uuid.uuid4().hex}", f"New-{uuid.uuid4().hex}"
    user: User = await um.create_user(email=unique_email, password=old_password)

    reset: PasswordReset = await um.reset_password(email=user.email)
    assert isinstance(reset, PasswordReset)
    assert (reset.user_id, reset.email) == (user.id, user.email)
    assert reset.id.startswith("password_reset_")
    assert reset.expires_at > reset.created_at
    # Departure: the token arrives as `token`, not the spec's `password_reset_token`, and
    # there is no `password_reset_url`; `updated_at` is extra. The SDK decodes the spec's
    # names, so the token is only reachable through `extra`.
    assert reset.password_reset_token is None
    assert reset.password_reset_url is None
    assert set(reset.extra) == {"token", "updated_at"}
    token = reset.extra["token"]
    assert isinstance(token, str) and token
    assert token not in repr(reset)

    fetched: PasswordReset = await um.get_password_reset(reset.id)
    assert fetched.id == reset.id
    assert fetched.extra["token"] == token

    with pytest.raises(BadRequestError) as bad_token:
        await um.confirm_password_reset(token="not-a-real-token", new_password=new_password)
    # Departure (code only): the spec's code for a bad token is password_reset_error.
    assert bad_token.value.code == "invalid_token"

    confirmed: ResetPasswordResponse = await um.confirm_password_reset(
        token=token, new_password=new_password
    )
    assert isinstance(confirmed, ResetPasswordResponse)
    # Departure: the user is cut down to {object, id, email}; the spec's other required User
    # fields are missing, so they decode as None.
    assert (confirmed.user.id, confirmed.user.email) == (user.id, user.email)
    assert confirmed.user.created_at is None
    assert confirmed.user.email_verified is None

    # The token was used up, and the password did change.
    with pytest.raises(NotFoundError):
        await um.get_password_reset(reset.id)
    with pytest.raises(AuthenticationError):
        await um.authenticate_with_password(email=user.email, password=old_password)
    auth: AuthenticationResponse = await um.authenticate_with_password(
        email=user.email, password=new_password
    )
    assert auth.user.id == user.id


async def test_password_reset_for_an_unknown_email_is_404(api: Api, unique_email: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.reset_password(email=unique_email)
    assert caught.value.message == "User not found"


async def test_get_email_verification(api: Api, unique_email: str) -> None:
    um = api.user_management
    user: User = await um.create_user(email=unique_email)
    # See test_users.py: sending answers with the EmailVerification itself (spec: {user}).
    sent: SendVerificationEmailResponse = await um.send_verification_email(user.id)
    verification_id = sent.extra["id"]
    verification: EmailVerification = await um.get_email_verification(verification_id)
    assert isinstance(verification, EmailVerification)
    assert (verification.id, verification.user_id, verification.email) == (
        verification_id,
        user.id,
        user.email,
    )
    assert verification.code == sent.extra["code"]
    assert verification.code not in repr(verification)
    assert verification.expires_at > verification.created_at

    await um.verify_email(user.id, code=verification.code)
    # A used verification is gone.
    with pytest.raises(NotFoundError) as caught:
        await um.get_email_verification(verification_id)
    assert caught.value.message == "Email Verification not found"
