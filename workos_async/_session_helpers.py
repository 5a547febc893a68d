"""``user_management.load_sealed_session`` and ``user_management.authenticate_with_session_cookie``:
where the official Python SDK (and WorkOS's Node SDK) have the sealed-session helpers. They are
the very calls of ``client.sessions`` (its key cache and single-flight refresh), reached from the
user-management resource.

A mixin of the generated resource classes (see ``_helpers.MIXINS``), for the async and the
blocking client alike: the blocking resource holds its ``WorkOS``; an async resource finds its
``AsyncWorkOS`` through the transport it was built with (``register_owner``, called by the
client). Importing this module imports neither ``cryptography`` nor the table.
"""

from __future__ import annotations

import weakref
from collections.abc import Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Protocol, overload

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from ._client import AsyncWorkOS
    from ._transport import Transport
    from .sessions import AsyncSessions, AuthenticateResult, Session, SyncSession, SyncSessions

__all__ = ["UserManagementSessions", "register_owner"]

#: ``id(transport)`` → the ``AsyncWorkOS`` using it. Weak: an entry goes with its client (the
#: client holds the transport, so the id cannot be reused while the entry lives).
_OWNERS: weakref.WeakValueDictionary[int, AsyncWorkOS] = weakref.WeakValueDictionary()


def register_owner(transport: object, client: AsyncWorkOS) -> None:
    """Record that ``client`` sends through ``transport`` (its resources find it there)."""
    _OWNERS[id(transport)] = client


class _AsyncFace(Protocol):
    """An async resource (it sends through a transport)."""

    _transport: Transport


class UserManagementSessions:
    """``load_sealed_session`` / ``authenticate_with_session_cookie`` on ``user_management``."""

    __slots__ = ()

    def _sessions_helper(self) -> AsyncSessions | SyncSessions:
        blocking = getattr(self, "_client", None)  # a blocking resource holds its WorkOS
        if blocking is not None:
            sessions: SyncSessions = blocking.sessions
            return sessions
        owner = _OWNERS.get(id(getattr(self, "_transport", None)))
        if owner is None:
            raise ConfigurationError(
                "this resource's client is gone: use client.sessions.load_sealed_session(...)"
            )
        return owner.sessions

    @overload
    def load_sealed_session(
        self: _AsyncFace,
        *,
        session_data: str | None,
        cookie_password: str | Mapping[str, str] | None = None,
    ) -> Session: ...
    @overload
    def load_sealed_session(
        self,
        *,
        session_data: str | None,
        cookie_password: str | Mapping[str, str] | None = None,
    ) -> SyncSession: ...
    def load_sealed_session(
        self,
        *,
        session_data: str | None,
        cookie_password: str | Mapping[str, str] | None = None,
    ) -> Session | SyncSession:
        """A session over a sealed ``wos-session`` cookie value (``None`` or ``""`` when the
        request had none): ``.authenticate()``, ``.refresh()``, ``.get_logout_url()``.
        Sends no request until used. The same as ``client.sessions.load_sealed_session``.

        Args:
            session_data: The cookie value (iron ``Fe26.2``, or the official SDK's Fernet).
            cookie_password: The sealing password (at least 32 characters), or a mapping
                id → password for rotation; default: ``WORKOS_COOKIE_PASSWORD``.
        """
        return self._sessions_helper().load_sealed_session(
            session_data, cookie_password=cookie_password
        )

    @overload
    def authenticate_with_session_cookie(
        self: _AsyncFace,
        *,
        session_data: str | None,
        cookie_password: str | Mapping[str, str] | None = None,
    ) -> Coroutine[Any, Any, AuthenticateResult]: ...
    @overload
    def authenticate_with_session_cookie(
        self,
        *,
        session_data: str | None,
        cookie_password: str | Mapping[str, str] | None = None,
    ) -> AuthenticateResult: ...
    def authenticate_with_session_cookie(
        self,
        *,
        session_data: str | None,
        cookie_password: str | Mapping[str, str] | None = None,
    ) -> Coroutine[Any, Any, AuthenticateResult] | AuthenticateResult:
        """``load_sealed_session(...).authenticate()`` in one call (awaitable on the async
        client): an ``AuthenticateSuccess`` (``.authenticated`` is ``True``) or a
        ``SessionFailure`` with its ``reason``. The same as
        ``client.sessions.authenticate_with_session_cookie``."""
        return self._sessions_helper().authenticate_with_session_cookie(
            session_data, cookie_password=cookie_password
        )
