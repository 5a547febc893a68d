"""``AsyncWorkOS``: configuration, the resource accessors, and the session's lifetime."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Unpack

import aiohttp

from ._config import ClientConfig, ClientOptions, Timeout
from ._logs import setup_logging
from ._transport import SessionHolder, Transport

if TYPE_CHECKING:
    from .resources import AsyncOrganizations, AsyncUserManagement
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
            and total limits (default: connect 10 s, read 60 s).
        max_retries: Retries after the first attempt (default 3; ``0`` disables retries).
            GET, PUT and DELETE are retried after connection errors, timeouts and
            408/429/500/502/503/504; a POST only when it provably was not processed (see
            ``docs/errors-and-retries.md``).
        max_retry_after: The longest ``Retry-After`` (seconds) the client waits through;
            a longer one raises ``RateLimitExceededError`` at once.
        max_connections: Size of the connection pool (default 100).
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
            ``rate_limiter``.
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

    @classmethod
    def _from_transport(cls, transport: Transport) -> AsyncWorkOS:
        client = cls.__new__(cls)
        client._config = transport.config
        client._transport = transport
        client._resources = {}
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
