"""The only module that talks to aiohttp: one request in, decoded JSON (or an error) out.

Owns the per-client ``aiohttp.ClientSession`` (created lazily inside the running loop), the auth
and User-Agent headers, timeouts and the call's deadline, the response size limit, and the retry
loop. A call runs in three steps: :meth:`Transport._prepare` (URL, headers, encoded body and the
merged settings, once), :meth:`Transport._send_once` (one attempt: an answer or a classified
failure), and :meth:`Transport._send` (the loop asking ``_retry.decide`` what to do next). A
write that fails ambiguously goes to ``_in_doubt`` (a lookup by its natural key) instead of
being sent again. POSTs carry an ``Idempotency-Key`` that stays the same on every retry.

Redirects are never followed; bodies are read up to ``max_response_size``; the API key and
request bodies are held in :mod:`._secret` types so frames captured with locals don't show them.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import platform
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import aiohttp
from yarl import URL

from . import _in_doubt, _json, _telemetry
from ._config import (
    CallSettings,
    ClientConfig,
    RequestOptions,
    Timeout,
    check_request_options,
    public_client_refusal,
)
from ._errors import (
    SECRET_KEYS,
    APIError,
    ClientClosedError,
    ConfigurationError,
    DeadlineExceededError,
    RateLimitExceededError,
    RedirectError,
    RequestInDoubtError,
    ResponseDecodeError,
    ResponseTooLargeError,
    WorkOSConnectionError,
    WorkOSError,
    WorkOSTimeoutError,
    error_class,
    redact_secrets,
)
from ._logs import logger, request_fields
from ._logs import redact as redact_text
from ._request_ids import remember as remember_request_id
from ._retry import (
    DEADLINE,
    IDEMPOTENT_METHODS,
    IN_DOUBT,
    RETRY,
    decide,
    may_resend,
    parse_retry_after,
)
from ._secret import Secret, SecretBytes
from ._version import __version__

USER_AGENT = (
    f"workos-async/{__version__} python/{platform.python_version()} aiohttp/{aiohttp.__version__}"
)
_RAW_BODY_KEPT = 2000
#: What structuring a body of the wrong shape raises (StructureError is a ValueError; a huge
#: number may overflow, hostile nesting may recurse).
_SHAPE_ERRORS = (
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    ArithmeticError,
    RecursionError,
)
#: aiohttp errors raised before any byte of the request left: safe to send again.
_NOT_SENT_ERRORS = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)


def _client_timeout(timeout: Timeout) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(
        total=timeout.total, connect=timeout.connect, sock_read=timeout.read
    )


#: Deadlines at least this long are enforced by the shared watchdog (one timer for every call
#: in flight, checked every ``_DeadlineWatch.TICK`` s); shorter ones by a timer of their own.
_WATCHDOG_MIN_DEADLINE = 5.0


class _DeadlineWatch:
    """Cancels calls that pass their deadline. One timer per client and loop, re-armed every
    ``TICK`` s while calls are in flight, instead of a timer per request (which costs ~10% of a
    request's CPU): a call pays a dict insert and delete. A call ends at most ``TICK`` s after
    its deadline. A timer, not a task: a lingering task would count as work left on the loop
    for the blocking client's bridge (which hands the loop back to a lone caller only when no
    task is alive)."""

    TICK = 0.25

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._calls: dict[asyncio.Task[Any], float] = {}
        self._fired: set[asyncio.Task[Any]] = set()
        self._handle: asyncio.TimerHandle | None = None

    def watch(self, task: asyncio.Task[Any], deadline_at: float) -> None:
        self._calls[task] = deadline_at
        if self._handle is None:
            self._handle = self.loop.call_later(self.TICK, self._tick)

    def unwatch(self, task: asyncio.Task[Any]) -> bool:
        """Stop watching ``task``; whether the watchdog cancelled it."""
        self._calls.pop(task, None)
        if task in self._fired:
            self._fired.discard(task)
            return True
        return False

    def _tick(self) -> None:
        self._handle = None
        if not self._calls:
            return  # idle: the next watched call arms the timer again
        now = self.loop.time()
        expired = [task for task, at in self._calls.items() if at <= now]
        for task in expired:
            del self._calls[task]
            self._fired.add(task)
            task.cancel()
        if self._calls:
            self._handle = self.loop.call_later(self.TICK, self._tick)

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None


class SessionHolder:
    """Creates the aiohttp session on first use, in the loop that uses it, and closes it."""

    def __init__(self, config: ClientConfig, session: aiohttp.ClientSession | None = None) -> None:
        self._config = config
        self._session = session
        self.owns_session = session is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._watch: _DeadlineWatch | None = None
        self.closed = False

    def deadline_watch(self, loop: asyncio.AbstractEventLoop) -> _DeadlineWatch:
        watch = self._watch
        if watch is None or watch.loop is not loop:
            watch = self._watch = _DeadlineWatch(loop)
        return watch

    def get(self) -> aiohttp.ClientSession:
        session = self._session
        loop = asyncio.get_running_loop()
        if session is not None and self._loop is loop:
            return session
        if self.closed:
            raise ClientClosedError("this client is closed; create a new one")
        if session is not None and self.owns_session and self._loop is not None:
            if not self._loop.is_closed():
                raise WorkOSError(
                    "this AsyncWorkOS is bound to another event loop; create the client in the "
                    "loop that uses it (e.g. in the app's lifespan), or use WorkOS for sync code"
                )
            # Its loop is gone (e.g. a test per loop): the old session died with it.
            session = None
        if session is None:
            config = self._config
            connector = aiohttp.TCPConnector(
                # One host: the total limit is the per-host limit (limit_per_host adds
                # bookkeeping on every acquire for nothing).
                limit=config.max_connections,
                ttl_dns_cache=300,
                keepalive_timeout=30,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                # A call with the client's settings uses this one (no per-request object).
                timeout=_client_timeout(config.timeout),
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                trust_env=config.trust_env,
                skip_auto_headers=("Content-Type",),
            )
            self._session = session
        self._loop = loop
        return session

    async def aclose(self) -> None:
        self.closed = True
        if self._watch is not None:
            self._watch.stop()
        session, self._session = self._session, None
        if session is not None and self.owns_session and not session.closed:
            loop = self._loop
            if loop is None or loop is asyncio.get_running_loop():
                await session.close()


class _Call:
    """One prepared call: what every attempt sends. Its ``repr`` shows no header or body."""

    __slots__ = (
        "body",
        "data",
        "headers",
        "in_flight",
        "last_error",
        "limit",
        "method",
        "obs",
        "settings",
        "started",
        "template",
        "timeout",
        "url",
    )

    def __init__(
        self,
        method: str,
        template: str,
        url: URL,
        headers: Mapping[str, str],
        data: SecretBytes | None,
        body: Mapping[str, Any] | None,
        settings: CallSettings,
        timeout: aiohttp.ClientTimeout | None,
        limit: tuple[Any, str, str] | None = None,
    ) -> None:
        self.method = method
        self.template = template
        self.url = url
        self.headers = headers
        self.data = data
        self.body = body
        self.settings = settings
        self.timeout = timeout
        #: Wall-clock start (compared with a created object's ``created_at`` when in doubt).
        self.started = 0.0
        #: The failure of the latest attempt (for the deadline error).
        self.last_error: WorkOSError | None = None
        #: Whether an attempt is under way (the deadline may cut a write mid-flight).
        self.in_flight = False
        #: ``(limiter, kind, priority)`` when each attempt takes from a shared rate budget.
        self.limit = limit
        #: Spans and hooks of this call (``None``: neither is in use).
        self.obs: _telemetry.CallObserver | None = None

    def __repr__(self) -> str:
        return f"<call {self.method} {self.template}>"


class _Answer:
    """A complete response: status, headers and the body bytes."""

    __slots__ = ("headers", "raw", "status")

    def __init__(self, status: int, headers: Mapping[str, str], raw: bytes) -> None:
        self.status = status
        self.headers = headers
        self.raw = raw


class _Failure:
    """An attempt without a usable answer. ``not_sent``: the connection was never established;
    ``status``: set for an error status (then ``error`` is its ``APIError``)."""

    __slots__ = ("error", "has_retry_after", "not_sent", "retry_after", "status")

    def __init__(
        self,
        error: WorkOSError,
        *,
        not_sent: bool = False,
        status: int | None = None,
        retry_after: float | None = None,
        has_retry_after: bool = False,
    ) -> None:
        self.error = error
        self.not_sent = not_sent
        self.status = status
        self.retry_after = retry_after
        self.has_retry_after = has_retry_after


class Transport:
    """Sends requests with one client's settings. ``derive()`` makes a view with other settings
    sharing the same session (``client.with_options``)."""

    __slots__ = (
        "_auth_headers",
        "_base",
        "_holder",
        "_hooks",
        "_limiter",
        "_public_headers",
        "_random",
        "_timeout",
        "config",
        "settings",
    )

    def __init__(
        self, config: ClientConfig, holder: SessionHolder, settings: CallSettings | None = None
    ) -> None:
        self.config = config
        self._holder = holder
        self._base = config.base_url
        base_settings = config.settings
        self.settings = settings = base_settings if settings is None else settings
        # None = the session's default timeout (the client's), saving a per-request object.
        self._timeout = (
            None
            if settings.timeout == base_settings.timeout and holder.owns_session
            else _client_timeout(settings.timeout)
        )
        headers = dict(settings.headers)
        self._public_headers = headers
        # A public client (no API key) has no Authorization header: it sends only its
        # ``public`` calls (see ``_prepare``).
        self._auth_headers: dict[str, str] | None = (
            None
            if config.api_key is None
            else {**headers, "Authorization": Secret(f"Bearer {config.api_key}")}
        )
        self._random = random.Random()
        self._limiter = config.rate_limiter
        self._hooks = config.event_hooks

    def derive(self, **overrides: Any) -> Transport:
        """A transport with ``overrides`` (``CallSettings.merged`` keys) on top of this one's
        settings; unset values are inherited."""
        return Transport(self.config, self._holder, self.settings.merged(overrides))

    def warm_up(self) -> None:
        """Create the connection pool in the running loop (what the first request would do)."""
        self._holder.get()

    async def aclose(self) -> None:
        await self._holder.aclose()

    # ---- the call ------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        template: str,
        query: Sequence[tuple[str, str]] | None = None,
        body: Mapping[str, Any] | None = None,
        options: RequestOptions | None = None,
        public: bool = False,
        decode: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Send one call (with its retries) and return the decoded JSON (``None`` for an empty
        body), passed through ``decode`` when given. ``path`` is already percent-encoded;
        ``template`` names it in logs and errors. A body that is not JSON, or not the shape
        ``decode`` expects, raises ``ResponseDecodeError`` with the status and request id."""
        call = self._prepare(method, path, template, query, body, options, public)
        del body  # the frame keeps no plain reference to a body holding secrets
        obs = None
        tracer = _telemetry.tracer()
        if tracer is not None or self._hooks is not None:
            obs = self._observe(call, tracer)
        try:
            value = await self._complete(call, decode)
        except BaseException as exc:
            if obs is not None:
                obs.end(exc)
            raise
        if obs is not None:
            obs.end(None)
        return value

    def _observe(self, call: _Call, tracer: Any) -> _telemetry.CallObserver:
        """Start the call's span (when tracing) and hook events (when hooks are set)."""
        obs = _telemetry.CallObserver(call.method, call.template, self._hooks)
        if tracer is not None:
            carrier = obs.start(tracer, call.url.host, call.url.port)
            if carrier:
                call.headers = {**call.headers, **carrier}
        call.obs = obs
        return obs

    async def _complete(self, call: _Call, decode: Callable[[Any], Any] | None) -> Any:
        """The call with its deadline, decoded (or resolved when in doubt)."""
        deadline = call.settings.deadline
        result: _Answer | _InDoubt
        if deadline is None:
            result = await self._send(call, None)
        elif deadline < _WATCHDOG_MIN_DEADLINE or (task := asyncio.current_task()) is None:
            deadline_at = asyncio.get_running_loop().time() + deadline
            try:
                async with asyncio.timeout_at(deadline_at):
                    result = await self._send(call, deadline_at)
            except TimeoutError:
                result = _past_deadline(call, deadline)
        else:
            # The shared watchdog (inline: this is the path of nearly every call).
            loop = asyncio.get_running_loop()
            deadline_at = loop.time() + deadline
            watch = self._holder._watch
            if watch is None or watch.loop is not loop:
                watch = self._holder.deadline_watch(loop)
            watch.watch(task, deadline_at)
            try:
                result = await self._send(call, deadline_at)
            except asyncio.CancelledError:
                if not watch.unwatch(task):
                    raise  # cancelled by someone else
                task.uncancel()
                result = _past_deadline(call, deadline)
            finally:
                watch.unwatch(task)
        if type(result) is _Answer:
            value = decode_answer(result, call.method, call.template, decode)
            request_id = result.headers.get("X-Request-ID")
            if request_id is not None and value is not None:
                remember_request_id(value, request_id)
            return value
        assert isinstance(result, _InDoubt)
        if call.obs is not None:
            call.obs.in_doubt = True
        return await self._resolve_in_doubt_result(result, decode)

    def _prepare(
        self,
        method: str,
        path: str,
        template: str,
        query: Sequence[tuple[str, str]] | None,
        body: Mapping[str, Any] | None,
        options: RequestOptions | None,
        public: bool,
    ) -> _Call:
        """Everything every attempt of the call shares: URL, headers, body, settings."""
        target = self._base + path
        if query:
            target += "?" + urlencode(query)
        url = URL(target, encoded=True)
        if public:
            headers: Mapping[str, str] = self._public_headers
        elif self._auth_headers is not None:
            headers = self._auth_headers
        else:  # a public client: refused before any request
            raise ConfigurationError(public_client_refusal(f"{method} {template}"))
        settings = self.settings
        timeout = self._timeout
        data: SecretBytes | None = None
        if body is not None or method == "POST" or options:
            headers = dict(headers)
            if body is not None:
                data = SecretBytes(_json.dumps(body))
                headers["Content-Type"] = "application/json"
            if options:
                options = check_request_options(options)
                settings = settings.merged(options)
                if settings.timeout != self.settings.timeout:
                    timeout = _client_timeout(settings.timeout)
                if "extra_headers" in options:
                    headers.update(options["extra_headers"])
            if method == "POST":
                key = options.get("idempotency_key") if options else None
                headers["Idempotency-Key"] = key or new_idempotency_key()
        limit = None
        if self._limiter is not None and not public:
            limit = self._rate_limit(method, options)
        return _Call(method, template, url, headers, data, body, settings, timeout, limit)

    def _rate_limit(
        self, method: str, options: RequestOptions | None
    ) -> tuple[Any, str, str] | None:
        """What each attempt takes from the shared budget: ``(limiter, kind, priority)``."""
        priority = "interactive"
        if options:
            if options.get("rate_limit") is False:
                return None
            priority = options.get("priority") or priority
        return (self._limiter, "read" if method == "GET" else "write", priority)

    async def _send_once(
        self, session: aiohttp.ClientSession, call: _Call, limits: aiohttp.ClientTimeout | None
    ) -> _Answer | _Failure:
        """One attempt: a complete answer, or the failure classified for the retry rules."""
        method, template = call.method, call.template
        try:
            extra: dict[str, Any] = {} if limits is None else {"timeout": limits}
            async with session.request(
                method,
                call.url,
                data=call.data,
                headers=call.headers,
                allow_redirects=False,
                **extra,
            ) as response:
                status = response.status
                headers = response.headers
                try:
                    length = response.content_length
                    if (
                        length is not None
                        and length <= call.settings.max_response_size
                        and "Content-Encoding" not in headers
                    ):
                        raw = await response.read()  # the usual case: a small, plain body
                    else:
                        raw = await read_body(response, call.settings.max_response_size)
                except aiohttp.ClientPayloadError as exc:
                    error = ResponseDecodeError(
                        status=status,
                        request_id=headers.get("X-Request-ID"),
                        message="the response body was cut off before its end",
                        method=method,
                        path=template,
                    )
                    error.__cause__ = exc.with_traceback(None)
                    return _Failure(error)
        except _TooLarge as big:
            too_large = ResponseTooLargeError(
                status=big.status,
                request_id=big.request_id,
                message=f"the response body is larger than max_response_size ({big.limit} bytes)",
                method=method,
                path=template,
            )
            too_large.limit = big.limit
            raise too_large from None
        except TimeoutError as exc:
            if self._holder.closed:
                raise ClientClosedError(f"{method} {template}: the client was closed") from None
            timed_out = WorkOSTimeoutError(f"{method} {template} timed out")
            timed_out.__cause__ = exc.with_traceback(None)
            return _Failure(timed_out, not_sent=isinstance(exc, _NOT_SENT_ERRORS))
        except aiohttp.ClientError as exc:
            if self._holder.closed:
                raise ClientClosedError(f"{method} {template}: the client was closed") from None
            failure = WorkOSConnectionError(f"{method} {template} failed: {type(exc).__name__}")
            # The cause is kept for its type and message; its frames (aiohttp's, with the
            # request's headers and body in their locals) are not.
            failure.__cause__ = exc.with_traceback(None)
            return _Failure(failure, not_sent=isinstance(exc, _NOT_SENT_ERRORS))
        except RuntimeError:
            # aiohttp: "Session is closed" when aclose() ran between get() and the request.
            if self._holder.closed:
                raise ClientClosedError(f"{method} {template}: the client was closed") from None
            raise
        if status < 300:
            return _Answer(status, headers, raw)
        if status < 400:
            raise redirect_error(status, headers, method, template)
        api_error = build_api_error(status, raw, headers, method, template)
        retry_after = parse_retry_after(headers.get("Retry-After"), time.time)
        return _Failure(
            api_error,
            status=status,
            retry_after=retry_after,
            has_retry_after=retry_after is not None,
        )

    async def _send(self, call: _Call, deadline_at: float | None) -> _Answer | _InDoubt:
        """The retry loop: attempts until an answer, a definite error, or the deadline."""
        session = self._holder.get()
        settings = call.settings
        loop = asyncio.get_running_loop()
        if call.method not in IDEMPOTENT_METHODS:
            call.started = time.time()  # compared with created_at when in doubt
        timeout = call.timeout
        obs = call.obs
        limit = call.limit
        attempt = 0
        while True:
            if limit is not None:
                await _acquire(limit)
            if obs is not None:
                obs.attempts = attempt + 1
                if obs.hooks is not None:
                    await obs.before_attempt(attempt + 1)
            debug = logger.isEnabledFor(10)
            timed = debug or obs is not None
            attempt_started = time.perf_counter() if timed else 0.0
            call.in_flight = True
            result = await self._send_once(session, call, timeout)
            call.in_flight = False
            if type(result) is _Answer:
                if timed:
                    took = time.perf_counter() - attempt_started
                    request_id = result.headers.get("X-Request-ID")
                    if debug:
                        logger.debug(
                            "%s %s -> %d in %.1f ms (request_id=%s, attempt %d)",
                            call.method,
                            call.template,
                            result.status,
                            took * 1000,
                            request_id,
                            attempt + 1,
                            extra=request_fields(
                                call.method,
                                call.template,
                                result.status,
                                request_id,
                                attempt + 1,
                                took * 1000,
                            ),
                        )
                    if obs is not None:
                        obs.record(result.status, request_id)
                        if obs.hooks is not None:
                            await obs.after_attempt(
                                attempt + 1, took, result.status, request_id, None
                            )
                return result
            assert isinstance(result, _Failure)
            call.last_error = result.error
            if limit is not None and result.status == 429:
                await _report_rate_limited(limit, result.retry_after)
            remaining = None if deadline_at is None else deadline_at - loop.time()
            verdict, delay = decide(
                call.method,
                attempt=attempt,
                max_retries=settings.max_retries,
                status=result.status,
                not_sent=result.not_sent,
                retry_after=result.retry_after,
                has_retry_after=result.has_retry_after,
                blind=settings.retry_non_idempotent,
                jitter=self._random.random(),
                max_retry_after=settings.max_retry_after,
                remaining=remaining,
            )
            error = result.error
            failed_id: str | None = getattr(error, "request_id", None)
            if obs is not None:
                obs.record(result.status, failed_id)
                if obs.hooks is not None:
                    await obs.after_attempt(
                        attempt + 1,
                        time.perf_counter() - attempt_started,
                        result.status,
                        failed_id,
                        error,
                        in_doubt=verdict == IN_DOUBT,
                    )
            if verdict == IN_DOUBT:
                return _InDoubt(call, result)
            if verdict == DEADLINE or (
                remaining is not None and remaining <= 0 and result.status is None
            ):
                raise deadline_error(call, settings.deadline, error)
            if verdict != RETRY:
                raise error
            if obs is not None:
                obs.retrying(attempt + 1, delay, result.status, error)
            logger.info(
                "%s %s %s (request_id=%s); retry %d/%d in %.2f s",
                call.method,
                call.template,
                f"-> {result.status}" if result.status else f"failed ({type(error).__name__})",
                failed_id,
                attempt + 1,
                settings.max_retries,
                delay,
                extra=request_fields(
                    call.method,
                    call.template,
                    result.status,
                    failed_id,
                    attempt + 1,
                    (time.perf_counter() - attempt_started) * 1000 if timed else None,
                ),
            )
            await asyncio.sleep(delay)
            if self._holder.closed:
                raise ClientClosedError(f"{call.method} {call.template}: the client was closed")
            attempt += 1

    async def _resolve_in_doubt_result(
        self, doubt: _InDoubt, decode: Callable[[Any], Any] | None
    ) -> Any:
        call, failure = doubt.call, doubt.failure
        error = failure.error
        request_id = getattr(error, "request_id", None)
        resolution: str | None = None
        # The lookup is one more request: only for calls allowed more than one
        # (max_retries=0 means exactly one request; the caller recovers by itself).
        if (
            call.body is not None
            and call.settings.max_retries > 0
            and _in_doubt.has_resolver(call.method, call.template)
        ):
            outcome = await _in_doubt.resolve(
                self, call.method, call.template, call.body, call.started
            )
            if outcome.found is not None:
                logger.info(
                    "%s %s: no definite answer, but the object it creates was found (%s)",
                    call.method,
                    call.template,
                    outcome.note,
                    extra=request_fields(
                        call.method, call.template, failure.status, request_id, None, None
                    ),
                )
                # The lookup's model, as JSON again: what the method's own decoder expects.
                found = _in_doubt.as_json(outcome.found)
                if decode is None:
                    return found
                try:
                    return decode(found)
                except _SHAPE_ERRORS as exc:
                    raise ResponseDecodeError(
                        status=200,
                        message=f"the object found after an in-doubt {call.method} does not "
                        f"have the documented shape ({exc})",
                        raw_body=kept_raw_body(b"", found),
                        method=call.method,
                        path=call.template,
                    ) from None
            resolution = outcome.note
        cause = error.__cause__ if error.__cause__ is not None else error
        reason = (
            f"answered {failure.status}"
            if failure.status is not None
            else f"no answer ({type(cause).__name__})"
        )
        message = (
            f"{call.method} {call.template}: {reason}; the request may have been applied, so it "
            "was not sent again"
        )
        if resolution:
            message += f" ({resolution})"
        doubt_error = RequestInDoubtError(
            message,
            method=call.method,
            path=call.template,
            request_id=request_id,
            status=failure.status,
            resolution=resolution,
        )
        raise doubt_error from error


