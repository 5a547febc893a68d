"""Error mapping against the emulator's real error answers, through both clients:
401, 404, 409 and 422, with status, code, message, field errors
and request id, and no secret in any message.

The emulator's error bodies are always ``{"message", "code"}`` (422 adds
``errors: [{field, code}]``), one of the three shapes the spec documents.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from workos_async import (
    APIError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    UnprocessableEntityError,
    WorkOSError,
)
from workos_async.models import User

from ._emulator import Emulator
from .test_clients import FLAVORS, Api, Flavor, open_api

MISSING_USER_ID = "user_01CONFORMANCEMISSING0000000"


@pytest.fixture(params=FLAVORS)
def flavor(request: pytest.FixtureRequest) -> Flavor:
    value: Flavor = request.param
    return value


@pytest.fixture
async def api(flavor: Flavor, emulator: Emulator, emulator_api_key: str) -> AsyncIterator[Api]:
    async with open_api(flavor, emulator, emulator_api_key) as opened:
        yield opened


def assert_no_secret(error: BaseException, *secrets: str) -> None:
    for text in (str(error), repr(error)):
        for secret in secrets:
            assert secret not in text


async def test_401_unknown_api_key(flavor: Flavor, emulator: Emulator) -> None:
    bad_key = f"sk_test_not_seeded_{uuid.uuid4().hex}"
    async with open_api(flavor, emulator, bad_key) as api:
        with pytest.raises(AuthenticationError) as caught:
            await api.user_management.get_user(emulator.users["password_user"].id)
    error = caught.value
    assert isinstance(error, APIError) and isinstance(error, WorkOSError)
    assert (error.status, error.code, error.message) == (401, "unauthorized", "Unauthorized")
    assert error.body == {"message": "Unauthorized", "code": "unauthorized"}
    assert error.request_id is not None and error.request_id.startswith("req_")
    assert "GET /user_management/users/{id}" in str(error)
    assert_no_secret(error, bad_key)


async def test_401_key_without_the_sk_prefix(flavor: Flavor, emulator: Emulator) -> None:
    # The emulator refuses any token that does not start with `sk_`, even a seeded key's tail.
    key = emulator.extra_api_keys[0].removeprefix("sk_")
    async with open_api(flavor, emulator, key) as api:
        with pytest.raises(AuthenticationError) as caught:
            await api.user_management.list_users(limit=1)
    assert caught.value.code == "unauthorized"
    assert_no_secret(caught.value, key)


async def test_404_unknown_resource(api: Api) -> None:
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.get_user(MISSING_USER_ID)
    error = caught.value
    assert (error.status, error.code, error.message) == (404, "not_found", "User not found")
    assert list(error.errors) == []
    # The message names the path template, never the filled path.
    assert "GET /user_management/users/{id}" in str(error)
    assert MISSING_USER_ID not in str(error)


async def test_request_id_sent_by_the_caller_is_echoed(api: Api) -> None:
    request_id = f"req_conformance_{uuid.uuid4().hex}"
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.get_user(
            MISSING_USER_ID, request_options={"extra_headers": {"X-Request-ID": request_id}}
        )
    assert caught.value.request_id == request_id
    assert f"request_id={request_id}" in str(caught.value)


async def test_409_duplicate_email(api: Api, unique_email: str) -> None:
    password = f"Dup-{uuid.uuid4().hex}"
    first: User = await api.user_management.create_user(email=unique_email)
    with pytest.raises(ConflictError) as caught:
        await api.user_management.create_user(email=unique_email, password=password)
    error = caught.value
    # Departure: the spec documents no 409 for POST /users; the emulator sends one.
    assert (error.status, error.code) == (409, "user_already_exists")
    assert error.message == "A user with this email already exists"
    assert_no_secret(error, password)
    # Still one user with that email.
    page = await api.user_management.list_users(email=unique_email)
    assert [u.id for u in page.data] == [first.id]


async def test_422_with_field_errors(api: Api) -> None:
    # An empty email is a str, so the SDK sends it (the server is the judge of its value).
    with pytest.raises(UnprocessableEntityError) as caught:
        await api.user_management.create_user(email="")
    error = caught.value
    assert (error.status, error.code) == (422, "unprocessable_entity")
    assert error.message == "email is required"
    assert list(error.errors) == [{"field": "email", "code": "required"}]


async def test_required_arguments_fail_before_any_request(api: Api) -> None:
    with pytest.raises(TypeError, match="email"):
        await api.user_management.create_user()
    with pytest.raises(TypeError, match="'email' must be str, not int"):
        await api.user_management.create_user(email=42)


async def test_password_and_password_hash_are_exclusive(api: Api, unique_email: str) -> None:
    # The emulator accepts both together; the spec marks them mutually exclusive, and the SDK
    # refuses before any request, naming both sides and neither value.
    secret = f"Pw-{uuid.uuid4().hex}"
    with pytest.raises(ValueError, match="'password' or 'password_hash' \\+ 'password_hash_type'"):
        await api.user_management.create_user(
            email=unique_email, password=secret, password_hash=secret, password_hash_type="bcrypt"
        )
    page = await api.user_management.list_users(email=unique_email)
    assert page.data == []  # nothing was sent, so nothing was created
