"""Reading a request body as JSON, refusing what the fake could not handle safely.

A body that is not sent as ``application/json``, is not JSON, holds ``NaN`` / ``Infinity``,
a lone surrogate, an integer wider than 64 bits or nesting deeper than :data:`MAX_DEPTH` is a
400 ``invalid_request_body`` (never a crash later in a handler or while writing a response).
An empty body counts as ``{}``.
"""

from __future__ import annotations

from typing import Any

from . import json_codec
from .errors import bad_body

#: The deepest nesting of arrays and objects a body may have (WorkOS's own bodies: 3).
MAX_DEPTH = 32


def parse_json_body(body: bytes, content_type: str) -> Any:
    """The body as a JSON value (400 ``invalid_request_body`` when it cannot be one)."""
    if not body.strip():
        return {}
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise bad_body(
            "The request body must be sent as application/json, not "
            f"{content_type[:80] or 'no content type'}."
        )
    # Cheap bound first: fewer openers than the limit cannot nest deeper than it.
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and _depth_over(body, MAX_DEPTH):
        raise bad_body(f"The request body nests deeper than {MAX_DEPTH} levels.")
    try:
        return json_codec.loads(body)
    except ValueError as exc:
        reason = str(exc).split(":", 1)[0][:80]
        raise bad_body(f"The request body is not valid JSON ({reason}).") from None


def _depth_over(body: bytes, limit: int) -> bool:
    """Whether the JSON text nests arrays/objects deeper than ``limit`` (strings skipped)."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False
