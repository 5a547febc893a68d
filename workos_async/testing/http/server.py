"""The request path of the fake, on ``aiohttp``'s low-level server.

One path for every request (kept lean: no per-request logging, one lock, precompiled routes,
orjson): faults (API routes only) → body read → under the lock, through :func:`.runner.run`:
route match, API key, rate limits (API routes only), handler, counters and request log (API
routes only) → response (or a dropped / truncated one). Control routes (``/_fake/...``)
bypass faults and rate limits and are neither logged nor counted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .body import parse_json_body
from .errors import FakeAPIError, message_only
from .faults import Fault, fault_body, retry_after_header
from .log import REDACTED, LoggedRequest, redact, redact_headers
from .router import _UNPARSED, Ctx, Reply, Route
from .runner import Answer, encode, run

if TYPE_CHECKING:
    from .._fake import FakeWorkOS

_DEFAULT_NON_JSON = (
    b"<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>"
)
_SECRET_QUERY = frozenset({"code", "token", "invitation_token", "code_verifier"})
_TOO_LARGE = Reply(413, {"code": "request_too_large", "message": "The request body is too large."})


class RequestHandler:
    """Answers the requests of one :class:`~workos_async.testing.FakeWorkOS`."""

    def __init__(self, fake: FakeWorkOS) -> None:
        self.fake = fake

    async def __call__(self, request: web.BaseRequest) -> web.StreamResponse:
        fake = self.fake
        method = request.method
        raw = request.raw_path
        q = raw.find("?")
        path = raw if q < 0 else raw[:q]
        request_id = request.headers.get("X-Request-ID")
        if not request_id or len(request_id) > 200:
            request_id = fake.new_request_id()
        control = path.startswith("/_fake/")
        fault = fake.faults.take(method, path) if fake.faults and not control else None
        try:
            body = await request.read() if request.body_exists else b""
        except web.HTTPRequestEntityTooLarge:
            if not control:
                with fake.lock:
                    fake.counters_for_requests.count(method, None, 413)
            return self._respond(encode(_TOO_LARGE), request_id)
        except ConnectionError:  # the client hung up mid-body: nobody to answer
            return web.Response(status=400)
        if fault is not None:
            if fault.latency:
                # After the body is in: a slow server, not a slow network.
                await asyncio.sleep(fault.latency)
            if fault.kind in ("status", "non_json", "drop_before"):
                return self._answer_fault(request, fault, method, path, request_id, body)
        with fake.lock:
            answer = self._dispatch(request, method, path, body, request_id, fault, control)
        response = self._respond(answer, request_id)
        if fault is not None:
            if fault.kind == "drop_after":
                self._drop(request)
            elif fault.kind == "truncate":
                return await self._truncate(request, response)
        return response

    # ----------------------------------------------------------------------- dispatch
    def _authorized_key(self, request: web.BaseRequest) -> str | None:
        header = request.headers.get("Authorization")
        if not header or len(header) < 8 or header[:7].lower() != "bearer ":
            return None
        key = header[7:].strip()
        return key if key in self.fake.api_keys else None

    def _dispatch(
        self,
        request: web.BaseRequest,
        method: str,
        path: str,
        body: bytes,
        request_id: str,
        fault: Fault | None,
        control: bool,
    ) -> Answer:
        """Route, authorize, rate-limit and run the handler. Called under the lock."""
        fake = self.fake
        router = fake.control_router if control else fake.router
        matched = router.match(method, path)
        route, params = matched if matched is not None else (None, {})
        made: list[Ctx] = []

        def steps() -> Reply:
            key = None
            if route is None or not route.public:
                key = self._authorized_key(request)
                if key is None:
                    raise message_only(
                        401, "Unauthorized: send a valid API key as 'Authorization: Bearer <key>'."
                    )
            if route is None:
                raise message_only(
                    404, f"No control route {method} {path}."[:300] if control else "Not Found"
                )
            if not control and key is not None:
                fake.check_rate_limit(key, method, path)
            ctx = Ctx(
                fake=fake,
                request=request,
                method=method,
                path=path,
                params=params,
                body=body,
                request_id=request_id,
                route=route,
            )
            made.append(ctx)
            return route.handler(ctx)

        where = f"{method} {route.template if route is not None else path[:200]}"
        answer = run(fake, where, steps)
        if not control:
            template = route.template if route is not None else None
            fake.counters_for_requests.count(method, template, answer.status)
            if fault is not None:
                fake.counters_for_requests.faults += 1
            if fake.record_requests:
                ctx = made[0] if made else None
                self._record(
                    request,
                    method,
                    path,
                    body,
                    ctx,
                    route,
                    params,
                    answer.status,
                    request_id,
                    fault,
                )
        return answer

    def _record(
        self,
        request: web.BaseRequest,
        method: str,
        path: str,
        body: bytes,
        ctx: Ctx | None,
        route: Route | None,
        params: Mapping[str, str],
        status: int | None,
        request_id: str,
        fault: Fault | None,
    ) -> None:
        logged_body: Any = None
        if body:
            parsed: Any = ctx._json if ctx is not None else _UNPARSED
            if parsed is _UNPARSED:
                try:
                    parsed = parse_json_body(body, request.content_type)
                except FakeAPIError:
                    parsed = _UNPARSED
            logged_body = (
                f"<{len(body)} bytes, not JSON>" if parsed is _UNPARSED else redact(parsed)
            )
        logged_path = path
        if route is not None and route.secret_params:
            logged_path = self.fake.router.redacted_path(route, params)
        query: dict[str, list[str]] = {}
        if "?" in request.raw_path:
            for k, v in request.query.items():
                query.setdefault(k, []).append(REDACTED if k in _SECRET_QUERY else v)
        self.fake.request_log.append(
            LoggedRequest(
                method=method,
                path=logged_path,
                query=query,
                headers=redact_headers(request.headers),
                body=logged_body,
                status=status,
                request_id=request_id,
                route=route.key if route is not None else None,
                fault=fault.kind if fault is not None else None,
                time=self.fake.clock.now(),
            )
        )

    # ----------------------------------------------------------------------- answers
    @staticmethod
    def _respond(answer: Answer, request_id: str) -> web.Response:
        headers = {"X-Request-ID": request_id}
        if answer.headers:
            headers.update(answer.headers)
        if answer.body is None:
            return web.Response(status=answer.status, headers=headers)
        headers["Content-Type"] = "application/json"
        return web.Response(status=answer.status, body=answer.body, headers=headers)

    def _answer_fault(
        self,
        request: web.BaseRequest,
        fault: Fault,
        method: str,
        path: str,
        request_id: str,
        body: bytes,
    ) -> web.StreamResponse:
        fake = self.fake
        kind = fault.kind
        status: int | None
        if kind == "drop_before":
            status = None
        elif kind == "status":
            status = fault.status or 500
        else:
            status = fault.status or 200
        with fake.lock:
            matched = fake.router.match(method, path)
            template = matched[0].template if matched else None
            fake.counters_for_requests.count(method, template, status)
            fake.counters_for_requests.faults += 1
            if fake.record_requests:
                route, params = matched if matched else (None, {})
                self._record(
                    request, method, path, body, None, route, params, status, request_id, fault
                )
        if kind == "drop_before":
            self._drop(request)
            return web.Response(status=500)
        headers = {"X-Request-ID": request_id, **fault.headers}
        if fault.retry_after is not None:
            headers["Retry-After"] = retry_after_header(fault.retry_after)
        if kind == "status":
            payload, content_type = fault_body(fault)
        else:
            raw = fault.body
            if raw is None:
                payload, content_type = _DEFAULT_NON_JSON, "text/html"
            else:  # str or bytes (checked by Fault): claims to be JSON, is not
                payload = raw if isinstance(raw, bytes) else str(raw).encode()
                content_type = "application/json"
        headers.setdefault("Content-Type", content_type)
        assert status is not None
        return web.Response(status=status, body=payload, headers=headers)

    @staticmethod
    def _drop(request: web.BaseRequest) -> None:
        """Close the connection without a response (the client sees a disconnect)."""
        transport = request.transport
        if transport is not None:
            transport.close()

    async def _truncate(self, request: web.BaseRequest, full: web.Response) -> web.StreamResponse:
        payload = full.body if isinstance(full.body, bytes) else b""
        response = web.StreamResponse(status=full.status, headers=full.headers)
        response.content_length = max(len(payload), 2)
        await response.prepare(request)
        await response.write(payload[: len(payload) // 2])
        self._drop(request)
        return response
