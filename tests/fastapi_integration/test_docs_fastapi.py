"""docs/fastapi.md: the quickstart builds an app with the sign-in routes and the middleware."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from workos_async.fastapi import AuthKitMiddleware

DOC = Path(__file__).resolve().parents[2] / "docs" / "fastapi.md"
BLOCKS = re.findall(r"<!-- test: build -->\n```python\n(.*?)```", DOC.read_text(), re.DOTALL)


async def test_the_quickstart_builds_an_app(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(BLOCKS) == 1
    monkeypatch.setenv("WORKOS_API_KEY", "sk_test_docs")
    monkeypatch.setenv("WORKOS_CLIENT_ID", "client_docs")
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", "docs-cookie-password-of-32-characters!")
    monkeypatch.setenv("WORKOS_REDIRECT_URI", "https://app.example.com/callback")
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    exec(compile(BLOCKS[0], DOC.name, "exec"), namespace)
    app = namespace["app"]
    assert any(m.cls is AuthKitMiddleware for m in app.user_middleware)  # type: ignore[attr-defined]
    # The routes answer (none of these needs WorkOS, so no lifespan is run).
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="https://app.example.com") as http:
        assert (await http.get("/api/me")).status_code == 401
        assert (await http.delete("/api/projects/p1")).status_code == 401
        assert (await http.post("/logout")).status_code == 303
        assert (await http.get("/callback")).json() == {"error": "invalid_state"}
