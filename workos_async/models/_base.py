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
    decorated: type[T] = attrs.define(slots=True, kw_only=True, eq=True, repr=True)(cls)
    return decorated


@attrs.define(slots=True, kw_only=True)
class BaseModel:
    """Root of all response models."""

    #: Response keys this version of the SDK does not know, kept as sent.
    extra: Mapping[str, Any] = attrs.field(default=EMPTY_EXTRA, repr=False, eq=False, alias="extra")

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON-ready data, in the API's shape (unknown keys included)."""
        from .._converter import unstructure

        data: dict[str, Any] = unstructure(self)
        return data


class StrEnum(enum.StrEnum):
    """An enum of documented API values. Fields typed with one accept unknown strings too:
    a value WorkOS adds later arrives as the plain ``str`` and never raises."""
