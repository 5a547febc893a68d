"""Helpers for the fake's own tests (a module name unique across test folders)."""

from __future__ import annotations

from typing import Any

import aiohttp
import attrs

from workos_async.testing import FakeWorkOS


@attrs.frozen
class Resp:
    status: int
    body: Any
    headers: Any
    raw: bytes


class Api:
    """A thin raw-HTTP client: every call returns status, parsed JSON (or None) and headers."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def call(self, method: str, path: str, **kwargs: Any) -> Resp:
        async with self.session.request(method, path, **kwargs) as r:
            raw = await r.read()
            body = None
            if raw and r.content_type == "application/json":
                body = await r.json()
            return Resp(r.status, body, r.headers, raw)

    async def get(self, path: str, **kw: Any) -> Resp:
        return await self.call("GET", path, **kw)

    async def post(self, path: str, **kw: Any) -> Resp:
        return await self.call("POST", path, **kw)

    async def put(self, path: str, **kw: Any) -> Resp:
        return await self.call("PUT", path, **kw)

    async def delete(self, path: str, **kw: Any) -> Resp:
        return await self.call("DELETE", path, **kw)

    async def create_user(self, email: str, **fields: Any) -> dict[str, Any]:
        r = await self.post("/user_management/users", json={"email": email, **fields})
        assert r.status == 201, r.body
        return r.body  # type: ignore[no-any-return]

    async def create_org(self, name: str, **fields: Any) -> dict[str, Any]:
        r = await self.post("/organizations", json={"name": name, **fields})
        assert r.status == 201, r.body
        return r.body  # type: ignore[no-any-return]


def fresh_connection_session(fake: FakeWorkOS) -> aiohttp.ClientSession:
    """A session that opens a new connection per request (aiohttp retries an idempotent
    request once when a *reused* connection is dropped, which would hide a drop fault)."""
    return aiohttp.ClientSession(
        fake.url,
        headers={"Authorization": f"Bearer {fake.api_key}"},
        connector=aiohttp.TCPConnector(force_close=True),
    )
