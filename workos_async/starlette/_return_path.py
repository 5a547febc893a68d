"""Return paths after sign-in: only a path on this site is followed (no open redirect)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["safe_return_path"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_return_path(value: str | None, default: str = "/") -> str:
    """``value`` if it is a path on this site (``/...``), else ``default``: no scheme, no
    host, no ``//`` or ``/\\`` start, no control characters — no open redirect."""
    if not value or len(value) > 2048 or not value.startswith("/"):
        return default
    if value.startswith(("//", "/\\")) or _CONTROL.search(value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    return value
