"""The spec extract vendored in ``spec/`` (read through ``tests/spec_data.py``), and JSON sample
bodies built from its schemas."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..spec_data import reference_json as load_json

_PATH_FIELD = re.compile(r"\{([^}]+)\}")


@cache
def endpoints() -> dict[str, Any]:
    return load_json("user_management_endpoints.json")  # type: ignore[no-any-return]


@cache
def schemas() -> dict[str, Any]:
    return load_json("user_management_schemas.json")  # type: ignore[no-any-return]


def operations() -> dict[str, dict[str, Any]]:
    return {op["operation_id"]: op for op in endpoints()["operations"]}


def path_shape(path: str) -> str:
    """The path with every parameter name blanked: ``/users/{id}`` → ``/users/{}``."""
    return _PATH_FIELD.sub("{}", path)


def path_names(path: str) -> list[str]:
    return _PATH_FIELD.findall(path)


def fill_path(path: str, values: dict[str, str]) -> str:
    return _PATH_FIELD.sub(lambda m: values[m.group(1)], path)


def sample(spec: dict[str, Any], tag: str) -> Any:
    """A JSON value for one schema field: its const, first enum value, or a typed sample."""
    all_schemas = schemas()
    assert all_schemas is not None
    if "const" in spec:
        return spec["const"]
    if "enum" in spec:
        return spec["enum"][0]
    if spec.get("format") == "date-time":
        return "2024-05-06T07:08:09.123Z"
    base = spec["type"].removesuffix("|null")
    if base.startswith("array<"):
        return [sample({**spec, "type": base[len("array<") : -1]}, tag)]
    if base.startswith("map<"):
        return {"key": "value"}
    if base == "object":
        return sample_object(spec["fields"], tag) if "fields" in spec else {"free": "form"}
    if base in all_schemas:
        return sample_object(all_schemas[base], base)
    return {"string": f"{tag}-text", "integer": 3, "number": 2.5, "boolean": True}[base]


def sample_object(fields: dict[str, Any], tag: str) -> dict[str, Any]:
    if "_array_of" in fields:
        fields = fields["_array_of"]["fields"]
    return {k: sample(v, f"{tag}.{k}") for k, v in fields.items() if not k.startswith("_")}


def sample_schema(name: str) -> dict[str, Any]:
    all_schemas = schemas()
    assert all_schemas is not None
    return sample_object(all_schemas[name], name)
