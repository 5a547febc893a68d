"""JSON encode/decode: orjson when it is installed (the ``orjson`` extra), else the stdlib.

Both backends accept exactly the same documents, so a body decodes (or fails) the same way
with or without orjson: ``NaN``/``Infinity`` and numbers that overflow a float are refused,
nesting deeper than :data:`MAX_DEPTH` is refused (the stdlib would raise ``RecursionError``),
and every refusal is one of :data:`DecodeError`. Duplicate keys keep the last value (both).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

loads: Callable[[bytes | str], Any]
dumps: Callable[[Any], bytes]

#: orjson's own nesting limit; the stdlib backend enforces the same one.
MAX_DEPTH = 1024


class JSONDepthError(ValueError):
    """A document nested deeper than :data:`MAX_DEPTH`."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("a number too large for a float")
    return value


_INT_MIN = -(2**63)
_INT_MAX = 2**64 - 1


def _int_like_orjson(text: str) -> int | float:
    # orjson reads integers outside the 64-bit range as floats (and refuses infinite ones).
    if len(text) < 19:
        return int(text)
    value = int(text) if len(text) <= 21 else None
    if value is not None and _INT_MIN <= value <= _INT_MAX:
        return value
    return _finite_float(text)


_stdlib_decoder = json.JSONDecoder(
    parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_int_like_orjson
)
_stdlib_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _too_deep(text: str) -> bool:
    """Whether brackets nest deeper than MAX_DEPTH (a cheap scan, run only for documents that
    could: strings are skipped, so ``"[[["`` inside a value does not count)."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def stdlib_loads(data: bytes | str) -> Any:
    """The stdlib backend: ``json`` with orjson's rules (see the module docs)."""
    text = data.decode("utf-8") if isinstance(data, bytes | bytearray) else data
    if text.count("[") + text.count("{") > MAX_DEPTH and _too_deep(text):
        raise JSONDepthError(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        value = _stdlib_decoder.decode(text)
    except RecursionError:  # a lower interpreter limit than MAX_DEPTH
        raise JSONDepthError("JSON nested too deeply") from None
    if ("\\ud" in text or "\\uD" in text) and not _valid_unicode(value):
        raise ValueError("a lone surrogate escape is not valid UTF-8 text")
    return value


def _valid_unicode(value: Any) -> bool:
    """Whether every string in ``value`` is encodable: no lone surrogate, as a JSON escape
    between ``\\ud800`` and ``\\udfff`` with no partner decodes to."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def stdlib_dumps(value: Any) -> bytes:
    return _stdlib_encoder.encode(value).encode()


try:
    import orjson
except ImportError:  # pragma: no cover - exercised by tests/core/test_json_no_orjson.py
    loads = stdlib_loads
    dumps = stdlib_dumps
    HAVE_ORJSON = False
else:
    loads = orjson.loads
    dumps = orjson.dumps
    HAVE_ORJSON = True

#: What a refused document raises (UnicodeDecodeError and orjson's error are ValueErrors).
DecodeError: tuple[type[Exception], ...] = (ValueError, RecursionError)
