"""``workos_async.testing.domain.password_hashes``: imported bcrypt and firebase-scrypt hashes check
the original passwords; anything malformed or unsupported simply does not match."""

from __future__ import annotations

import base64

import bcrypt
import pytest

from workos_async.testing.domain.password_hashes import (
    firebase_scrypt_hash,
    parse_firebase_scrypt,
    verify_password_hash,
)

# Firebase's published sample (firebase/scrypt README): project parameters, one user's salt
# and exported hash, and the password that produced it.
SIGNER_KEY = (
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA=="
)
SALT_SEPARATOR = "Bw=="
SALT = "42xEC+ixf3L2lw=="
HASH = "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ=="
PHC = f"$firebase-scrypt$hash={HASH}$salt={SALT}$sk={SIGNER_KEY}$ss={SALT_SEPARATOR}$r=8$m=14"


def test_firebase_published_vector() -> None:
    assert verify_password_hash("user1password", PHC, "firebase-scrypt")
    assert not verify_password_hash("user1Password", PHC, "firebase-scrypt")
    raw = firebase_scrypt_hash(
        "user1password",
        base64.b64decode(SALT),
        base64.b64decode(SALT_SEPARATOR),
        base64.b64decode(SIGNER_KEY),
        8,
        14,
    )
    assert base64.b64encode(raw).decode() == HASH


def test_firebase_url_safe_base64_and_any_part_order() -> None:
    url_safe = PHC.replace("+", "-").replace("/", "_")
    assert verify_password_hash("user1password", url_safe, "firebase-scrypt")
    parts = parse_firebase_scrypt(PHC)
    assert parts is not None
    reordered = "$firebase-scrypt$" + "$".join(f"{k}={v}" for k, v in reversed(parts.items()))
    assert verify_password_hash("user1password", reordered, "firebase-scrypt")


@pytest.mark.parametrize(
    "bad",
    [
        PHC.replace("$r=8", "$r=9"),  # wrong parameters: a different hash
        PHC.replace("$m=14", "$m=13"),
        PHC.replace(f"$ss={SALT_SEPARATOR}", "$ss=Bg=="),
        PHC.replace("$r=8", "$r=x"),  # malformed
        PHC.replace("$r=8", "$r=99"),  # out of range: refused, not computed
        PHC.replace(f"hash={HASH}", "hash=!!!"),
        PHC.replace("$salt=", "$pepper="),
        PHC + "$r=8",  # a part twice
        "$firebase-scrypt$",
        "firebase-scrypt",
        "",
    ],
)
def test_firebase_malformed_or_wrong_never_matches(bad: str) -> None:
    assert not verify_password_hash("user1password", bad, "firebase-scrypt")


def test_bcrypt_generated_vectors() -> None:
    for cost, prefix in ((4, b"2b"), (5, b"2a")):
        digest = bcrypt.hashpw(b"correct horse", bcrypt.gensalt(cost, prefix=prefix)).decode()
        assert verify_password_hash("correct horse", digest, "bcrypt")
        assert not verify_password_hash("correct horsE", digest, "bcrypt")
    y = bcrypt.hashpw("pässwörd".encode(), bcrypt.gensalt(4)).decode().replace("$2b$", "$2y$", 1)
    assert verify_password_hash("pässwörd", y, "bcrypt")
    for bad in ("", "$2b$04$short", "not a hash", "$2b$04$" + "é" * 53):
        assert not verify_password_hash("x", bad, "bcrypt")


def test_other_types_and_bad_input_do_not_match() -> None:
    digest = bcrypt.hashpw(b"pw", bcrypt.gensalt(4)).decode()
    assert not verify_password_hash("pw", digest, "argon2")
    assert not verify_password_hash("pw", digest, "md5")
    assert not verify_password_hash(None, digest, "bcrypt")  # type: ignore[arg-type]
