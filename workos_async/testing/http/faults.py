"""Fault injection: make matching requests fail the way networks and servers do.

A :class:`Fault` matches requests by method and path (a glob, or a regular expression) and
fires ``count`` times (or forever), optionally only with some probability (seeded, for soak
tests reproducible run to run). What it does is its ``kind``:

==============  ===========================================================================
``status``      answer ``status`` with ``body`` (default: the spec's shape for that status)
                and ``Retry-After`` when ``retry_after`` is set; the request is not applied
``latency``     wait ``latency`` seconds, then handle the request normally
``drop_before`` close the connection without answering; the request is **not** applied
``drop_after``  apply the request, then close the connection without answering (the
                ambiguous create: the client cannot tell it from a failure)
``truncate``    apply the request, send the headers and half of the body, close the
                connection (the client sees an incomplete payload)
``non_json``    answer ``status`` (default 200) with a body that is not JSON: an HTML error
                page (``text/html``), or ``body`` (str/bytes) labelled ``application/json``;
                the request is not applied
==============  ===========================================================================

``latency`` also delays any other kind before it acts.
"""

from __future__ import annotations

import fnmatch
import random
import re
import threading
from collections.abc import Mapping
from typing import Any, Literal, get_args

import attrs

from . import json_codec

FaultKind = Literal["status", "latency", "drop_before", "drop_after", "truncate", "non_json"]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)


def _check_method(_: Any, __: Any, value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"method must be a non-empty string like 'POST' or '*', got {value!r}")


def _check_count(_: Any, __: Any, value: int | None) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise ValueError(f"count must be an integer >= 1, or None for every match; got {value!r}")


def _check_kind(_: Any, __: Any, value: str) -> None:
    if value not in FAULT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}; got {value!r}")


def _check_probability(_: Any, __: Any, value: float) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0.0 < value <= 1.0:
        raise ValueError(f"probability must be a number in (0, 1]; got {value!r}")


def _check_seconds(_: Any, attribute: Any, value: float | None) -> None:
    if value is None:
        return
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 3600:
        raise ValueError(
            f"{attribute.name} must be a number of seconds in [0, 3600]; got {value!r}"
        )


def _check_status(_: Any, __: Any, value: int | None) -> None:
    if value is not None and (
        not isinstance(value, int) or isinstance(value, bool) or not 100 <= value <= 599
    ):
        raise ValueError(f"status must be an HTTP status code (100-599); got {value!r}")


def _check_skip(_: Any, __: Any, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63:
        raise ValueError(f"skip must be an integer >= 0; got {value!r}")


def _header_safe(text: str) -> bool:
    return text.isascii() and not any(c in text for c in "\r\n\0")


def _headers(value: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and _header_safe(k) and _header_safe(v)
        for k, v in value.items()
    ):
        raise ValueError(f"headers must map header names to string values; got {value!r}")
    return dict(value)


@attrs.frozen(kw_only=True)
class Fault:
    """A rule that makes matching requests fail (see the module docs for the kinds)."""

    #: ``"POST"``, ``"GET,PUT"`` or ``"*"`` (any).
    method: str = attrs.field(default="*", validator=_check_method)
    #: A glob on the request path without the query (``*`` also matches ``/``), or a regular
    #: expression matched against the whole path when ``regex`` is true.
    path: str = "*"
    regex: bool = False
    kind: FaultKind = attrs.field(default="status", validator=_check_kind)
    #: The status of a ``status`` fault (default 500) or of a ``non_json`` one (default 200).
    status: int | None = attrs.field(default=None, validator=_check_status)
    #: The body: a JSON-able object, or ``str``/``bytes`` sent as they are.
    body: Any = None
    headers: Mapping[str, str] = attrs.field(factory=dict, converter=_headers)
    #: Sent as the ``Retry-After`` header (whole seconds are sent as an integer).
    retry_after: float | None = attrs.field(default=None, validator=_check_seconds)
    #: Seconds to wait before acting.
    latency: float = attrs.field(default=0.0, validator=_check_seconds)
    #: How many times it fires; ``None``: every time it matches, until removed.
    count: int | None = attrs.field(default=1, validator=_check_count)
    #: Let this many matching requests through before firing.
    skip: int = attrs.field(default=0, validator=_check_skip)
    #: Chance that a matching request fires it (rolled with ``seed``).
    probability: float = attrs.field(default=1.0, validator=_check_probability)
    seed: int | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.path, str) or not self.path:
            raise ValueError(f"path must be a non-empty glob or regex string; got {self.path!r}")
        if self.regex:
            try:
                re.compile(self.path)
            except re.error as exc:
                raise ValueError(f"path is not a valid regular expression: {exc}") from None
        if self.kind == "latency" and not self.latency:
            raise ValueError("a 'latency' fault needs latency > 0 (seconds)")
        if (
            self.kind == "non_json"
            and self.body is not None
            and not isinstance(self.body, str | bytes)
        ):
            raise ValueError(
                "the body of a 'non_json' fault must be a str or bytes (or None for HTML)"
            )

    def to_dict(self) -> dict[str, Any]:
        """The fault as JSON-able data (what ``GET /_fake/faults`` shows)."""
        data = attrs.asdict(self)
        if isinstance(data["body"], bytes):
            data["body"] = data["body"].decode("utf-8", "replace")
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        """Build a fault from JSON data; ``ValueError`` naming the problem when it is bad."""
        if not isinstance(data, Mapping):
            raise ValueError("a fault must be a JSON object")
        known = {a.name for a in attrs.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(unknown)}")
        try:
            return cls(**data)
        except TypeError as exc:
            raise ValueError(str(exc)) from None


