"""Pydantic v2 support for the SDK's models, built from their attrs fields: a route can
return a ``User`` (``response_model=User``), a Pydantic model can hold one, and
``/openapi.json`` shows its real schema — no hand-written copies.

Imported only when Pydantic asks (``__get_pydantic_core_schema__`` on
:class:`~workos_async.models._base.BaseModel` and ``StrEnum``): the SDK never imports
Pydantic itself.

* **Validation** accepts an instance as is (no copy), or a mapping in the API's shape, each
  field validated by its type (datetimes, enums, nested models, optional fields); unknown keys
  land in ``extra``, as when the SDK decodes a response.
* **Serialization** gives the API's shape: the fields under their response keys, then
  ``extra``.
* **Enums** accept their documented values and any other string (a value WorkOS adds later
  never fails validation), as the SDK's decoder does.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from pydantic_core import core_schema as cs

from ._base import EMPTY_EXTRA, api_fields, json_key

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

__all__ = ["enum_core_schema", "model_core_schema"]


def enum_core_schema(cls: type[enum.StrEnum]) -> cs.CoreSchema:
    """A documented value (the member) or any other string (kept as the plain ``str``); the
    JSON schema lists the documented values next to ``string``."""
    members = {member.value: member for member in cls}

    def to_member(value: str) -> str:
        return members.get(value, value)

    def json_schema(_schema: Any, _handler: Any) -> dict[str, Any]:
        documented = {"type": "string", "enum": list(members), "title": cls.__name__}
        return {"anyOf": [documented, {"type": "string"}]}

    return cs.no_info_after_validator_function(
        to_member,
        cs.str_schema(),
        metadata={"pydantic_js_functions": [json_schema]},
    )


def _fields_schema(cls: type, handler: GetCoreSchemaHandler) -> cs.TypedDictSchema:
    hints = typing.get_type_hints(cls)
    fields: dict[str, cs.TypedDictField] = {}
    for field in api_fields(cls):
        tp = hints.get(field.name, Any)
        required = field.default is attrs.NOTHING
        fields[json_key(field)] = cs.typed_dict_field(
            handler.generate_schema(tp), required=required
        )
    return cs.typed_dict_schema(fields, extra_behavior="allow", total=True)


def _builder(cls: type) -> Callable[[dict[str, Any]], Any]:
    by_key = {json_key(f): (f.alias or f.name) for f in api_fields(cls)}

    def build(validated: dict[str, Any]) -> Any:
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in validated.items():
            name = by_key.get(key)
            if name is None:
                extra[key] = value
            else:
                kwargs[name] = value
        return cls(**kwargs, extra=extra or EMPTY_EXTRA)

    return build


def _dumper(cls: type) -> Callable[[Any], dict[str, Any]]:
    pairs = [(json_key(f), f.name) for f in api_fields(cls)]

    def dump(obj: Any) -> dict[str, Any]:
        data = {key: getattr(obj, name) for key, name in pairs}
        for key, value in obj.extra.items():
            data.setdefault(key, value)
        return data

    return dump


def model_core_schema(cls: type, handler: GetCoreSchemaHandler) -> cs.CoreSchema:
    """The core schema of an SDK model class (see the module docstring)."""
    ref = f"{cls.__module__}.{cls.__qualname__}"
    fields = _fields_schema(cls, handler)
    from_mapping = cs.chain_schema([fields, cs.no_info_plain_validator_function(_builder(cls))])
    return cs.json_or_python_schema(
        json_schema=from_mapping,
        python_schema=cs.union_schema([cs.is_instance_schema(cls), from_mapping]),
        serialization=cs.plain_serializer_function_ser_schema(
            _dumper(cls), return_schema=fields, when_used="always"
        ),
        ref=ref,
        metadata={"pydantic_js_updates": {"title": cls.__name__}},
    )
