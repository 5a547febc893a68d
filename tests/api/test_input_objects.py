"""The official SDK's input objects, as our own types of the same names, beside the flat
arguments: ``password=PasswordPlaintext(...) / PasswordHashed(...)`` on ``create_user`` /
``update_user`` and ``role=RoleSingle(...) / RoleMultiple(...)`` on the membership calls spread
their fields into the body; giving a field both ways is a ``ValueError``. Both clients, against
the fake (mypy --strict checks these calls too)."""

from __future__ import annotations

import traceback

import pytest

from workos_async import (
    AsyncWorkOS,
    PasswordHashed,
    PasswordPlaintext,
    RoleMultiple,
    RoleSingle,
    WorkOS,
)
from workos_async.testing import FakeWorkOS

# bcrypt of "correct horse battery staple" is not verified by the fake: only what is sent counts.
PASSWORD = "a-secret-password-never-shown"
HASH = "$2b$10$abcdefghijklmnopqrstuu5kBkHPZ9GXN8bqKgBlAlSRa0VyG5nYy"


async def test_password_objects_spread_into_the_body_async(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_client.user_management
    hashed = await um.create_user(
        email="ada@example.com",
        password=PasswordHashed(
            password_hash=HASH, password_hash_type="bcrypt", password_salt_position="prefix"
        ),
    )
    sent = workos_fake.requests[-1].body
    assert sent["password_hash_type"] == "bcrypt" and sent["password_salt_position"] == "prefix"
    assert "password_hash" in sent and "password" not in sent
    plain = await um.create_user(
        email="bob@example.com", password=PasswordPlaintext(password="a-long-password-123")
    )
    signed_in = await um.authenticate_with_password(
        email="bob@example.com", password="a-long-password-123"
    )
    assert signed_in.user.id == plain.id
    await um.update_user(hashed.id, password=PasswordPlaintext("another-long-password-1"))
    assert (
        await um.authenticate_with_password(
            email="ada@example.com", password="another-long-password-1"
        )
    ).user.id == hashed.id
    # The flat arguments keep working.
    await um.create_user(email="cy@example.com", password_hash=HASH, password_hash_type="bcrypt")
    assert workos_fake.requests[-1].body["password_hash_type"] == "bcrypt"


async def test_role_objects_spread_into_the_body_async(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    user = await workos_client.user_management.create_user(email="ada@example.com")
    org = await workos_client.organizations.create_organization(name="Analytical")
    om = workos_client.organization_membership
    membership = await om.create_organization_membership(
        user_id=user.id, organization_id=org.id, role=RoleSingle(role_slug="admin")
    )
    assert workos_fake.requests[-1].body["role_slug"] == "admin"
    assert membership.role is not None and membership.role.slug == "admin"
    await workos_client.user_management.update_organization_membership(
        membership.id, role=RoleMultiple(role_slugs=["admin", "member"])
    )
    sent = workos_fake.requests[-1].body
    assert sent["role_slugs"] == ["admin", "member"] and "role_slug" not in sent


def test_input_objects_sync(workos_sync_client: WorkOS, workos_fake: FakeWorkOS) -> None:
    um = workos_sync_client.user_management
    user = um.create_user(
        email="ada@example.com", password=PasswordPlaintext(password="a-long-password-123")
    )
    assert um.authenticate_with_password(
        email="ada@example.com", password="a-long-password-123"
    ).user.id == (user.id)
    org = workos_sync_client.organizations.create_organization(name="Analytical")
    membership = workos_sync_client.organization_membership.create_organization_membership(
        user_id=user.id, organization_id=org.id, role=RoleSingle("admin")
    )
    assert workos_fake.requests[-1].body["role_slug"] == "admin"
    assert membership.user_id == user.id


async def test_both_ways_or_a_wrong_type_fails_before_any_request(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    um = workos_client.user_management
    before = len(workos_fake.requests)
    with pytest.raises(ValueError, match=r"password=PasswordHashed\(\.\.\.\) and password_hash="):
        await um.create_user(
            email="ada@example.com",
            password=PasswordHashed(password_hash=HASH, password_hash_type="bcrypt"),
            password_hash=HASH,
        )
    with pytest.raises(ValueError, match=r"'password'.*'password_hash'"):
        await um.create_user(
            email="ada@example.com",
            password=PasswordPlaintext("a-long-password-123"),
            password_hash=HASH,
            password_hash_type="bcrypt",
        )
    with pytest.raises(ValueError, match=r"role=RoleSingle\(\.\.\.\) and role_slug="):
        await um.create_organization_membership(
            user_id="user_1", organization_id="org_1", role_slug="admin", role=RoleSingle("x")
        )
    with pytest.raises(ValueError, match=r"'role_slug'.*'role_slugs'"):
        await um.update_organization_membership("om_1", role_slugs=["a"], role=RoleSingle("admin"))
    with pytest.raises(TypeError, match="RoleSingle or RoleMultiple"):
        await um.update_organization_membership("om_1", role="admin")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str or PasswordPlaintext or PasswordHashed"):
        await um.create_user(email="a@example.com", password=RoleSingle("admin"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"'password\.password_hash' must be str"):
        await um.create_user(
            email="a@example.com",
            password=PasswordHashed(password_hash=7, password_hash_type="bcrypt"),  # type: ignore[arg-type]
        )
    assert len(workos_fake.requests) == before


def test_secrets_are_redacted() -> None:
    secret = "a-long-password-123"
    for value in (PasswordPlaintext(secret), PasswordHashed(secret, "bcrypt")):
        assert secret not in repr(value) and "<redacted>" in repr(value)


async def test_a_refused_password_object_is_not_in_frame_locals(
    workos_client: AsyncWorkOS,
) -> None:
    with pytest.raises(ValueError) as caught:
        await workos_client.user_management.create_user(
            email="a@example.com", password=PasswordPlaintext(PASSWORD), password_hash="h"
        )
    report = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert "user_management.py" in report and PASSWORD not in report
