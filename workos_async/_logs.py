"""The SDK's logger, ``logging.getLogger("workos_async")``, and its redaction filter.

Nothing the SDK logs contains a secret by construction: request lines name the path
*template* (``/user_management/invitations/by_token/{token}``), never bodies or headers. The
filter is a second line of defence against API keys and bearer tokens that reach the logger
through a message built elsewhere. ``WORKOS_LOG=debug|info|warning`` adds a stderr handler.
"""

from __future__ import annotations

import logging
import os
import re

logger = logging.getLogger("workos_async")

_SECRET_PATTERNS = re.compile(
    r"(sk_(?:test_|live_)?[A-Za-z0-9_\-]{6,})|(Bearer\s+[A-Za-z0-9._\-~+/=]+)|(Fe26\.2\*[^\s\"']+)",
)


def redact(text: str) -> str:
    """``text`` with API keys, bearer tokens and sealed cookies replaced by ``<redacted>``."""
    return _SECRET_PATTERNS.sub("<redacted>", text)


class RedactingFilter(logging.Filter):
    """Rewrites records of the ``workos_async`` logger so no key or token leaves in them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


_configured = False


def setup_logging() -> None:
    """Install the filter once, and a stderr handler when ``WORKOS_LOG`` asks for one."""
    global _configured
    if _configured:
        return
    _configured = True
    logger.addFilter(RedactingFilter())
    level = os.environ.get("WORKOS_LOG", "").strip().upper()
    if level in ("DEBUG", "INFO", "WARNING", "ERROR"):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
