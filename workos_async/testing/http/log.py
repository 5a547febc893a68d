"""The request log and counters: what tests read back about the traffic the fake saw.

Secrets never enter the log: the ``Authorization`` and cookie headers, secret body fields
(passwords, hashes, codes, tokens, client secrets) and secret path parameters (an invitation
token) are replaced by ``<redacted>`` when the entry is made. Response bodies are not kept.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Mapping
from typing import Any

import attrs

REDACTED = "<redacted>"

#: Header names (lower case) whose values are secrets.
SECRET_HEADERS = frozenset(
    {"authorization", "cookie", "set-cookie", "x-api-key", "proxy-authorization"}
)

#: Body and query keys whose values are secrets, wherever they appear.
SECRET_KEYS = frozenset(
    {
        "password",
        "new_password",
        "password_hash",
        "code",
        "token",
        "client_secret",
        "refresh_token",
        "access_token",
        "code_verifier",
        "pending_authentication_token",
        "totp_secret",
        "secret",
        "invitation_token",
        "password_reset_token",
        "device_code",
        "user_code",
        "api_key",
        "value",
        "session",
        "sealed_session",
        "cookie",
    }
)


def redact(value: Any) -> Any:
    """A copy of JSON data with the values of secret keys replaced (recursively)."""
    if isinstance(value, dict):
        return {
            k: (REDACTED if k in SECRET_KEYS and v is not None else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers as a dict, secret ones replaced."""
    return {str(k): (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


@attrs.frozen
class LoggedRequest:
    """One request the fake received (secrets already redacted)."""

    method: str
    #: The path as received, or with secret path parameters redacted.
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    #: The parsed JSON body (redacted), ``None`` without a body, or a note when unparseable.
    body: Any
    status: int | None
    request_id: str
    #: The matched route, e.g. ``"GET /user_management/users/{id}"`` (``None``: no route).
    route: str | None
    #: The fault kind that hit the request, if any.
    fault: str | None
    #: The fake's time when the request arrived.
    time: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (``GET /_fake/requests``)."""
        return attrs.asdict(self)


@attrs.frozen
class CounterSnapshot:
    """Counts since the last reset."""

    total: int
    #: ``{(method, route template): count}``; unmatched paths count under ``(method, None)``.
    by_route: dict[tuple[str, str | None], int]
    by_status: dict[int, int]
    #: Requests refused by the rate limiter (429).
    rate_limited: int
    #: Requests hit by a fault.
    faults: int
    #: Handler crashes answered with 500 (a bug in the fake: should stay 0).
    internal_errors: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (``GET /_fake/counters``)."""
        return {
            "total": self.total,
            "by_route": {f"{m} {r or '<no route>'}": n for (m, r), n in self.by_route.items()},
            "by_status": {str(s): n for s, n in self.by_status.items()},
            "rate_limited": self.rate_limited,
            "faults": self.faults,
            "internal_errors": self.internal_errors,
        }


class Counters:
    """Mutable counters (updated by the server under the fake's lock)."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.total = 0
            self.by_route: Counter[tuple[str, str | None]] = Counter()
            self.by_status: Counter[int] = Counter()
            self.rate_limited = 0
            self.faults = 0
            self.internal_errors = 0

    def count(self, method: str, route: str | None, status: int | None) -> None:
        self.total += 1
        self.by_route[(method, route)] += 1
        if status is not None:
            self.by_status[status] += 1

    def snapshot(self) -> CounterSnapshot:
        with self._lock:
            return CounterSnapshot(
                total=self.total,
                by_route=dict(self.by_route),
                by_status=dict(self.by_status),
                rate_limited=self.rate_limited,
                faults=self.faults,
                internal_errors=self.internal_errors,
            )


class RequestLog:
    """A bounded log of :class:`LoggedRequest` (oldest dropped first)."""

    def __init__(self, lock: threading.RLock, maxlen: int) -> None:
        self._lock = lock
        self._entries: deque[LoggedRequest] = deque(maxlen=maxlen)

    def append(self, entry: LoggedRequest) -> None:
        self._entries.append(entry)

    def snapshot(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
