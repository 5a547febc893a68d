"""``redis`` is an optional extra: importing the package and the in-process components never
needs it; a Redis component without it says what to install. Nothing secret in a repr."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from workos_async.coordination import Coordinator, share_refreshes
from workos_async.sessions import AsyncSessions, RefreshCoordinator

from .helpers import ROOT


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_import_does_not_load_redis() -> None:
    result = run(
        "import sys\n"
        "import workos_async\n"
        "assert 'workos_async.coordination' not in sys.modules\n"
        "import workos_async.coordination as c\n"
        "c.Coordinator.local()\n"
        "assert 'redis' not in sys.modules, 'redis imported'\n"
    )
    assert result.returncode == 0, result.stderr


def test_a_redis_component_without_the_package_names_the_extra() -> None:
    result = run(
        "import sys\n"
        "sys.modules['redis'] = None\n"
        "sys.modules['redis.asyncio'] = None\n"
        "from workos_async.coordination import Coordinator\n"
        "try:\n"
        "    Coordinator.from_redis('redis://127.0.0.1:1/0')\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "pip install 'workos-async[redis]'" in result.stdout


async def test_reprs_hold_no_url_or_key(redis_url: str) -> None:
    url = redis_url.replace("redis://", "redis://:hunter2-password@")
    coordinator = Coordinator.from_redis(url, api_key="sk_test_do_not_print")
    text = repr(coordinator) + repr(coordinator.limiter) + repr(coordinator.flights)
    for secret in ("hunter2", "sk_test_do_not_print", url):
        assert secret not in text
    await coordinator.aclose()


def test_sharing_refreshes_needs_the_cookie_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)

    async def refresh(**kwargs: Any) -> Any:
        raise AssertionError("not called")

    sessions = AsyncSessions(authenticate_with_refresh_token=refresh, client_id="client_x")
    with pytest.raises(ValueError, match="cookie password"):
        share_refreshes(sessions, Coordinator.local())
    with pytest.raises(TypeError, match="Coordinator or a FlightStore"):
        share_refreshes(sessions, object())  # type: ignore[arg-type]
    share_refreshes(sessions, Coordinator.local(), cookie_password="p" * 32)
    assert sessions.refreshes.shared is not None
    share_refreshes(sessions, None)
    assert sessions.refreshes.shared is None


def test_a_shared_store_needs_a_codec() -> None:
    coordinator: RefreshCoordinator[int] = RefreshCoordinator()
    with pytest.raises(TypeError, match="codec"):
        coordinator.share(Coordinator.local().flights)
