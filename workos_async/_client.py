"""``AsyncWorkOS``: configuration, the resource accessors, and the session's lifetime."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Unpack

import aiohttp

from ._config import ClientConfig, ClientOptions, Timeout
from ._errors import ConfigurationError
from ._logs import logger, setup_logging
from ._session_helpers import register_owner
from ._transport import SessionHolder, Transport

if TYPE_CHECKING:
    from .resources import (
        AsyncMultiFactorAuth,
        AsyncOrganizationMembershipService,
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
        api_key: The secret API key (``sk_...``). Required, except for a public client.
        client_id: The client id (``client_...``), needed by the authentication calls.
            Given without an API key (none passed, no ``WORKOS_API_KEY``), the client is public.
        is_public: A public client (browser, mobile, CLI apps that cannot hold a secret):
            ``client_id`` only, no API key (``WORKOS_API_KEY`` is ignored). It runs
            ``authenticate_with_code_pkce`` and ``authenticate_with_refresh_token`` (without
            ``client_secret`` or ``Authorization``); every other call raises
            ``ConfigurationError`` before any request.
        base_url: The API's origin (default ``https://api.workos.com``).
        timeout: Seconds for one attempt, or a :class:`Timeout` with separate connect, read
            and total limits (default: ``WORKOS_REQUEST_TIMEOUT`` seconds when set, else
            connect 10 s, read 60 s).
        request_timeout: The official SDK's name: seconds for one attempt (instead of
            ``timeout``).
        max_retries: Retries after the first attempt (default 3; ``0`` disables retries).
            GET, PUT and DELETE are retried after connection errors, timeouts and
            408/429/500/502/503/504; a POST only when it provably was not processed (see
            ``docs/errors-and-retries.md``).
        max_retry_after: The longest ``Retry-After`` (seconds) the client waits through;
            a longer one raises ``RateLimitExceededError`` at once.
        max_connections: Size of the connection pool (default 256: a server awaiting WorkOS
            in its handlers should not queue behind the pool; WorkOS's own limits, 6,000
            requests a minute, bound the real traffic; bulk imports govern their own rate).
        trust_env: Use proxy settings from the environment (``HTTPS_PROXY``...).
        default_headers: Headers sent with every request.
        max_response_size: The largest response body read, in bytes (default 10 MiB); a
            bigger one raises ``ResponseTooLargeError``.
        deadline: Seconds one call may take in all, every attempt and every wait between
            attempts included (default 120; ``None``: no overall limit). A call past it raises
            ``DeadlineExceededError``.
        rate_limiter: A shared rate budget (``workos_async.coordination.RateLimiter``): each
            attempt of an authenticated call waits for it (``"read"`` for GET, else
            ``"write"``; ``request_options["priority"]``, default ``"interactive"``) and every
            429 pauses it. ``request_options={"rate_limit": False}`` skips it for a call.
        coordinator: A ``workos_async.coordination.Coordinator``; its ``limiter`` is used as
            ``rate_limiter`` and ``client.sessions`` shares refreshes through its ``flights``
            (with the ``WORKOS_COOKIE_PASSWORD`` every process shares).
        event_hooks: ``{"request": [...], "response": [...]}``: callables (plain or async)
            called with a :class:`~workos_async.CallEvent` before and after each attempt; one
            that raises is logged and skipped (see ``docs/observability.md``).
        http_session: Your own ``aiohttp.ClientSession`` to send requests through (you close it).
    """

    def __init__(
        self,
        *,
        http_session: aiohttp.ClientSession | None = None,
        **options: Unpack[ClientOptions],
    ) -> None:
        setup_logging()
        self._config = ClientConfig.resolve(**options)
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
        deadline: float | None = None,
        max_response_size: int | None = None,
    ) -> AsyncWorkOS:
        """A client with other defaults sharing this one's connection pool (closing either
        closes the pool). An argument left at ``None`` keeps this client's value, so
        ``with_options(timeout=5).with_options(max_retries=0)`` has both; ``extra_headers`` add
        to this client's headers. (``deadline=math.inf`` lifts the overall limit.)"""
        transport = self._transport.derive(
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            deadline=deadline,
            max_response_size=max_response_size,
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
    def organization_membership(self) -> AsyncOrganizationMembershipService:
        """The organization-membership calls of ``user_management``, where the official SDK
        has them (``list_organization_membership_groups(om_id)``)."""
        return self._resource("organization_membership")  # type: ignore[no-any-return]

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
            coordinator = self._config.coordinator
            if coordinator is not None:
                # Refreshes shared across processes need the cookie password every process
                # shares (WORKOS_COOKIE_PASSWORD); without one, pass AsyncSessions(flights=...).
                try:
                    sessions.share_refreshes(coordinator.flights)
                except (ValueError, ConfigurationError) as exc:
                    logger.warning("coordinator: refreshes not shared (%s)", exc)
            self._resources["sessions"] = sessions
        return sessions

    # ---- lifetime ------------------------------------------------------------------------

    async def warm_up(self) -> None:
        """Do the client's one-time work now rather than in the first request: build the
        resource classes (imports), load the models' structure functions (a committed
        generated module), and create the connection pool in the running loop. Call it at
        start-up (AuthKit's lifespan does); it sends no request. Cheap to call again."""
        from . import models
        from ._converter import structure_fn

        for name in ("user_management", "organizations", "organization_membership"):
            self._resource(name)
        self.multi_factor_auth  # noqa: B018 - builds the resource
        for cls in (
            models.User,
            models.Organization,
            models.OrganizationMembership,
            models.AuthenticationResponse,
            models.Invitation,
        ):
            structure_fn(cls)
        self._transport.warm_up()

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
