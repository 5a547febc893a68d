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
from typing import TYPE_CHECKING, Any, Protocol, Required, TypedDict, overload

import attrs

from ._errors import ConfigurationError
from ._secret import Secret

if TYPE_CHECKING:
    from ._client import AsyncWorkOS
    from ._transport import Transport
    from .sessions import AsyncSessions, AuthenticateResult, Session, SyncSession, SyncSessions

__all__ = [
    "SessionOptions",
    "SessionSealing",
    "UserManagementSessions",
    "register_owner",
    "seal_into",
    "session_sealing",
]

#: ``id(transport)`` → the ``AsyncWorkOS`` using it. Weak: an entry goes with its client (the
#: client holds the transport, so the id cannot be reused while the entry lives).
_OWNERS: weakref.WeakValueDictionary[int, AsyncWorkOS] = weakref.WeakValueDictionary()


def register_owner(transport: object, client: AsyncWorkOS) -> None:
    """Record that ``client`` sends through ``transport`` (its resources find it there)."""
    _OWNERS[id(transport)] = client


class SessionOptions(TypedDict, total=False):
    """The ``session=`` argument of the ``authenticate_with_*`` methods (WorkOS's Node SDK's
    ``session: {sealSession, cookiePassword}``)."""

    #: ``True``: seal the result into a ``wos-session`` cookie value (``result.sealed_session``).
    seal_session: Required[bool]
    #: The sealing password (at least 32 characters); default: the client's sessions' password
    #: (``WORKOS_COOKIE_PASSWORD``).
    cookie_password: str


@attrs.frozen(repr=False)
class SessionSealing:
    """A checked ``session=`` argument that asks for sealing (the password held as a
    :class:`Secret`, so a traceback with locals never shows it)."""

    cookie_password: Secret | None

    def __repr__(self) -> str:
        return "SessionSealing(<redacted>)"


_SESSION_KEYS = frozenset({"seal_session", "cookie_password"})


def session_sealing(method: str, session: SessionOptions | None) -> SessionSealing | None:
    """Check ``session=`` before any request; ``None`` when no sealing is asked for."""
    if session is None:
        return None
    if not isinstance(session, Mapping):
        raise TypeError(f"{method}(): session must be a mapping, got {type(session).__name__}")
    unknown = sorted(str(k) for k in session if k not in _SESSION_KEYS)
    if unknown:
        raise ValueError(
            f"{method}(): unknown session option(s) {unknown}; "
            "expected 'seal_session' and 'cookie_password'"
        )
    if "seal_session" not in session:
        raise ValueError(f"{method}(): session needs 'seal_session': True")
    seal = session["seal_session"]
    if not isinstance(seal, bool):
        raise TypeError(f"{method}(): session['seal_session'] must be a bool")
    password = session.get("cookie_password")
    if password is not None and not isinstance(password, str):
        raise TypeError(f"{method}(): session['cookie_password'] must be a str")
    if not seal:
        return None
    return SessionSealing(None if password is None else Secret(password))


def seal_into(transport: object, result: Any, sealing: SessionSealing | None) -> None:
    """Set ``result.sealed_session`` (its ``_sealed_session``) when ``sealing`` asks for it, with the public
    ``seal_session_from_authentication_response`` of the sessions of the client that sent the
    request through ``transport``. No I/O."""
    if sealing is None:
        return
    owner = _OWNERS.get(id(transport))
    if owner is None:
        raise ConfigurationError(
            "this resource's client is gone: "
            "use client.sessions.seal_session_from_authentication_response(result)"
        )
    result._sealed_session = Secret(
        owner.sessions.seal_session_from_authentication_response(
            result, cookie_password=sealing.cookie_password
        )
    )


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
