"""Users against the emulator, through both clients: create, read, update, delete, email
verification, identities, authorized applications, and the email-change routes it lacks.

Where the emulator departs from the spec (``spec/emulator.md``) the test says
so and asserts what the spec-following SDK does with the emulator's reply. Each departure is
also listed in ``docs/conformance.md``.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from workos_async import BadRequestError, NotFoundError, ResponseDecodeError
from workos_async.models import SendVerificationEmailResponse, User, VerifyEmailResponse

from .test_clients import Api

MISSING_USER_ID = "user_01CONFORMANCEMISSING0000000"


async def test_create_get_and_find_a_user(api: Api, unique_email: str) -> None:
    external_id = f"ext_{unique_email.split('@')[0]}"
    created: User = await api.user_management.create_user(
        email=unique_email,
        password="Conformance-Passw0rd!",
        first_name="Grace",
        last_name="Hopper",
        email_verified=True,
        external_id=external_id,
        metadata={"team": "compilers"},
    )
    assert isinstance(created, User)
    assert created.id.startswith("user_")
    assert (created.email, created.first_name, created.last_name) == (
        unique_email,
        "Grace",
        "Hopper",
    )
    assert created.email_verified is True
    assert created.external_id == external_id
    assert created.metadata == {"team": "compilers"}
    assert created.last_sign_in_at is None
    assert isinstance(created.created_at, datetime) and created.created_at.tzinfo is not None
    assert created.extra == {}  # no key the spec does not list (and no password hash)

    fetched: User = await api.user_management.get_user(created.id)
    assert fetched == created
    by_external_id: User = await api.user_management.get_user_by_external_id(external_id)
    assert by_external_id.id == created.id

    page = await api.user_management.list_users(email=unique_email)
    assert [u.id for u in page.data] == [created.id]
    assert (page.list_metadata.before, page.list_metadata.after) == (None, None)


async def test_update_user_applies_the_fields_the_emulator_stores(
    api: Api, unique_email: str
) -> None:
    user: User = await api.user_management.create_user(email=unique_email)
    updated: User = await api.user_management.update_user(
        user.id,
        first_name="Ada",
        last_name="Lovelace",
        email_verified=True,
        external_id=f"ext_upd_{user.id}",
        metadata={"plan": "pro"},
    )
    assert (updated.first_name, updated.last_name) == ("Ada", "Lovelace")
    assert updated.email_verified is True
    assert updated.external_id == f"ext_upd_{user.id}"
    assert updated.metadata == {"plan": "pro"}
    assert updated.updated_at >= user.updated_at

    # external_id and metadata are nullable in the spec: None is sent as JSON null and clears.
    cleared: User = await api.user_management.update_user(user.id, external_id=None, metadata=None)
    assert cleared.external_id is None
    assert cleared.metadata == {}  # the emulator stores {} for a null metadata
    assert cleared.first_name == "Ada"  # arguments not given are not sent, so not changed


async def test_update_user_email_and_locale_are_ignored_by_the_emulator(
    api: Api, unique_email: str
) -> None:
    # Departure: PUT /users/{id} applies only first_name, last_name, email_verified,
    # external_id, metadata and password; `email` and `locale` are silently dropped (the spec
    # documents both as updatable). The SDK sends them; the reply shows the old values.
    user: User = await api.user_management.create_user(email=unique_email)
    new_email = "changed-" + unique_email
    replied: User = await api.user_management.update_user(user.id, email=new_email, locale="fr-FR")
    assert replied.email == unique_email
    assert replied.locale is None
    stored: User = await api.user_management.get_user(user.id)
    assert stored.email == unique_email


async def test_delete_user(api: Api, unique_email: str) -> None:
    user: User = await api.user_management.create_user(email=unique_email)
    # Departure: the emulator answers 204 (the spec: 200 with no body); the SDK returns None
    # for both.
    assert await api.user_management.delete_user(user.id) is None
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.get_user(user.id)
    assert caught.value.message == "User not found"
    with pytest.raises(NotFoundError):
        await api.user_management.delete_user(user.id)


async def test_email_verification_send_and_confirm(api: Api, unique_email: str) -> None:
    user: User = await api.user_management.create_user(email=unique_email)
    # Departure: POST .../email_verification/send answers 201 with an EmailVerification
    # object (spec: 200 {user: User}). The SDK decodes the spec's wrapper: `user` is absent,
    # and the emulator's keys are kept in `extra`.
    sent: SendVerificationEmailResponse = await api.user_management.send_verification_email(user.id)
    assert isinstance(sent, SendVerificationEmailResponse)
    assert sent.user is None
    assert sent.extra["object"] == "email_verification"
    assert sent.extra["user_id"] == user.id
    code = sent.extra["code"]
    assert isinstance(code, str) and code

    with pytest.raises(BadRequestError) as caught:
        await api.user_management.verify_email(user.id, code="000000" if code != "000000" else "1")
    assert caught.value.code == "invalid_code"

    # Departure: .../email_verification/confirm returns a bare User (spec: {user: User}).
    verified: VerifyEmailResponse = await api.user_management.verify_email(user.id, code=code)
    assert isinstance(verified, VerifyEmailResponse)
    assert verified.user is None
    assert verified.extra["id"] == user.id
    assert verified.extra["email_verified"] is True
    stored: User = await api.user_management.get_user(user.id)
    assert stored.email_verified is True


async def test_identities_list_envelope_is_refused(api: Api, unique_email: str) -> None:
    # Departure: GET .../identities returns a list envelope {object, data, list_metadata};
    # the spec documents a bare JSON array. The SDK decodes the documented array and so
    # raises ResponseDecodeError, keeping the status and request id.
    user: User = await api.user_management.create_user(email=unique_email)
    with pytest.raises(ResponseDecodeError) as caught:
        await api.user_management.get_user_identities(user.id)
    error = caught.value
    assert error.status == 200
    assert error.request_id is not None and error.request_id.startswith("req_")
    assert "expected a JSON array, got dict" in error.message
    assert '"object":"list"' in error.raw_body


async def test_email_change_routes_are_missing(api: Api, unique_email: str) -> None:
    # Missing: the emulator has no email_change routes, so it answers its route-level 404.
    user: User = await api.user_management.create_user(email=unique_email)
    with pytest.raises(NotFoundError) as sent:
        await api.user_management.send_email_change(user.id, new_email="new-" + unique_email)
    assert (sent.value.code, sent.value.message) == ("not_found", "Not Found")
    with pytest.raises(NotFoundError) as confirmed:
        await api.user_management.confirm_email_change(user.id, code="123456")
    assert (confirmed.value.code, confirmed.value.message) == ("not_found", "Not Found")
    assert "123456" not in str(confirmed.value)


async def test_authorized_applications(api: Api, unique_email: str) -> None:
    user: User = await api.user_management.create_user(email=unique_email)
    # No API creates an authorized application, so the list is empty and delete can only 404.
    page = await api.user_management.list_user_authorized_applications(user.id)
    assert page.data == []
    assert (page.list_metadata.before, page.list_metadata.after) == (None, None)
    assert await api.walk("user_management", "list_user_authorized_applications", user.id) == []
    with pytest.raises(NotFoundError):
        await api.user_management.delete_user_authorized_application("app_missing", user.id)


async def test_unknown_user_is_404_on_every_user_route(api: Api) -> None:
    um = api.user_management
    calls: list[tuple[str, dict[str, str]]] = [
        ("get_user", {}),
        ("update_user", {"first_name": "X"}),
        ("send_verification_email", {}),
        ("get_user_identities", {}),
        ("delete_user", {}),
    ]
    for method, kwargs in calls:
        with pytest.raises(NotFoundError) as caught:
            await getattr(um, method)(MISSING_USER_ID, **kwargs)
        assert (caught.value.status, caught.value.code) == (404, "not_found"), method
        assert caught.value.message == "User not found", method
