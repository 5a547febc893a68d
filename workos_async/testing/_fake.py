"""``FakeWorkOS``: the fake WorkOS, put together from its domain (store, ``fake.auth``) and
its HTTP layer (routers, faults, rate limits, request log, :class:`~.http.server.RequestHandler`)
and served on ``aiohttp``'s low-level server, on the running loop or in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any

from aiohttp import web

from .domain.auth import FakeAuth
from .domain.ids import FakeClock
from .domain.seed import load_seed
from .domain.store import FakeStore
from .http.control import build_control_router
from .http.errors import FakeAPIError
from .http.faults import FaultSet
from .http.log import Counters, CounterSnapshot, LoggedRequest, RequestLog
from .http.ratelimit import RateLimiter, RateLimits
from .http.router import Router, build_router
from .http.server import RequestHandler


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
        #: The lock every state change happens under (the HTTP layer takes it per request).
        self.lock = self._lock
        self.clock = FakeClock()
        self._rng = random.Random(random_seed)
        #: Every object of the fake environment (read-only views, thread-safe).
        self.store = FakeStore(lock=self._lock, clock=self.clock, rng=self._rng)
        #: The active faults: ``fake.faults.add(Fault(...))``, ``fake.faults.clear()``.
        self.faults = FaultSet(self._lock)
        self._counters = Counters(self._lock)
        self._log = RequestLog(self._lock, request_log_size)
        #: The HTTP layer's counters and request log (read them through :attr:`counters` and
        #: :attr:`requests`).
        self.counters_for_requests = self._counters
        self.request_log = self._log
        self._limiter: RateLimiter | None = RateLimiter(rate_limits) if rate_limits else None
        #: The API routes (``router.add(...)`` plugs in more).
        self.router: Router = build_router()
        #: The ``/_fake/...`` control routes.
        self.control_router: Router = build_control_router()
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
                self._auth = FakeAuth(
                    store=self.store,
                    client_id=self._client_id,
                    base_url=lambda: self._url,
                )
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
        with self._lock:
            return load_seed(self.store, data)

    # ------------------------------------------------------------------ serving
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on the running event loop (``port=0``: any free port; see :attr:`url`)."""
        if self._runner is not None:
            raise RuntimeError("the fake is already serving")
        server = web.Server(RequestHandler(self), access_log=None)
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

    # --------------------------------------------- used by the HTTP layer (under the lock)
    def new_request_id(self) -> str:
        """The next ``X-Request-ID`` for a request that sent none."""
        self._request_seq += 1
        return f"{self._request_prefix}{self._request_seq:08d}"

    def check_rate_limit(self, key: str, method: str, path: str) -> None:
        """429 ``rate_limit_exceeded`` (with ``Retry-After``) when ``key`` is over a limit."""
        if self._limiter is None:
            return
        refused = self._limiter.check(key, path.startswith("/user_management/"), method == "GET")
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

    def note_internal_error(self, note: str) -> None:
        """Keep the description of a crash of the fake (answered 500)."""
        self._counters.internal_errors += 1
        self._internal_errors.append(note)


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
