"""JSON for the fake: orjson when it is installed (the hot path), the standard library otherwise."""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is an optional extra
    _orjson = None  # type: ignore[assignment]


def dumps(obj: Any) -> bytes:
    """Serialize ``obj`` to compact UTF-8 JSON."""
    if _orjson is not None:
        return _orjson.dumps(obj)
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def loads(data: bytes) -> Any:
    """Parse JSON; raises ``ValueError`` when ``data`` is not JSON.

    orjson refuses a few inputs the standard library takes (integers wider than 64 bits), so a
    refusal falls back to :func:`json.loads` before the body is called malformed.
    """
    if _orjson is not None:
        try:
            return _orjson.loads(data)
        except ValueError:
            pass
    return json.loads(data)
