"""``AsyncWorkOS``: configuration, the resource accessors, and the session's lifetime."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import aiohttp

from ._config import DEFAULT_TIMEOUT, ClientConfig, Timeout, resolve_timeout
from ._logs import setup_logging
from ._session_helpers import register_owner
from ._transport import SessionHolder, Transport

if TYPE_CHECKING:
    from .resources import (
        AsyncMultiFactorAuth,
        AsyncOrganizations,
        AsyncUserManagement,
    )
    from .sessions._session import AsyncSessions


class AsyncWorkOS:
    """The async WorkOS client. Create one per application (e.g. in the FastAPI lifespan) and
    share it: it holds one pooled aiohttp session, created on first use inside the running
    loop.

    Every argument falls back to an environment variable: ``api_key`` → ``WORKOS_API_KEY``,
    ``client_id`` → ``WORKOS_CLIENT_ID``, ``base_url`` → ``WORKOS_BASE_URL``.

    Args:
        api_key: The secret API key (``sk_...``). Required.
        client_id: The client id (``client_...``), needed by the authentication calls.
        base_url: The API's origin (default ``https://api.workos.com``).
        timeout: Seconds for one attempt, or a :class:`Timeout` with separate connect, read
            and total limits (default: ``WORKOS_REQUEST_TIMEOUT`` seconds when set, else
            connect 10 s, read 60 s).
        request_timeout: The official SDK's name: seconds for one attempt (instead of
            ``timeout``).
        max_retries: Retries after the first attempt, for connection errors, timeouts and
            408/429/500/502/503/504 (default 3). ``0`` disables retries.
        max_retry_after: The longest ``Retry-After`` (seconds) the client waits through;
            a longer one raises ``RateLimitExceededError`` at once.
        max_connections: Size of the connection pool (default 100).
        trust_env: Use proxy settings from the environment (``HTTPS_PROXY``...).
        default_headers: Headers sent with every request.
        http_session: Your own ``aiohttp.ClientSession`` to send requests through (you close it).
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
        http_session: aiohttp.ClientSession | None = None,
    ) -> None:
        setup_logging()
        self._config = ClientConfig.resolve(
            api_key=api_key,
            client_id=client_id,
            base_url=base_url,
            timeout=resolve_timeout(timeout, request_timeout),
            max_retries=max_retries,
            max_retry_after=max_retry_after,
            max_connections=max_connections,
            trust_env=trust_env,
            default_headers=default_headers,
        )
        self._transport = Transport(self._config, SessionHolder(self._config, http_session))
        self._resources: dict[str, Any] = {}
        register_owner(self._transport, self)  # user_management's session helpers find us

    @classmethod
    def _from_transport(cls, transport: Transport) -> AsyncWorkOS:
        client = cls.__new__(cls)
        client._config = transport.config
        client._transport = transport
        client._resources = {}
        register_owner(transport, client)
        return client

    # ---- configuration -------------------------------------------------------------------

    @property
    def client_id(self) -> str | None:
        return self._config.client_id

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def with_options(
        self,
        *,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AsyncWorkOS:
        """A client with other defaults sharing this one's connection pool (closing either
        closes the pool)."""
        transport = self._transport.derive(
            timeout=None if timeout is None else Timeout.coerce(timeout),
            max_retries=max_retries,
            extra_headers=extra_headers,
        )
        return type(self)._from_transport(transport)

    # ---- resources -----------------------------------------------------------------------

    def _resource(self, name: str) -> Any:
        resource = self._resources.get(name)
        if resource is None:
            from .resources import async_resource_class

            resource = async_resource_class(name)(self._transport)
            self._resources[name] = resource
        return resource

    @property
    def user_management(self) -> AsyncUserManagement:
        """Users, organization memberships, invitations, authentication, sessions, MFA, ..."""
        return self._resource("user_management")  # type: ignore[no-any-return]

    @property
    def organizations(self) -> AsyncOrganizations:
        """Organizations (create, get, get by external id, delete)."""
        return self._resource("organizations")  # type: ignore[no-any-return]

    @property
    def organization_membership(self) -> AsyncUserManagement:
        """Where the official SDK has the organization-membership calls: the same object as
        ``user_management``, whose membership calls have the official names."""
        return self.user_management

    @property
    def multi_factor_auth(self) -> AsyncMultiFactorAuth:
        """The MFA calls of ``user_management``, under the official SDK's names."""
        return self._resource("multi_factor_auth")  # type: ignore[no-any-return]

    @property
    def mfa(self) -> AsyncMultiFactorAuth:
        """Another name of :attr:`multi_factor_auth` (the same object)."""
        return self.multi_factor_auth

    @property
    def sessions(self) -> AsyncSessions:
        """Sealed ``wos-session`` cookies and access-token verification over this client: the
        JWKS cache and the single-flight refresh every request shares (created on first use;
        needs the ``sessions`` extra)."""
        sessions = self._resources.get("sessions")
        if sessions is None:
            from .sessions._session import AsyncSessions

            sessions = AsyncSessions(self)
            self._resources["sessions"] = sessions
        return sessions

    # ---- lifetime ------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connection pool. The client cannot be used afterwards."""
        sessions = self._resources.get("sessions")
        if sessions is not None:
            await sessions.aclose()
        await self._transport.aclose()

    async def close(self) -> None:
        """The official SDK's name of :meth:`aclose`."""
        await self.aclose()

    async def __aenter__(self) -> AsyncWorkOS:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"AsyncWorkOS(base_url={self._config.base_url!r}, client_id={self._config.client_id!r})"
        )
