"""Single-flight refresh: one request per (refresh token, organization), shared by every caller.

WorkOS refresh tokens are single-use: the first refresh rotates the token and any later use of
the old one gets ``invalid_grant``. A page that fires ten API calls with one expired cookie must
therefore send one refresh, not ten, and every call must get the same new session. And a call
that arrives a moment after the refresh, still carrying the old cookie (the browser had not
stored the new one yet), must get that result too instead of burning the used token.

:class:`RefreshCoordinator` keys both by a SHA-256 digest of the token and the organization:
the refresh token itself is held only by the in-flight refresh, never by the cache, and is
never logged. The flight runs as its own task, so a caller that is cancelled (client gone)
does not cancel it for the others; its result still lands in the reuse cache.

Across processes (several workers, pods) :meth:`RefreshCoordinator.share` adds a shared
:class:`~workos_async.coordination.FlightStore` under the in-process layer: each process's one
flight then asks the store, so one process refreshes and the others get its result, encrypted
with the cookie password by a :class:`ResultCodec` (:class:`RefreshResultCodec` for sessions).
Without a store (the default) nothing changes. A store that is down falls back to the
in-process flight by itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .._telemetry import SPAN_NAME_SESSIONS_REFRESH, operation_span
from ._clock import TimeFn
from ._errors import InvalidAccessTokenError, SealError
from ._iron import IronSealer, Passwords
from ._jwt import _build_claims, decode_unverified_claims
from ._payload import SessionCookieData
from ._results import RefreshResult, RefreshSuccess, SessionFailure, SessionFailureReason

if TYPE_CHECKING:
    from ..coordination.protocols import FlightStore

__all__ = ["RefreshCoordinator", "RefreshResultCodec", "ResultCodec", "flight_key"]

T = TypeVar("T")


def flight_key(refresh_token: str, organization_id: str | None) -> bytes:
    """The cache key of a refresh: a digest, so the token is not kept as a dict key."""
    org = "" if organization_id is None else organization_id
    return hashlib.sha256(f"{refresh_token}\x00{org}".encode()).digest()


class ResultCodec(Protocol[T]):
    """Turns a flight's outcome into bytes a shared store may hold, and back."""

    def encode(self, key: bytes, outcome: T) -> bytes | None:
        """The stored form of ``outcome`` (encrypted, bound to ``key``); ``None``: not shared."""
        ...

    def decode(self, key: bytes, data: bytes) -> T | None:
        """The outcome stored under ``key``; ``None`` when it does not open or belongs to
        another key (then the caller runs its own flight)."""
        ...


#: Room for a session sealed with its cookie: server-side sessions may be far over 4 KB.
_SHARED_MAX_SIZE = 1 << 20


class RefreshResultCodec:
    """Session refresh outcomes for a shared store, sealed with the cookie password.

    A success is stored as its new cookie value and its session data (the cookie of a
    server-side session is only an id), sealed (iron: AES-256-CBC + HMAC-SHA256) together
    with the flight's key, so a value copied under another key does not open.
    A definite failure is stored as its reason only. Decoded successes carry no
    ``authentication_response`` (only the process that refreshed has it).
    """

    def __init__(self, cookie_password: Passwords) -> None:
        self._cookies = IronSealer(cookie_password)
        self._values = IronSealer(cookie_password, max_size=_SHARED_MAX_SIZE)

    def __repr__(self) -> str:
        return "RefreshResultCodec()"

    def encode(self, key: bytes, outcome: RefreshResult) -> bytes | None:
        if isinstance(outcome, RefreshSuccess):
            data = SessionCookieData(
                access_token=outcome.access_token,
                refresh_token=outcome.refresh_token,
                user=outcome.user,
                impersonator=outcome.impersonator,
                organization_id=outcome.organization_id,
                authentication_method=outcome.authentication_method,
            )
            body: dict[str, Any] = {
                "k": key.hex(),
                "s": outcome.sealed_session,
                "d": data.to_dict(),
            }
        elif not outcome.retryable:
            body = {"k": key.hex(), "f": outcome.reason.value}
        else:
            return None
        return self._values.seal(body).encode()

    def decode(self, key: bytes, data: bytes) -> RefreshResult | None:
        try:
            body = self._values.unseal(data.decode())
            if not isinstance(body, dict) or body.get("k") != key.hex():
                return None
            if "f" in body:
                return SessionFailure(reason=SessionFailureReason(body["f"]))
            sealed = body["s"]
            if not isinstance(sealed, str):
                return None
            stored = body.get("d")
            opened = stored if stored is not None else self._cookies.unseal_any(sealed)
            new = SessionCookieData.from_dict(opened)
            claims = _build_claims(decode_unverified_claims(new.access_token))
        except (SealError, InvalidAccessTokenError, ValueError, KeyError, TypeError):
            return None
        return RefreshSuccess.of(new, claims, sealed)


def _shared_key(key: bytes) -> bytes:
    # Another digest of the (already digested) key: the store's names reveal nothing reusable.
    return hashlib.sha256(b"workos-async refresh\x00" + key).digest()


def _retrieve(task: asyncio.Task[object]) -> None:
    # Every waiter may have been cancelled: mark an exception as seen either way.
    if not task.cancelled():
        task.exception()


