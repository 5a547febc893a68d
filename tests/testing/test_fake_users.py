"""Users against the spec: status codes, error shapes, uniqueness, validation, ids, auth."""

from __future__ import annotations

import re

import pytest

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

ID = re.compile(r"^user_[0-9A-HJKMNP-TV-Z]{26}$")
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


async def test_create_is_201_with_the_spec_shape(api: Api) -> None:
    r = await api.post(
        "/user_management/users",
        json={
            "email": "ada@example.com",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email_verified": True,
            "external_id": "ext-1",
            "metadata": {"team": "math"},
            "password": "correct-horse",
        },
    )
    assert r.status == 201
    user = r.body
    assert ID.match(user["id"])
    assert TS.match(user["created_at"]) and user["created_at"] == user["updated_at"]
    assert user == {
        "object": "user",
        "id": user["id"],
        "email": "ada@example.com",
        "email_verified": True,
        "first_name": "Ada",
        "last_name": "Lovelace",
        "name": None,  # on every user (WorkOS's API; the official SDK 10.6's User.name)
        "profile_picture_url": None,
        "external_id": "ext-1",
        "metadata": {"team": "math"},
        "last_sign_in_at": None,
        "created_at": user["created_at"],
        "updated_at": user["updated_at"],
    }
    assert "password" not in str(r.raw)


async def test_ids_strictly_increase(api: Api) -> None:
    ids = [(await api.create_user(f"n{i}@example.com"))["id"] for i in range(50)]
    assert ids == sorted(ids) and len(set(ids)) == 50


async def test_get_get_by_external_id_and_404_shape(api: Api) -> None:
    user = await api.create_user("a@example.com", external_id="a/b c")
    assert (await api.get(f"/user_management/users/{user['id']}")).body == user
    r = await api.get("/user_management/users/external_id/a%2Fb%20c")
    assert r.status == 200 and r.body["id"] == user["id"]
    r = await api.get("/user_management/users/user_01ZZZZZZZZZZZZZZZZZZZZZZZZ")
    assert r.status == 404 and set(r.body) == {"message"}
    assert (await api.get("/user_management/users/external_id/nope")).status == 404


async def test_duplicate_email_and_external_id(api: Api) -> None:
    await api.create_user("dup@example.com", external_id="e1")
    r = await api.post("/user_management/users", json={"email": "DUP@example.com"})
    assert r.status == 400
    assert r.body["code"] == "user_creation_error"
    assert [e["code"] for e in r.body["errors"]] == ["email_not_available"]
    r = await api.post(
        "/user_management/users", json={"email": "other@example.com", "external_id": "e1"}
    )
    assert r.status == 400
    assert [e["code"] for e in r.body["errors"]] == ["external_id_already_used"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            {"password": "long-enough-1", "password_hash": "$2b$10$" + "a" * 53},
            "password_and_password_hash_provided",
        ),
        (
            {"password": "long-enough-1", "password_hash_type": "bcrypt"},
            "password_and_password_hash_type_provided",
        ),
        ({"password_hash": "nope", "password_hash_type": "bcrypt"}, "invalid_password_hash"),
        ({"password": "short"}, "password_strength_error"),
        ({"metadata": {f"k{i}": "v" for i in range(11)}}, "invalid_metadata"),
    ],
)
async def test_create_400s_with_the_spec_codes(
    api: Api, body: dict[str, object], code: str
) -> None:
    r = await api.post("/user_management/users", json={"email": "p@example.com", **body})
    assert r.status == 400
    assert r.body["code"] == code
    assert isinstance(r.body["message"], str)


async def test_password_hash_import_is_accepted(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user(
        "h@example.com", password_hash="$2b$10$" + "N" * 53, password_hash_type="bcrypt"
    )
    assert fake.store.has_password(user["id"])
    assert fake.store.password_hash_type(user["id"]) == "bcrypt"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ["email"]),
        ({"email": 42}, ["email"]),
        ({"email": "x@example.com", "email_verified": "yes"}, ["email_verified"]),
        ({"email": "x@example.com", "metadata": {"a": 1}}, ["metadata"]),
        ({"email": "x@example.com", "external_id": "x" * 129}, ["external_id"]),
        (
            {"email": "x@example.com", "password_hash_type": "md5", "password_hash": "x"},
            ["password_hash_type"],
        ),
        ({"email": "x@example.com", "password_hash": "x"}, ["password_hash_type"]),
        ({"email": "not-an-email"}, ["email"]),
        ({"email": "x@example.com", "nickname": "x"}, ["nickname"]),
        ({"email": "x@example.com", "password": 123}, ["password"]),
    ],
)
async def test_create_422_names_the_fields(
    api: Api, body: dict[str, object], fields: list[str]
) -> None:
    r = await api.post("/user_management/users", json=body)
    assert r.status == 422
    assert r.body["code"] == "invalid_request_parameters"
    assert [e["field"] for e in r.body["errors"]] == fields


async def test_malformed_bodies_are_400_never_500(api: Api, fake: FakeWorkOS) -> None:
    cases = [
        (b"{not json", "application/json", 400),
        (b'{"email": "a@example.com"}', "text/plain", 400),
        (b"email=a@example.com", "application/x-www-form-urlencoded", 400),
        (b"\xff\xfe", "application/json", 400),
        (b"[1, 2]", "application/json", 422),
        (b'"a string"', "application/json", 422),
        (b"", "application/json", 422),
    ]
    for raw, content_type, status in cases:
        r = await api.post(
            "/user_management/users", data=raw, headers={"Content-Type": content_type}
        )
        assert r.status == status, (raw, r.body)
        assert r.body["code"] in ("invalid_request_body", "invalid_request_parameters")
    assert fake.counters.internal_errors == 0


