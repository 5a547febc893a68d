"""Issue 9 point 4: every body ends as a decoded model or a ``WorkOSError`` subclass, with or
without orjson, and wrong JSON types never pass silently into a model."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from workos_async import AsyncWorkOS, ResponseDecodeError, WorkOSError, _json
from workos_async._converter import StructureError, _interpreted, structure, structure_fn
from workos_async._transport import _Answer, decode_answer
from workos_async.models import (
    BaseModel,
    Invitation,
    InvitationState,
    Organization,
    OrganizationMembership,
    User,
)
from workos_async.models._base import model
from workos_async.models._structure import STRUCTURERS

from .conftest import USER
from .scripted_server import ScriptedServer, raw

ROOT = Path(__file__).resolve().parents[2]


def user(**changes: Any) -> dict[str, Any]:
    data = dict(USER)
    for key, value in changes.items():
        if value is _DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return data


_DROP = object()


# ---- wrong JSON types ---------------------------------------------------------------------


WRONG_TYPES: list[tuple[dict[str, Any], str]] = [
    ({"email_verified": "false"}, "User.email_verified"),
    ({"email_verified": 0}, "User.email_verified"),
    ({"id": 42}, "User.id"),
    ({"email": ["a@b.co"]}, "User.email"),
    ({"created_at": "2024-01-01T00:00:00"}, "User.created_at"),  # no offset
    ({"created_at": "2024-01-01"}, "User.created_at"),
    ({"created_at": 1704067200}, "User.created_at"),
    ({"updated_at": "yesterday"}, "User.updated_at"),
    ({"first_name": 7}, "User.first_name"),
    ({"metadata": {"plan": 3}}, "User.metadata"),
    ({"metadata": ["x"]}, "User.metadata"),
    ({"email": None}, "User.email"),  # null where a value is required
    ({"created_at": None}, "User.created_at"),
]


@pytest.mark.parametrize(("changes", "field"), WRONG_TYPES)
def test_wrong_types_are_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(StructureError, match=field.replace(".", r"\.")):
        structure(user(**changes), User)


def test_tolerated_absences(caplog: pytest.LogCaptureFixture) -> None:
    """Missing or null optional fields become ``None`` (or the field's default); a missing
    required key becomes ``None`` too (WorkOS's own emulator omits some, e.g. a membership's
    ``directory_managed``), logged once at DEBUG; unknown keys go to ``extra``."""
    caplog.set_level("DEBUG", logger="workos_async")
    omitted = structure(user(email_verified=_DROP, updated_at=_DROP), User)
    assert omitted.email_verified is None and omitted.updated_at is None
    assert omitted.email == "ada@example.com"
    assert "omits the required key 'email_verified'" in caplog.text
    with pytest.raises(StructureError, match=r"User\.id"):
        structure(user(id=42, updated_at=_DROP), User)  # still checked when a key is missing
    got = structure(
        user(locale=_DROP, metadata=_DROP, first_name=None, object=_DROP, new_field=1), User
    )
    assert got.locale is None and got.metadata is None and got.first_name is None
    assert got.object == "user" and got.extra == {"new_field": 1}
    assert got.created_at.utcoffset() is not None  # always aware
    assert structure(user(created_at="2024-01-01T01:00:00+01:00"), User).created_at.hour == 1


@pytest.mark.parametrize(
    ("cls", "data", "bad"),
    [
        (
            Organization,
            {"id": "org_1", "name": "A", "domains": "example.com", "created_at": "x"},
            "domains",
        ),
        (
            OrganizationMembership,
            {"id": "om_1", "user_id": 5, "organization_id": "org_1", "status": "active"},
            "user_id",
        ),
        (Invitation, {"id": "inv_1", "email": "a@b.co", "state": 3}, "state"),
    ],
)
def test_other_models_refuse_wrong_types(cls: type[Any], data: dict[str, Any], bad: str) -> None:
    with pytest.raises(StructureError):
        structure(data, cls)


async def test_wrong_type_over_the_wire_is_a_decode_error(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(raw(200, json.dumps(user(email_verified="false")).encode(), "application/json"))
    with pytest.raises(ResponseDecodeError, match=r"User\.email_verified") as info:
        await client.user_management.get_user("user_01")
    assert info.value.status == 200 and info.value.request_id == "req_1"


# ---- the committed functions, and the interpreted path for models defined elsewhere ---------


def test_the_package_models_use_the_committed_functions() -> None:
    assert structure_fn(User) is STRUCTURERS[User]
    assert structure_fn(User).__module__ == "workos_async.models._structure"


@pytest.mark.parametrize(("changes", "field"), WRONG_TYPES)
def test_the_interpreted_path_refuses_the_same_values(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(StructureError, match=field.replace(".", r"\.")):
        _interpreted(User)(user(**changes))


def test_the_interpreted_path_decodes_like_the_committed_one() -> None:
    interpreted = _interpreted(User)
    for data in (
        user(),
        user(email_verified=_DROP, locale=_DROP, first_name=None, new_field=[1]),
        user(created_at="2024-01-01T01:00:00+01:00"),
    ):
        generated = structure(data, User)
        got = interpreted(data)
        assert got == generated and got.extra == generated.extra
        assert repr(got) == repr(generated)
    invitation = {"id": "inv_1", "email": "a@b.co", "state": "pending", "accepted_at": None}
    invitation["expires_at"] = "2024-01-01T00:00:00Z"
    assert _interpreted(Invitation)(invitation) == structure(invitation, Invitation)
    assert _interpreted(Invitation)({**invitation, "state": "new"}).state == "new"
    assert _interpreted(Invitation)(invitation).state is InvitationState.PENDING


@model
class Note(BaseModel):
    """A model a user defines outside the package (no committed function)."""

    id: str
    author: User | None = None
    states: list[InvitationState | str] = attrs.Factory(list)
    kind: str = "note"


def test_a_model_defined_elsewhere_is_structured_with_the_same_rules() -> None:
    fn = structure_fn(Note)
    assert Note not in STRUCTURERS and structure_fn(Note) is fn
    note = structure({"id": "n_1", "author": user(), "states": ["pending", "x"], "y": 1}, Note)
    assert note.author == structure(user(), User)
    assert note.states == [InvitationState.PENDING, "x"]
    assert note.kind == "note" and note.extra == {"y": 1}
    empty = structure({"id": "n_2", "author": None, "states": None}, Note)
    assert empty.author is None and empty.states == [] and empty.kind == "note"
    assert structure({}, Note).id is None  # an omitted required key, as for the SDK's models
    with pytest.raises(StructureError, match=r"Note\.id"):
        structure({"id": 1}, Note)
    with pytest.raises(StructureError, match=r"^Note"):  # as the committed functions: the outer
        structure({"id": "n_3", "author": user(email_verified="no")}, Note)
    with pytest.raises(StructureError, match="expected a JSON object for Note"):
        structure([], Note)
    with pytest.raises(TypeError):
        structure_fn(dict)


# ---- hostile bodies, both JSON backends ------------------------------------------------------

HOSTILE: list[tuple[str, bytes]] = [
    ("deep-array", b"[" * 3000 + b"]" * 3000),
    ("deep-object", b'{"a":' * 3000 + b"1" + b"}" * 3000),
    (
        "deep-in-field",
        json.dumps(user()).encode()[:-1] + b',"x":' + b"[" * 5000 + b"]" * 5000 + b"}",
    ),
    ("nan", json.dumps(user()).encode().replace(b'"Ada"', b"NaN")),
    ("infinity", b'{"id": Infinity}'),
    ("huge-float", json.dumps(user()).encode().replace(b"true", b"1e999")),
    ("huge-int", json.dumps(user()).encode().replace(b"true", b"9" * 5000)),
    (
        "big-int-id",
        json.dumps(user()).encode().replace(b'"user_01"', b"123456789012345678901234567890"),
    ),
    ("bad-utf8", b'{"id": "\xff\xfe"}'),
    ("lone-surrogate", b'{"id": "\\ud800"}'),
    ("not-json", b"<html>"),
    ("array", b"[1, 2]"),
    ("string", b'"user"'),
    ("null", b"null"),
]

BACKENDS: dict[str, Callable[[bytes | str], Any]] = {"stdlib": _json.stdlib_loads}
if _json.HAVE_ORJSON:
    import orjson

    BACKENDS["orjson"] = orjson.loads


def _decode(body: bytes, cls: type[Any] = User) -> Any:
    return decode_answer(
        _Answer(200, {"X-Request-ID": "req_x"}, body), "GET", "/x/{id}", structure_fn(cls)
    )


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize(("name", "body"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_hostile_bodies_end_as_a_model_or_a_workos_error(
    backend: str, name: str, body: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_json, "loads", BACKENDS[backend])
    with pytest.raises(ResponseDecodeError) as info:
        _decode(body)
    assert info.value.request_id == "req_x"


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_duplicate_keys_keep_the_last_value(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "loads", BACKENDS[backend])
    body = json.dumps(user()).encode()[:-1] + b', "id": "user_02"}'
    assert _decode(body).id == "user_02"


#: Valid JSON (refused later, by the model); every other hostile body is refused as JSON.
PARSEABLE = {"big-int-id", "array", "string", "null"}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_backends_refuse_the_same_documents(backend: str) -> None:
    loads = BACKENDS[backend]
    for name, body in HOSTILE:
        try:
            loads(body)
        except _json.DecodeError:
            assert name not in PARSEABLE, name
        else:
            assert name in PARSEABLE, name


def _mutations(rng: random.Random, base: bytes) -> bytes:
    pick = rng.randrange(7)
    data = bytearray(base)
    if pick == 0:  # flip bytes
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if pick == 1:  # cut
        return bytes(data[: rng.randrange(len(data))])
    doc = json.loads(base)
    key = rng.choice(list(doc))
    if pick == 2:
        depth = rng.choice([10, 900, 1100, 3000])
        return json.dumps({**doc, key: "X"}).encode().replace(b'"X"', b"[" * depth + b"]" * depth)
    values: list[Any] = [
        None,
        True,
        False,
        0,
        -1,
        2**70,
        1.5,
        "",
        "false",
        "2024-01-01T00:00:00",
        [],
        {},
        ["a", 1],
        {"a": {"b": []}},
        "x" * 1000,
    ]
    if pick == 3:
        doc[key] = rng.choice(values)
    elif pick == 4:
        del doc[key]
    elif pick == 5:
        return json.dumps(doc).encode().replace(b"}", b", " + json.dumps(key).encode() + b": 1}")
    else:
        return rng.choice([b"1e400", b"NaN", b"-Infinity", b"[" * 2000, b"9" * 4400])
    return json.dumps(doc).encode()


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_fuzzed_bodies_never_escape(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 seeded mutations of valid bodies per backend: each decodes or is a WorkOSError
    (today without orjson 163/5,000 escaped as RecursionError)."""
    monkeypatch.setattr(_json, "loads", BACKENDS[backend])
    rng = random.Random(9)
    bases = [
        (User, json.dumps(USER).encode()),
        (
            OrganizationMembership,
            json.dumps(
                {
                    "object": "organization_membership",
                    "id": "om_1",
                    "user_id": "user_01",
                    "organization_id": "org_1",
                    "role": {"slug": "member"},
                    "status": "active",
                    "created_at": "2024-01-01T00:00:00.000Z",
                    "updated_at": "2024-01-01T00:00:00.000Z",
                }
            ).encode(),
        ),
    ]
    decoded = refused = 0
    for _ in range(2000):
        cls, base = rng.choice(bases)
        body = _mutations(rng, base)
        try:
            result = _decode(body, cls)
        except WorkOSError:
            refused += 1
        else:
            assert isinstance(result, cls)
            decoded += 1
    assert decoded > 50 and refused > 500


def test_the_suite_passes_without_orjson() -> None:
    """The decoding and transport tests again, in a process where ``import orjson`` fails."""
    code = (
        "import sys; sys.modules['orjson'] = None\n"
        "import pytest\n"
        "from workos_async import _json\n"
        "assert not _json.HAVE_ORJSON\n"
        "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-k', 'not without_orjson',\n"
        "    'tests/core/test_decoding.py', 'tests/core/test_transport.py']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


def test_touching_a_resource_does_not_load_the_structure_module() -> None:
    code = (
        "import sys\n"
        "from workos_async import AsyncWorkOS\n"
        "c = AsyncWorkOS(api_key='sk_test_x', client_id='client_x')\n"
        "c.user_management\n"
        "assert 'workos_async.models._structure' not in sys.modules\n"
        "from workos_async._converter import structure_fn\n"
        "from workos_async.models import User\n"
        "structure_fn(User)\n"
        "assert 'workos_async.models._structure' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
