"""The response models match the spec extract field by field.

For every schema in ``SCHEMA_MODELS``: the same field set (by wire key), ``| None`` exactly when
the field is nullable or optional, no default exactly when it is required (a ``const`` field
defaults to its constant), ``datetime`` exactly for ``date-time`` fields, a ``StrEnum | str``
with the same values for enums, and nested inline objects checked the same way, recursively.
Every schema of the extract is either modelled or listed in ``NOT_MODELLED`` with a true reason.
"""

import types
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any, Union, get_args, get_origin

import attrs
import pytest

from workos_async import models
from workos_async.models._base import BaseModel, StrEnum

from ..spec_data import reference_json as load_json
from .schema_registry import NOT_MODELLED, SCHEMA_MODELS


def _load(name: str) -> Any:
    return load_json(name)


SCHEMAS: dict[str, Any] = {
    k: v for k, v in _load("user_management_schemas.json").items() if k != "_meta"
}
OPERATIONS: list[dict[str, Any]] = _load("user_management_endpoints.json")["operations"]

PRIMITIVES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}


def wire_key(field: "attrs.Attribute[Any]") -> str:
    key = field.metadata.get("json_key", field.name)
    assert isinstance(key, str)
    return key


def model_fields(cls: type) -> dict[str, "attrs.Attribute[Any]"]:
    """The fields that map to response keys (``extra`` holds the unknown ones)."""
    return {wire_key(f): f for f in attrs.fields(cls) if not f.name.startswith("_")}


def spec_fields(schema: Mapping[str, Any]) -> dict[str, Any]:
    if "_array_of" in schema:  # a bare JSON array: the model is the item's
        return dict(schema["_array_of"]["fields"])
    return {k: v for k, v in schema.items() if not k.startswith("_")}


def union_members(tp: Any) -> tuple[list[Any], bool]:
    """``X | Y | None`` → ``([X, Y], True)``; a non-union type → ``([tp], False)``."""
    if isinstance(tp, types.UnionType) or get_origin(tp) is Union:
        args = list(get_args(tp))
        has_none = type(None) in args
        return [a for a in args if a is not type(None)], has_none
    return [tp], False


def schema_refs(type_str: str) -> Iterator[str]:
    """Names of other schemas a spec type string refers to."""
    for part in type_str.replace("array<", "").replace(">", "").split("|"):
        if part in SCHEMAS:
            yield part


def check_type(
    where: str, tp: Any, type_str: str, spec: Mapping[str, Any], seen: set[type]
) -> None:
    """``tp`` (no ``None`` left in it) is the Python type for the spec type ``type_str``."""
    base = type_str.removesuffix("|null")
    if base.startswith("array<"):
        assert get_origin(tp) is list, f"{where}: {tp!r} should be a list for {type_str}"
        (item,) = get_args(tp)
        check_type(where + "[]", item, base[len("array<") : -1], spec, seen)
    elif base.startswith("map<string,"):
        assert get_origin(tp) is Mapping, f"{where}: {tp!r} should be a Mapping for {type_str}"
        value = base[len("map<string,") : -1]
        expected_value = Any if value == "any" else PRIMITIVES[value]
        assert get_args(tp) == (str, expected_value), f"{where}: {tp!r} vs {type_str}"
    elif base == "object":
        if "fields" in spec:  # an inline object: its own small model, checked recursively
            assert isinstance(tp, type) and issubclass(tp, BaseModel), (
                f"{where}: {tp!r} should be a model"
            )
            check_model(tp, spec["fields"], seen)
        else:  # free-form
            assert tp == Mapping[str, Any], f"{where}: {tp!r} should be Mapping[str, Any]"
    elif base in SCHEMAS:
        assert tp is SCHEMA_MODELS[base], f"{where}: {tp!r} should be the model of {base}"
    else:
        assert tp is PRIMITIVES[base], (
            f"{where}: {tp!r} should be {PRIMITIVES[base]!r} for {type_str}"
        )


def check_field(
    owner: type, field: "attrs.Attribute[Any]", spec: Mapping[str, Any], seen: set[type]
) -> None:
    where = f"{owner.__name__}.{field.name}"
    members, has_none = union_members(field.type)
    assert has_none == (spec["nullable"] or not spec["required"]), (
        f"{where}: `| None` must be there exactly when the field is nullable or optional "
        f"(nullable={spec['nullable']}, required={spec['required']})"
    )
    if "const" in spec:
        assert field.default == spec["const"], (
            f"{where}: a const field defaults to {spec['const']!r}"
        )
    elif spec["required"]:
        assert field.default is attrs.NOTHING, f"{where}: required by the spec, so no default"
    else:
        assert field.default is None, f"{where}: optional in the spec, so it defaults to None"

    if "enum" in spec:
        enums = [m for m in members if isinstance(m, type) and issubclass(m, StrEnum)]
        assert len(enums) == 1 and set(members) == {enums[0], str}, (
            f"{where}: want `SomeEnum | str`"
        )
        assert [m.value for m in enums[0]] == spec["enum"], (
            f"{where}: enum values differ from the spec"
        )
        return
    assert len(members) == 1, f"{where}: unexpected union {field.type!r}"
    (tp,) = members
    if spec.get("format") == "date-time":
        assert tp is datetime, f"{where}: a date-time field must be datetime"
        return
    assert tp is not datetime, f"{where}: datetime, but the spec gives no date-time format"
    check_type(where, tp, spec["type"], spec, seen)


