"""Turning decoded JSON into models: one generated structure function per model class.

Decoding list pages is a hot path (a 100-user page is parsed per request in ``async for``), so
rather than walking type hints per object, each model of ``workos_async.models`` has a written-out
function that stores each attribute straight into the slot, converting only the fields that need
it (datetimes, nested models, enums). ``python -m workos_async._codegen`` renders them
(``_codegen/structure.py``) into the committed ``models/_structure.py``; this module holds the
run-time helpers they call and :func:`structure_fn`, which looks them up. A model class defined
outside the package gets an interpreted function with the same rules (slower). The functions
are also registered as hooks of the one cattrs ``Converter`` (:func:`converter`), which serves
users who want ``structure``/``unstructure`` by type and produces ``to_dict()``.

Tolerance rules (a response must never break on WorkOS adding things):
- unknown keys go to ``extra``; unknown enum values stay plain ``str``;
- a missing key, or ``null``, takes the field's default (``None`` for ``X | None`` fields);
- a missing *required* key (no default, not ``X | None``) gives ``None`` too: WorkOS's own
  emulator leaves out keys the spec requires (``directory_managed``, ``user``, ...). It is
  logged once per model and key at DEBUG.

Strictness rules (a wrong value never passes silently):
- every JSON value must have the field's JSON type: ``"false"`` is not a bool, ``42`` not an id,
  ``"1"`` not a number;
- timestamps must carry a UTC offset (``Z`` or ``+00:00``): a naive one is refused;
- a required field (no default, not ``X | None``) that is ``null`` is refused.
A refusal is a ``StructureError`` naming the model and the field; the transport turns it into
``ResponseDecodeError``.
"""

from __future__ import annotations

import datetime as _datetime
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from .models._base import BaseModel, api_fields, json_key

T = TypeVar("T")

_STRUCTURERS: dict[type[Any], Callable[[Any], Any]] = {}

parse_datetime = _datetime.datetime.fromisoformat


class StructureError(ValueError):
    """The data does not have the shape of the model (wrong container type, bad datetime)."""


def structure_fn(cls: type[T]) -> Callable[[Any], T]:
    """The structure function turning a decoded JSON object into ``cls``: the generated one
    (``models/_structure.py``) for the SDK's models, else an interpreted one that follows the
    same rules (slower; for model classes defined outside the package)."""
    fn = _STRUCTURERS.get(cls)
    if fn is None:
        # Imported on the first decode: touching a resource does not load it.
        from .models._structure import STRUCTURERS

        fn = STRUCTURERS.get(cls)
        if fn is None:
            if not is_model(cls):
                raise TypeError(f"{cls!r} is not an attrs model class")
            fn = _interpreted(cls)
        _STRUCTURERS[cls] = fn
    return fn


def structure(data: Any, cls: type[T]) -> T:
    """Decoded JSON → ``cls`` (a model class)."""
    return structure_fn(cls)(data)