async def _acquire(limit: tuple[Any, str, str]) -> None:
    """Wait for the shared rate budget. A limiter that fails is logged and skipped: no call
    fails only because its limiter did (the limiters themselves fall back when their store is
    down; the call's deadline bounds the wait)."""
    limiter, kind, priority = limit
    try:
        await limiter.acquire(kind, priority)
    except Exception as exc:
        logger.warning("rate limiter failed (%s); sending without it", type(exc).__name__)


async def _report_rate_limited(limit: tuple[Any, str, str], retry_after: float | None) -> None:
    """Tell the shared limiter about a 429 (pausing every process sharing it)."""
    try:
        await limit[0].report_rate_limited(retry_after)
    except Exception as exc:
        logger.warning("rate limiter failed on a 429 report (%s)", type(exc).__name__)


def _past_deadline(call: _Call, deadline: float) -> _InDoubt:
    """The call's deadline passed: a write cut off mid-flight is in doubt (it may have been
    applied), anything else raises ``DeadlineExceededError``."""
    error = deadline_error(call, deadline, call.last_error)
    if call.in_flight and not may_resend(
        call.method,
        not_sent=False,
        status=None,
        has_retry_after=False,
        blind=call.settings.retry_non_idempotent,
    ):
        return _InDoubt(call, _Failure(error))
    raise error


