"""Turning decoded JSON into models: one generated structure function per model class.

Decoding list pages is a hot path (a 100-user page is parsed per request in ``async for``), so
rather than walking type hints per object we generate, once per class, a small function that
stores each attribute straight into the slot, converting only the fields that need it
(datetimes, nested models, enums). The source is registered in ``linecache`` so tracebacks
through it stay readable. The generated functions are also registered as hooks of the one
cattrs ``Converter`` (:func:`converter`), which serves users who want ``structure``/
``unstructure`` by type and produces ``to_dict()``.

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
import linecache
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from .models._base import BaseModel, api_fields, json_key

T = TypeVar("T")

_STRUCTURERS: dict[type[Any], Callable[[Any], Any]] = {}

_parse_datetime = _datetime.datetime.fromisoformat


class StructureError(ValueError):
    """The data does not have the shape of the model (wrong container type, bad datetime)."""


def structure_fn(cls: type[T]) -> Callable[[Any], T]:
    """The (cached) generated function turning a decoded JSON object into ``cls``."""
    fn = _STRUCTURERS.get(cls)
    if fn is None:
        fn = _generate(cls)
    return fn


def structure(data: Any, cls: type[T]) -> T:
    """Decoded JSON → ``cls`` (a model class)."""
    return structure_fn(cls)(data)


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` → ``(X, True)``; anything else → ``(tp, False)``."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) != len(typing.get_args(tp))
        if len(args) == 1:
            return args[0], optional
        return typing.Union[tuple(args)], optional  # noqa: UP007 - rebuilding a runtime union
    return tp, False


def _enum_in(tp: Any) -> type[enum.Enum] | None:
    """The enum class of ``MyEnum`` or ``MyEnum | str``, else ``None``."""
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(tp):
            if isinstance(arg, type) and issubclass(arg, enum.Enum):
                return arg
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


class _Gen:
    """Builds the source of one structure function."""

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.ns: dict[str, Any] = {
            "_new": object.__new__,
            "_cls": cls,
            "_dict": dict,
            "_list": list,
            "_str": str,
            "_bool": bool,
            "_int": int,
            "_NUM": (int, float),
            "_dt": _parse_datetime,
            "_bad": _bad_container,
            "_wrong": _wrong_field,
            "_float": float,
            "_strs": _all_str,
            "_str_map": _all_str_values,
            "_MISSING": _MISSING,
            "_OMITTED": _OMITTED,
            "_omitted": _omitted,
            "_CONVERT_ERRORS": _CONVERT_ERRORS,
        }
        self.counter = 0

    def name_for(self, value: Any, prefix: str) -> str:
        self.counter += 1
        name = f"_{prefix}{self.counter}"
        self.ns[name] = value
        return name

    def converter_expr(self, tp: Any, var: str) -> str | None:
        """An expression converting ``var`` (never ``None`` here) to ``tp``, or ``None`` when
        the decoded JSON value is used as is. Used inside containers (types are checked by
        :meth:`check_expr` for fields)."""
        if tp is _datetime.datetime:
            return f"_dt({var})"
        if tp is float:
            return f"_float({var})"  # JSON numbers may arrive as ints
        enum_cls = _enum_in(tp)
        if enum_cls is not None:
            lookup = self.name_for(enum_cls._value2member_map_, "enum")
            return f"{lookup}.get({var}, {var})"
        if _is_model(tp):
            fn = self.name_for(LazyStructurer(tp), "s")
            return f"{fn}({var})"
        origin = typing.get_origin(tp)
        if origin in (list, typing.List, typing.Sequence) or origin is _abc_sequence():  # noqa: UP006
            (item,) = typing.get_args(tp) or (Any,)
            item, item_optional = _strip_optional(item)
            inner = self.converter_expr(item, "i")
            if inner is None:
                return None
            if item_optional:
                inner = f"None if i is None else {inner}"
            return f"[{inner} for i in {var}]"
        if origin in (dict, Mapping, _abc_mapping()):
            args = typing.get_args(tp)
            if len(args) == 2:
                value_tp, value_optional = _strip_optional(args[1])
                inner = self.converter_expr(value_tp, "v")
                if inner is not None:
                    if value_optional:
                        inner = f"None if v is None else {inner}"
                    return f"{{k: {inner} for k, v in {var}.items()}}"
            return None
        return None

    def check_expr(self, tp: Any, var: str) -> str | None:
        """An expression that is true when the JSON value ``var`` (not ``None``) has the wrong
        type for ``tp``; ``None`` when anything goes (or the converter checks it)."""
        if tp is _datetime.datetime:
            return None  # the parser raises TypeError for anything but a str
        if tp is str or _enum_in(tp) is not None:
            return f"{var}.__class__ is not _str"
        if tp is bool:
            return f"{var}.__class__ is not _bool"
        if tp is int:
            return f"{var}.__class__ is not _int"
        if tp is float:
            return f"{var}.__class__ not in _NUM"
        origin = typing.get_origin(tp)
        if origin in (list, typing.List, typing.Sequence) or origin is _abc_sequence():  # noqa: UP006
            (item,) = typing.get_args(tp) or (Any,)
            if item is str:
                return f"({var}.__class__ is not _list or not _strs({var}))"
            return f"{var}.__class__ is not _list"
        if origin in (dict, Mapping, _abc_mapping()):
            args = typing.get_args(tp)
            if len(args) == 2 and args[1] is str:
                # The value scan only for a non-empty object (most are empty).
                return f"({var}.__class__ is not _dict or ({var} and not _str_map({var})))"
            return f"{var}.__class__ is not _dict"
        return None

    def source(self) -> str:
        """Two functions: ``structure_X`` reads every key with ``d[key]`` (the common case:
        the response has them all), checks the JSON types, converts and stores; when a key is
        missing it hands over to ``structure_X_tolerant``, which does the same with ``.get``
        and the rules for absent keys (see the module docs)."""
        name = self.cls.__name__
        tolerant = self._function(f"structure_{name}_tolerant", tolerant=True)
        fast = self._function(f"structure_{name}", tolerant=False)
        return tolerant + "\n\n" + fast

    def _function(self, fn_name: str, *, tolerant: bool) -> str:
        cls = self.cls
        fields = api_fields(cls)
        read: list[str] = []
        store: list[str] = []
        checks: list[str] = []
        for index, f in enumerate(fields):
            key = json_key(f)
            v = f"v{index}"
            tp, optional = _strip_optional(f.type)
            field_default: Any = f.default
            if field_default is attrs.NOTHING:
                default = "None" if optional else None
            elif isinstance(field_default, attrs.Factory):  # type: ignore[arg-type]
                default = f"{self.name_for(field_default.factory, 'f')}()"
            elif field_default is None:
                default = "None"
            else:
                default = self.name_for(field_default, "d")
            required = default is None
            if not tolerant:
                # A field with a default in the model may be absent from a complete response
                # (a create-only field, one newer than the spec): .get keeps such objects on
                # the fast path; fields without a default are always sent (maybe as null).
                if field_default is attrs.NOTHING:
                    read.append(f"        {v} = d[{key!r}]")
                else:
                    read.append(f"        {v} = d.get({key!r})")
            else:
                read.append(f"    {v} = g({key!r}, _MISSING)")
                if required:
                    # Omitted although the spec requires it (WorkOS's emulator does this):
                    # the attribute is None; a null or wrong value is still refused.
                    read.append(f"    if {v} is _MISSING: {v} = _OMITTED; _omitted(_cls, {key!r})")
                else:
                    read.append(f"    if {v} is _MISSING: {v} = None")
            check = self.check_expr(tp, v)
            conv = self.converter_expr(tp, v)
            if check is not None:
                check_line = check if required else f"({v} is not None and {check})"
            elif required and conv is None:
                check_line = f"{v} is None"
            else:
                check_line = None  # a converter refuses None and wrong values itself
            if check_line is not None:
                if tolerant and required:
                    check_line = f"({v} is not _OMITTED and {check_line})"
                checks.append(check_line)
            target = f"o.{f.name}"
            lines: list[str] = []
            if tp is _datetime.datetime:
                parsed = [
                    f"_t = _dt({v})",
                    "if _t.tzinfo is None: raise _wrong(_cls, d)",
                    f"{target} = _t",
                ]
                if required:
                    lines = parsed
                else:
                    lines = [f"if {v} is None: {target} = {default}", "else:"]
                    lines += ["    " + line for line in parsed]
            elif conv is not None:
                if required:
                    lines = [f"{target} = {conv}"]
                else:
                    lines = [f"{target} = {default} if {v} is None else {conv}"]
            elif not required and default != "None":
                lines = [f"{target} = {default} if {v} is None else {v}"]
            else:
                lines = [f"{target} = {v}"]
            if tolerant and required:
                lines = [f"if {v} is _OMITTED: {target} = None", "else:"] + [
                    "    " + line for line in lines
                ]
            store += ["        " + line for line in lines]
        out = [f"def {fn_name}(d):"]
        if tolerant:
            out.append("    g = d.get")
            out += read
        else:
            out.append("    if type(d) is not _dict:")
            out.append("        raise _bad(_cls, d)")
            out.append("    try:")
            out += read or ["        pass"]
            out.append("    except KeyError:")
            out.append(f"        return {fn_name}_tolerant(d)")
        if checks:
            out.append("    if (")
            out += [f"        {c} or" for c in checks[:-1]]
            out.append(f"        {checks[-1]}")
            out.append("    ):")
            out.append("        raise _wrong(_cls, d)")
        out.append("    o = _new(_cls)")
        out.append("    try:")
        out += store or ["        pass"]
        out.append("    except _CONVERT_ERRORS:")
        out.append("        raise _wrong(_cls, d) from None")
        out.append("    o._extra = None  # computed from _raw on first access")
        out.append("    o._raw = d")
        out.append("    return o")
        return "\n".join(out) + "\n"


_OMITTED = object()
_omitted_seen: set[tuple[type[Any], str]] = set()


def _omitted(cls: type[Any], key: str) -> None:
    """Note (once per model and key, at DEBUG) a required key the response left out."""
    if (cls, key) not in _omitted_seen:
        _omitted_seen.add((cls, key))
        from ._logs import logger

        logger.debug("%s: the response omits the required key %r (set to None)", cls.__name__, key)


#: What a conversion of a wrong value raises (a bad datetime string, a float overflow, ...).
_CONVERT_ERRORS = (ValueError, TypeError, ArithmeticError, AttributeError, KeyError)


# Plain loops: ``all(<generator>)`` costs ~4x more on the small lists and objects seen here.
def _all_str(values: list[Any]) -> bool:
    for value in values:  # noqa: SIM110
        if value.__class__ is not str:
            return False
    return True


def _all_str_values(values: dict[str, Any]) -> bool:
    for value in values.values():  # noqa: SIM110
        if value.__class__ is not str:
            return False
    return True


def _wrong_field(cls: type[Any], data: Mapping[str, Any]) -> StructureError:
    """Names the first field whose JSON value has the wrong type (run only on failure)."""
    hints = typing.get_type_hints(cls)
    for f in api_fields(cls):
        key = json_key(f)
        if key not in data:
            continue
        value = data[key]
        tp, optional = _strip_optional(hints.get(f.name, Any))
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
            parsed = _parse_datetime(value)
        except ValueError:
            return "not an ISO 8601 timestamp"
        if parsed.tzinfo is None:
            return "a timestamp without a UTC offset (naive datetimes are refused)"
        return None
    simple = {str: "str", bool: "bool", int: "int"}
    if tp in simple or _enum_in(tp) is not None:
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
        if item is str and not _all_str(value):
            return "expected a list of str"
        return None
    if origin in (dict, Mapping, _abc_mapping()):
        if type(value) is not dict:
            return f"expected an object, got {got}"
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is str and not _all_str_values(value):
            return "expected an object of str values"
        return None
    if _is_model(tp) and type(value) is not dict:
        return f"expected an object, got {got}"
    return None


_MISSING = object()


def _abc_sequence() -> Any:
    import collections.abc

    return collections.abc.Sequence


def _abc_mapping() -> Any:
    import collections.abc

    return collections.abc.Mapping


class LazyStructurer:
    """Defers generating a model's function until first use: models can nest in cycles, and
    most classes (of the table's rows too) are never seen by a given program."""

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


def _bad_container(cls: type[Any], data: Any) -> StructureError:
    return StructureError(f"expected a JSON object for {cls.__name__}, got {type(data).__name__}")


def _generate(cls: type[T]) -> Callable[[Any], T]:
    if not _is_model(cls):
        raise TypeError(f"{cls!r} is not an attrs model class")
    attrs.resolve_types(cls)  # type: ignore[type-var]
    gen = _Gen(cls)
    src = gen.source()
    filename = f"<workos_async generated structure {cls.__module__}.{cls.__qualname__}>"
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    exec(compile(src, filename, "exec"), gen.ns)
    fn: Callable[[Any], T] = gen.ns[f"structure_{cls.__name__}"]
    _STRUCTURERS[cls] = fn
    return fn


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
        conv.register_structure_hook_func(_is_model, lambda data, cls: structure(data, cls))
        conv.register_unstructure_hook(_datetime.datetime, _format_datetime)
        conv.register_unstructure_hook_factory(
            _is_model, lambda cls: _model_unstructurer(conv, cls)
        )
        _converter = conv
    return _converter


def _format_datetime(value: _datetime.datetime) -> str:
    if value.tzinfo is not None and value.utcoffset() == _datetime.timedelta(0):
        text = value.replace(tzinfo=None).isoformat(timespec="milliseconds")
        return text + "Z"
    return value.isoformat()


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
    if isinstance(obj, enum.Enum):
        return obj.value
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