class _Active:
    __slots__ = ("fault", "fired", "id", "method_set", "pattern", "remaining", "rng", "seen")

    def __init__(self, fault_id: str, fault: Fault) -> None:
        self.id = fault_id
        self.fault = fault
        self.remaining = fault.count
        self.seen = 0
        self.fired = 0
        self.rng = random.Random(fault.seed)
        methods = {m.strip().upper() for m in fault.method.split(",") if m.strip()}
        self.method_set = None if "*" in methods else frozenset(methods)
        pattern = fault.path if fault.regex else fnmatch.translate(fault.path)
        self.pattern = re.compile(pattern)

    def matches(self, method: str, path: str) -> bool:
        if self.method_set is not None and method not in self.method_set:
            return False
        return self.pattern.fullmatch(path) is not None


class FaultSet:
    """The active faults of a fake; thread-safe (shares the fake's lock)."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._active: list[_Active] = []
        self._next = 1
        #: How many times faults fired in total.
        self.fired = 0

    def __bool__(self) -> bool:
        return bool(self._active)

    def __len__(self) -> int:
        return len(self._active)

    def add(self, fault: Fault) -> str:
        """Activate ``fault``; returns its id (for :meth:`remove`)."""
        if not isinstance(fault, Fault):
            raise TypeError(f"fault must be a Fault, got {type(fault).__name__}")
        with self._lock:
            fault_id = f"fault_{self._next}"
            self._next += 1
            self._active.append(_Active(fault_id, fault))
            return fault_id

    def remove(self, fault_id: str) -> bool:
        """Deactivate one fault; ``False`` when there is no such (active) fault."""
        with self._lock:
            for i, active in enumerate(self._active):
                if active.id == fault_id:
                    del self._active[i]
                    return True
            return False

    def clear(self) -> None:
        """Deactivate every fault."""
        with self._lock:
            self._active.clear()

    def reset(self) -> None:
        """Deactivate every fault and zero the counter."""
        with self._lock:
            self._active.clear()
            self.fired = 0

    def list(self) -> list[dict[str, Any]]:
        """The active faults with their ids and how often each fired / is left to fire."""
        with self._lock:
            return [
                {"id": a.id, "fired": a.fired, "remaining": a.remaining, **a.fault.to_dict()}
                for a in self._active
            ]

    def take(self, method: str, path: str) -> Fault | None:
        """The fault that fires for this request, if any (consumes one of its ``count``)."""
        with self._lock:
            for active in self._active:
                if not active.matches(method, path):
                    continue
                active.seen += 1
                if active.seen <= active.fault.skip:
                    continue
                if (
                    active.fault.probability < 1.0
                    and active.rng.random() >= active.fault.probability
                ):
                    continue
                active.fired += 1
                self.fired += 1
                if active.remaining is not None:
                    active.remaining -= 1
                    if active.remaining <= 0:
                        self._active.remove(active)
                return active.fault
            return None


_DEFAULT_NON_JSON = (
    b"<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>"
)
_STATUS_MESSAGES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    408: "Request Timeout",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def fault_body(fault: Fault) -> tuple[bytes, str]:
    """The body and content type a ``status`` fault answers with."""
    status = fault.status or 500
    body = fault.body
    if body is None:
        message = _STATUS_MESSAGES.get(status, "Injected fault")
        if status == 429:
            body = {"code": "rate_limit_exceeded", "message": "Too Many Requests (injected fault)."}
        elif status >= 500 or status in (401, 404):
            body = {"message": f"{message} (injected fault)."}
        else:
            body = {"code": "injected_fault", "message": f"{message} (injected fault)."}
    if isinstance(body, bytes):
        return body, "application/octet-stream"
    if isinstance(body, str):
        return body.encode(), "text/plain"
    return json_codec.dumps(body), "application/json"


def retry_after_header(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"
