"""Providers' exports (``tests/bulk/samples/``, written from each provider's documented
format) and plain CSV dialects: mapped, numbered by line, streamed, imported exactly."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from workos_async import APIError, AsyncWorkOS
from workos_async.bulk import RateLimitConfig, dry_run, import_users
from workos_async.bulk.formats import (
    Auth0Export,
    ClerkExport,
    CognitoExport,
    FirebaseExport,
    FirebaseHashConfig,
    _common,
)
from workos_async.bulk.rows import InvalidRow, RowValidator, UserRow
from workos_async.bulk.sources import SourceError, read_csv
from workos_async.testing import FakeWorkOS
from workos_async.testing.domain.password_hashes import verify_password_hash

from .bulk_fake_helpers import API_KEY

SAMPLES = Path(__file__).parent / "samples"
UNLIMITED = RateLimitConfig.unlimited()


def checked(source: Any) -> dict[int, UserRow | InvalidRow]:
    validator = RowValidator()
    return {line: validator.check(line, raw) for line, raw in source.numbered_rows()}


def firebase_config() -> FirebaseHashConfig:
    return FirebaseHashConfig.parse((SAMPLES / "firebase_hash_config.txt").read_text())


# -- Auth0 -------------------------------------------------------------------------------------


def test_auth0_export_joined_with_password_hashes() -> None:
    rows = checked(
        Auth0Export(
            SAMPLES / "auth0_users.ndjson",
            password_hashes=SAMPLES / "auth0_password_hashes.ndjson",
        )
    )
    assert sorted(rows) == [1, 2, 4, 5]  # file lines; line 3 is blank
    ada = rows[1]
    assert isinstance(ada, UserRow)
    assert (ada.email, ada.first_name, ada.last_name) == ("ada@example.com", "Ada", "Lovelace")
    assert ada.external_id == "auth0|60425dc43519d90068f82973" and ada.email_verified is True
    assert ada.password_hash_type == "bcrypt"
    assert ada.password_hash is not None
    assert verify_password_hash("auth0-secret-1", ada.password_hash, "bcrypt")
    assert ada.metadata == {
        "plan": "pro",
        "prefs.theme": "dark",
        "roles": '["admin","billing"]',
        "tenant": "acme",
    }
    grace = rows[2]
    assert isinstance(grace, UserRow) and grace.password_hash is None
    assert (grace.first_name, grace.last_name) == ("Grace", "Brewster Hopper")
    assert any("password: none" in w for w in grace.warnings)
    linus = rows[4]
    assert isinstance(linus, UserRow) and linus.first_name is None  # name was the email
    assert linus.metadata is not None and len(linus.metadata) == 10
    (dropped,) = [w for w in linus.warnings if w.startswith("metadata")]
    assert "'k11' (over 10 keys)" in dropped and "'bio' (value" in dropped
    assert isinstance(rows[5], InvalidRow) and "email" in rows[5].reasons[0]


def test_auth0_json_array_export(tmp_path: Path) -> None:
    src = tmp_path / "users.json"
    users = [
        json.loads(line)
        for line in (SAMPLES / "auth0_users.ndjson").read_text().splitlines()
        if line
    ]
    src.write_text(json.dumps(users, indent=2))
    rows = list(Auth0Export(src).numbered_rows())
    assert len(rows) == 4 and rows[0][0] == 2  # the line each object starts on
    assert Auth0Export(src).count_rows() == 4


# -- Clerk -------------------------------------------------------------------------------------


def test_clerk_dashboard_csv() -> None:
    rows = checked(ClerkExport(SAMPLES / "clerk_users.csv"))
    assert sorted(rows) == [2, 3, 4]
    ada, grace, linus = rows[2], rows[3], rows[4]
    assert isinstance(ada, UserRow) and isinstance(grace, UserRow) and isinstance(linus, UserRow)
    assert ada.email_verified is True and ada.external_id == "user_2aB1"
    assert ada.password_hash is not None
    assert verify_password_hash("clerk-secret-1", ada.password_hash, "bcrypt")
    assert ada.metadata == {"clerk_username": "ada"}
    assert grace.email_verified is False and grace.password_hash is None
    assert linus.password_hash is None
    assert any("'argon2' can't be imported" in w for w in linus.warnings)


def test_clerk_support_json() -> None:
    rows = checked(ClerkExport(SAMPLES / "clerk_users.json"))
    barbara, edsger = rows[2], rows[15]
    assert isinstance(barbara, UserRow) and isinstance(edsger, UserRow)
    assert barbara.email == "barbara@example.com" and barbara.email_verified is True
    assert barbara.password_hash_type == "bcrypt"
    assert edsger.email == "edsger@example.com" and edsger.email_verified is False


# -- Firebase ----------------------------------------------------------------------------------


def test_firebase_hash_config_forms() -> None:
    cfg = firebase_config()
    assert (cfg.rounds, cfg.mem_cost, cfg.salt_separator) == (8, 14, "Bw==")
    as_json = FirebaseHashConfig.parse(
        json.dumps(
            {
                "base64_signer_key": cfg.signer_key,
                "base64_salt_separator": "Bw==",
                "rounds": 8,
                "mem_cost": 14,
            }
        )
    )
    assert as_json == cfg
    assert cfg.signer_key not in repr(cfg)
    for bad in (
        "hash_config { algorithm: HMAC_SHA256, base64_signer_key: a2V5, "
        "base64_salt_separator: Bw==, rounds: 8, mem_cost: 14 }",
        "hash_config { base64_signer_key: a2V5, base64_salt_separator: Bw==, rounds: 9, "
        "mem_cost: 14 }",
        "hash_config { base64_signer_key: !!, base64_salt_separator: Bw==, rounds: 8, "
        "mem_cost: 14 }",
        "{}",
    ):
        with pytest.raises(SourceError):
            FirebaseHashConfig.parse(bad)


def test_firebase_export_needs_its_parameters_up_front() -> None:
    with pytest.raises(SourceError, match="hash-config"):
        FirebaseExport(SAMPLES / "firebase_users.json")
    FirebaseExport(SAMPLES / "firebase_users.json", skip_passwords=True)


def test_firebase_export_mapping_and_scrypt_hash_verifies() -> None:
    rows = checked(FirebaseExport(SAMPLES / "firebase_users.json", hash_config=firebase_config()))
    assert sorted(rows) == [2, 13, 20, 25]
    user1 = rows[2]
    assert isinstance(user1, UserRow)
    assert user1.external_id == "Ty1sjU3CLXh3hh6mZ8Bt4fXy6Gg2"
    assert (user1.first_name, user1.last_name) == ("User", "One")
    assert user1.password_hash_type == "firebase-scrypt" and user1.password_hash is not None
    assert user1.password_hash.startswith("$firebase-scrypt$hash=lSrfV15cpx95")
    assert "$r=8$m=14" in user1.password_hash
    # Firebase's published sample vector (firebase/scrypt README): "user1password".
    assert verify_password_hash("user1password", user1.password_hash, "firebase-scrypt")
    assert not verify_password_hash("user1passwore", user1.password_hash, "firebase-scrypt")
    assert user1.metadata == {"tier": "gold", "beta": "true"}
    social = rows[13]
    assert isinstance(social, UserRow) and social.password_hash is None
    phone_only = rows[20]
    assert isinstance(phone_only, InvalidRow) and "email: required" in phone_only.reasons
    disabled = rows[25]
    assert isinstance(disabled, UserRow)
    assert any("disabled" in w for w in disabled.warnings)


# -- Cognito -----------------------------------------------------------------------------------


def test_cognito_list_users_json_and_csv() -> None:
    rows = checked(CognitoExport(SAMPLES / "cognito_list_users.json"))
    ada, grace = (r for _, r in sorted(rows.items()))
    assert isinstance(ada, UserRow) and isinstance(grace, UserRow)
    assert ada.external_id == "0b5c8a2e-1111-4d7f-9f3a-1a2b3c4d5e6f"
    assert (ada.first_name, ada.last_name, ada.email_verified) == ("Ada", "Lovelace", True)
    assert ada.metadata == {"plan": "pro"}
    assert grace.email_verified is False
    for row in (ada, grace):
        assert row.password is None and row.password_hash is None
        assert any("Cognito exports no password" in w for w in row.warnings)
    csv_rows = checked(CognitoExport(SAMPLES / "cognito_users.csv"))
    assert sorted(csv_rows) == [2, 3]
    c_ada, c_grace = csv_rows[2], csv_rows[3]
    assert isinstance(c_ada, UserRow) and isinstance(c_grace, UserRow)
    assert c_ada.external_id == "ada" and c_ada.email_verified is True
    assert c_grace.email_verified is False and c_grace.first_name == "Grace"


# -- plain CSV dialects, streaming -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("u.csv", "Email;First_Name\na@b.co;Ada\n"),
        ("u.csv", "EMAIL\tfirst_name\na@b.co\tAda\n"),
        ("u.tsv", "email\tfirst_name\na@b.co\tAda\n"),
        ("u.csv", "email,first_name\na@b.co,Ada\n"),
    ],
)
def test_csv_delimiters_and_case_insensitive_headers(tmp_path: Path, name: str, text: str) -> None:
    src = tmp_path / name
    src.write_text(text)
    assert list(read_csv(src)) == [(2, {"email": "a@b.co", "first_name": "Ada"})]


def test_non_utf8_byte_reported_with_its_line(tmp_path: Path) -> None:
    src = tmp_path / "u.csv"
    src.write_bytes(b"email,first_name\na@b.co,Ada\nc@d.co,Jos\xe9\ne@f.co,Eve\n")
    report_rows: list[Any] = list(read_csv(src))
    assert [n for n, _ in report_rows] == [2, 3, 4]
    summary = dry_run(src)
    assert summary.outcomes == {"valid": 2, "invalid": 1}
    jl = tmp_path / "u.jsonl"
    jl.write_bytes(b'{"email": "a@b.co"}\n{"email": "\xff@b.co"}\n')
    assert dry_run(jl).outcomes == {"valid": 1, "invalid": 1}


def test_json_array_streams_across_small_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_common, "_CHUNK", 7)  # every object spans several reads
    src = tmp_path / "u.json"
    src.write_text(
        '{"users": [\n  {"email": "a@b.co", "nested": {"x": [1, 2]}},\n\n'
        '  {"email": "c@d.co"}\n]}\n'
    )
    items = list(_common.iter_json_records(src))
    assert [line for line, _ in items] == [2, 4]
    assert items[1][1] == {"email": "c@d.co"}
    src.write_text('[{"email": "a@b.co"}, {"email": ')
    with pytest.raises(SourceError, match=r"truncated|not valid JSON"):
        list(_common.iter_json_records(src))


# -- against the fake --------------------------------------------------------------------------


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS(api_key=API_KEY) as server:
        yield server


@pytest.fixture
async def client(fake: FakeWorkOS) -> AsyncIterator[AsyncWorkOS]:
    async with AsyncWorkOS(
        api_key=API_KEY, client_id=fake.client_id, base_url=fake.url, max_retries=0
    ) as c:
        yield c


async def test_every_provider_imports_against_the_fake(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    sources: list[tuple[Any, dict[str, int]]] = [
        (
            Auth0Export(
                SAMPLES / "auth0_users.ndjson",
                password_hashes=SAMPLES / "auth0_password_hashes.ndjson",
            ),
            {"created": 3, "invalid": 1},
        ),
        (ClerkExport(SAMPLES / "clerk_users.json"), {"created": 2}),
        (
            FirebaseExport(SAMPLES / "firebase_users.json", hash_config=firebase_config()),
            {"created": 3, "invalid": 1},
        ),
        (CognitoExport(SAMPLES / "cognito_users.csv"), {"adopted": 2}),  # same emails as Auth0
    ]
    for n, (source, outcomes) in enumerate(sources):
        summary = await import_users(
            client, source, rate_limits=UNLIMITED, report=tmp_path / f"r{n}"
        ).wait()
        assert dict(summary.outcomes) == outcomes, (source, summary.outcomes)
    # The imported hashes are the originals: the users sign in on the fake with their old
    # passwords (the fake checks bcrypt and firebase-scrypt hashes), and not with another.
    for email, password in (
        ("ada@example.com", "auth0-secret-1"),
        ("user1@example.com", "user1password"),
        ("barbara@example.com", "clerk-secret-1"),
    ):
        auth = await client.user_management.authenticate_with_password(
            email=email, password=password
        )
        assert auth.user.email == email
        with pytest.raises(APIError) as refused:
            await client.user_management.authenticate_with_password(
                email=email, password=password + "x"
            )
        assert refused.value.code == "invalid_credentials"
    text = "".join((tmp_path / f"r{n}" / "results.jsonl").read_text() for n in range(4))
    assert "$2b$04$" not in text and "lSrfV15" not in text  # no hash in a report


def test_cli_from_provider(tmp_path: Path, capsys: Any) -> None:
    from workos_async.bulk.cli import main

    users = str(SAMPLES / "firebase_users.json")
    report = str(tmp_path / "r")
    assert main(["users", users, "--from", "firebase", "--dry-run", "--report", report]) == 2
    assert "hash-config" in capsys.readouterr().err
    config = str(SAMPLES / "firebase_hash_config.txt")
    code = main(
        [
            *("users", users, "--from", "firebase", "--hash-config", config),
            *("--dry-run", "--report", report, "--quiet"),
        ]
    )
    assert code == 1  # the phone-only user is invalid
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcomes"] == {"valid": 3, "invalid": 1}
    lines = [json.loads(x) for x in (tmp_path / "r" / "results.jsonl").read_text().splitlines()]
    assert [x["row"] for x in lines] == [2, 13, 20, 25]
    assert any("disabled" in w for x in lines for w in x.get("warnings", []))
    auth0 = str(SAMPLES / "auth0_users.ndjson")
    hashes = str(SAMPLES / "auth0_password_hashes.ndjson")
    code = main(
        [
            *("users", auth0, "--from", "auth0", "--password-hashes", hashes),
            *("--dry-run", "--report", report, "--quiet"),
        ]
    )
    assert code == 1 and json.loads(capsys.readouterr().out)["outcomes"]["valid"] == 3
    assert main(["users", auth0, "--hash-config", config, "--dry-run", "--quiet"]) == 2
    capsys.readouterr()
    code = main(
        [
            *("users", users, "--from", "firebase", "--skip-passwords"),
            *("--dry-run", "--quiet", "--report", report),
        ]
    )
    assert code == 1 and json.loads(capsys.readouterr().out)["outcomes"]["valid"] == 3


async def test_org_mapping_joins_memberships(
    fake: FakeWorkOS, client: AsyncWorkOS, tmp_path: Path
) -> None:
    from workos_async.bulk.formats import provider_source

    source = provider_source(
        "auth0",
        SAMPLES / "auth0_users.ndjson",
        password_hashes=SAMPLES / "auth0_password_hashes.ndjson",
        org_mapping=SAMPLES / "org_mapping.csv",
    )
    rows = checked(source)
    ada = rows[1]
    assert isinstance(ada, UserRow) and ada.organization_external_id == "acme"
    assert ada.role_slug == "admin" and ada.more[0].organization_name == "Initech"
    await client.organizations.create_organization(name="Acme", external_id="acme")
    summary = await import_users(
        client, source, rate_limits=UNLIMITED, report=tmp_path / "r"
    ).wait()
    # Initech is named by name (found by listing the organizations): there is none, so that
    # part fails cleanly; once it exists, its membership is made by name.
    assert summary.outcomes == {"created": 3, "failed": 1, "invalid": 1}
    failed = [r for r in read_results_file(tmp_path / "r") if r["outcome"] == "failed"]
    assert [(r["row"], r["part"], r["error"]["code"]) for r in failed] == [
        (1, 1, "organization_not_found")
    ]
    assert len(fake.store.memberships) == 2
    initech = await client.organizations.create_organization(name="Initech")
    again = await import_users(
        client, source, rate_limits=UNLIMITED, on_conflict="adopt", report=tmp_path / "r2"
    ).wait()
    assert again.outcomes.get("failed", 0) == 0
    assert initech.id in {m["organization_id"] for m in fake.store.memberships.values_list()}


def read_results_file(report: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (report / "results.jsonl").read_text().splitlines()]