class _InDoubt:
    """The send loop's outcome for a write that may have been applied."""

    __slots__ = ("call", "failure")

    def __init__(self, call: _Call, failure: _Failure) -> None:
        self.call = call
        self.failure = failure


class _TooLarge(Exception):
    def __init__(self, status: int, request_id: str | None, limit: int) -> None:
        self.status = status
        self.request_id = request_id
        self.limit = limit


async def read_body(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """The body, never holding more than ``limit`` bytes of it: a ``Content-Length`` above the
    limit fails before reading; otherwise it is read in chunks and reading stops at the limit
    (which also bounds a compressed body's decompressed size)."""
    length = response.content_length
    if length is None or length <= limit:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_any():
            size += len(chunk)
            if size > limit:
                break
            chunks.append(chunk)
        else:
            return b"".join(chunks)
    response.close()  # the rest of the body is never read: drop the connection
    raise _TooLarge(response.status, response.headers.get("X-Request-ID"), limit)


def decode_answer(
    answer: _Answer, method: str, template: str, decode: Callable[[Any], Any] | None
) -> Any:
    """A success body → decoded JSON → ``decode``; anything unreadable is a
    ``ResponseDecodeError`` (whatever the JSON backend, whatever the body)."""
    raw = answer.raw
    try:
        parsed = _json.loads(raw) if raw else None
    except _json.DecodeError:
        raise _decode_error(
            answer, method, template, "the response body is not valid JSON"
        ) from None
    if decode is None:
        return parsed
    try:
        return decode(parsed)
    except _SHAPE_ERRORS as exc:
        raise _decode_error(
            answer,
            method,
            template,
            f"the response body does not have the documented shape ({_short(exc)})",
            parsed,
        ) from None


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "..."


def _decode_error(
    answer: _Answer, method: str, template: str, message: str, parsed: Any = None
) -> ResponseDecodeError:
    return ResponseDecodeError(
        status=answer.status,
        request_id=answer.headers.get("X-Request-ID"),
        message=message,
        raw_body=kept_raw_body(answer.raw, parsed),
        method=method,
        path=template,
    )


_SECRET_VALUE = re.compile(
    r'"(' + "|".join(sorted(SECRET_KEYS)) + r')"(\s*:\s*)"(?:[^"\\]|\\.)*("|$)'
)


def kept_raw_body(raw: bytes, parsed: Any = None) -> str:
    """What an error keeps of a body: at most 2,000 characters, secret values redacted (the
    parsed JSON when there is one, else the text with ``"key": "value"`` pairs, API keys,
    bearer tokens and sealed sessions replaced)."""
    if isinstance(parsed, dict | list):
        try:
            return _json.dumps(redact_secrets(parsed)).decode()[:_RAW_BODY_KEPT]
        except (TypeError, ValueError, RecursionError):
            pass
    text = raw[: _RAW_BODY_KEPT * 2].decode("utf-8", "replace")
    text = _SECRET_VALUE.sub(lambda m: f'"{m.group(1)}"{m.group(2)}"<redacted>"', text)
    return redact_text(text)[:_RAW_BODY_KEPT]


def deadline_error(
    call: _Call, deadline: float | None, last: WorkOSError | None
) -> DeadlineExceededError:
    during = f"last attempt: {type(last).__name__}" if last is not None else "first attempt"
    error = DeadlineExceededError(
        f"{call.method} {call.template}: no answer within the call's deadline of "
        f"{deadline:g} s ({during})",
        request_id=getattr(last, "request_id", None),
        last_error=last,
    )
    error.__cause__ = last
    return error


def redirect_error(
    status: int, headers: Mapping[str, str], method: str, template: str
) -> RedirectError:
    location = headers.get("Location")
    host: str | None = None
    if location:
        try:
            host = URL(location).host
        except ValueError:
            host = None
    where = f"to {host}" if host else "(to the same host)" if location else "(without a Location)"
    error = RedirectError(
        status=status,
        request_id=headers.get("X-Request-ID"),
        message=f"the API answered with a redirect {where}; redirects are never followed",
        method=method,
        path=template,
    )
    error.location_host = host
    return error


class _IdempotencyKeys:
    """Unique keys without a UUID per call: 128 random bits per process (new after a fork)
    plus a counter. ``uuid4()`` costs ~4 us per POST; this ~0.1 us."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._prefix = os.urandom(16).hex()
        self._counter = itertools.count()

    def __call__(self) -> str:
        return f"{self._prefix}-{next(self._counter)}"


new_idempotency_key = _IdempotencyKeys()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=new_idempotency_key.reset)


def build_api_error(
    status: int, raw: bytes, headers: Mapping[str, str], method: str, template: str
) -> APIError:
    """An ``APIError`` subclass from an error response, whatever its body shape:
    ``{message}``, ``{code, message, errors?}``, ``{error, error_description}``, or not JSON."""
    body: Any = None
    if raw:
        try:
            body = _json.loads(raw)
        except _json.DecodeError:
            body = None
    code: str | None = None
    message = ""
    errors: Sequence[Mapping[str, Any]] = ()
    if isinstance(body, dict):
        raw_code = body.get("code") or body.get("error")
        code = raw_code if isinstance(raw_code, str) else None
        raw_message = body.get("message") or body.get("error_description")
        message = raw_message if isinstance(raw_message, str) else ""
        raw_errors = body.get("errors")
        if isinstance(raw_errors, list):
            errors = [e for e in raw_errors if isinstance(e, dict)]
    elif raw:
        message = "the error response body is not JSON"
    cls = error_class(status, code)
    error = cls(
        status=status,
        request_id=headers.get("X-Request-ID"),
        code=code,
        message=message,
        errors=errors,
        body=body,
        raw_body=kept_raw_body(raw, body),
        method=method,
        path=template,
    )
    if isinstance(error, RateLimitExceededError):
        error.retry_after = parse_retry_after(headers.get("Retry-After"), time.time)
    return error
