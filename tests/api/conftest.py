from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from workos_async import AsyncWorkOS, WorkOS

from .wire_server import WireServer

API_KEY = "sk_test_wire_SECRETKEY123"
CLIENT_ID = "client_wire_123"


@pytest.fixture(scope="module")
def wire_server() -> Iterator[WireServer]:
    server = WireServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def wire(wire_server: WireServer) -> WireServer:
    wire_server.reset()
    return wire_server


@pytest.fixture
async def aclient(wire: WireServer) -> AsyncIterator[AsyncWorkOS]:
    async with AsyncWorkOS(
        api_key=API_KEY, client_id=CLIENT_ID, base_url=wire.url, max_retries=0
    ) as client:
        yield client


@pytest.fixture
def sclient(wire: WireServer) -> Iterator[WorkOS]:
    with WorkOS(api_key=API_KEY, client_id=CLIENT_ID, base_url=wire.url, max_retries=0) as client:
        yield client
