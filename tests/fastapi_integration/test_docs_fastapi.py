"""docs/fastapi.md: the quickstart builds a FastAPI app (middleware, sign-in routes, security
in OpenAPI, SDK models as responses) and the Starlette example works without FastAPI's
dependencies; both read their environment when they start, not at import."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from workos_async.fastapi import AuthKitMiddleware

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "fastapi.md"
TEXT = DOC.read_text()
BUILD = re.findall(r"<!-- test: build -->\n```python\n(.*?)```", TEXT, re.DOTALL)
STARLETTE = re.findall(r"<!-- test: starlette -->\n```python\n(.*?)```", TEXT, re.DOTALL)


def run(block: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "__doc_example__"}
    exec(compile(block, DOC.name, "exec"), namespace)
    return namespace


def set_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKOS_API_KEY", "sk_test_docs")
    monkeypatch.setenv("WORKOS_CLIENT_ID", "client_docs")
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", "docs-cookie-password-of-32-characters!")
    monkeypatch.setenv("WORKOS_REDIRECT_URI", "https://app.example.com/callback")
    # Nothing listens there: the JWKS prefetch fails at once, and the app starts anyway.
    monkeypatch.setenv("WORKOS_BASE_URL", "http://127.0.0.1:9")


async def test_the_quickstart_builds_an_app(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(BUILD) == 1
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    app = run(BUILD[0])["app"]  # built before the environment is set
    set_env(monkeypatch)
    assert any(m.cls is AuthKitMiddleware for m in app.user_middleware)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="https://app.example.com") as http,
    ):
        assert (await http.get("/api/me")).status_code == 401
        assert (await http.get("/api/users/u1")).status_code == 401
        assert (await http.post("/logout")).status_code == 303
        assert (await http.get("/callback")).json() == {"error": "invalid_state"}
        spec = (await http.get("/openapi.json")).json()
    assert spec["paths"]["/api/me"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/User"}
    assert "403" in spec["paths"]["/api/users/{user_id}"]["get"]["responses"]
    assert set(spec["components"]["securitySchemes"]) == {"WorkOSSessionCookie", "WorkOSBearer"}


async def test_the_starlette_example(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(STARLETTE) == 1
    set_env(monkeypatch)
    app = run(STARLETTE[0])["app"]
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="https://app.example.com") as http,
    ):
        response = await http.get("/api/me")
        assert response.status_code == 401
        assert response.json() == {"error": "no_session_cookie_provided"}


def test_the_examples_pass_mypy_strict(tmp_path: Path) -> None:
    for name, block in (("quickstart.py", BUILD[0]), ("starlette_app.py", STARLETTE[0])):
        (tmp_path / name).write_text(block)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "quickstart.py",
            "starlette_app.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
