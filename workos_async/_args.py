"""Argument checks and wire encoding that the generated resource methods (and the URL builders)
call: every check runs before any request and names the method and the argument.

Standard library only: the URL builders import it without loading the endpoint machinery.
Messages carry type names, never values (a value may be a secret), except for bounds, which
only integers have.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

__all__ = [
    "check_bool",
    "check_bounds",
    "check_exclusive",
    "check_int",
    "check_mapping",
    "check_mapping_list",
    "check_max_items",
    "check_number",
    "check_str",
    "check_str_sequence",
    "path_segment",
    "query_items",
    "spread_input",
    "type_error",
]


def path_segment(value: object, name: str, method: str) -> str:
    """A path parameter, checked and percent-encoded (``safe=""``): ids can never change the
    route (``/``, ``.``, ``..``, empty) — refused before any request."""
    if not isinstance(value, str):
        raise TypeError(f"{method}(): {name!r} must be str, not {type(value).__name__}")
    if value.isascii() and value.isidentifier():
        return value  # WorkOS ids (user_01H...) need no escaping: skip quote()'s cost
    if not value or value in (".", "..") or "/" in value:
        raise ValueError(
            f"{method}(): {name!r} must be a non-empty id without '/' and not '.' or '..'"
        )
    return quote(value, safe="")


def type_error(method: str, name: str, expected: str, value: object) -> TypeError:
    """The error for an argument of the wrong type (only type names: values may be secrets)."""
    return TypeError(f"{method}(): {name!r} must be {expected}, not {type(value).__name__}")


def check_bounds(method: str, name: str, value: int, lo: int | None, hi: int | None) -> None:
    """``lo <= value <= hi`` (either bound may be absent)."""
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"{method}(): {name!r} must be between {lo} and {hi}, not {value}")


def check_str(method: str, name: str, value: object) -> str:
    """A ``str``."""
    if not isinstance(value, str):
        raise type_error(method, name, "str", value)
    return value


def check_int(
    method: str, name: str, value: object, lo: int | None = None, hi: int | None = None
) -> int:
    """An ``int`` (not a ``bool``), within the bounds when given."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(method, name, "int", value)
    if lo is not None or hi is not None:
        check_bounds(method, name, value, lo, hi)
    return value


def check_bool(method: str, name: str, value: object) -> bool:
    """A ``bool`` (``1`` and ``"true"`` are refused)."""
    if not isinstance(value, bool):
        raise type_error(method, name, "bool", value)
    return value


def check_number(method: str, name: str, value: object) -> float:
    """An ``int`` or ``float`` (not a ``bool``)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise type_error(method, name, "a number", value)
    return value


def check_mapping(method: str, name: str, value: object) -> Mapping[str, Any]:
    """A mapping (sent as a JSON object)."""
    if not isinstance(value, Mapping):
        raise type_error(method, name, "a mapping", value)
    return value


def check_mapping_list(method: str, name: str, value: object) -> Sequence[Mapping[str, Any]]:
    """A list (or tuple) of mappings (sent as a JSON array of objects)."""
    if not isinstance(value, list | tuple):
        raise type_error(method, name, "a list of mappings", value)
    return value


def check_str_sequence(method: str, name: str, value: object) -> list[str]:
    """A list (tuple, set) of strings, as a new list; a bare ``str`` is refused."""
    if isinstance(value, str) or not isinstance(value, Sequence | set | frozenset):
        raise type_error(method, name, "a list of str", value)
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(
                f"{method}(): every item of {name!r} must be str, not {type(item).__name__}"
            )
    return items


def check_exclusive(
    method: str,
    group: tuple[tuple[str, ...], ...],
    given: Iterable[str],
    wire_names: Mapping[str, str] | None = None,
) -> None:
    """Mutually exclusive alternatives: at most one alternative, and all of its names.

    ``given`` are the keys sent (the body); ``wire_names`` maps a wire key back to its
    argument name where they differ.
    """
    names: Collection[str]
    if wire_names is not None:
        names = {wire_names.get(k, k) for k in given}
    elif isinstance(given, dict | set | frozenset):
        names = given  # a body: its keys answer `in` as they are
    else:
        names = set(given)
    # Plain loops: this runs on every call of such a method, and nearly always finds nothing.
    used: list[tuple[str, ...]] = []
    for alt in group:
        for name in alt:
            if name in names:
                used.append(alt)
                break
    if not used:
        return
    if len(used) > 1:
        first, second = (" + ".join(repr(n) for n in alt) for alt in used[:2])
        raise ValueError(f"{method}(): pass either {first} or {second}, not both")
    for alt in used:
        missing = [n for n in alt if n not in names]
        if missing:
            together = " and ".join(repr(n) for n in alt)
            raise ValueError(
                f"{method}(): {together} go together ({', '.join(map(repr, missing))} missing)"
            )


def check_max_items(method: str, max_items: object, query: dict[str, Any]) -> None:
    """``max_items`` of a list call: an int >= 0. When no ``limit`` was given, pages are no
    larger than needed (at most 100, WorkOS's maximum)."""
    if max_items is None:
        return
    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 0:
        raise ValueError(f"{method}(): max_items must be an int >= 0")
    if query.get("limit") is None and max_items:
        query["limit"] = min(max_items, 100)


def query_items(params: Mapping[str, Any], repeat: Collection[str] = ()) -> list[tuple[str, str]]:
    """Python query values → wire strings: bools as ``true``/``false``, lists comma-separated
    (``k=a,b``) or, for the keys in ``repeat``, one pair per item (``k=a&k=b``)."""
    items: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            items.append((key, "true" if value else "false"))
        elif isinstance(value, list | tuple):
            if key in repeat:
                items.extend((key, str(v)) for v in value)
            else:
                items.append((key, ",".join(str(v) for v in value)))
        else:
            items.append((key, str(value)))
    return items


def spread_input(
    method: str,
    name: str,
    value: object,
    types: tuple[type, ...],
    body: dict[str, Any],
    *,
    plain: type | None = None,
) -> None:
    """Put the fields of an input object (``workos_async.inputs``: ``PasswordHashed``,
    ``RoleSingle``, ...) into ``body``. ``None``, and a value of the argument's ``plain`` type
    (a ``str`` password, sent as is), are left alone. A field already in ``body`` (given as its
    flat argument too) is a ``ValueError`` naming both."""
    if value is None or (plain is not None and isinstance(value, plain)):
        return
    if not isinstance(value, types):
        expected = " or ".join([*([plain.__name__] if plain else []), *(t.__name__ for t in types)])
        raise type_error(method, name, expected, value)
    fields: dict[str, Any] = value.body_fields(method, name)  # type: ignore[attr-defined]
    for key, field in fields.items():
        if key in body:
            raise ValueError(
                f"{method}(): {name}={type(value).__name__}(...) and {key}= both give "
                f"{key!r}: pass one of them"
            )
        body[key] = field
