"""Every validation rule: a bad row costs no request and says why."""

from __future__ import annotations

import json
from typing import Any

import pytest

from workos_async.bulk import InvalidRow, RowValidator, UserRow, parse_row
from workos_async.bulk.dedupe import FingerprintSet

BCRYPT = "$2b$12$" + "a" * 53


def reasons(raw: dict[str, Any]) -> str:
    out = parse_row(1, raw)
    assert isinstance(out, InvalidRow), out
    return "; ".join(out.reasons)


def ok(raw: dict[str, Any]) -> UserRow:
    out = parse_row(1, raw)
    assert isinstance(out, UserRow), out
    return out


def test_minimal_row() -> None:
    row = ok({"email": "a@b.co"})
    assert row.user_fields() == {"email": "a@b.co"}
    assert not row.wants_membership


@pytest.mark.parametrize(
    "email", ["", "nope", "a@b", "a @b.co", "a@@b.co", "@b.co", "a@b..co", "a@-b.co", None]
)
def test_email_syntax(email: Any) -> None:
    assert "email" in reasons({"email": email})


def test_email_length() -> None:
    assert "email" in reasons({"email": "a" * 250 + "@b.co"})


def test_external_id_length() -> None:
    assert ok({"email": "a@b.co", "external_id": "x" * 64}).warnings == ()
    (warning,) = ok({"email": "a@b.co", "external_id": "x" * 128}).warnings
    assert "128 characters; WorkOS documents at most 64" in warning
    assert "external_id: 129 characters" in reasons({"email": "a@b.co", "external_id": "x" * 129})


def test_metadata_rules() -> None:
    # WorkOS's documented limits: 10 pairs, keys <= 40 and values <= 600, ASCII only.
    ok({"email": "a@b.co", "metadata": {f"k{i}": "v" for i in range(10)}})
    assert "11 keys, at most 10" in reasons(
        {"email": "a@b.co", "metadata": {f"k{i}": "v" for i in range(11)}}
    )
    assert "key 'caf\\xe9' is not ASCII" in reasons({"email": "a@b.co", "metadata": {"café": "v"}})
    assert "value of 'k' is not ASCII" in reasons({"email": "a@b.co", "metadata": {"k": "naïve"}})
    assert "at most 40" in reasons({"email": "a@b.co", "metadata": {"k" * 41: "v"}})
    ok({"email": "a@b.co", "metadata": {"k" * 40: "v" * 600}})
    assert "at most 600" in reasons({"email": "a@b.co", "metadata": {"k": "v" * 601}})
    assert "must be a string" in reasons({"email": "a@b.co", "metadata": {"k": 1}})
    assert "not valid JSON" in reasons({"email": "a@b.co", "metadata": "{oops"})
    assert "JSON object" in reasons({"email": "a@b.co", "metadata": "[1]"})
    # CSV cells hold JSON text.
    row = ok({"email": "a@b.co", "metadata": json.dumps({"plan": "pro"})})
    assert row.metadata == {"plan": "pro"}


def test_password_hash_rules() -> None:
    row = ok({"email": "a@b.co", "password_hash": BCRYPT, "password_hash_type": "bcrypt"})
    assert row.user_fields()["password_hash_type"] == "bcrypt"
    for prefix in ("$2a$", "$2y$"):
        ok(
            {
                "email": "a@b.co",
                "password_hash": prefix + BCRYPT[4:],
                "password_hash_type": "bcrypt",
            }
        )
    assert "not a bcrypt hash" in reasons(
        {"email": "a@b.co", "password_hash": "$1$abc", "password_hash_type": "bcrypt"}
    )
    assert "not one of" in reasons(
        {"email": "a@b.co", "password_hash": "x", "password_hash_type": "md5"}
    )
    assert "required with password_hash" in reasons({"email": "a@b.co", "password_hash": "x"})
    assert "password_hash: required" in reasons({"email": "a@b.co", "password_hash_type": "scrypt"})
    assert "not an argon2" in reasons(
        {"email": "a@b.co", "password_hash": "abc", "password_hash_type": "argon2"}
    )
    for kind in ("firebase-scrypt", "ssha", "scrypt", "pbkdf2"):
        ok({"email": "a@b.co", "password_hash": "opaque", "password_hash_type": kind})


def test_password_and_hash_not_both_and_never_echoed() -> None:
    secret = "hunter2-very-secret"
    out = parse_row(
        1,
        {
            "email": "a@b.co",
            "password": secret,
            "password_hash": BCRYPT,
            "password_hash_type": "bcrypt",
        },
    )
    assert isinstance(out, InvalidRow)
    assert "not both" in "; ".join(out.reasons)
    assert secret not in repr(out) and BCRYPT not in repr(out)
    assert "password" not in out.columns and "password_hash" not in out.columns


def test_secrets_not_in_repr_or_columns() -> None:
    row = ok({"email": "a@b.co", "password": "s3cret-pass"})
    assert "s3cret-pass" not in repr(row)
    assert "s3cret-pass" not in json.dumps(row.public_columns())
    assert row.user_fields()["password"] == "s3cret-pass"


