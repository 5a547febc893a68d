"""Email verification, password reset, magic auth and email change."""

from __future__ import annotations

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

U = "/user_management/users"


async def test_email_verification_flow(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("v@example.com")
    r = await api.post(f"{U}/{user['id']}/email_verification/send")
    assert r.status == 200 and r.body == {"user": user}
    verification = next(iter(fake.store.email_verifications.values()))
    assert verification["user_id"] == user["id"] and len(verification["code"]) == 6
    got = await api.get(f"/user_management/email_verification/{verification['id']}")
    assert got.status == 200 and got.body["code"] == verification["code"]
    wrong = "000000" if verification["code"] != "000000" else "111111"
    r = await api.post(f"{U}/{user['id']}/email_verification/confirm", json={"code": wrong})
    assert (r.status, r.body["code"]) == (400, "email_verification_code_incorrect")
    r = await api.post(
        f"{U}/{user['id']}/email_verification/confirm", json={"code": verification["code"]}
    )
    assert r.status == 200 and r.body["user"]["email_verified"] is True
    r = await api.post(f"{U}/{user['id']}/email_verification/send")
    assert (r.status, r.body["code"]) == (400, "email_already_verified")
    r = await api.post(
        f"{U}/{user['id']}/email_verification/confirm", json={"code": verification["code"]}
    )
    assert (r.status, r.body["code"]) == (400, "email_previously_verified")
    assert (await api.post(f"{U}/{user['id']}/email_verification/confirm", json={})).status == 422


async def test_email_verification_code_expires(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("late@example.com")
    await api.post(f"{U}/{user['id']}/email_verification/send")
    code = next(iter(fake.store.email_verifications.values()))["code"]
    fake.clock.advance(2 * 86400)
    r = await api.post(f"{U}/{user['id']}/email_verification/confirm", json={"code": code})
    assert (r.status, r.body["code"]) == (400, "email_verification_code_expired")


async def test_password_reset_flow(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("p@example.com", password="old-password-1")
    r = await api.post("/user_management/password_reset", json={"email": "P@example.com"})
    assert r.status == 201
    reset = r.body
    assert set(reset) == {
        "object",
        "id",
        "user_id",
        "email",
        "expires_at",
        "created_at",
        "password_reset_token",
        "password_reset_url",
    }
    assert reset["password_reset_token"] in reset["password_reset_url"]
    assert (await api.get(f"/user_management/password_reset/{reset['id']}")).body == reset
    r = await api.post(
        "/user_management/password_reset/confirm",
        json={"token": reset["password_reset_token"], "new_password": "x"},
    )
    assert (r.status, r.body["code"]) == (400, "password_reset_error") and r.body["errors"]
    r = await api.post(
        "/user_management/password_reset/confirm",
        json={"token": reset["password_reset_token"], "new_password": "new-password-1"},
    )
    assert r.status == 200 and r.body["user"]["id"] == user["id"]
    assert fake.store.check_password(user["id"], "new-password-1")
    assert not fake.store.check_password(user["id"], "old-password-1")
    r = await api.post(
        "/user_management/password_reset/confirm",
        json={"token": reset["password_reset_token"], "new_password": "again-password-1"},
    )
    assert (r.status, r.body["code"]) == (400, "password_reset_error")
    assert (
        await api.post(
            "/user_management/password_reset/confirm",
            json={"token": "nope", "new_password": "n-password-1"},
        )
    ).status == 404
    assert (
        await api.post("/user_management/password_reset", json={"email": "nobody@example.com"})
    ).status == 404
    # the log keeps neither the token nor the password
    confirm_logs = [
        r for r in fake.requests if r.route == "POST /user_management/password_reset/confirm"
    ]
    assert confirm_logs and all(
        r.body == {"token": "<redacted>", "new_password": "<redacted>"} for r in confirm_logs
    )


async def test_magic_auth_signs_up_unknown_emails(api: Api, fake: FakeWorkOS) -> None:
    r = await api.post("/user_management/magic_auth", json={"email": "magic@example.com"})
    assert r.status == 201
    magic = r.body
    assert magic["object"] == "magic_auth" and len(magic["code"]) == 6
    assert fake.store.users[magic["user_id"]]["email"] == "magic@example.com"
    assert (await api.get(f"/user_management/magic_auth/{magic['id']}")).body == magic
    again = await api.post("/user_management/magic_auth", json={"email": "MAGIC@example.com"})
    assert again.body["user_id"] == magic["user_id"]
    r = await api.post(
        "/user_management/magic_auth",
        json={"email": "magic@example.com", "invitation_token": "bad"},
    )
    assert (
        r.status == 400
        and r.body["error"] == "invitation_invalid"
        and "error_description" in r.body
    )


async def test_email_change_flow(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("old@example.com")
    await api.create_user("taken@example.com")
    path = f"{U}/{user['id']}/email_change"
    r = await api.post(f"{path}/confirm", json={"code": "123456"})
    assert (r.status, r.body["code"]) == (409, "no_pending_email_change")
    assert (await api.post(f"{path}/send", json={"new_email": "old@example.com"})).body[
        "code"
    ] == "email_change_not_needed"
    assert (await api.post(f"{path}/send", json={"new_email": "taken@example.com"})).body[
        "code"
    ] == "email_not_available"
    r = await api.post(f"{path}/send", json={"new_email": "bad"})
    assert (r.status, r.body["code"]) == (422, "invalid_email")
    r = await api.post(f"{path}/send", json={"new_email": "new@example.com"})
    assert (
        r.status == 200
        and r.body["object"] == "email_change"
        and r.body["new_email"] == "new@example.com"
    )
    assert "code" not in r.body
    code = fake.store.email_change_code(user["id"])
    assert code is not None
    wrong = "000000" if code != "000000" else "111111"
    r = await api.post(f"{path}/confirm", json={"code": wrong})
    assert (r.status, r.body["code"]) == (400, "email_change_code_incorrect")
    r = await api.post(f"{path}/confirm", json={"code": code})
    assert r.status == 200 and r.body["object"] == "email_change_confirmation"
    assert r.body["user"]["email"] == "new@example.com"
    r = await api.post(f"{path}/confirm", json={"code": code})
    assert (r.status, r.body["code"]) == (409, "email_change_code_previously_used")
    assert (await api.get(U, params={"email": "new@example.com"})).body["data"][0]["id"] == user[
        "id"
    ]


async def test_email_change_too_many_attempts(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("a@example.com")
    path = f"{U}/{user['id']}/email_change"
    await api.post(f"{path}/send", json={"new_email": "b@example.com"})
    code = fake.store.email_change_code(user["id"])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert (await api.post(f"{path}/confirm", json={"code": wrong})).status == 400
    r = await api.post(f"{path}/confirm", json={"code": code})
    assert (r.status, r.body["code"]) == (429, "email_change_too_many_attempts")
