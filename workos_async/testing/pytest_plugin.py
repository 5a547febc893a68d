"""pytest plugin for ``workos_async.testing`` (registered as the ``pytest11`` entry point).

Fixtures:

- ``workos_fake``: a running :class:`~workos_async.testing.FakeWorkOS`, reset before each
  test (one server per session, on its own loop in a daemon thread);
- ``workos_client``: an ``AsyncWorkOS`` bound to it, closed after the test (needs
  pytest-asyncio);
- ``workos_sync_client``: a blocking ``WorkOS`` bound to it, closed after the test.

A test is three lines::

    async def test_signup(workos_client, workos_fake):
        user = await workos_client.user_management.create_user(email="ada@example.com")
        assert workos_fake.store.users[user.id]["email"] == "ada@example.com"

This module is loaded by every pytest run where ``workos-async`` is installed, so it imports
nothing heavy at load time (the fake and the clients are imported inside the fixtures).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from ._fixtures_auth import workos_sign_in  # noqa: F401  (a signed-in cookie and token)

if TYPE_CHECKING:
    from workos_async import AsyncWorkOS
    from workos_async.sync import WorkOS
    from workos_async.testing import FakeWorkOS

_F = TypeVar("_F", bound=Callable[..., Any])
_async_fixture: Callable[[_F], _F] | None
try:
    import pytest_asyncio

    _async_fixture = pytest_asyncio.fixture  # type: ignore[assignment]
except ImportError:  # pragma: no cover - without pytest-asyncio only the sync fixtures work
    _async_fixture = None


@pytest.fixture(scope="session")
def _workos_fake_server() -> Iterator[FakeWorkOS]:
    """One fake per test session, serving in a daemon thread."""
    from workos_async.testing import FakeWorkOS

    fake = FakeWorkOS()
    handle = fake.run_in_thread()
    try:
        yield fake
    finally:
        handle.stop()


@pytest.fixture
def workos_fake(_workos_fake_server: FakeWorkOS) -> FakeWorkOS:
    """A running fake WorkOS with no objects, faults, rate limits or logged requests."""
    _workos_fake_server.reset()
    return _workos_fake_server


if _async_fixture is not None:

    @_async_fixture
    async def workos_client(workos_fake: FakeWorkOS) -> AsyncIterator[AsyncWorkOS]:
        """An ``AsyncWorkOS`` bound to ``workos_fake``, closed after the test."""
        from workos_async import AsyncWorkOS

        client = AsyncWorkOS(
            api_key=workos_fake.api_key, client_id=workos_fake.client_id, base_url=workos_fake.url
        )
        try:
            yield client
        finally:
            await client.aclose()

else:  # pragma: no cover

    @pytest.fixture
    def workos_client() -> None:
        """Unavailable: the async client fixture needs pytest-asyncio."""
        pytest.fail("the workos_client fixture needs pytest-asyncio: pip install pytest-asyncio")


@pytest.fixture
def workos_sync_client(workos_fake: FakeWorkOS) -> Iterator[WorkOS]:
    """A blocking ``WorkOS`` bound to ``workos_fake``, closed after the test."""
    from workos_async.sync import WorkOS

    client = WorkOS(
        api_key=workos_fake.api_key, client_id=workos_fake.client_id, base_url=workos_fake.url
    )
    try:
        yield client
    finally:
        client.close()
