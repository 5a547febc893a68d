"""``AsyncWorkOS.warm_up()`` does the one-time work at start-up, sends nothing, and the pool is
sized for servers by default."""

from __future__ import annotations

from workos_async import AsyncWorkOS
from workos_async._config import DEFAULT_MAX_CONNECTIONS
from workos_async.testing import FakeWorkOS


async def test_warm_up_builds_resources_and_the_pool_without_a_request() -> None:
    async with (
        FakeWorkOS() as fake,
        AsyncWorkOS(api_key=fake.api_key, client_id=fake.client_id, base_url=fake.url) as client,
    ):
        before = len(fake.request_log.snapshot())
        await client.warm_up()
        await client.warm_up()  # idempotent
        assert len(fake.request_log.snapshot()) == before  # nothing was sent
        assert {"user_management", "organizations", "multi_factor_auth"} <= set(client._resources)
        session = client._transport._holder.get()
        assert not session.closed
        assert session.connector is not None
        assert session.connector.limit == DEFAULT_MAX_CONNECTIONS == 256
        user = await client.user_management.create_user(email="warm@example.com")
        assert (await client.user_management.get_user(user.id)).email == "warm@example.com"
