"""Comparing secrets (codes, tokens, client ids and secrets) in constant time.

:func:`hmac.compare_digest` refuses ``str`` values with non-ASCII characters (``TypeError``),
and a client may send any text: both sides are compared as UTF-8 bytes instead.
"""

from __future__ import annotations

import hmac


def _bytes(value: str) -> bytes:
    # surrogatepass: a lone surrogate from a JSON escape must not raise here either.
    return value.encode("utf-8", "surrogatepass")


def same_secret(given: str, expected: str) -> bool:
    """Whether ``given`` equals ``expected``, in time that does not depend on where they differ."""
    return hmac.compare_digest(_bytes(given), _bytes(expected))