def test_membership_columns() -> None:
    row = ok({"email": "a@b.co", "organization_id": "org_1", "role_slugs": "admin, member"})
    assert row.role_slugs == ("admin", "member")
    row = ok({"email": "a@b.co", "organization_external_id": "acme", "role_slugs": '["a"]'})
    assert row.wants_membership and row.role_slugs == ("a",)
    assert "not both" in reasons(
        {"email": "a@b.co", "organization_id": "o", "role_slug": "a", "role_slugs": "b"}
    )
    assert "give one, not several" in reasons(
        {"email": "a@b.co", "organization_id": "o", "organization_external_id": "e"}
    )
    assert "need organization_id" in reasons({"email": "a@b.co", "role_slug": "admin"})


def test_organizations_list_column_becomes_units() -> None:
    row = ok(
        {
            "email": "a@b.co",
            "organizations": [
                "org_1",
                {"external_id": "acme", "role_slug": "admin"},
                {"name": "Initech", "role_slugs": ["a", "b"]},
            ],
        }
    )
    assert row.organization_id == "org_1"
    first, second, third = row.units()
    assert (first.part, first.user_row, first.key) == (0, None, 64)
    assert second.organization_external_id == "acme" and second.role_slug == "admin"
    assert (second.part, second.user_row) == (1, 1)
    assert third.organization_name == "Initech" and third.role_slugs == ("a", "b")
    assert len({u.fingerprint() for u in row.units()}) == 3
    assert ok({"email": "a@b.co", "organizations": "org_1|org_2"}).units()[1].organization_id == (
        "org_2"
    )
    assert "appears twice" in reasons({"email": "a@b.co", "organizations": "org_1|org_1"})
    assert "one of id, external_id, name" in reasons(
        {"email": "a@b.co", "organizations": [{"id": "o", "name": "n"}]}
    )


def test_repeated_user_naming_another_organization_links_to_first_row() -> None:
    v = RowValidator()
    first = v.check(2, {"email": "a@b.co", "external_id": "x", "organization_id": "org_1"})
    assert isinstance(first, UserRow) and first.user_row is None
    again = v.check(5, {"email": "A@b.co", "external_id": "x", "organization_id": "org_2"})
    assert isinstance(again, UserRow) and again.user_row == 2
    clash = v.check(6, {"email": "a@b.co", "external_id": "y", "organization_id": "org_3"})
    assert isinstance(clash, InvalidRow) and "(first on line 2)" in clash.reasons[0]
    no_org = v.check(7, {"email": "a@b.co", "external_id": "x"})
    assert isinstance(no_org, InvalidRow)


def test_email_verified_and_unknown_fields() -> None:
    assert ok({"email": "a@b.co", "email_verified": "TRUE"}).email_verified is True
    assert ok({"email": "a@b.co", "email_verified": "0"}).email_verified is False
    assert ok({"email": "a@b.co", "email_verified": ""}).email_verified is None
    assert "true or false" in reasons({"email": "a@b.co", "email_verified": "maybe"})
    assert "unknown field(s): nickname" in reasons({"email": "a@b.co", "nickname": "x"})
    assert "expected a mapping" in "; ".join(parse_row(1, ["a@b.co"]).reasons)  # type: ignore[union-attr, arg-type]


def test_all_reasons_reported_at_once() -> None:
    text = reasons({"email": "bad", "external_id": "x" * 200, "metadata": "{"})
    assert "email" in text and "external_id" in text and "metadata" in text


def test_duplicates_within_source() -> None:
    v = RowValidator()
    assert isinstance(v.check(1, {"email": "A@b.co", "external_id": "1"}), UserRow)
    dup_email = v.check(2, {"email": "a@B.co", "external_id": "2"})
    assert isinstance(dup_email, InvalidRow)
    assert dup_email.reasons == ("email: duplicate within the source (first on line 1)",)
    dup_ext = v.check(3, {"email": "c@b.co", "external_id": "1"})
    assert isinstance(dup_ext, InvalidRow) and "external_id: duplicate" in dup_ext.reasons[0]
    third = v.check(9, {"email": "a@b.CO"})
    assert isinstance(third, InvalidRow) and "(first on line 1)" in third.reasons[0]
    # An invalid row does not claim its keys: a corrected copy later still imports.
    assert isinstance(v.check(4, {"email": "d@b.co", "external_id": "y" * 300}), InvalidRow)
    assert isinstance(v.check(5, {"email": "d@b.co"}), UserRow)


def test_fingerprint_set_grows_and_finds() -> None:
    s = FingerprintSet(capacity=4)
    for i in range(1, 5000):
        assert s.add(i * 7919)
    for i in range(1, 5000):
        assert not s.add(i * 7919)
    assert len(s) == 4999


def test_lone_surrogates_are_refused_not_sent() -> None:
    assert "first_name: not valid Unicode" in reasons({"email": "a@b.co", "first_name": "x\ud800"})
    assert "password: expected text" in reasons({"email": "a@b.co", "password": "p\udfffw"})
    assert ok({"email": "a@b.co", "first_name": "Zoë"}).first_name == "Zoë"
