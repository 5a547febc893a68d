"""JSON encode/decode: orjson when it is installed (the ``orjson`` extra), else the stdlib."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

loads: Callable[[bytes | str], Any]
dumps: Callable[[Any], bytes]

try:
    import orjson
except ImportError:  # pragma: no cover - exercised in the no-extras CI leg
    _encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)

    def dumps(value: Any) -> bytes:
        return _encoder.encode(value).encode()

    loads = json.loads
    DecodeError: tuple[type[Exception], ...] = (ValueError,)
else:
    loads = orjson.loads
    dumps = orjson.dumps
    DecodeError = (orjson.JSONDecodeError, ValueError)
