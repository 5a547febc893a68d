"""``FakeWorkOS``: the fake WorkOS server on ``aiohttp``'s low-level server.

Request path (kept lean: no per-request logging, one lock, precompiled routes, orjson):
control routes (``/_fake/...``) → faults → body read → under the lock: route match, API key,
rate limits, handler, counters, request log → response (or a dropped / truncated one).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import _json
from ._control import build_control_router
from ._errors import FakeAPIError, message_only
from ._faults import Fault, FaultSet
from ._ids import FakeClock
from ._log import (
    REDACTED,
    Counters,
    CounterSnapshot,
    LoggedRequest,
    RequestLog,
    redact,
    redact_headers,
)
from ._ratelimit import RateLimiter, RateLimits
from ._router import _UNPARSED, Ctx, Reply, Route, Router, build_router, parse_json_body
from ._store import FakeStore

if TYPE_CHECKING:
    from ._auth import FakeAuth

logger = logging.getLogger("workos_async.testing")

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


def _fault_body(fault: Fault) -> tuple[bytes, str]:
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
    return _json.dumps(body), "application/json"


def _retry_after(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


class FakeWorkOS:
    """An in-process fake of the WorkOS User Management API with real state.

    Serve it on the running loop (``await fake.start()`` / ``async with``) or on its own loop in
    a daemon thread (``with FakeWorkOS().run_in_thread() as fake``), then point a client at
    :attr:`url` with :attr:`api_key`. Tests read :attr:`store`, :attr:`requests` and
    :attr:`counters`, and break things with :attr:`faults` and :attr:`rate_limits`.

    :param api_key: the key requests must send as ``Authorization: Bearer <key>``.
    :param client_id: the environment's client id (used by the authentication flows).
    :param rate_limits: WorkOS-like limits per key; ``None`` (default) turns them off.
    :param extra_api_keys: more accepted keys (each has its own rate-limit bucket).
    :param strict: refuse unknown body fields and query parameters with a 422 (catches a
        misspelt argument instead of silently ignoring it).
    :param record_requests: keep the request log (bounded to ``request_log_size`` entries).
    :param random_seed: seed ids, codes and tokens for reproducible runs.
    :param seed_data: objects to load at start (``users``, ``organizations``,
        ``memberships``; see :meth:`seed`).
    """

    def __init__(
        self,
        api_key: str = "sk_test_fake",
        client_id: str = "client_fake",
        *,
        rate_limits: RateLimits | None = None,
        extra_api_keys: Iterable[str] = (),
        strict: bool = True,
        record_requests: bool = True,
        request_log_size: int = 10_000,
        random_seed: int | None = None,
        seed_data: Mapping[str, Any] | None = None,
    ) -> None:
        if not isinstance(api_key, str) or not api_key.strip():
            raise ValueError("api_key must be a non-empty string")
        if not isinstance(client_id, str) or not client_id.strip():
            raise ValueError("client_id must be a non-empty string")
        if rate_limits is not None and not isinstance(rate_limits, RateLimits):
            raise TypeError(
                f"rate_limits must be RateLimits or None, got {type(rate_limits).__name__}"
            )
        if not isinstance(request_log_size, int) or request_log_size < 1:
            raise ValueError(f"request_log_size must be an integer >= 1, got {request_log_size!r}")
        extra = list(extra_api_keys)
        if any(not isinstance(k, str) or not k.strip() for k in extra):
            raise ValueError("extra_api_keys must be non-empty strings")
        self._api_key = api_key
        self._client_id = client_id
        self._api_keys = frozenset([api_key, *extra])
        self.strict = strict
        self.record_requests = record_requests
        self._initial_rate_limits = rate_limits
        self._lock = threading.RLock()
        self.clock = FakeClock()
        self._rng = random.Random(random_seed)
        #: Every object of the fake environment (read-only views, thread-safe).
        self.store = FakeStore(lock=self._lock, clock=self.clock, rng=self._rng)
        #: The active faults: ``fake.faults.add(Fault(...))``, ``fake.faults.clear()``.
        self.faults = FaultSet(self._lock)
        self._counters = Counters(self._lock)
        self._log = RequestLog(self._lock, request_log_size)
        self._limiter: RateLimiter | None = RateLimiter(rate_limits) if rate_limits else None
        #: The API routes (``router.add(...)`` plugs in more).
        self.router: Router = build_router()
        self._control: Router = build_control_router()
        self._internal_errors: list[str] = []
        self._auth: FakeAuth | None = None
        self._request_prefix = f"req_{self._rng.getrandbits(40):010x}"
        self._request_seq = 0
        self._runner: web.ServerRunner | None = None
        self._url: str | None = None
        self._seed_data = seed_data
        if seed_data is not None:
            self.seed(seed_data)

    # ------------------------------------------------------------ configuration
    @property
    def api_key(self) -> str:
        """The API key clients must send."""
        return self._api_key

    @property
    def client_id(self) -> str:
        """The environment's client id."""
        return self._client_id

    @property
    def api_keys(self) -> frozenset[str]:
        """Every accepted API key."""
        return self._api_keys

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:PORT`` (``RuntimeError`` before :meth:`start`)."""
        if self._url is None:
            raise RuntimeError("the fake is not serving: call start() or use run_in_thread()")
        return self._url

    @property
    def running(self) -> bool:
        """Whether the fake is serving."""
        return self._url is not None

    @property
    def rate_limits(self) -> RateLimits | None:
        """The active rate limits (``None``: off). Assigning resets the windows."""
        return self._limiter.limits if self._limiter else None

    @rate_limits.setter
    def rate_limits(self, limits: RateLimits | None) -> None:
        if limits is not None and not isinstance(limits, RateLimits):
            raise TypeError(f"rate_limits must be RateLimits or None, got {type(limits).__name__}")
        with self._lock:
            self._limiter = RateLimiter(limits) if limits else None

    @property
    def auth(self) -> FakeAuth:
        """The authentication flows: settings (token lifetime, flow-error switches), signing
        keys and counters (``fake.auth.jwks_fetches``, ``fake.auth.refresh_requests()``)."""
        with self._lock:
            if self._auth is None:
                from ._auth import FakeAuth

                self._auth = FakeAuth(fake=self)
            return self._auth

    def rotate_signing_key(self, *, keep_old: bool = True) -> str:
        """Sign new access tokens with a new key; the JWKS keeps the old keys (``keep_old``)
        or drops them. Returns the new ``kid``."""
        return self.auth.rotate_signing_key(keep_old=keep_old)

    # ------------------------------------------------------------ introspection
    @property
    def requests(self) -> list[LoggedRequest]:
        """The requests received since the last reset, oldest first (secrets redacted)."""
        return self._log.snapshot()

    @property
    def counters(self) -> CounterSnapshot:
        """Request counts by route and status, 429s, faults and internal errors."""
        return self._counters.snapshot()

    @property
    def internal_errors(self) -> list[str]:
        """Descriptions of handler crashes (each answered 500): a bug in the fake if any."""
        with self._lock:
            return list(self._internal_errors)

    def clear_requests(self) -> None:
        """Empty the request log (counters stay)."""
        self._log.clear()

    def reset(self, *, reseed: bool = False) -> None:
        """Back to the state right after construction: no objects, faults, log or counts.

        Settings changed since (rate limits, ``store.roles``, ...) return to their initial
        values. With ``reseed`` the ``seed_data`` given at construction is loaded again.
        """
        with self._lock:
            self.store.clear()
            self.store.reset_settings()
            self.clock.reset()
            self.faults.reset()
            self._counters.reset()
            self._log.clear()
            self._internal_errors.clear()
            if self._auth is not None:
                self._auth.reset()
            limits = self._initial_rate_limits
            self._limiter = RateLimiter(limits) if limits else None
            if reseed and self._seed_data is not None:
                self.seed(self._seed_data)

    def seed(self, data: Mapping[str, Any]) -> dict[str, list[str]]:
        """Load ``users``, ``organizations`` and ``memberships`` (same rules as the API).

        Returns the created ids by collection. A bad entry raises ``ValueError`` naming it
        (``users[3]: ...``); entries before it stay loaded.
        """
        from ._seed import load_seed

        with self._lock:
            return load_seed(self, data)

    # ------------------------------------------------------------------ serving
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on the running event loop (``port=0``: any free port; see :attr:`url`)."""
        if self._runner is not None:
            raise RuntimeError("the fake is already serving")
        server = web.Server(self._handle, access_log=None)
        runner = web.ServerRunner(server, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        bound = runner.addresses[0]
        bound_host = host if host not in ("0.0.0.0", "::", "") else "127.0.0.1"
        if ":" in bound_host:
            bound_host = f"[{bound_host}]"
        self._runner = runner
        self._url = f"http://{bound_host}:{bound[1]}"

    async def stop(self) -> None:
        """Stop serving and close every connection (the state stays)."""
        runner, self._runner = self._runner, None
        self._url = None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> FakeWorkOS:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def run_in_thread(self, host: str = "127.0.0.1", port: int = 0) -> ThreadedFake:
        """Serve on a new event loop in a daemon thread; returns once it is accepting.

        Use as ``with FakeWorkOS().run_in_thread() as fake:`` or keep the handle and call
        ``handle.stop()``. Sync code and other loops can use the fake meanwhile (its state,
        faults and settings are guarded by a lock).
        """
        handle = ThreadedFake(self, host, port)
        handle.start()
        return handle

    def __repr__(self) -> str:
        where = self._url or "not serving"
        return f"<FakeWorkOS {where} users={len(self.store.c_users)}>"

    # ------------------------------------------------------------ request path
    def _new_request_id(self) -> str:
        self._request_seq += 1
        return f"{self._request_prefix}{self._request_seq:08d}"

    def _authorized_key(self, request: web.BaseRequest) -> str | None:
        header = request.headers.get("Authorization")
        if not header or len(header) < 8 or header[:7].lower() != "bearer ":
            return None
        key = header[7:].strip()
        return key if key in self._api_keys else None

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        method = request.method
        raw = request.raw_path
        q = raw.find("?")
        path = raw if q < 0 else raw[:q]
        request_id = request.headers.get("X-Request-ID")
        if not request_id or len(request_id) > 200:
            request_id = self._new_request_id()
        if path.startswith("/_fake/"):
            return await self._handle_control(request, method, path, request_id)

        fault = self.faults.take(method, path) if self.faults else None
        try:
            body = await request.read() if request.body_exists else b""
        except web.HTTPRequestEntityTooLarge:
            with self._lock:
                self._counters.count(method, None, 413)
            return self._respond(
                Reply(
                    413, {"code": "request_too_large", "message": "The request body is too large."}
                ),
                request_id,
            )
        except ConnectionError:  # the client hung up mid-body: nobody to answer
            return web.Response(status=400)
        if fault is not None:
            if fault.latency:
                # After the body is in: a slow server, not a slow network.
                await asyncio.sleep(fault.latency)
            if fault.kind in ("status", "non_json", "drop_before"):
                return self._answer_fault(request, fault, method, path, request_id, body)

        with self._lock:
            reply = self._dispatch(request, method, path, body, request_id, fault)
        response = self._respond(reply, request_id)
        if fault is not None:
            if fault.kind == "drop_after":
                self._drop(request)
            elif fault.kind == "truncate":
                return await self._truncate(request, response)
        return response

    def _dispatch(
        self,
        request: web.BaseRequest,
        method: str,
        path: str,
        body: bytes,
        request_id: str,
        fault: Fault | None,
    ) -> Reply:
        """Route, authorize, rate-limit and run the handler. Called under the lock."""
        matched = self.router.match(method, path)
        route: Route | None = None
        params: dict[str, str] = {}
        ctx: Ctx | None = None
        if matched is not None:
            route, params = matched
        try:
            key = None
            if route is None or not route.public:
                key = self._authorized_key(request)
                if key is None:
                    raise message_only(
                        401, "Unauthorized: send a valid API key as 'Authorization: Bearer <key>'."
                    )
            if route is None:
                raise FakeAPIError(404, {"message": "Not Found"})
            if self._limiter is not None and key is not None:
                refused = self._limiter.check(
                    key, path.startswith("/user_management/"), method == "GET"
                )
                if refused is not None:
                    wait, which = refused
                    self._counters.rate_limited += 1
                    header = self._limiter.retry_after_header(wait)
                    raise FakeAPIError(
                        429,
                        {
                            "code": "rate_limit_exceeded",
                            "message": f"Rate limit exceeded ({which}). Retry after {header} s.",
                        },
                        {"Retry-After": header},
                    )
            ctx = Ctx(
                fake=self,
                request=request,
                method=method,
                path=path,
                params=params,
                body=body,
                request_id=request_id,
                route=route,
            )
            reply = route.handler(ctx)
        except FakeAPIError as exc:
            reply = Reply(exc.status, exc.body, exc.headers)
        except Exception as exc:  # a bug in the fake: answer like WorkOS, keep a note
            self._counters.internal_errors += 1
            note = f"{method} {route.template if route else path}: {type(exc).__name__}: {exc}"
            self._internal_errors.append(note)
            logger.exception("fake WorkOS handler crashed on %s", note)
            reply = Reply(500, {"message": "Internal Server Error", "code": "server_error"})
        template = route.template if route is not None else None
        self._counters.count(method, template, reply.status)
        if fault is not None:
            self._counters.faults += 1
        if self.record_requests:
            self._record(
                request, method, path, body, ctx, route, params, reply.status, request_id, fault
            )
        return reply

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
            logged_path = self.router.redacted_path(route, params)
        query: dict[str, list[str]] = {}
        if "?" in request.raw_path:
            for k, v in request.query.items():
                query.setdefault(k, []).append(REDACTED if k in _SECRET_QUERY else v)
        self._log.append(
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
                time=self.clock.now(),
            )
        )

    def _respond(self, reply: Reply, request_id: str) -> web.Response:
        headers = {"X-Request-ID": request_id}
        if reply.headers:
            headers.update(reply.headers)
        if reply.body is None:
            return web.Response(status=reply.status, headers=headers)
        headers["Content-Type"] = "application/json"
        return web.Response(status=reply.status, body=_json.dumps(reply.body), headers=headers)

    def _answer_fault(
        self,
        request: web.BaseRequest,
        fault: Fault,
        method: str,
        path: str,
        request_id: str,
        body: bytes,
    ) -> web.StreamResponse:
        kind = fault.kind
        status: int | None
        if kind == "drop_before":
            status = None
        elif kind == "status":
            status = fault.status or 500
        else:
            status = fault.status or 200
        with self._lock:
            matched = self.router.match(method, path)
            template = matched[0].template if matched else None
            self._counters.count(method, template, status)
            self._counters.faults += 1
            if self.record_requests:
                route, params = matched if matched else (None, {})
                self._record(
                    request, method, path, body, None, route, params, status, request_id, fault
                )
        if kind == "drop_before":
            self._drop(request)
            return web.Response(status=500)
        headers = {"X-Request-ID": request_id, **fault.headers}
        if fault.retry_after is not None:
            headers["Retry-After"] = _retry_after(fault.retry_after)
        if kind == "status":
            body, content_type = _fault_body(fault)
        else:
            raw = fault.body
            if raw is None:
                body, content_type = _DEFAULT_NON_JSON, "text/html"
            else:  # str or bytes (checked by Fault): claims to be JSON, is not
                body = raw if isinstance(raw, bytes) else str(raw).encode()
                content_type = "application/json"
        headers.setdefault("Content-Type", content_type)
        assert status is not None
        return web.Response(status=status, body=body, headers=headers)

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

    async def _handle_control(
        self, request: web.BaseRequest, method: str, path: str, request_id: str
    ) -> web.StreamResponse:
        try:
            body = await request.read() if request.body_exists else b""
        except ConnectionError:
            return web.Response(status=400)
        except web.HTTPRequestEntityTooLarge:
            return self._respond(
                Reply(413, {"message": "The request body is too large."}), request_id
            )
        with self._lock:
            try:
                if self._authorized_key(request) is None:
                    raise message_only(
                        401, "Unauthorized: the control routes need the fake's API key."
                    )
                matched = self._control.match(method, path)
                if matched is None:
                    raise FakeAPIError(404, {"message": f"No control route {method} {path}."})
                route, params = matched
                ctx = Ctx(
                    fake=self,
                    request=request,
                    method=method,
                    path=path,
                    params=params,
                    body=body,
                    request_id=request_id,
                    route=route,
                )
                reply = route.handler(ctx)
            except FakeAPIError as exc:
                reply = Reply(exc.status, exc.body, exc.headers)
            except Exception as exc:  # a bug in the fake
                self._internal_errors.append(f"{method} {path}: {type(exc).__name__}: {exc}")
                logger.exception("fake WorkOS control route crashed on %s %s", method, path)
                reply = Reply(500, {"message": "Internal Server Error", "code": "server_error"})
        return self._respond(reply, request_id)


_SECRET_QUERY = frozenset({"code", "token", "invitation_token", "code_verifier"})


class ThreadedFake:
    """A :class:`FakeWorkOS` serving on its own loop in a daemon thread."""

    def __init__(self, fake: FakeWorkOS, host: str, port: int) -> None:
        self.fake = fake
        self._host = host
        self._port = port
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="fake-workos", daemon=True)

    def start(self, timeout: float = 30.0) -> None:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError(f"the fake did not start within {timeout} s")
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # surfaced to start() or stop()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        try:
            await self.fake.start(self._host, self._port)
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            await self._stop_event.wait()
        finally:
            await self.fake.stop()

    @property
    def url(self) -> str:
        """The fake's base URL."""
        return self.fake.url

    def stop(self, timeout: float = 30.0) -> None:
        """Stop serving and end the thread (idempotent)."""
        loop, event = self._loop, self._stop_event
        if loop is not None and event is not None and self._thread.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop already closed
                loop.call_soon_threadsafe(event.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError(f"the fake's thread did not stop within {timeout} s")

    def __enter__(self) -> FakeWorkOS:
        return self.fake

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