async def test_update_applies_every_documented_field(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("old@example.com", external_id="old", metadata={"a": "1"})
    r = await api.put(
        f"/user_management/users/{user['id']}",
        json={
            "email": "new@example.com",
            "first_name": "N",
            "last_name": "E",
            "email_verified": True,
            "metadata": {"b": "2"},
            "external_id": "new",
            "locale": "en-US",
            "password": "new-password-1",
        },
    )
    assert r.status == 200, r.body
    assert {
        k: r.body[k]
        for k in (
            "email",
            "first_name",
            "last_name",
            "email_verified",
            "metadata",
            "external_id",
            "locale",
        )
    } == {
        "email": "new@example.com",
        "first_name": "N",
        "last_name": "E",
        "email_verified": True,
        "metadata": {"b": "2"},
        "external_id": "new",
        "locale": "en-US",
    }
    assert r.body["updated_at"] >= user["updated_at"]
    assert fake.store.check_password(user["id"], "new-password-1")
    # the indexes follow: new email and external id find the user, old ones do not
    assert (await api.get("/user_management/users/external_id/new")).status == 200
    assert (await api.get("/user_management/users/external_id/old")).status == 404
    assert (await api.get("/user_management/users", params={"email": "old@example.com"})).body[
        "data"
    ] == []
    r = await api.put(
        f"/user_management/users/{user['id']}", json={"external_id": None, "metadata": None}
    )
    assert r.body["external_id"] is None and r.body["metadata"] == {}


async def test_update_400s(api: Api) -> None:
    a = await api.create_user("a@example.com", external_id="a")
    b = await api.create_user("b@example.com")
    path = f"/user_management/users/{b['id']}"
    cases = [
        ({"email": "A@example.com"}, "email_not_available"),
        ({"external_id": "a"}, "external_id_already_used"),
        ({"email": "bad"}, "invalid_email"),
        ({"locale": "!!"}, "invalid_locale"),
        ({"password": "x"}, "password_strength_error"),
        (
            {"password": "long-enough-1", "password_hash": "h"},
            "password_and_password_hash_provided",
        ),
    ]
    for body, code in cases:
        r = await api.put(path, json=body)
        assert (r.status, r.body["code"]) == (400, code), body
    assert (
        await api.put(f"/user_management/users/{a['id']}", json={"first_name": None})
    ).status == 422
    assert (
        await api.put("/user_management/users/user_01ZZZZZZZZZZZZZZZZZZZZZZZZ", json={})
    ).status == 404


async def test_delete_is_200_without_body_and_cascades(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("gone@example.com", external_id="gone")
    org = await api.create_org("Org")
    r = await api.post(
        "/user_management/organization_memberships",
        json={"user_id": user["id"], "organization_id": org["id"]},
    )
    membership = r.body["id"]
    session = fake.store.create_session(user["id"])
    r = await api.delete(f"/user_management/users/{user['id']}")
    assert r.status == 200 and r.raw == b""
    assert user["id"] not in fake.store.users
    assert membership not in fake.store.memberships
    assert session["id"] not in fake.store.sessions
    assert (await api.delete(f"/user_management/users/{user['id']}")).status == 404
    # the email and external id are free again
    await api.create_user("gone@example.com", external_id="gone")


async def test_auth_and_request_ids(api: Api, fake: FakeWorkOS) -> None:
    session = api.session
    for headers in (
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {fake.api_key}"},
        {"Authorization": ""},
    ):
        async with session.get("/user_management/users", headers=headers) as r:
            assert r.status == 401
            body = await r.json()
            assert set(body) == {"message"} and fake.api_key not in body["message"]
            assert r.headers["X-Request-ID"]
    async with session.get("/no/such/route") as r:
        assert r.status == 404 and r.headers["X-Request-ID"]
    async with session.get("/user_management/users/", headers={"X-Request-ID": "mine-123"}) as r:
        assert r.status == 404  # a trailing slash is not a route
        assert r.headers["X-Request-ID"] == "mine-123"
    ids = set()
    for _ in range(5):
        async with session.get("/user_management/users") as r:
            ids.add(r.headers["X-Request-ID"])
    assert len(ids) == 5


async def test_extra_api_keys_are_accepted() -> None:
    import aiohttp

    async with (
        FakeWorkOS(api_key="sk_a", extra_api_keys=["sk_b"]) as fake,
        aiohttp.ClientSession(fake.url) as s,
    ):
        for key, status in (("sk_a", 200), ("sk_b", 200), ("sk_c", 401)):
            headers = {"Authorization": f"Bearer {key}"}
            async with s.get("/user_management/users", headers=headers) as r:
                assert r.status == status


def test_constructor_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="api_key"):
        FakeWorkOS(api_key="")
    with pytest.raises(TypeError, match="rate_limits"):
        FakeWorkOS(rate_limits={"reads": 1})  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="not serving"):
        _ = FakeWorkOS().url
    assert "sk_test_fake" not in repr(FakeWorkOS())