class RefreshCoordinator(Generic[T]):
    """Runs at most one refresh per key at a time and remembers the outcome for
    ``reuse_window`` seconds (when ``keep(outcome)`` says it may be reused).

    At most ``max_entries`` outcomes are remembered; the oldest go first. Use it from one event
    loop.
    """

    def __init__(
        self,
        *,
        reuse_window: float = 30.0,
        max_entries: int = 10_000,
        keep: Callable[[T], bool] = lambda _: True,
        monotonic: TimeFn = time.monotonic,
    ) -> None:
        if isinstance(reuse_window, bool) or not isinstance(reuse_window, int | float):
            raise TypeError("reuse_window must be a number of seconds")
        if reuse_window < 0:
            raise ValueError("reuse_window must not be negative")
        if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
            raise ValueError("max_entries must be a positive int")
        self._window = float(reuse_window)
        self._max = max_entries
        self._keep = keep
        self._monotonic = monotonic
        self._inflight: dict[bytes, asyncio.Task[T]] = {}
        self._recent: OrderedDict[bytes, tuple[float, T]] = OrderedDict()
        self._shared: FlightStore | None = None
        self._codec: ResultCodec[T] | None = None
        #: How many refreshes were actually started (for tests and metrics).
        self.started = 0
        #: How many flights got their outcome from another process through the shared store.
        self.shared_hits = 0

    def __repr__(self) -> str:
        return (
            f"RefreshCoordinator(in_flight={len(self._inflight)}, "
            f"remembered={len(self._recent)}, reuse_window={self._window})"
        )

    def share(self, store: FlightStore | None, codec: ResultCodec[T] | None = None) -> None:
        """Coordinate with other processes through ``store`` (``None``: this process only).

        ``codec`` encrypts outcomes for the store (for sessions: :class:`RefreshResultCodec`
        with the cookie password). Applies to flights started from now on.
        """
        if store is None:
            self._shared = self._codec = None
            return
        if codec is None:
            raise TypeError("a shared store needs a codec (the outcome's encrypted form)")
        self._shared, self._codec = store, codec

    @property
    def shared(self) -> FlightStore | None:
        """The shared store in use (``None``: this process only)."""
        return self._shared

    async def _shared_flight(
        self, key: bytes, start: Callable[[], Awaitable[T]], store: FlightStore, codec: Any
    ) -> T:
        own: list[T] = []
        shared_key = _shared_key(key)

        async def produce() -> bytes | None:
            outcome = await start()
            own.append(outcome)
            if self._window == 0 or not self._keep(outcome):
                return None
            encoded: bytes | None = codec.encode(shared_key, outcome)
            return encoded

        data = await store.run(shared_key, produce, reuse=self._window)
        if own:
            return own[0]
        if data is not None:
            decoded: T | None = codec.decode(shared_key, data)
            if decoded is not None:
                self.shared_hits += 1
                return decoded
        # Nothing usable from the store (another password?): refresh here.
        return await start()

    @property
    def in_flight(self) -> int:
        """Refreshes running now."""
        return len(self._inflight)

    def _remembered(self, key: bytes) -> tuple[bool, T | None]:
        entry = self._recent.get(key)
        if entry is None:
            return False, None
        expires, outcome = entry
        if self._monotonic() < expires:
            return True, outcome
        del self._recent[key]
        return False, None

    def _prune(self, now: float) -> None:
        recent = self._recent
        while recent:
            key, (expires, _) = next(iter(recent.items()))
            if expires > now and len(recent) <= self._max:
                break
            del recent[key]

    def _finished(self, key: bytes, task: asyncio.Task[T]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if task.cancelled() or task.exception() is not None or self._window == 0:
            return
        outcome = task.result()
        if not self._keep(outcome):
            return
        now = self._monotonic()
        self._recent[key] = (now + self._window, outcome)
        self._recent.move_to_end(key)
        self._prune(now)

    async def run(self, key: bytes, start: Callable[[], Awaitable[T]]) -> T:
        """The outcome for ``key``: a remembered one, the one in flight, or a new flight of
        ``start()``."""
        found, outcome = self._remembered(key)
        if found:
            return outcome  # type: ignore[return-value]  # T itself may include None
        task = self._inflight.get(key)
        if task is None:
            store, codec = self._shared, self._codec

            async def flight() -> T:
                with operation_span(
                    SPAN_NAME_SESSIONS_REFRESH, {"workos.shared": store is not None}
                ):
                    if store is None:
                        return await start()
                    return await self._shared_flight(key, start, store, codec)

            task = asyncio.get_running_loop().create_task(flight())
            self.started += 1
            self._inflight[key] = task
            task.add_done_callback(_retrieve)
            task.add_done_callback(lambda done: self._finished(key, done))
        return await asyncio.shield(task)

    def forget(self) -> None:
        """Drop every remembered outcome (in-flight refreshes go on)."""
        self._recent.clear()

    async def aclose(self) -> None:
        """Cancel the refreshes in flight and forget everything (for shutdown)."""
        tasks = list(self._inflight.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        self._inflight.clear()
        self._recent.clear()
