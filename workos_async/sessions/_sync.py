"""The blocking face of sessions: ``WorkOS(...).sessions``.

Every call runs the async method on the ``WorkOS`` client's own loop thread through its
blocking bridge (``WorkOS._run``), so the blocking and async faces share one JWKS cache and one
refresh coordinator: a Django view and a Celery task refreshing the same cookie still send one
request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._iron import Passwords
from ._jwt import AccessTokenClaims
from ._results import AuthenticateResult, RefreshResult
from ._session import AsyncSessions, Session

if TYPE_CHECKING:
    from ..coordination.protocols import FlightStore
    from ..sync._client import WorkOS

__all__ = ["SyncSession", "SyncSessions"]


class SyncSessions:
    """``WorkOS.sessions``: the methods of :class:`AsyncSessions`, blocking."""

    __slots__ = ("_client",)

    def __init__(self, client: WorkOS) -> None:
        self._client = client

    def __repr__(self) -> str:
        return "<SyncSessions>"

    @property
    def async_sessions(self) -> AsyncSessions:
        """The :class:`AsyncSessions` of the facade's async client (the shared caches)."""
        return self._client.async_client.sessions

    def share_refreshes(
        self, flights: FlightStore | None, *, cookie_password: Passwords | None = None
    ) -> None:
        """Share refreshes with other processes (see ``AsyncSessions.share_refreshes``); the
        store's connections then live on this client's loop thread."""
        self.async_sessions.share_refreshes(flights, cookie_password=cookie_password)

    def load_sealed_session(
        self, sealed_session: str | None, *, cookie_password: Passwords | None = None
    ) -> SyncSession:
        """A :class:`SyncSession` over a cookie value (see ``AsyncSessions``)."""
        session = self.async_sessions.load_sealed_session(
            sealed_session, cookie_password=cookie_password
        )
        return SyncSession(self._client, session)

    def authenticate_with_session_cookie(
        self, sealed_session: str | None, *, cookie_password: Passwords | None = None
    ) -> AuthenticateResult:
        """``load_sealed_session(...).authenticate()`` in one call."""
        return self.load_sealed_session(
            sealed_session, cookie_password=cookie_password
        ).authenticate()

    def verify_access_token(self, access_token: str) -> AccessTokenClaims:
        """Verify an access token with the shared key cache."""
        return self._client._run(self.async_sessions.verify_access_token, access_token)

    def authenticate_access_token(self, access_token: str | None) -> AuthenticateResult:
        """A bearer token as a result (see ``AsyncSessions.authenticate_access_token``)."""
        return self._client._run(self.async_sessions.authenticate_access_token, access_token)

    def seal_session_from_authentication_response(
        self, response: Any, *, cookie_password: Passwords | None = None
    ) -> str:
        """The cookie value for an ``authenticate_with_*`` response (no I/O)."""
        return self.async_sessions.seal_session_from_authentication_response(
            response, cookie_password=cookie_password
        )

    def prefetch_jwks(self) -> bool:
        """Fetch the signing keys now; whether it worked."""
        return self._client._run(self.async_sessions.prefetch_jwks)


class SyncSession:
    """A :class:`Session`, blocking: the same object, driven through the client's bridge."""

    __slots__ = ("_client", "_session")

    def __init__(self, client: WorkOS, session: Session) -> None:
        self._client = client
        self._session = session

    def __repr__(self) -> str:
        return repr(self._session).replace("<Session", "<SyncSession", 1)

    @property
    def sealed_session(self) -> str | None:
        """The cookie value held now (the new one after a refresh)."""
        return self._session.sealed_session

    def authenticate(self) -> AuthenticateResult:
        """See :meth:`Session.authenticate`."""
        return self._client._run(self._session.authenticate)

    def refresh(self, *, organization_id: str | None = None) -> RefreshResult:
        """See :meth:`Session.refresh`."""
        return self._client._run(self._session.refresh, organization_id=organization_id)

    def authenticate_or_refresh(self, *, refresh_buffer: float = 0.0) -> AuthenticateResult:
        """See :meth:`Session.authenticate_or_refresh`."""
        return self._client._run(
            self._session.authenticate_or_refresh, refresh_buffer=refresh_buffer
        )

    def get_logout_url(self, *, return_to: str | None = None) -> str:
        """See :meth:`Session.get_logout_url` (no I/O)."""
        return self._session.get_logout_url(return_to=return_to)
