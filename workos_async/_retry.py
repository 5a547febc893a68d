"""Retry rules as pure functions: no I/O, no clock reads, no randomness of their own.

The transport asks these questions (:func:`decide` after every failed attempt); tests ask them
directly. The rules:

- A call is retried after a connection failure, a timeout, a cut-off body, or a status in
  :data:`RETRYABLE_STATUSES`, up to ``max_retries`` times, never past its deadline.
- A non-idempotent call (``POST``, ``PATCH``) is sent again only when it provably was not
  processed: the connection was never established, or the answer was a 429, or a 503 with
  ``Retry-After``. Any other failure of a write is *in doubt* (:data:`IN_DOUBT`): the
  transport resolves it by a lookup where it can, else raises ``RequestInDoubtError``.
  ``retry_non_idempotent`` (per call) restores blind retries.
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable
from typing import Literal

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


#: Methods a second send cannot apply twice (RFC 9110 section 9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

Verdict = Literal["retry", "raise", "in_doubt", "deadline"]
RETRY: Verdict = "retry"
#: Raise the attempt's error as it is (a definite answer, or retries exhausted).
RAISE: Verdict = "raise"
#: A write that may have been applied: resolve it or raise ``RequestInDoubtError``.
IN_DOUBT: Verdict = "in_doubt"
#: Another attempt would start after the call's deadline.
DEADLINE: Verdict = "deadline"


def may_resend(
    method: str, *, not_sent: bool, status: int | None, has_retry_after: bool, blind: bool
) -> bool:
    """Whether sending the request again cannot apply it twice.

    ``not_sent``: the connection was never established (nothing left the client).
    ``status``: the answer's status, ``None`` when no answer came.
    ``blind``: the caller opted in to retrying writes anyway (``retry_non_idempotent``).
    """
    if blind or not_sent or method in IDEMPOTENT_METHODS:
        return True
    # 429 is sent before any work; a 503 with Retry-After is a load-shedder's refusal.
    return status == 429 or (status == 503 and has_retry_after)


def decide(
    method: str,
    *,
    attempt: int,
    max_retries: int,
    status: int | None,
    not_sent: bool = False,
    retry_after: float | None = None,
    has_retry_after: bool = False,
    blind: bool = False,
    jitter: float,
    max_retry_after: float,
    remaining: float | None,
) -> tuple[Verdict, float]:
    """What to do after attempt ``attempt`` (0-based) failed, and the delay for a retry.

    ``status`` is ``None`` for a failure without an answer (connection error, timeout, cut-off
    body). ``remaining`` is the time left before the call's deadline (``None``: no deadline).
    """
    if status is not None and status not in RETRYABLE_STATUSES:
        return RAISE, 0.0
    if not may_resend(
        method, not_sent=not_sent, status=status, has_retry_after=has_retry_after, blind=blind
    ):
        return IN_DOUBT, 0.0
    if attempt >= max_retries:
        return RAISE, 0.0
    delay = retry_delay(attempt, retry_after, jitter, max_retry_after)
    if delay is None:
        return RAISE, 0.0
    if remaining is not None and delay >= remaining:
        return DEADLINE, 0.0
    return RETRY, delay
