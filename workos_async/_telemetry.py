"""OpenTelemetry spans and event hooks for each call, when either is in use.

Tracing is on when ``opentelemetry-api`` is installed and a tracer provider is configured
(``trace.set_tracer_provider(...)``): each call is one ``CLIENT`` span named
``"{method} {route template}"`` with the HTTP semantic conventions' attributes
(``http.request.method``, ``url.template``, ``server.address``, ``server.port``,
``http.response.status_code``, ``error.type``, ``http.request.resend_count``) and WorkOS's
(``workos.request_id``, ``workos.retry_count``, ``workos.in_doubt``); each retry is a span
event; the W3C ``traceparent`` of the span goes out in the request's headers.

Cost when unused: none of ``opentelemetry`` is ever imported by the package. A configured
tracer provider means the app imported ``opentelemetry.trace``, so each call only looks that
module up in ``sys.modules`` (a dict lookup) until it is there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ._hooks import CallEvent, EventHooks, run_hooks
from ._version import __version__

_modules = sys.modules
_trace: Any = None  # opentelemetry.trace, once imported
_context: Any = None
_propagate: Any = None
_no_provider: tuple[type, ...] = ()
_cached: tuple[Any, Any] | None = None  # (provider, tracer)

SPAN_NAME_SESSIONS_REFRESH = "workos.sessions.refresh"
SPAN_NAME_BULK_RUN = "workos.bulk.run"


def tracer() -> Any | None:
    """The package's tracer, or ``None`` when tracing is off (``opentelemetry.trace`` not
    imported by the app, or no provider configured yet: checked on every call so a provider set
    later is picked up)."""
    global _trace, _context, _propagate, _no_provider, _cached
    trace = _trace
    if trace is None:
        trace = _modules.get("opentelemetry.trace")
        if trace is None:
            return None
        from opentelemetry import context, propagate

        _context, _propagate = context, propagate
        _no_provider = (trace.ProxyTracerProvider, trace.NoOpTracerProvider)
        _trace = trace
    provider = trace.get_tracer_provider()
    if isinstance(provider, _no_provider):
        return None
    cached = _cached
    if cached is not None and cached[0] is provider:
        return cached[1]
    found = provider.get_tracer("workos_async", __version__)
    _cached = (provider, found)
    return found


@contextmanager
def operation_span(name: str, attributes: dict[str, Any] | None = None) -> Iterator[Any]:
    """An ``INTERNAL`` span around a larger operation (a bulk import run, a session refresh);
    the calls made inside become its children. Yields the span (``None`` when tracing is
    off)."""
    found = tracer()
    if found is None:
        yield None
        return
    with found.start_as_current_span(name, attributes=attributes) as span:
        yield span


def _error_type(error: BaseException) -> str:
    status = getattr(error, "status", None)
    return str(status) if isinstance(status, int) and status >= 400 else type(error).__name__


class CallObserver:
    """What one call reports: its span (when tracing) and its hook events. Created by the
    transport only when hooks or tracing are on; the plain path never sees one."""

    __slots__ = (
        "_span",
        "_token",
        "attempts",
        "hooks",
        "in_doubt",
        "method",
        "request_id",
        "route",
        "status",
    )

    def __init__(self, method: str, route: str, hooks: EventHooks | None) -> None:
        self.method = method
        self.route = route
        self.hooks = hooks
        self._span: Any = None
        self._token: Any = None
        self.attempts = 0
        self.status: int | None = None
        self.request_id: str | None = None
        self.in_doubt = False

    def start(self, found_tracer: Any, host: str | None, port: int | None) -> dict[str, str]:
        """Start the call's span, make it current, and return the headers carrying its
        trace context (``traceparent``) to add to the request."""
        attributes: dict[str, Any] = {
            "http.request.method": self.method,
            "url.template": self.route,
        }
        if host:
            attributes["server.address"] = host
        if port is not None:
            attributes["server.port"] = port
        span = found_tracer.start_span(
            f"{self.method} {self.route}",
            kind=_trace.SpanKind.CLIENT,
            attributes=attributes,
        )
        self._span = span
        ctx = _trace.set_span_in_context(span)
        self._token = _context.attach(ctx)
        carrier: dict[str, str] = {}
        _propagate.inject(carrier, context=ctx)
        return carrier

    def record(self, status: int | None, request_id: str | None) -> None:
        """What an attempt's answer said (kept for the span)."""
        if status is not None:
            self.status = status
        if request_id is not None:
            self.request_id = request_id

    async def before_attempt(self, attempt: int) -> None:
        """Run the ``request`` hooks for attempt ``attempt``."""
        hooks = self.hooks
        if hooks is not None and hooks.request:
            await run_hooks(hooks.request, CallEvent("request", self.method, self.route, attempt))

    async def after_attempt(
        self,
        attempt: int,
        duration: float,
        status: int | None,
        request_id: str | None,
        error: BaseException | None,
        in_doubt: bool = False,
    ) -> None:
        """Run the ``response`` hooks for attempt ``attempt``."""
        hooks = self.hooks
        if hooks is not None and hooks.response:
            event = CallEvent(
                "response",
                self.method,
                self.route,
                attempt,
                status=status,
                duration=duration,
                request_id=request_id,
                error_type=None if error is None else type(error).__name__,
                in_doubt=in_doubt,
            )
            await run_hooks(hooks.response, event)

    def retrying(
        self, attempt: int, delay: float, status: int | None, error: BaseException
    ) -> None:
        """Attempt ``attempt`` failed and the call is sent again after ``delay`` s."""
        span = self._span
        if span is not None:
            attributes: dict[str, Any] = {
                "workos.attempt": attempt,
                "workos.retry_delay_s": delay,
                "error.type": _error_type(error),
            }
            if status is not None:
                attributes["http.response.status_code"] = status
            span.add_event("retry", attributes)

    def end(self, error: BaseException | None) -> None:
        """The call is over (``error``: what it raised). Ends and detaches the span."""
        span = self._span
        if span is None:
            return
        self._span = None
        try:
            retries = max(self.attempts - 1, 0)
            in_doubt = self.in_doubt or bool(getattr(error, "may_have_succeeded", False))
            attributes: dict[str, Any] = {
                "workos.retry_count": retries,
                "workos.in_doubt": in_doubt,
            }
            if self.status is not None:
                attributes["http.response.status_code"] = self.status
            if self.request_id is not None:
                attributes["workos.request_id"] = self.request_id
            if retries:
                attributes["http.request.resend_count"] = retries
            if error is not None:
                kind = attributes["error.type"] = _error_type(error)
                span.set_status(_trace.Status(_trace.StatusCode.ERROR, kind))
            span.set_attributes(attributes)
        finally:
            span.end()
            _context.detach(self._token)
