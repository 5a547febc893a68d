"""The base every response model shares.

Models are plain attrs classes (slots, keyword-only, mutable so the generated structure
functions can store attributes directly — see ``_converter.py``). Each one has an ``extra``
mapping holding the response keys the class does not know, so a field WorkOS adds tomorrow is
reachable today and survives a round trip through ``to_dict()``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar, dataclass_transform

import attrs

T = TypeVar("T")

#: Shared, read-only empty mapping: most objects have no unknown keys, so they share this one.
EMPTY_EXTRA: Mapping[str, Any] = MappingProxyType({})


def _redacted_repr(value: object) -> str:
    return "None" if value is None else "'<redacted>'"


def secret_field(*, default: Any = attrs.NOTHING) -> Any:
    """A field whose value is a secret (token, code, key): shown as ``'<redacted>'`` in reprs."""
    return attrs.field(default=default, repr=_redacted_repr)


@dataclass_transform(kw_only_default=True, field_specifiers=(attrs.field, secret_field))
def model(cls: type[T]) -> type[T]:
    """Declare a response model: ``@model class User(BaseModel): ...``."""
    decorated: type[T] = attrs.define(slots=True, kw_only=True, eq=True, repr=False)(cls)
    decorated.__repr__ = _safe_repr  # type: ignore[method-assign]
    return decorated


_UNSET = "<unset>"


def _safe_repr(self: Any) -> str:
    """attrs' repr, except that a field not set yet (an object being decoded when an error
    reporter captures the frame's locals) shows as ``<unset>`` instead of raising, and secret
    fields show as ``'<redacted>'``."""
    parts = []
    for field in attrs.fields(type(self)):
        if field.repr is False:
            continue
        try:
            value = getattr(self, field.name)
        except AttributeError:
            parts.append(f"{field.alias or field.name}={_UNSET}")
            continue
        shown = field.repr(value) if callable(field.repr) else repr(value)
        parts.append(f"{field.alias or field.name}={shown}")
    return f"{type(self).__qualname__}({', '.join(parts)})"


@attrs.define(slots=True, kw_only=True)
class BaseModel:
    """Root of all response models."""

    # Unknown response keys are computed on first access of ``extra``: decoding keeps a
    # reference to the response object instead (checking every key of every object up front
    # is a third of the decode cost of a list page, and almost nobody reads ``extra``).
    _extra: Mapping[str, Any] | None = attrs.field(
        default=EMPTY_EXTRA, repr=False, eq=False, alias="extra"
    )
    _raw: Mapping[str, Any] | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @property
    def extra(self) -> Mapping[str, Any]:
        """Response keys this version of the SDK does not know, kept as sent."""
        extra = self._extra
        if extra is None:
            raw = self._raw or {}
            known = known_keys(type(self))
            extra = {k: v for k, v in raw.items() if k not in known} or EMPTY_EXTRA
            self._extra = extra
            self._raw = None
        return extra

    @extra.setter
    def extra(self, value: Mapping[str, Any]) -> None:
        self._extra = value
        self._raw = None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Pydantic v2 support (``models/_pydantic.py``), imported only when Pydantic asks."""
        from ._pydantic import model_core_schema

        return model_core_schema(cls, handler)

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON-ready data, in the API's shape (unknown keys included)."""
        from .._converter import unstructure

        data: dict[str, Any] = unstructure(self)
        return data


def api_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a model that are response keys (not the SDK's bookkeeping)."""
    cached = _API_FIELDS.get(cls)
    if cached is None:
        cached = tuple(f for f in attrs.fields(cls) if not f.name.startswith("_"))
        _API_FIELDS[cls] = cached
    return cached


def json_key(field: attrs.Attribute[Any]) -> str:
    """The response key of a field: its name, or ``metadata["json_key"]`` for keys that are not
    Python names (``x5t#S256``)."""
    return str(field.metadata.get("json_key", field.name))


def known_keys(cls: type) -> frozenset[str]:
    """The response keys a model class maps to fields."""
    cached = _KNOWN_KEYS.get(cls)
    if cached is None:
        cached = frozenset(json_key(f) for f in api_fields(cls))
        _KNOWN_KEYS[cls] = cached
    return cached


_API_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}
_KNOWN_KEYS: dict[type, frozenset[str]] = {}


class StrEnum(enum.StrEnum):
    """An enum of documented API values. Fields typed with one accept unknown strings too:
    a value WorkOS adds later arrives as the plain ``str`` and never raises."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Pydantic v2: a documented value or any other string (``models/_pydantic.py``)."""
        from ._pydantic import enum_core_schema

        return enum_core_schema(cls)