def check_model(cls: type, fields: Mapping[str, Any], seen: set[type]) -> None:
    seen.add(cls)
    mine = model_fields(cls)
    assert set(mine) == set(fields), (
        f"{cls.__name__}: fields differ from the spec: "
        f"missing {sorted(set(fields) - set(mine))}, extra {sorted(set(mine) - set(fields))}"
    )
    for key, spec in fields.items():
        check_field(cls, mine[key], spec, seen)


@pytest.mark.parametrize("schema_name", sorted(SCHEMA_MODELS))
def test_model_matches_schema(schema_name: str) -> None:
    check_model(SCHEMA_MODELS[schema_name], spec_fields(SCHEMAS[schema_name]), set())


def _nested_refs(names: set[str]) -> set[str]:
    """``names`` plus every schema they refer to, transitively."""
    todo, out = list(names), set()
    while todo:
        name = todo.pop()
        if name in out:
            continue
        out.add(name)

        def walk(fields: Mapping[str, Any]) -> None:
            for spec in fields.values():
                todo.extend(schema_refs(spec["type"]))
                if "fields" in spec:
                    walk(spec["fields"])

        walk(spec_fields(SCHEMAS[name]))
    return out


def _response_schemas() -> set[str]:
    names: set[str] = set()
    for op in OPERATIONS:
        for resp in [op["response"], *op["response"].get("alternatives", [])]:
            for key in ("schema", "item_schema"):
                if resp.get(key) in SCHEMAS:
                    names.add(resp[key])
    return _nested_refs(names)


def _request_schemas() -> set[str]:
    return _nested_refs(
        {op["request_body"]["schema"] for op in OPERATIONS if op.get("request_body")} & set(SCHEMAS)
    )


def _is_list_envelope(name: str) -> bool:
    fields = spec_fields(SCHEMAS[name])
    return (
        set(fields) == {"object", "data", "list_metadata"}
        and fields["object"].get("const") == "list"
    )


def test_every_schema_is_placed_once() -> None:
    assert not set(SCHEMA_MODELS) & set(NOT_MODELLED), "a schema is both modelled and not"
    assert set(SCHEMA_MODELS) | set(NOT_MODELLED) == set(SCHEMAS), (
        f"unplaced: {sorted(set(SCHEMAS) - set(SCHEMA_MODELS) - set(NOT_MODELLED))}, "
        f"unknown: {sorted(set(SCHEMA_MODELS) | set(NOT_MODELLED) - set(SCHEMAS))}"
    )


def test_every_response_schema_is_modelled_except_envelopes() -> None:
    for name in _response_schemas():
        if name in NOT_MODELLED:
            assert _is_list_envelope(name), f"{name} is in a response but not modelled"
        else:
            assert name in SCHEMA_MODELS


def test_not_modelled_reasons_hold() -> None:
    responses, requests = _response_schemas(), _request_schemas()
    for name, reason in NOT_MODELLED.items():
        if reason.startswith("list envelope"):
            assert _is_list_envelope(name), name
            item = reason.rsplit(" ", 1)[-1]
            assert item in SCHEMA_MODELS, f"{name}: its items ({item}) must be modelled"
        else:
            assert reason.startswith("request body"), name
            assert name in requests and name not in responses, f"{name} is not request-only"


def test_modelled_schemas_are_not_request_only() -> None:
    request_only = _request_schemas() - _response_schemas()
    assert not set(SCHEMA_MODELS) & request_only


def test_package_exports_every_model_and_enum() -> None:
    defined = {
        obj
        for module in (
            models.api_keys,
            models.applications,
            models.authentication,
            models.data_providers,
            models.feature_flags,
            models.invitations,
            models.memberships,
            models.mfa,
            models.organizations,
            models.sessions,
            models.users,
        )
        for obj in vars(module).values()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel | StrEnum)
        and obj.__module__ == module.__name__
    }
    exported = {getattr(models, name) for name in models.__all__}
    assert defined <= exported, sorted(c.__name__ for c in defined - exported)
    assert len(models.__all__) == len(set(models.__all__))


def test_every_model_is_reached_from_a_schema() -> None:
    seen: set[type] = set()
    for name, cls in SCHEMA_MODELS.items():
        check_model(cls, spec_fields(SCHEMAS[name]), seen)
    exported_models = {
        getattr(models, n)
        for n in models.__all__
        if issubclass(getattr(models, n), BaseModel) and getattr(models, n) is not BaseModel
    }
    assert exported_models == seen, sorted(c.__name__ for c in exported_models ^ seen)
