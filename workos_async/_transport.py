"""The only module that talks to aiohttp: one request in, decoded JSON (or an error) out.

Owns the per-client ``aiohttp.ClientSession`` (created lazily inside the running loop), the auth
and User-Agent headers, timeouts, and the retry loop (rules in ``_retry.py``). POSTs carry an
``Idempotency-Key`` that stays the same on every retry of the call.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import platform
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import aiohttp
from yarl import URL

from . import _json
from ._config import ClientConfig, RequestOptions, Timeout, check_request_options
from ._errors import (
    APIError,
    RateLimitExceededError,
    ResponseDecodeError,
    WorkOSConnectionError,
    WorkOSError,
    WorkOSTimeoutError,
    error_class,
)
from ._logs import logger
from ._retry import parse_retry_after, retry_delay, should_retry_status
from ._version import __version__

USER_AGENT = (
    f"workos-async/{__version__} python/{platform.python_version()} aiohttp/{aiohttp.__version__}"
)
_RAW_BODY_KEPT = 2000
#: What structuring a body of the wrong shape raises (StructureError is a ValueError).
_SHAPE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


def _client_timeout(timeout: Timeout) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(
        total=timeout.total, connect=timeout.connect, sock_read=timeout.read
    )


class SessionHolder:
    """Creates the aiohttp session on first use, in the loop that uses it, and closes it."""

    def __init__(self, config: ClientConfig, session: aiohttp.ClientSession | None = None) -> None:
        self._config = config
        self._session = session
        self._owns_session = session is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.closed = False

    def get(self) -> aiohttp.ClientSession:
        session = self._session
        loop = asyncio.get_running_loop()
        if session is not None and self._loop is loop:
            return session
        if self.closed:
            raise WorkOSError("this client is closed; create a new one")
        if session is not None and self._owns_session and self._loop is not None:
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
        session, self._session = self._session, None
        if session is not None and self._owns_session and not session.closed:
            loop = self._loop
            if loop is None or loop is asyncio.get_running_loop():
                await session.close()


class Transport:
    """Sends requests with one client's defaults. ``derive()`` makes a view with other defaults
    sharing the same session (``client.with_options``)."""

    __slots__ = (
        "_auth_headers",
        "_base",
        "_holder",
        "_max_retries",
        "_public_headers",
        "_random",
        "_timeout",
        "config",
    )

    def __init__(
        self,
        config: ClientConfig,
        holder: SessionHolder,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.config = config
        self._holder = holder
        self._base = config.base_url
        self._max_retries = config.max_retries if max_retries is None else max_retries
        # None = the session's default timeout (the client's), saving a per-request object.
        self._timeout = None if timeout is None else _client_timeout(timeout)
        headers = {**config.default_headers, **(extra_headers or {})}
        self._public_headers = headers
        self._auth_headers = {**headers, "Authorization": f"Bearer {config.api_key}"}
        self._random = random.Random()

    def derive(
        self,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Transport:
        return Transport(
            self.config,
            self._holder,
            timeout=timeout,
            max_retries=self._max_retries if max_retries is None else max_retries,
            extra_headers={**self._public_headers, **(extra_headers or {})},
        )

    async def aclose(self) -> None:
        await self._holder.aclose()

    @staticmethod
    def _decode_error(
        status: int,
        headers: Mapping[str, str],
        raw: bytes,
        method: str,
        template: str,
        message: str,
    ) -> ResponseDecodeError:
        return ResponseDecodeError(
            status=status,
            request_id=headers.get("X-Request-ID"),
            message=message,
            raw_body=raw[:_RAW_BODY_KEPT].decode("utf-8", "replace"),
            method=method,
            path=template,
        )

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
        session = self._holder.get()
        target = self._base + path
        if query:
            target += "?" + urlencode(query)
        url = URL(target, encoded=True)
        headers = self._public_headers if public else self._auth_headers
        data: bytes | None = None
        max_retries = self._max_retries
        timeout = self._timeout
        if body is not None or method == "POST" or options:
            headers = dict(headers)
            if body is not None:
                data = _json.dumps(body)
                headers["Content-Type"] = "application/json"
            if options:
                options = check_request_options(options)
                if "max_retries" in options:
                    max_retries = options["max_retries"]
                if "timeout" in options:
                    timeout = _client_timeout(Timeout.coerce(options["timeout"]))
                if "extra_headers" in options:
                    headers.update(options["extra_headers"])
            if method == "POST":
                key = options.get("idempotency_key") if options else None
                headers["Idempotency-Key"] = key or new_idempotency_key()
        # aiohttp reads timeout=None as "no timeout": pass it only when overriding the session's.
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        attempt = 0
        while True:
            started = time.perf_counter()
            try:
                async with session.request(
                    method, url, data=data, headers=headers, **extra
                ) as response:
                    status = response.status
                    response_headers = response.headers
                    try:
                        raw = await response.read()
                    except aiohttp.ClientPayloadError as exc:
                        raise _CutOff(status, response_headers.get("X-Request-ID")) from exc
            except _CutOff as cut:
                failure: WorkOSError = ResponseDecodeError(
                    status=cut.status,
                    request_id=cut.request_id,
                    message="the response body was cut off before its end",
                    method=method,
                    path=template,
                )
            except TimeoutError:
                failure = WorkOSTimeoutError(f"{method} {template} timed out")
            except aiohttp.ClientError as exc:
                failure = WorkOSConnectionError(f"{method} {template} failed: {type(exc).__name__}")
            else:
                if status < 300:
                    if logger.isEnabledFor(10):
                        logger.debug(
                            "%s %s -> %d in %.1f ms (request_id=%s, attempt %d)",
                            method,
                            template,
                            status,
                            (time.perf_counter() - started) * 1000,
                            response_headers.get("X-Request-ID"),
                            attempt + 1,
                        )
                    try:
                        parsed = _json.loads(raw) if raw else None
                    except _json.DecodeError:
                        raise self._decode_error(
                            status,
                            response_headers,
                            raw,
                            method,
                            template,
                            "the response body is not valid JSON",
                        ) from None
                    if decode is None:
                        return parsed
                    try:
                        return decode(parsed)
                    except _SHAPE_ERRORS as exc:
                        raise self._decode_error(
                            status,
                            response_headers,
                            raw,
                            method,
                            template,
                            f"the response body does not have the documented shape ({exc})",
                        ) from exc
                error = build_api_error(status, raw, response_headers, method, template)
                if should_retry_status(status, attempt, max_retries):
                    retry_after = parse_retry_after(response_headers.get("Retry-After"), time.time)
                    delay = retry_delay(
                        attempt, retry_after, self._random.random(), self.config.max_retry_after
                    )
                    if delay is not None:
                        logger.info(
                            "%s %s -> %d (request_id=%s); retry %d/%d in %.2f s",
                            method,
                            template,
                            status,
                            error.request_id,
                            attempt + 1,
                            max_retries,
                            delay,
                        )
                        await asyncio.sleep(delay)
                        attempt += 1
                        continue
                raise error
            # No usable response: a connection error, a timeout or a cut-off body.
            if attempt < max_retries:
                delay = retry_delay(
                    attempt, None, self._random.random(), self.config.max_retry_after
                )
                assert delay is not None
                logger.info(
                    "%s %s failed (%s); retry %d/%d in %.2f s",
                    method,
                    template,
                    type(failure).__name__,
                    attempt + 1,
                    max_retries,
                    delay,
                )
                await asyncio.sleep(delay)
                attempt += 1
                continue
            raise failure


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


class _CutOff(Exception):
    def __init__(self, status: int, request_id: str | None) -> None:
        self.status = status
        self.request_id = request_id


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
        raw_body=raw[:_RAW_BODY_KEPT].decode("utf-8", "replace"),
        method=method,
        path=template,
    )
    if isinstance(error, RateLimitExceededError):
        error.retry_after = parse_retry_after(headers.get("Retry-After"), time.time)
    return error
