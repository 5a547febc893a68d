"""``WorkOS``: the blocking facade. Every call is the async method, run on the client's own loop
thread; no endpoint is written twice."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import os
import threading
import weakref
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from .._client import AsyncWorkOS
from .._config import DEFAULT_TIMEOUT, Timeout
from .._errors import WorkOSError
from ._loop_thread import LoopThread

if TYPE_CHECKING:
    from ..sessions._sync import SyncSessions
    from ._resources import (
        MultiFactorAuth,
        OrganizationMembershipService,
        Organizations,
        UserManagement,
    )

T = TypeVar("T")

#: Bumped in a forked child: clients compare it to know their loop thread did not survive.
_fork_generation = 0
_live_clients: weakref.WeakSet[WorkOS] = weakref.WeakSet()
#: Async clients left behind by a fork (their loop is in the parent). Kept referenced so the
#: child never tries to close the parent's sockets or warns about them at garbage collection.
_orphans: list[Any] = []


def _after_fork_in_child() -> None:
    global _fork_generation
    _fork_generation += 1


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@atexit.register
def _close_live_clients() -> None:
    for client in list(_live_clients):
        with contextlib.suppress(Exception):
            client.close()


class EventLoopBlockingError(WorkOSError, RuntimeError):
    """A blocking ``WorkOS`` method was called from a thread that runs an event loop: it would
    freeze that loop. Use :class:`AsyncWorkOS` and ``await`` the call instead."""


class WorkOS:
    """The blocking WorkOS client for scripts, Django views, Celery tasks and thread pools.

    Takes the same arguments as :class:`AsyncWorkOS` (except ``http_session``) and offers the
    same methods, blocking. One client owns one event-loop thread for its whole life and is
    safe to share between threads. Close it with ``close()`` or a ``with`` block (or let the
    interpreter's exit do it). After ``os.fork()`` the child gets a fresh loop and connections
    on first use.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        client_id: str | None = None,
        base_url: str | None = None,
        timeout: float | Timeout | None = DEFAULT_TIMEOUT,
        request_timeout: float | None = None,
        max_retries: int = 3,
        max_retry_after: float = 60.0,
        max_connections: int = 100,
        trust_env: bool = False,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        self._options: dict[str, Any] = {
            "api_key": api_key,
            "client_id": client_id,
            "base_url": base_url,
            "timeout": timeout,
            "request_timeout": request_timeout,
            "max_retries": max_retries,
            "max_retry_after": max_retry_after,
            "max_connections": max_connections,
            "trust_env": trust_env,
            "default_headers": default_headers,
        }
        # Validates the configuration now, in the caller's thread, before any thread starts.
        self._async = AsyncWorkOS(**self._options)
        self._lock = threading.Lock()
        self._loop_thread: LoopThread | None = None
        self._generation = _fork_generation
        self._closed = False
        self._resources: dict[str, Any] = {}
        _live_clients.add(self)

    # ---- running coroutines --------------------------------------------------------------

    def _ensure_loop_thread(self) -> LoopThread:
        loop_thread = self._loop_thread
        if loop_thread is not None and self._generation == _fork_generation:
            return loop_thread
        with self._lock:
            if self._closed:
                raise WorkOSError("this WorkOS client is closed; create a new one")
            if self._generation != _fork_generation:
                # Forked: the loop thread and the pool's sockets belong to the parent.
                _orphans.append(self._async)
                self._async = AsyncWorkOS(**self._options)
                self._resources.clear()
                self._loop_thread = None
                self._generation = _fork_generation
            if self._loop_thread is None:
                self._loop_thread = LoopThread()
            return self._loop_thread

    def _run(self, fn: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T:
        """Run ``await fn(*args, **kwargs)`` on the loop thread and return its result."""
        if asyncio._get_running_loop() is not None:
            raise EventLoopBlockingError(
                "WorkOS (the blocking client) was called from a thread that is running an event "
                "loop; that would block the loop. Use AsyncWorkOS and await the call instead."
            )
        loop_thread = self._ensure_loop_thread()
        if args or kwargs:
            return loop_thread.call(functools.partial(fn, *args, **kwargs))
        return loop_thread.call(fn)

    @property
    def async_client(self) -> AsyncWorkOS:
        """The :class:`AsyncWorkOS` this facade drives (it lives on the facade's loop thread)."""
        self._ensure_loop_thread()
        return self._async

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

    def close(self) -> None:
        """Close the connection pool and stop the loop thread. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loop_thread, self._loop_thread = self._loop_thread, None
        _live_clients.discard(self)
        if loop_thread is None or self._generation != _fork_generation:
            return
        if loop_thread.is_current():
            raise EventLoopBlockingError("close() cannot be called from the client's own loop")
        try:
            loop_thread.call(self._async.aclose)
        finally:
            loop_thread.stop()

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
