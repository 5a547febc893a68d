"""``WorkOS``: the blocking facade. Every call is the async method, run on the client's event
loop through the one blocking bridge (``_bridge.py``); no endpoint is written twice."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import threading
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from .._client import AsyncWorkOS
from .._config import ClientOptions, Timeout
from .._errors import ClientClosedError, WorkOSError
from ._bridge import LoopThread, drive

if TYPE_CHECKING:
    from ..sessions._sync import SyncSessions
    from ._resources import (
        MultiFactorAuth,
        OrganizationMembershipService,
        Organizations,
        UserManagement,
    )

T = TypeVar("T")

_get_running_loop = asyncio._get_running_loop  # the C fast path, no exception when none runs

#: Bumped in a forked child: clients compare it to know their loop thread did not survive.
_fork_generation = 0
#: Every client's shared state, weakly: closed at interpreter exit, never kept alive by this.
_live: weakref.WeakSet[_Shared] = weakref.WeakSet()
#: Async clients left behind by a fork (their loop is in the parent). Kept referenced so the
#: child never tries to close the parent's sockets or warns about them at garbage collection.
_orphans: list[Any] = []


def _after_fork_in_child() -> None:
    global _fork_generation
    _fork_generation += 1
    for shared in list(_live):
        shared.lock = threading.Lock()  # another thread may have held it at the fork


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@atexit.register
def _close_live_clients() -> None:
    for shared in list(_live):
        with contextlib.suppress(Exception):
            shared.close(wait=True)


class EventLoopBlockingError(WorkOSError, RuntimeError):
    """A blocking ``WorkOS`` method was called from a thread that runs an event loop: it would
    freeze that loop. Use :class:`AsyncWorkOS` and ``await`` the call instead."""


_LOOP_ERROR = (
    "WorkOS (the blocking client) was called from a thread that is running an event loop; that "
    "would block the loop. Use AsyncWorkOS and await the call instead."
)


class _Shared:
    """What a ``WorkOS`` and its ``with_options`` copies share: the options, the root async
    client (the pool) and the loop thread. References no ``WorkOS``, so a dropped client can be
    finalized."""

    __slots__ = (
        "__weakref__",
        "closed",
        "epoch",
        "generation",
        "lock",
        "loop_thread",
        "options",
        "root",
    )

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        # Validates the configuration now, in the caller's thread, before any thread starts.
        self.root = AsyncWorkOS(**options)
        self.lock = threading.Lock()
        self.loop_thread: LoopThread | None = None
        self.generation = _fork_generation
        self.epoch = 0  # bumped when ``root`` is replaced (after a fork)
        self.closed = False
        _live.add(self)

    def ensure(self) -> LoopThread:
        """The running loop thread (started on first use, replaced in a forked child)."""
        with self.lock:
            if self.closed:
                raise ClientClosedError("this WorkOS client is closed; create a new one")
            if self.generation != _fork_generation:
                # Forked: the loop thread and the pool's sockets belong to the parent.
                _orphans.append(self.root)
                self.root = AsyncWorkOS(**self.options)
                self.loop_thread = None
                self.generation = _fork_generation
                self.epoch += 1
            if self.loop_thread is None:
                self.loop_thread = LoopThread()
            return self.loop_thread

    def close(self, *, wait: bool) -> None:
        """Cancel calls in flight, close the pool on the loop and end the thread. With ``wait``
        false it only schedules that (safe from a finalizer, in any thread)."""
        with self.lock:
            if self.closed:
                return
            loop_thread = self.loop_thread
            if wait and loop_thread is not None and loop_thread.is_current():
                raise EventLoopBlockingError("close() cannot be called from the client's own loop")
            self.closed = True
            self.loop_thread = None
        _live.discard(self)
        if loop_thread is None or self.generation != _fork_generation:
            return
        loop_thread.shutdown(self.root.aclose, wait=wait)


def _finalize(shared: _Shared) -> None:
    # A WorkOS dropped without close(): no blocking here (this runs in whatever thread let go
    # of the last reference, maybe the loop thread itself).
    with contextlib.suppress(Exception):
        shared.close(wait=False)


class WorkOS:
    """The blocking WorkOS client for scripts, Django views, Celery tasks and thread pools.

    Takes the same arguments as :class:`AsyncWorkOS` (except ``http_session``) and offers the
    same methods, blocking. One client owns one event loop (run by the calling thread when it
    is free, else by the client's own thread) and one bounded connection pool for its whole
    life, and is safe to share between threads. Close it with ``close()`` or a ``with`` block
    (calls in flight then raise :class:`ClientClosedError`); a client dropped without closing
    is closed when garbage-collected, and live ones at interpreter exit. After ``os.fork()``
    the child gets a fresh loop and connections on first use. ``with_options()`` gives a
    client with other defaults over the same loop and pool.
    """

    def __init__(self, **options: Unpack[ClientOptions]) -> None:
        # The same options as AsyncWorkOS (one ClientOptions type): validated now, in the
        # caller's thread, by building the root async client.
        shared = _Shared(dict(options))
        self._shared = shared
        self._async: AsyncWorkOS = shared.root
        self._epoch = shared.epoch
        self._overrides: dict[str, Any] = {}
        self._parent: WorkOS | None = None
        self._resources: dict[str, Any] = {}
        fin = weakref.finalize(self, _finalize, shared)
        fin.atexit = False  # exit is _close_live_clients' job (it waits for the close)

    def with_options(
        self,
        *,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> WorkOS:
        """A client with other defaults sharing this one's loop thread and connection pool
        (closing either closes both), as :meth:`AsyncWorkOS.with_options`."""
        overrides = dict(self._overrides)  # remembered to derive again after a fork
        if timeout is not None:
            overrides["timeout"] = timeout
        if max_retries is not None:
            overrides["max_retries"] = max_retries
        if extra_headers is not None:
            overrides["extra_headers"] = {**overrides.get("extra_headers", {}), **extra_headers}
        # Validates in the caller's thread; keeps this one (and so the finalizer) alive.
        derived = self.async_client.with_options(
            timeout=timeout, max_retries=max_retries, extra_headers=extra_headers
        )
        clone = object.__new__(WorkOS)
        clone._shared = self._shared
        clone._async = derived
        clone._epoch = self._epoch
        clone._overrides = overrides
        clone._parent = self if self._parent is None else self._parent
        clone._resources = {}
        return clone

    # ---- running coroutines --------------------------------------------------------------

    def _run(self, fn: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T:
        """Run ``await fn(*args, **kwargs)`` on the loop thread and return its result."""
        if _get_running_loop() is not None:
            raise EventLoopBlockingError(_LOOP_ERROR)
        shared = self._shared
        loop_thread = shared.loop_thread
        if loop_thread is None or shared.generation != _fork_generation:
            loop_thread = shared.ensure()
        return loop_thread.run(fn, args, kwargs)

    def _iterate(self, source: AsyncIterator[T]) -> Iterator[T]:
        """The items of an async iterator, one crossing per item (a page, a batch)."""
        return drive(self._run, source)

    @property
    def async_client(self) -> AsyncWorkOS:
        """The :class:`AsyncWorkOS` this facade drives (bound to the facade's event loop: await
        its methods only through this client's bridge, never from another loop)."""
        shared = self._shared
        if self._epoch != shared.epoch or shared.generation != _fork_generation:
            self._rebind()
        return self._async

    def _rebind(self) -> None:
        shared = self._shared
        shared.ensure()
        root = shared.root
        self._async = root if not self._overrides else root.with_options(**self._overrides)
        self._epoch = shared.epoch

    # ---- configuration and resources -----------------------------------------------------

    @property
    def client_id(self) -> str | None:
        return self._async.client_id

    @property
    def base_url(self) -> str:
        return self._async.base_url

    def _resource(self, name: str) -> Any:
        resource = self._resources.get(name)
        if resource is None:
            from ._resources import sync_resource_class

            resource = sync_resource_class(name)(self, name)
            self._resources[name] = resource
        return resource

    @property
    def user_management(self) -> UserManagement:
        """Users, organization memberships, invitations, authentication, sessions, MFA, ..."""
        return self._resource("user_management")  # type: ignore[no-any-return]

    @property
    def organizations(self) -> Organizations:
        """Organizations (create, get, get by external id, delete)."""
        return self._resource("organizations")  # type: ignore[no-any-return]

    @property
    def organization_membership(self) -> OrganizationMembershipService:
        """The organization-membership calls of ``user_management``, where the official SDK
        has them (``list_organization_membership_groups(om_id)``)."""
        return self._resource("organization_membership")  # type: ignore[no-any-return]

    @property
    def multi_factor_auth(self) -> MultiFactorAuth:
        """The MFA calls of ``user_management``, under the official SDK's names."""
        return self._resource("multi_factor_auth")  # type: ignore[no-any-return]

    @property
    def mfa(self) -> MultiFactorAuth:
        """Another name of :attr:`multi_factor_auth` (the same object)."""
        return self.multi_factor_auth

    @property
    def sessions(self) -> SyncSessions:
        """Sealed session cookies and access tokens, blocking; shares the caches of
        ``async_client.sessions`` (needs the ``sessions`` extra)."""
        sessions = self._resources.get("sessions")
        if sessions is None:
            from ..sessions._sync import SyncSessions

            sessions = SyncSessions(self)
            self._resources["sessions"] = sessions
        return sessions

    # ---- lifetime ------------------------------------------------------------------------

    @property
    def _loop_thread(self) -> LoopThread | None:
        """The loop thread, if one runs (for tests and diagnostics)."""
        return self._shared.loop_thread

    def close(self) -> None:
        """Close the connection pool and stop the loop thread. Calls in flight in other threads
        are cancelled and raise :class:`ClientClosedError`. Safe to call twice."""
        self._shared.close(wait=True)

    def __enter__(self) -> WorkOS:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"WorkOS(base_url={self.base_url!r}, client_id={self.client_id!r})"
