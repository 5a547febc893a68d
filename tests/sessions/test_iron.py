"""iron Fe26.2: known answers, byte-exact reseal, expiry, tampering, rotation, limits."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.fernet import Fernet

from workos_async.sessions import (
    IronSealer,
    MalformedSealError,
    SealError,
    SealExpiredError,
    SealMACError,
    SealTooLargeError,
    UnknownPasswordIdError,
    detect_seal_format,
    seal,
    unseal,
    unseal_any,
)
from workos_async.sessions._codec import b64url_decode
from workos_async.sessions._iron import _seal_fixed

from ..spec_data import spec_path
from .conftest import FakeClock

VECTORS_PATH = spec_path("iron_vectors.json")
VECTORS: list[dict[str, Any]] = json.loads(VECTORS_PATH.read_text())["vectors"]
POSITIVE = [v for v in VECTORS if "expect_error" not in v]
NEGATIVE = [v for v in VECTORS if "expect_error" in v]
PASSWORD = "a-test-password-that-is-long-enough-1234"
OTHER_PASSWORD = "another-test-password-long-enough-56789"


def test_vector_file_has_the_four_vectors() -> None:
    assert len(POSITIVE) == 3
    assert len(NEGATIVE) == 1


@pytest.mark.parametrize("vector", POSITIVE, ids=[v["name"] for v in POSITIVE])
def test_known_answer_vectors_unseal(vector: dict[str, Any]) -> None:
    sealer = IronSealer(vector["password"])
    assert sealer.unseal_bytes(vector["sealed"]) == vector["json"].encode()
    assert sealer.unseal(vector["sealed"]) == json.loads(vector["json"])
    # The one-shot form agrees.
    assert unseal(vector["sealed"], vector["password"]) == json.loads(vector["json"])


@pytest.mark.parametrize("vector", NEGATIVE, ids=[v["name"] for v in NEGATIVE])
def test_known_bad_mac_vector_is_refused(vector: dict[str, Any]) -> None:
    with pytest.raises(SealMACError):
        IronSealer(vector["password"]).unseal(vector["sealed"])


def _parts(sealed: str) -> tuple[list[str], str]:
    body, tilde, version = sealed.partition("~")
    return body.split("*"), (tilde + version)


@pytest.mark.parametrize("vector", POSITIVE, ids=[v["name"] for v in POSITIVE])
def test_reseal_with_the_vectors_own_salts_and_iv_is_byte_exact(vector: dict[str, Any]) -> None:
    parts, suffix = _parts(vector["sealed"])
    resealed = _seal_fixed(
        vector["json"].encode(),
        vector["password"].encode(),
        password_id=parts[1],
        encryption_salt=parts[2],
        hmac_salt=parts[6],
        iv=b64url_decode(parts[3]),
        expiration_ms=int(parts[5]) if parts[5] else None,
        suffix=suffix,
    )
    assert resealed == vector["sealed"]


def test_kat1_reseal_through_the_json_encoder_is_byte_exact() -> None:
    """Our JSON encoding of KAT-1's object equals JSON.stringify's, so the seal matches too."""
    from workos_async.sessions._codec import json_dumps

    kat1 = VECTORS[0]
    parts, _ = _parts(kat1["sealed"])
    payload = json_dumps({"a": 1, "b": 2, "c": [3, 4, 5], "d": {"e": "f"}})
    assert payload == kat1["json"].encode()
    resealed = _seal_fixed(
        payload,
        kat1["password"].encode(),
        password_id="",
        encryption_salt=parts[2],
        hmac_salt=parts[6],
        iv=b64url_decode(parts[3]),
        expiration_ms=None,
        suffix="",
    )
    assert resealed == kat1["sealed"]


def test_kat3_unicode_payload_round_trips_as_raw_utf8() -> None:
    kat3 = VECTORS[2]
    data = IronSealer(kat3["password"]).unseal(kat3["sealed"])
    assert data["user"]["firstName"] == "Ñandú"
    from workos_async.sessions._codec import json_dumps

    assert json_dumps(data) == kat3["json"].encode()


def test_seal_writes_the_node_sdk_shape() -> None:
    sealed = IronSealer(PASSWORD).seal({"x": 1})
    parts, suffix = _parts(sealed)
    assert suffix == "~2"
    assert len(parts) == 8
    assert parts[0] == "Fe26.2"
    assert parts[1] == "1"
    assert len(parts[2]) == 64 and int(parts[2], 16) >= 0
    assert len(parts[6]) == 64 and int(parts[6], 16) >= 0
    assert parts[2] == parts[2].lower()
    assert len(b64url_decode(parts[3])) == 16
    assert parts[5] == ""  # ttl 0: no expiry
    assert IronSealer(PASSWORD).unseal(sealed) == {"x": 1}


def test_two_seals_of_the_same_data_differ() -> None:
    sealer = IronSealer(PASSWORD)
    assert sealer.seal({"x": 1}) != sealer.seal({"x": 1})


def test_unseal_accepts_no_suffix_and_legacy_suffix() -> None:
    sealer = IronSealer(PASSWORD)
    sealed = sealer.seal({"x": 1})
    bare = sealed.removesuffix("~2")
    assert sealer.unseal(bare) == {"x": 1}
    legacy = sealer.seal({"persistent": {"x": 2}}).removesuffix("~2") + "~1"
    assert sealer.unseal(legacy) == {"x": 2}


# --- expiry ---------------------------------------------------------------------------------


def test_expiry_at_the_skew_boundary(clock: FakeClock) -> None:
    sealer = IronSealer(PASSWORD, clock=clock)
    sealed = sealer.seal({"x": 1}, ttl=10)
    expiration_ms = int(_parts(sealed)[0][5])
    assert expiration_ms == round(clock.now * 1000) + 10_000

    # Valid until expiration + 60 s skew: still open 1 ms before the boundary...
    clock.now = (expiration_ms + 60_000 - 1) / 1000
    assert sealer.unseal(sealed) == {"x": 1}
    # ... refused exactly at expiration <= now - 60 s.
    clock.now = (expiration_ms + 60_000) / 1000
    with pytest.raises(SealExpiredError) as info:
        sealer.unseal(sealed)
    assert info.value.expired_at_ms == expiration_ms
    clock.advance(3600)
    with pytest.raises(SealExpiredError):
        sealer.unseal(sealed)


def test_ttl_zero_never_expires(clock: FakeClock) -> None:
    sealer = IronSealer(PASSWORD, clock=clock)
    sealed = sealer.seal({"x": 1})
    clock.advance(10 * 365 * 86400)
    assert sealer.unseal(sealed) == {"x": 1}


def test_custom_skew(clock: FakeClock) -> None:
    sealer = IronSealer(PASSWORD, clock=clock, skew=0)
    sealed = sealer.seal({"x": 1}, ttl=1)
    clock.advance(0.999)
    assert sealer.unseal(sealed) == {"x": 1}
    clock.advance(0.001)
    with pytest.raises(SealExpiredError):
        sealer.unseal(sealed)


def test_an_expired_seal_with_a_forged_expiration_is_a_mac_error(clock: FakeClock) -> None:
    """The MAC covers the expiration: extending it does not revive the seal."""
    sealer = IronSealer(PASSWORD, clock=clock)
    sealed = sealer.seal({"x": 1}, ttl=1)
    parts, suffix = _parts(sealed)
    parts[5] = str(int(parts[5]) + 10**9)
    clock.advance(120)
    with pytest.raises(SealMACError):
        sealer.unseal("*".join(parts) + suffix)


# --- tampering and malformed input ----------------------------------------------------------


@pytest.mark.parametrize("index", [1, 2, 3, 4, 5, 6, 7])
def test_tampering_with_any_part_is_refused(index: int) -> None:
    sealer = IronSealer({"1": PASSWORD})
    sealed = sealer.seal({"accessToken": "a" * 50})
    parts, suffix = _parts(sealed)
    original = parts[index]
    if index == 1:
        parts[index] = "2"  # another id: unknown in this password map
    elif index == 5:
        parts[index] = "1"
    else:
        flipped = "A" if original[0] != "A" else "B"
        parts[index] = flipped + original[1:]
    tampered = "*".join(parts) + suffix
    expected: type[SealError] = UnknownPasswordIdError if index == 1 else SealMACError
    with pytest.raises(expected):
        sealer.unseal(tampered)


def test_flipping_one_ciphertext_character_anywhere_is_refused() -> None:
    sealer = IronSealer(PASSWORD)
    sealed = sealer.seal({"k": "v" * 200})
    parts, suffix = _parts(sealed)
    ct = parts[4]
    for pos in range(0, len(ct), 17):
        swapped = ct[:pos] + ("x" if ct[pos] != "x" else "y") + ct[pos + 1 :]
        tampered = "*".join([*parts[:4], swapped, *parts[5:]]) + suffix
        with pytest.raises(SealMACError):
            sealer.unseal(tampered)


@pytest.mark.parametrize("cut", [1, 10, 50, 100, 150, 200])
def test_truncated_seals_are_refused(cut: int) -> None:
    sealer = IronSealer(PASSWORD)
    sealed = sealer.seal({"x": "y" * 40})
    with pytest.raises(SealError) as info:
        sealer.unseal(sealed[:-cut])
    assert isinstance(info.value, SealMACError | MalformedSealError)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not a seal",
        "Fe26.2",
        "Fe26.1**a*b*c**d*e",
        "Fe26.2*1*a*b*c*d*e",  # 7 parts
        "Fe26.2*1*a*b*c*d*e*f*g",  # 9 parts
        "Fe26.2*1*a*b*c**e*f~x",
        "Fe26.2*1*a*b*c**e*f~2~2",
        "gAAAAA-but-iron-only",
    ],
)
def test_malformed_values_are_refused(value: str) -> None:
    with pytest.raises(MalformedSealError):
        IronSealer(PASSWORD).unseal(value)


def test_mac_is_checked_before_anything_is_decoded() -> None:
    """Garbage in the IV/ciphertext/expiration is reported as a MAC failure, not a decode
    error: nothing is decoded or decrypted before the MAC verifies."""
    sealer = IronSealer(PASSWORD)
    parts, suffix = _parts(sealer.seal({"x": 1}))
    for index, junk in ((3, "!!!"), (4, "@@@"), (5, "soon")):
        bad = list(parts)
        bad[index] = junk
        with pytest.raises(SealMACError):
            sealer.unseal("*".join(bad) + suffix)


def test_authentic_but_broken_payload_is_malformed() -> None:
    """A seal made with the right password around a non-JSON payload."""
    sealer = IronSealer(PASSWORD)
    sealed = sealer.seal_bytes(b"\xff not json")
    assert sealer.unseal_bytes(sealed) == b"\xff not json"
    with pytest.raises(MalformedSealError):
        sealer.unseal(sealed)


def test_wrong_password_is_a_mac_error() -> None:
    sealed = IronSealer(PASSWORD).seal({"x": 1})
    with pytest.raises(SealMACError):
        IronSealer(OTHER_PASSWORD).unseal(sealed)


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="sealed must be a str"):
        IronSealer(PASSWORD).unseal(b"Fe26.2")  # type: ignore[arg-type]


# --- size limit -----------------------------------------------------------------------------


def test_oversized_values_are_refused_before_any_work() -> None:
    sealer = IronSealer(PASSWORD)
    with pytest.raises(SealTooLargeError) as info:
        sealer.unseal("Fe26.2*" + "A" * 5000)
    assert info.value.size == 5007 and info.value.limit == 4096
    assert "5007" in str(info.value)


def test_sealing_more_than_4096_bytes_is_refused() -> None:
    sealer = IronSealer(PASSWORD)
    fits = sealer.seal({"t": "x" * 2500})
    assert len(fits) <= 4096
    with pytest.raises(SealTooLargeError):
        sealer.seal({"t": "x" * 4000})


def test_custom_max_size() -> None:
    sealer = IronSealer(PASSWORD, max_size=10_000)
    sealed = sealer.seal({"t": "x" * 5000})
    assert len(sealed) > 4096
    assert sealer.unseal(sealed) == {"t": "x" * 5000}
    with pytest.raises(SealTooLargeError):
        IronSealer(PASSWORD).unseal(sealed)


# --- passwords and rotation -----------------------------------------------------------------


def test_rotation_seals_with_the_highest_numeric_id_and_opens_old_seals() -> None:
    old = IronSealer({"1": PASSWORD})
    old_cookie = old.seal({"v": "old"})
    passwords: dict[str | int, str] = {1: PASSWORD, "2": OTHER_PASSWORD, "10": "x" * 40}
    rotated = IronSealer(passwords)
    new_cookie = rotated.seal({"v": "new"})
    assert _parts(new_cookie)[0][1] == "10"
    assert rotated.unseal(old_cookie) == {"v": "old"}
    assert rotated.unseal(new_cookie) == {"v": "new"}
    # The old sealer does not know id 10.
    with pytest.raises(UnknownPasswordIdError) as info:
        old.unseal(new_cookie)
    assert info.value.password_id == "10"


def test_a_seal_without_id_needs_a_default_password_in_a_mapping() -> None:
    kat1 = VECTORS[0]
    with pytest.raises(UnknownPasswordIdError):
        IronSealer({"1": kat1["password"]}).unseal(kat1["sealed"])
    assert IronSealer({"default": kat1["password"]}).unseal(kat1["sealed"]) == json.loads(
        kat1["json"]
    )


def test_plain_password_opens_a_seal_whatever_its_id() -> None:
    # KAT-1 has id "" and KAT-2 id "1": a str password opens both, as iron does.
    for vector in POSITIVE:
        assert IronSealer(vector["password"]).unseal(vector["sealed"]) is not None


def test_mapping_with_the_wrong_password_under_the_right_id_is_a_mac_error() -> None:
    sealed = IronSealer({"1": PASSWORD}).seal({"x": 1})
    with pytest.raises(SealMACError):
        IronSealer({"1": OTHER_PASSWORD}).unseal(sealed)


def test_non_numeric_ids_can_unseal_but_not_seal() -> None:
    sealer = IronSealer({"main": PASSWORD})
    with pytest.raises(ValueError, match="no numeric id"):
        sealer.seal({"x": 1})


@pytest.mark.parametrize(
    ("password", "error", "match"),
    [
        ("short", ValueError, "at least 32 characters"),
        ("x" * 31, ValueError, "at least 32 characters"),
        ({}, ValueError, "must not be empty"),
        ({"1": "short"}, ValueError, r"password\['1'\] must be at least 32"),
        ({"bad id": "x" * 32}, ValueError, "letters, digits or underscores"),
        ({"": "x" * 32}, ValueError, "letters, digits or underscores"),
        ({1.5: "x" * 32}, TypeError, "ids must be str or int"),
        (b"x" * 40, TypeError, "password must be a str or a mapping"),
        ({"1": b"x" * 40}, TypeError, "must be a str"),
    ],
)
def test_bad_passwords_are_refused_with_a_clear_error(
    password: Any, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        IronSealer(password)


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="max_size"):
        IronSealer(PASSWORD, max_size=0)
    with pytest.raises(ValueError, match="skew"):
        IronSealer(PASSWORD, skew=-1)
    with pytest.raises(ValueError, match="ttl"):
        IronSealer(PASSWORD).seal({}, ttl=-1)
    with pytest.raises(TypeError, match="JSON-serializable"):
        IronSealer(PASSWORD).seal({"x": object()})


# --- secrets stay out of messages and reprs -------------------------------------------------


def test_no_secret_in_repr_or_error_messages(clock: FakeClock) -> None:
    sealer = IronSealer({"1": PASSWORD, "2": OTHER_PASSWORD}, clock=clock)
    assert PASSWORD not in repr(sealer) and OTHER_PASSWORD not in repr(sealer)
    assert sealer.password_ids == ("1", "2")
    sealed = sealer.seal({"accessToken": "secret-token-value"}, ttl=1)
    parts, suffix = _parts(sealed)
    messages: list[str] = []
    clock.advance(120)
    for bad in (
        sealed,  # expired
        "*".join([*parts[:7], "A" + parts[7][1:]]) + suffix,  # bad mac
        "*".join([parts[0], "9", *parts[2:]]) + suffix,  # unknown id
        sealed[:40],  # malformed
        sealed + "A" * 5000,  # too large
    ):
        with pytest.raises(SealError) as info:
            sealer.unseal(bad)
        messages.append(str(info.value))
    for message in messages:
        for secret in (PASSWORD, OTHER_PASSWORD, "secret-token-value", parts[4], parts[7]):
            assert secret not in message
        assert sealed[:30] not in message


# --- official Python SDK (Fernet) cookies ---------------------------------------------------


def test_unseal_any_reads_fernet_cookies_from_the_official_python_sdk() -> None:
    key = Fernet.generate_key().decode()
    data = {"access_token": "at", "refresh_token": "rt", "user": {"id": "user_01"}}
    cookie = Fernet(key).encrypt(json.dumps(data).encode()).decode()
    assert detect_seal_format(cookie) == "fernet"
    assert unseal_any(cookie, key) == data
    # Rotation: the Fernet key may be any of the configured passwords.
    assert IronSealer({"1": PASSWORD, "2": key}).unseal_any(cookie) == data
    # And iron seals still open through the same entry point.
    iron_cookie = seal({"x": 1}, key)
    assert detect_seal_format(iron_cookie) == "iron"
    assert unseal_any(iron_cookie, key) == {"x": 1}


def test_unseal_any_refuses_bad_fernet_and_unknown_formats() -> None:
    key = Fernet.generate_key().decode()
    cookie = Fernet(key).encrypt(b"{}").decode()
    with pytest.raises(SealMACError):
        unseal_any(cookie, Fernet.generate_key().decode())  # another key
    with pytest.raises(SealMACError):
        unseal_any(cookie, PASSWORD)  # not a Fernet key at all
    with pytest.raises(SealMACError):
        unseal_any(cookie[:-4] + "AAAA", key)
    with pytest.raises(MalformedSealError):
        unseal_any("plain-text-cookie", key)
    with pytest.raises(SealTooLargeError):
        unseal_any("gAAAAA" + "A" * 5000, key)
    assert detect_seal_format("something") is None


@pytest.mark.parametrize("mapping", [False, True])
def test_every_single_character_change_is_a_seal_error(mapping: bool) -> None:
    """Exhaustive one-character mutations: always a SealError, never a stray exception."""
    sealer = IronSealer({"1": PASSWORD} if mapping else PASSWORD)
    sealed = sealer.seal({"k": "v"}, ttl=3600)
    for pos in range(len(sealed)):
        for replacement in ("A", "0", "*", "~", "-", "é", ""):
            if sealed[pos] == replacement:
                continue
            mutated = sealed[:pos] + replacement + sealed[pos + 1 :]
            try:
                sealer.unseal(mutated)
            except SealError:
                continue
            # Only removing the "~2" suffix characters leaves a valid seal.
            assert pos >= len(sealed) - 2, (pos, replacement)
