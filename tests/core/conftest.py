from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from workos_async import AsyncWorkOS

from .scripted_server import ScriptedServer

API_KEY = "sk_test_scripted_SECRETKEY123"

USER: dict[str, object] = {
    "object": "user",
    "id": "user_01",
    "email": "ada@example.com",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "profile_picture_url": None,
    "email_verified": True,
    "external_id": None,
    "last_sign_in_at": None,
    "created_at": "2024-01-01T00:00:00.000Z",
    "updated_at": "2024-01-02T00:00:00.000Z",
}


@pytest.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    srv = ScriptedServer()
    await srv.start()
    yield srv
    await srv.stop()


@pytest.fixture
async def client(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[AsyncWorkOS]:
    # Retries sleep for real: shrink the backoff so the suite stays fast.
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    async with AsyncWorkOS(
        api_key=API_KEY, client_id="client_123", base_url=server.url, max_retries=2
    ) as c:
        yield c
