"""Retry rules as pure functions: no I/O, no clock reads, no randomness of their own.

The transport asks these questions; tests ask them directly.
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable

#: Statuses worth another attempt: request timeout, rate limit, and transient server trouble.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

INITIAL_DELAY = 0.5
MAX_DELAY = 8.0


def should_retry_status(status: int, attempt: int, max_retries: int) -> bool:
    """Whether a response with ``status`` on attempt ``attempt`` (0-based) gets another try."""
    return attempt < max_retries and status in RETRYABLE_STATUSES


def backoff_delay(attempt: int, jitter: float) -> float:
    """Exponential backoff for retry number ``attempt`` (0-based) with full jitter.

    ``jitter`` is a number in [0, 1) from the caller's random source; the delay lands in
    [half, full] of ``INITIAL_DELAY * 2**attempt`` capped at ``MAX_DELAY``, so concurrent
    clients spread out but never retry instantly.
    """
    ceiling = min(MAX_DELAY, INITIAL_DELAY * 2.0**attempt)
    return float(ceiling * (0.5 + 0.5 * jitter))


def parse_retry_after(value: str | None, now: Callable[[], float]) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date.

    ``now`` returns the current Unix time (only read for the date form). Returns ``None`` for a
    missing or unreadable header; a date in the past gives ``0.0``.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN guard
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now())


def retry_delay(
    attempt: int, retry_after: float | None, jitter: float, max_retry_after: float
) -> float | None:
    """How long to sleep before the next attempt, or ``None`` when the server asks for a wait
    longer than ``max_retry_after`` (then the error is raised at once, carrying
    ``retry_after``, so the caller can schedule the work instead of a thread sleeping)."""
    if retry_after is not None:
        if retry_after > max_retry_after:
            return None
        return retry_after
    return backoff_delay(attempt, jitter)
