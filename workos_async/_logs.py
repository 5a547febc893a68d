"""The SDK's loggers (``workos_async`` and its children), their redaction filter and fields.

Nothing the SDK logs contains a secret by construction: request lines name the path
*template* (``/user_management/invitations/by_token/{token}``), never bodies or headers. The
filter is a second line of defence against API keys, bearer tokens and sealed cookies that
reach a logger through a message built elsewhere. It sits on *every* logger of the package
(a logger's filters do not apply to records of its children, so each gets its own).

Structured fields: every record of the package carries ``workos.method``, ``workos.route``
(the route template), ``workos.status``, ``workos.request_id``, ``workos.attempt`` and
``workos.duration_ms`` as record attributes (``None`` when a record is not about a request),
for JSON formatters and log pipelines (``getattr(record, "workos.route")``).

``WORKOS_LOG=debug|info|warning`` sets the level and adds a stderr handler that prints only
records no other handler will (an app that configured root logging sees each line once).
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

logger = logging.getLogger("workos_async")

#: Every logger the package logs through (``tests/core/test_observability_logs.py`` checks the
#: source names no other).
PACKAGE_LOGGERS = (
    "workos_async",
    "workos_async.bulk",
    "workos_async.coordination",
    "workos_async.fastapi",
    "workos_async.sessions",
    "workos_async.starlette",
    "workos_async.testing",
)

#: The structured fields of every record (attribute names on the ``LogRecord``).
FIELDS = (
    "workos.method",
    "workos.route",
    "workos.status",
    "workos.request_id",
    "workos.attempt",
    "workos.duration_ms",
)

_SECRET_PATTERNS = re.compile(
    r"(sk_(?:test_|live_)?[A-Za-z0-9_\-]{6,})|(Bearer\s+[A-Za-z0-9._\-~+/=]+)|(Fe26\.2\*[^\s\"']+)",
)


def redact(text: str) -> str:
    """``text`` with API keys, bearer tokens and sealed cookies replaced by ``<redacted>``."""
    return _SECRET_PATTERNS.sub("<redacted>", text)


def request_fields(
    method: str,
    route: str,
    status: int | None,
    request_id: str | None,
    attempt: int | None,
    duration_ms: float | None,
) -> dict[str, Any]:
    """The ``extra=`` of a record about a request."""
    return {
        "workos.method": method,
        "workos.route": route,
        "workos.status": status,
        "workos.request_id": request_id,
        "workos.attempt": attempt,
        "workos.duration_ms": None if duration_ms is None else round(duration_ms, 3),
    }


class RedactingFilter(logging.Filter):
    """Rewrites records of the package's loggers so no key or token leaves in them, and gives
    every record the structured fields (``None`` when unset)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        fields = record.__dict__
        for name in FIELDS:
            if name not in fields:
                fields[name] = None
        return True


_FILTER = RedactingFilter()
for _name in PACKAGE_LOGGERS:
    logging.getLogger(_name).addFilter(_FILTER)


class _UnhandledElsewhere(logging.Filter):
    """Lets through only records that no handler outside the package's loggers will print."""

    def filter(self, record: logging.LogRecord) -> bool:
        parent = logger.parent
        if not logger.propagate:
            return True
        while parent is not None:
            if parent.handlers:
                return False
            if not parent.propagate:
                break
            parent = parent.parent
        return True


_configured = False


def setup_logging() -> None:
    """Add a stderr handler once when ``WORKOS_LOG`` asks for one."""
    global _configured
    if _configured:
        return
    _configured = True
    level = os.environ.get("WORKOS_LOG", "").strip().upper()
    if level in ("DEBUG", "INFO", "WARNING", "ERROR"):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        handler.addFilter(_UnhandledElsewhere())
        logger.addHandler(handler)
        logger.setLevel(level)
