"""OpenTelemetry: one CLIENT span per WorkOS call with the HTTP semantic conventions'
attributes, retries as span events, trace context in the outgoing headers; a FastAPI app
calling the fake shows one span per call under its own span."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from workos_async import AsyncWorkOS, NotFoundError, RequestInDoubtError
from workos_async.testing import FakeWorkOS, Fault

_EXPORTER = InMemorySpanExporter()


class _WhileTesting(SpanProcessor):
    """Exports only while a test of this module runs (the global provider stays set for the
    rest of the session; other tests' spans are dropped, not kept in memory)."""

    active = False

    def __init__(self) -> None:
        self._inner = SimpleSpanProcessor(_EXPORTER)

    def on_end(self, span: ReadableSpan) -> None:
        if self.active:
            self._inner.on_end(span)


_PROCESSOR = _WhileTesting()


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    if not getattr(provider, "_workos_test_processor", False):
        provider.add_span_processor(_PROCESSOR)
        provider._workos_test_processor = True  # type: ignore[attr-defined]
    assert trace.get_tracer_provider() is provider
    _EXPORTER.clear()
    _PROCESSOR.active = True
    try:
        yield _EXPORTER
    finally:
        _PROCESSOR.active = False
        _EXPORTER.clear()


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as fake:
        yield fake


@pytest.fixture
async def workos(fake: FakeWorkOS, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncWorkOS]:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    async with AsyncWorkOS(
        api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url, max_retries=3
    ) as client:
        yield client


def workos_spans(exporter: InMemorySpanExporter) -> list[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if s.kind == trace.SpanKind.CLIENT]


def traceparent_of(span: ReadableSpan) -> str:
    ctx = span.get_span_context()
    assert ctx is not None
    return f"00-{ctx.trace_id:032x}-{ctx.span_id:016x}-{ctx.trace_flags:02x}"


def assert_no_ids(span: ReadableSpan, *ids: str) -> None:
    texts = [span.name, *(str(v) for v in (span.attributes or {}).values())]
    for event in span.events:
        texts += [str(v) for v in (event.attributes or {}).values()]
    for value in ids:
        assert not any(value in text for text in texts), (value, texts)


async def test_a_call_is_one_client_span_with_the_http_attributes(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    user = await workos.user_management.create_user(email="ada@example.com")
    spans.clear()
    fake.clear_requests()
    await workos.user_management.get_user(user.id)
    [span] = workos_spans(spans)
    [received] = fake.requests
    attributes = dict(span.attributes or {})
    assert span.name == "GET /user_management/users/{id}"
    assert attributes["http.request.method"] == "GET"
    assert attributes["url.template"] == "/user_management/users/{id}"
    assert attributes["server.address"] == "127.0.0.1"
    assert attributes["server.port"] == int(fake.url.rsplit(":", 1)[1])
    assert attributes["http.response.status_code"] == 200
    assert attributes["workos.request_id"] == received.request_id
    assert attributes["workos.retry_count"] == 0
    assert attributes["workos.in_doubt"] is False
    assert "error.type" not in attributes
    assert span.status.status_code == trace.StatusCode.UNSET
    assert_no_ids(span, user.id, "ada@example.com")
    # The trace context went out with the request.
    assert received.headers.get("traceparent") == traceparent_of(span)


async def test_retries_are_events_and_every_attempt_carries_the_trace(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    fake.faults.add(Fault(method="GET", path="/user_management/users", status=503, count=2))
    await workos.user_management.list_users(email="x@example.com")
    [span] = workos_spans(spans)
    attributes = dict(span.attributes or {})
    assert attributes["workos.retry_count"] == 2
    assert attributes["http.request.resend_count"] == 2
    assert attributes["http.response.status_code"] == 200
    retries = [e for e in span.events if e.name == "retry"]
    assert [e.attributes["http.response.status_code"] for e in retries] == [503, 503]  # type: ignore[index]
    assert [e.attributes["workos.attempt"] for e in retries] == [1, 2]  # type: ignore[index]
    assert attributes["url.template"] == "/user_management/users"  # no query
    assert_no_ids(span, "x@example.com", "email=")
    parents = {r.headers.get("traceparent") for r in fake.requests}
    assert parents == {traceparent_of(span)}
    assert len(fake.requests) == 3


async def test_a_429_then_success(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    fake.faults.add(Fault(method="POST", path="/organizations", status=429, retry_after=0, count=1))
    await workos.organizations.create_organization(name="Acme")
    [span] = workos_spans(spans)
    [retry] = [e for e in span.events if e.name == "retry"]
    assert retry.attributes["http.response.status_code"] == 429  # type: ignore[index]
    assert retry.attributes["error.type"] == "429"  # type: ignore[index]
    assert span.attributes["http.response.status_code"] == 201  # type: ignore[index]


async def test_an_error_sets_error_type_and_status(
    spans: InMemorySpanExporter, workos: AsyncWorkOS
) -> None:
    with pytest.raises(NotFoundError):
        await workos.user_management.get_user("user_missing")
    [span] = workos_spans(spans)
    assert span.attributes["error.type"] == "404"  # type: ignore[index]
    assert span.attributes["http.response.status_code"] == 404  # type: ignore[index]
    assert span.attributes["workos.request_id"]  # type: ignore[index]
    assert span.status.status_code == trace.StatusCode.ERROR
    assert_no_ids(span, "user_missing")


async def test_a_connection_error_is_typed(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    fake.faults.add(
        Fault(method="GET", path="/user_management/users/*", kind="drop_before", count=None)
    )
    with pytest.raises(Exception) as caught:
        await workos.user_management.get_user("user_1")
    [span] = workos_spans(spans)
    assert span.attributes["error.type"] == type(caught.value).__name__  # type: ignore[index]
    assert span.attributes["workos.retry_count"] == 3  # type: ignore[index]
    assert "http.response.status_code" not in (span.attributes or {})


async def test_in_doubt_writes(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    # Resolved by a lookup: the lookup is a child span of the write's span.
    fake.faults.add(Fault(method="POST", path="/user_management/users", kind="drop_after"))
    user = await workos.user_management.create_user(email="ada@example.com")
    assert user.email == "ada@example.com"
    client_spans = workos_spans(spans)
    [write] = [s for s in client_spans if s.name == "POST /user_management/users"]
    assert write.attributes["workos.in_doubt"] is True  # type: ignore[index]
    assert "error.type" not in (write.attributes or {})
    lookups = [s for s in client_spans if s is not write]
    assert lookups
    assert all(s.parent is not None and s.parent.span_id == write.context.span_id for s in lookups)
    # Not resolvable (max_retries=0: no lookup): RequestInDoubtError on the span.
    spans.clear()
    fake.faults.add(Fault(method="POST", path="/user_management/users", kind="drop_after"))
    with pytest.raises(RequestInDoubtError):
        await workos.user_management.create_user(
            email="bob@example.com", request_options={"max_retries": 0}
        )
    [span] = workos_spans(spans)
    assert span.attributes["workos.in_doubt"] is True  # type: ignore[index]
    assert span.attributes["error.type"] == "RequestInDoubtError"  # type: ignore[index]


async def test_calls_inside_a_span_are_its_children(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    tracer = trace.get_tracer("test")
    with tracer.start_as_current_span("handler") as parent:
        await workos.organizations.create_organization(name="Acme")
    [span] = workos_spans(spans)
    assert span.context.trace_id == parent.get_span_context().trace_id
    assert span.parent is not None and span.parent.span_id == parent.get_span_context().span_id
    # The call's context was detached: the handler's span is current again afterwards.
    assert trace.get_current_span() is trace.INVALID_SPAN


async def test_fastapi_app_shows_one_span_per_workos_call(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    app = FastAPI()
    tracer = trace.get_tracer("app")

    @app.post("/signup")
    async def signup(body: dict[str, Any]) -> dict[str, Any]:
        with tracer.start_as_current_span("signup handler"):
            user = await workos.user_management.create_user(email=body["email"])
            org = await workos.organizations.create_organization(name=body["org"])
            await workos.user_management.create_organization_membership(
                user_id=user.id, organization_id=org.id
            )
            fetched = await workos.user_management.get_user(user.id)
        return {"id": fetched.id}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
        response = await http.post("/signup", json={"email": "ada@example.com", "org": "Acme"})
    assert response.status_code == 200
    finished = spans.get_finished_spans()
    [server] = [s for s in finished if s.name == "signup handler"]
    calls = workos_spans(spans)
    assert [s.name for s in calls] == [
        "POST /user_management/users",
        "POST /organizations",
        "POST /user_management/organization_memberships",
        "GET /user_management/users/{id}",
    ]
    log = fake.requests
    assert len(log) == 4
    for span, received in zip(calls, log, strict=True):
        attributes = dict(span.attributes or {})
        assert span.parent is not None and span.parent.span_id == server.context.span_id
        assert attributes["http.request.method"] == received.method
        assert attributes["url.template"] == span.name.split(" ", 1)[1]
        assert attributes["server.address"] == "127.0.0.1"
        assert attributes["http.response.status_code"] == received.status
        assert attributes["workos.request_id"] == received.request_id
        assert attributes["workos.retry_count"] == 0
        assert attributes["workos.in_doubt"] is False
        assert received.headers["traceparent"] == traceparent_of(span)
        assert_no_ids(span, response.json()["id"], "ada@example.com")


def test_without_opentelemetry_or_a_provider_nothing_is_traced() -> None:
    """In a fresh interpreter: not installed, or installed but not imported by the app (so no
    provider) → no header, and the package never imported any of OpenTelemetry."""
    script = textwrap.dedent(
        """
        import asyncio, sys
        if sys.argv[1] == "missing":
            sys.modules["opentelemetry"] = None  # as if not installed
        from workos_async import AsyncWorkOS
        from workos_async.testing import FakeWorkOS

        async def main():
            async with FakeWorkOS() as fake:
                async with AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) as w:
                    await w.organizations.create_organization(name="Acme")
                    await w.organizations.create_organization(name="Beta")
                headers = [r.headers for r in fake.requests]
            assert all("traceparent" not in h for h in headers), headers
            print([m for m in sys.modules if m.startswith("opentelemetry") and sys.modules[m]])

        asyncio.run(main())
        """
    )
    for mode, expected in (("missing", "[]"), ("no-provider", "[]")):
        out = subprocess.run(
            [sys.executable, "-c", script, mode], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == expected, out.stderr


async def test_a_bulk_import_run_is_one_span_around_its_calls(
    spans: InMemorySpanExporter, fake: FakeWorkOS, workos: AsyncWorkOS
) -> None:
    from workos_async.bulk import import_users

    rows = [{"email": f"user{i}@example.com"} for i in range(3)]
    summary = await import_users(workos, rows)
    assert summary.rows == 3 and len(fake.store.users) == 3
    finished = spans.get_finished_spans()
    [run] = [s for s in finished if s.name == "workos.bulk.run"]
    assert run.attributes["workos.bulk.mode"] == "import"  # type: ignore[index]
    calls = workos_spans(spans)
    assert len(calls) == len(fake.requests) >= 3
    assert all(s.parent is not None and s.parent.span_id == run.context.span_id for s in calls)


async def test_a_session_refresh_is_a_span_of_its_own(spans: InMemorySpanExporter) -> None:
    from workos_async.sessions._refresh import RefreshCoordinator

    refreshes: RefreshCoordinator[str] = RefreshCoordinator()

    async def start() -> str:
        return "new session"

    assert await refreshes.run(b"token digest", start) == "new session"
    assert await refreshes.run(b"token digest", start) == "new session"  # remembered
    [span] = [s for s in spans.get_finished_spans() if s.name == "workos.sessions.refresh"]
    assert span.attributes["workos.shared"] is False  # type: ignore[index]
