"""The session cookie's content: the kits' camelCase shape and the Python SDK's snake_case."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.fernet import Fernet

from workos_async.sessions import (
    Impersonator,
    IronSealer,
    SessionCookieData,
    unseal_any,
)
from workos_async.sessions._payload import camel_keys, snake_keys

from ..spec_data import load_json

API_USER: dict[str, Any] = {
    "object": "user",
    "id": "user_01HXYZ",
    "email": "ana@example.com",
    "email_verified": True,
    "first_name": "Ana",
    "last_name": "Ñandú",
    "profile_picture_url": None,
    "last_sign_in_at": "2025-01-01T00:00:00.000Z",
    "external_id": None,
    "locale": "es",
    "metadata": {"plan_tier": "gold", "someKey": 1},
    "created_at": "2024-01-01T00:00:00.000Z",
    "updated_at": "2024-06-01T00:00:00.000Z",
}
NODE_USER: dict[str, Any] = {
    "object": "user",
    "id": "user_01HXYZ",
    "email": "ana@example.com",
    "emailVerified": True,
    "firstName": "Ana",
    "lastName": "Ñandú",
    "profilePictureUrl": None,
    "lastSignInAt": "2025-01-01T00:00:00.000Z",
    "externalId": None,
    "locale": "es",
    "metadata": {"plan_tier": "gold", "someKey": 1},
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-06-01T00:00:00.000Z",
}
PASSWORD = "a-test-password-that-is-long-enough-1234"


def test_user_keys_convert_both_ways_at_the_top_level_only() -> None:
    assert camel_keys(API_USER) == NODE_USER
    assert snake_keys(NODE_USER) == API_USER
    # metadata belongs to the app: its keys are never rewritten.
    assert camel_keys(API_USER)["metadata"] == {"plan_tier": "gold", "someKey": 1}


def test_to_dict_is_the_node_sdk_shape() -> None:
    data = SessionCookieData(
        access_token="at",
        refresh_token="rt",
        user=API_USER,
        impersonator=Impersonator(email="admin@example.com", reason="support"),
        organization_id="org_01",
        authentication_method="Password",
    )
    assert data.to_dict() == {
        "accessToken": "at",
        "refreshToken": "rt",
        "user": NODE_USER,
        "impersonator": {"email": "admin@example.com", "reason": "support"},
        "organizationId": "org_01",
        "authenticationMethod": "Password",
    }
    minimal = SessionCookieData(access_token="at", refresh_token="rt", user={"id": "u"})
    assert minimal.to_dict() == {"accessToken": "at", "refreshToken": "rt", "user": {"id": "u"}}


def test_round_trip_through_a_seal() -> None:
    data = SessionCookieData(
        access_token="at",
        refresh_token="rt",
        user=API_USER,
        impersonator=Impersonator(email="admin@example.com"),
    )
    sealer = IronSealer(PASSWORD)
    assert SessionCookieData.from_dict(sealer.unseal(sealer.seal(data.to_dict()))) == data


def test_reads_the_kat3_authkit_nextjs_cookie() -> None:
    vectors = load_json("iron_vectors.json")
    kat3 = vectors["vectors"][2]
    data = SessionCookieData.from_dict(IronSealer(kat3["password"]).unseal(kat3["sealed"]))
    assert data.access_token == "at"
    assert data.refresh_token == "rt"
    assert data.user == {"id": "user_01", "first_name": "Ñandú"}
    assert data.impersonator is None and data.organization_id is None


def test_reads_the_official_python_sdk_fernet_cookie() -> None:
    key = Fernet.generate_key().decode()
    cookie = Fernet(key).encrypt(
        json.dumps(
            {
                "access_token": "at",
                "refresh_token": "rt",
                "user": API_USER,
                "impersonator": {"email": "admin@example.com", "reason": None},
            }
        ).encode()
    )
    data = SessionCookieData.from_dict(unseal_any(cookie.decode(), key))
    assert data.access_token == "at"
    assert data.user == API_USER
    assert data.impersonator == Impersonator(email="admin@example.com", reason=None)


def test_repr_hides_tokens() -> None:
    data = SessionCookieData(access_token="secret-at", refresh_token="secret-rt", user={})
    assert "secret-at" not in repr(data) and "secret-rt" not in repr(data)
    assert "<redacted>" in repr(data)


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ([], "JSON object"),
        ({}, "no access token"),
        ({"accessToken": "at"}, "no refresh token"),
        ({"refreshToken": "rt"}, "no access token"),
        ({"accessToken": 1, "refreshToken": "rt"}, "'accessToken' must be a string"),
        ({"accessToken": "at", "refreshToken": "rt", "user": []}, "'user' must be an object"),
        (
            {"accessToken": "at", "refreshToken": "rt", "impersonator": {"reason": "x"}},
            "'impersonator'",
        ),
        ({"accessToken": "at", "refreshToken": "rt", "organizationId": 5}, "'organizationId'"),
    ],
)
def test_bad_session_data_is_a_value_error_that_names_the_field(raw: Any, match: str) -> None:
    if isinstance(raw, dict):  # use recognisable token values, then look for them
        raw = {k: ("secret-" + v if k.endswith("Token") and isinstance(v, str) else v)
               for k, v in raw.items()}  # fmt: skip
    with pytest.raises(ValueError, match=match) as info:
        SessionCookieData.from_dict(raw)
    assert "secret-" not in str(info.value)
