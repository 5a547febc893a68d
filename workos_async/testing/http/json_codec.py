"""JSON for the fake's HTTP layer: orjson when it is installed (the hot path), the standard
library otherwise, and wherever orjson refuses.

Parsing refuses ``NaN`` / ``Infinity`` (not JSON) and nesting too deep for the parser, with a
``ValueError``; writing falls back to the standard library for what orjson cannot write
(integers wider than 64 bits, lone surrogates), so whatever a request brought in can be
answered.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is an optional extra
    _orjson = None  # type: ignore[assignment]


def _stdlib_dumps(obj: Any) -> bytes:
    # ensure_ascii escapes lone surrogates instead of failing to encode them.
    return json.dumps(obj, separators=(",", ":"), allow_nan=False).encode()


def dumps(obj: Any) -> bytes:
    """Serialize ``obj`` to compact UTF-8 JSON."""
    if _orjson is not None:
        try:
            return _orjson.dumps(obj)
        except TypeError:  # orjson.JSONEncodeError: wide integers, lone surrogates
            pass
    return _stdlib_dumps(obj)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads(data: bytes) -> Any:
    """Parse JSON; raises ``ValueError`` when ``data`` is not JSON."""
    if _orjson is not None:
        try:
            return _orjson.loads(data)
        except ValueError:
            pass  # orjson refuses some JSON (wide integers): the standard library decides
    try:
        return json.loads(data, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("too deeply nested") from None
