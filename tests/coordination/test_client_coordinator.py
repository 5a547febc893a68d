"""``AsyncWorkOS(coordinator=...)``: the limiter gates the client's calls and ``client.sessions``
shares refreshes through the coordinator's flights (in-process pieces; the Redis ones are
tested elsewhere in this folder)."""

from __future__ import annotations

import pytest

from workos_async import AsyncWorkOS, WorkOS
from workos_async.coordination import Coordinator
from workos_async.testing import FakeWorkOS

PASSWORD = "p" * 32


async def test_the_coordinator_shares_refreshes_and_gates_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    coordinator = Coordinator.local()
    async with (
        FakeWorkOS() as fake,
        AsyncWorkOS(
            api_key=fake.api_key,
            client_id=fake.client_id,
            base_url=fake.url,
            coordinator=coordinator,
        ) as client,
    ):
        assert client.sessions.flights is coordinator.flights
        user = await client.user_management.create_user(email="c@example.com")
        assert (await client.user_management.get_user(user.id)).id == user.id


async def test_without_a_cookie_password_refreshes_are_not_shared_and_it_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    async with AsyncWorkOS(
        api_key="sk_test_x", client_id="client_x", coordinator=Coordinator.local()
    ) as client:
        assert client.sessions.flights is None
    assert "refreshes not shared" in caplog.text


def test_the_blocking_client_takes_the_same_options() -> None:
    with WorkOS(api_key="sk_test_x", coordinator=Coordinator.local(), max_connections=8) as c:
        assert c.async_client._config.max_connections == 8
    with pytest.raises(TypeError, match="unexpected keyword"):
        WorkOS(api_key="sk_test_x", no_such_option=1)  # type: ignore[call-arg]
