"""A local aiohttp server that answers from a script: each request takes the next action.

Used by the transport tests for what only a real socket shows — resets, stalls, truncated
bodies, raw non-JSON bodies — with every received request recorded (method, path, query,
headers, body) for assertions.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class Action:
    kind: str  # json | raw | reset | sleep | truncate | stream
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    #: For ``stream``: the chunks written one by one, ``seconds`` apart, without a length.
    chunks: tuple[bytes, ...] = ()


def respond(status: int = 200, body: Any = None, **headers: str) -> Action:
    return Action("json", status, body, dict(headers))


def raw(status: int, body: bytes, content_type: str = "text/plain", **headers: str) -> Action:
    return Action("raw", status, body, {"Content-Type": content_type, **headers})


def reset() -> Action:
    return Action("reset")


def stall(seconds: float) -> Action:
    return Action("sleep", seconds=seconds)


def truncated(status: int, body: bytes) -> Action:
    return Action("truncate", status, body)


def stream(chunks: tuple[bytes, ...], seconds: float = 0.0, **headers: str) -> Action:
    """A 200 sent chunk by chunk (no Content-Length), waiting ``seconds`` before each."""
    return Action("stream", 200, None, dict(headers), seconds, chunks)


class ScriptedServer:
    def __init__(self) -> None:
        self.script: deque[Action] = deque()
        self.received: list[Received] = []
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._arrived = asyncio.Event()

    async def wait_received(self, count: int) -> None:
        """Until ``count`` requests have arrived."""
        while len(self.received) < count:
            self._arrived.clear()
            await self._arrived.wait()

    def add(self, *actions: Action) -> None:
        self.script.extend(actions)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.received.append(
            Received(request.method, request.path, dict(request.query), dict(request.headers), body)
        )
        self._arrived.set()
        action = self.script.popleft() if self.script else respond(500, {"message": "script empty"})
        headers = {"X-Request-ID": f"req_{len(self.received)}", **action.headers}
        if action.kind == "json":
            if action.body is None:
                return web.Response(status=action.status, headers=headers)
            return web.Response(
                status=action.status,
                body=json.dumps(action.body).encode(),
                content_type="application/json",
                headers=headers,
            )
        if action.kind == "raw":
            return web.Response(status=action.status, body=action.body, headers=headers)
        if action.kind == "reset":
            assert request.transport is not None
            request.transport.close()
            raise asyncio.CancelledError  # nothing more is written on this connection
        if action.kind == "sleep":
            await asyncio.sleep(action.seconds)
            return web.Response(status=200, body=b"{}", content_type="application/json")
        if action.kind == "truncate":
            response = web.StreamResponse(status=action.status, headers=headers)
            response.content_length = len(action.body) + 100
            response.content_type = "application/json"
            await response.prepare(request)
            await response.write(action.body)
            assert request.transport is not None
            request.transport.close()
            return response
        if action.kind == "stream":
            response = web.StreamResponse(status=action.status, headers=headers)
            response.content_type = "application/json"
            response.enable_chunked_encoding()
            await response.prepare(request)
            try:
                for chunk in action.chunks:
                    await asyncio.sleep(action.seconds)
                    await response.write(chunk)
                await response.write_eof()
            except (ConnectionError, RuntimeError):
                pass  # the client stopped reading
            return response
        raise AssertionError(action.kind)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