def strip_optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` → ``(X, True)``; anything else → ``(tp, False)``."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) != len(typing.get_args(tp))
        if len(args) == 1:
            return args[0], optional
        return typing.Union[tuple(args)], optional  # noqa: UP007 - rebuilding a runtime union
    return tp, False


def enum_in(tp: Any) -> type[enum.Enum] | None:
    """The enum class of ``MyEnum`` or ``MyEnum | str``, else ``None``."""
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(tp):
            if isinstance(arg, type) and issubclass(arg, enum.Enum):
                return arg
    return None


def is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


OMITTED: Any = object()
_omitted_seen: set[tuple[type[Any], str]] = set()


def note_omitted(cls: type[Any], key: str) -> None:
    """Note (once per model and key, at DEBUG) a required key the response left out."""
    if (cls, key) not in _omitted_seen:
        _omitted_seen.add((cls, key))
        from ._logs import logger

        logger.debug("%s: the response omits the required key %r (set to None)", cls.__name__, key)


#: What a conversion of a wrong value raises (a bad datetime string, a float overflow, ...).
CONVERT_ERRORS = (ValueError, TypeError, ArithmeticError, AttributeError, KeyError)


# Plain loops: ``all(<generator>)`` costs ~4x more on the small lists and objects seen here.
def all_str(values: list[Any]) -> bool:
    for value in values:  # noqa: SIM110
        if value.__class__ is not str:
            return False
    return True


def all_str_values(values: dict[str, Any]) -> bool:
    for value in values.values():  # noqa: SIM110
        if value.__class__ is not str:
            return False
    return True


def wrong_field(cls: type[Any], data: Mapping[str, Any]) -> StructureError:
    """Names the first field whose JSON value has the wrong type (run only on failure)."""
    hints = typing.get_type_hints(cls)
    for f in api_fields(cls):
        key = json_key(f)
        if key not in data:
            continue
        value = data[key]
        tp, optional = strip_optional(hints.get(f.name, Any))
        if value is None:
            if optional or f.default is not attrs.NOTHING:
                continue
            return StructureError(f"{cls.__name__}.{f.name}: null where a value is required")
        problem = _value_problem(tp, value)
        if problem:
            return StructureError(f"{cls.__name__}.{f.name}: {problem}")
    return StructureError(f"{cls.__name__}: a value has the wrong type")


def _value_problem(tp: Any, value: Any) -> str | None:
    got = type(value).__name__
    if tp is _datetime.datetime:
        if type(value) is not str:
            return f"expected an ISO 8601 timestamp string, got {got}"
        try:
            parsed = parse_datetime(value)
        except ValueError:
            return "not an ISO 8601 timestamp"
        if parsed.tzinfo is None:
            return "a timestamp without a UTC offset (naive datetimes are refused)"
        return None
    simple = {str: "str", bool: "bool", int: "int"}
    if tp in simple or enum_in(tp) is not None:
        expected = simple.get(tp, "str")
        return (
            None
            if type(value) is (tp if tp in simple else str)
            else f"expected {expected}, got {got}"
        )
    if tp is float:
        if type(value) not in (int, float):
            return f"expected a number, got {got}"
        try:
            float(value)
        except OverflowError:
            return "a number too large for a float"
        return None
    origin = typing.get_origin(tp)
    if origin in (list, typing.List, typing.Sequence) or origin is _abc_sequence():  # noqa: UP006
        if type(value) is not list:
            return f"expected a list, got {got}"
        (item,) = typing.get_args(tp) or (Any,)
        if item is str and not all_str(value):
            return "expected a list of str"
        return None
    if origin in (dict, Mapping, _abc_mapping()):
        if type(value) is not dict:
            return f"expected an object, got {got}"
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is str and not all_str_values(value):
            return "expected an object of str values"
        return None
    if is_model(tp) and type(value) is not dict:
        return f"expected an object, got {got}"
    return None


MISSING: Any = object()


def _abc_sequence() -> Any:
    import collections.abc

    return collections.abc.Sequence


def _abc_mapping() -> Any:
    import collections.abc

    return collections.abc.Mapping


class LazyStructurer:
    """Defers looking up a model's function until first use: touching a resource does not
    import the structure module."""

    __slots__ = ("cls", "fn")

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.fn: Callable[[Any], Any] | None = None

    def resolve(self) -> Callable[[Any], Any]:
        """The generated function itself (for loops that call it many times)."""
        fn = self.fn
        if fn is None:
            fn = self.fn = structure_fn(self.cls)
        return fn

    def __call__(self, data: Any) -> Any:
        fn = self.fn
        if fn is None:
            fn = self.fn = structure_fn(self.cls)
        return fn(data)


def bad_container(cls: type[Any], data: Any) -> StructureError:
    return StructureError(f"expected a JSON object for {cls.__name__}, got {type(data).__name__}")


# ---- the slow path: model classes the renderer did not see --------------------------------


def _interpreted(cls: type[T]) -> Callable[[Any], T]:
    """A structure function for ``cls`` that walks its fields per object, with the rules of the
    generated ones (same checks, conversions, defaults and absent-key handling)."""
    attrs.resolve_types(cls)  # type: ignore[type-var]
    hints = typing.get_type_hints(cls)
    plan: list[tuple[str, str, Any, bool, Callable[[], Any]]] = []
    for f in api_fields(cls):
        tp, optional = strip_optional(hints.get(f.name, Any))
        default: Any = f.default
        required = default is attrs.NOTHING and not optional
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            make_default = default.factory
        else:
            constant = None if default is attrs.NOTHING else default
            make_default = _constant(constant)
        plan.append((f.name, json_key(f), tp, required, make_default))
    has_extra = issubclass(cls, BaseModel)

    def structure_interpreted(d: Any) -> T:
        if type(d) is not dict:
            raise bad_container(cls, d)
        o = object.__new__(cls)
        for name, key, tp, required, make_default in plan:
            value = d.get(key, MISSING)
            if value is MISSING:
                if required:
                    note_omitted(cls, key)
                    setattr(o, name, None)
                    continue
                value = None
            if value is None:
                if required:
                    raise StructureError(f"{cls.__name__}.{name}: null where a value is required")
                setattr(o, name, make_default())
                continue
            problem = _value_problem(tp, value)
            if problem:
                raise StructureError(f"{cls.__name__}.{name}: {problem}")
            try:
                setattr(o, name, _convert(tp, value))
            except CONVERT_ERRORS:
                raise wrong_field(cls, d) from None
        if has_extra:
            o._extra = None  # type: ignore[attr-defined]  # computed from _raw on first access
            o._raw = d  # type: ignore[attr-defined]
        return o

    return structure_interpreted


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _convert(tp: Any, value: Any) -> Any:
    """``value`` (not ``None``, of the right JSON type) as a ``tp``."""
    if tp is _datetime.datetime:
        return parse_datetime(value)
    if tp is float:
        return float(value)
    enum_cls = enum_in(tp)
    if enum_cls is not None:
        return enum_cls._value2member_map_.get(value, value)
    if is_model(tp):
        return structure_fn(tp)(value)
    origin = typing.get_origin(tp)
    if origin in (list, typing.List, typing.Sequence) or origin is _abc_sequence():  # noqa: UP006
        (item,) = typing.get_args(tp) or (Any,)
        item, _ = strip_optional(item)
        if not _converts(item):
            return value
        return [None if i is None else _convert(item, i) for i in value]
    if origin in (dict, Mapping, _abc_mapping()):
        args = typing.get_args(tp)
        if len(args) != 2:
            return value
        item, _ = strip_optional(args[1])
        if not _converts(item):
            return value
        return {k: None if v is None else _convert(item, v) for k, v in value.items()}
    return value


def _converts(tp: Any) -> bool:
    """Whether :func:`_convert` changes a ``tp`` value (else a container is kept as is)."""
    if tp is _datetime.datetime or tp is float or enum_in(tp) is not None or is_model(tp):
        return True
    origin = typing.get_origin(tp)
    if origin in (list, typing.List, typing.Sequence) or origin is _abc_sequence():  # noqa: UP006
        (item,) = typing.get_args(tp) or (Any,)
        return _converts(strip_optional(item)[0])
    if origin in (dict, Mapping, _abc_mapping()):
        args = typing.get_args(tp)
        return len(args) == 2 and _converts(strip_optional(args[1])[0])
    return False


# ---- the cattrs converter (lazy: importing cattrs is not needed to decode responses) ----

_converter: Any = None


def converter() -> Any:
    """The one ``cattrs.Converter`` configured for the SDK's models: ``structure`` uses the
    generated functions; ``unstructure`` gives the API's JSON shape (datetimes as ISO 8601 with
    ``Z``, enums as their values, ``extra`` keys merged back)."""
    global _converter
    if _converter is None:
        import cattrs

        conv = cattrs.Converter()
        conv.register_structure_hook_func(is_model, lambda data, cls: structure(data, cls))
        conv.register_unstructure_hook(_datetime.datetime, _format_datetime)
        # An enum member as its plain value: a StrEnum member is a str subclass that cattrs
        # would pass through as a str, and the decoders take only exact JSON types.
        conv.register_unstructure_hook(enum.StrEnum, _enum_value)
        conv.register_unstructure_hook(enum.Enum, _enum_value)
        conv.register_unstructure_hook_factory(is_model, lambda cls: _model_unstructurer(conv, cls))
        _converter = conv
    return _converter


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _format_datetime(value: _datetime.datetime) -> str:
    """WorkOS's shape (milliseconds, ``Z`` for UTC); finer precision is kept, never cut."""
    timespec = "microseconds" if value.microsecond % 1000 else "milliseconds"
    if value.tzinfo is not None and value.utcoffset() == _datetime.timedelta(0):
        return value.replace(tzinfo=None).isoformat(timespec=timespec) + "Z"
    return value.isoformat(timespec=timespec)


def _model_unstructurer(conv: Any, cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    names = [(f.name, json_key(f)) for f in api_fields(cls)]

    def unstructure_model(obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, key in names:
            value = getattr(obj, name)
            out[key] = conv.unstructure(value)
        extra = getattr(obj, "extra", None)
        if extra:
            for key, value in extra.items():
                out.setdefault(key, value)
        return out

    return unstructure_model


def unstructure(obj: Any) -> Any:
    """A model (or anything cattrs knows) → JSON-ready data."""
    return converter().unstructure(obj)


__all__ = [
    "BaseModel",
    "LazyStructurer",
    "StructureError",
    "converter",
    "structure",
    "structure_fn",
    "unstructure",
]
