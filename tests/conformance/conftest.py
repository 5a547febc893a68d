"""Fixtures for the conformance suite: one WorkOS emulator per test session.

Run with ``pytest -m conformance tests/conformance`` (pyproject's addopts deselect these
tests by default). Every test collected under this folder gets the ``conformance`` marker.

Without node/npm the emulator fixture skips, except in CI (``CI=true``), where it fails: the
conformance suite must never pass there by not running. A failed npm install or emulator
start is always a failure, with npm's or the emulator's stderr in the message.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .test_clients import Api

from ._emulator import (
    Emulator,
    EmulatorProcess,
    EmulatorStartError,
    EmulatorUnavailableError,
    conformance_seed,
    ensure_installed,
    find_tools,
)

CONFORMANCE_DIR = Path(__file__).resolve().parent
REPO_ROOT = CONFORMANCE_DIR.parents[1]
EMULATOR_CACHE_DIR = REPO_ROOT / ".cache" / "emulator"


def running_in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """True when ``CI`` is set to a true value (``true``, ``1``, ``yes``), as CI runners do."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() in {"true", "1", "yes"}


def emulator_unavailable(reason: str, *, ci: bool) -> None:
    """Fail (in CI) or skip (locally) because the emulator cannot run here; never returns."""
    if ci:
        pytest.fail(f"conformance suite cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"WorkOS emulator unavailable: {reason}")


def require_emulator() -> tuple[str, Path]:
    """``(node, entry_point)`` of the installed emulator, installing it if needed.

    Skips (locally) or fails (in CI) without node/npm; fails on a broken install. For tests
    that start a private :class:`EmulatorProcess` of their own.
    """
    try:
        node, npm = find_tools()
    except EmulatorUnavailableError as exc:
        emulator_unavailable(str(exc), ci=running_in_ci())
        raise  # pragma: no cover - skip/fail raise above
    try:
        return node, ensure_installed(EMULATOR_CACHE_DIR, npm=npm)
    except EmulatorStartError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/conformance, before ``-m`` selection looks at markers."""
    for item in items:
        if CONFORMANCE_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.conformance)


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """The running emulator: ``url``, ``default_api_key``, ``extra_api_keys``,
    ``spare_api_key``, ``client_id``, seeded ``users`` and ``organizations`` (by handle).

    Each API key has its own 1,000-requests-per-60-s bucket; prefer the ``emulator_api_key``
    fixture, which spreads tests over the extra keys. Public routes (authenticate, authorize,
    logout, JWKS, health) all share one anonymous bucket whatever key is sent.
    """
    node, entry_point = require_emulator()
    process = EmulatorProcess(entry_point, conformance_seed(), node=node)
    try:
        running = process.start()
    except EmulatorStartError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield running
    finally:
        process.stop()


@pytest.fixture(scope="session")
def _api_key_rotation(emulator: Emulator) -> Iterator[str]:
    return itertools.cycle(emulator.extra_api_keys)


@pytest.fixture
def emulator_api_key(_api_key_rotation: Iterator[str]) -> str:
    """The next extra API key, round-robin, so the suite's load spreads over several buckets."""
    return next(_api_key_rotation)


@pytest.fixture
def unique_email() -> str:
    """A fresh email address: the emulator's state lives for the whole session and a
    duplicate email gives 409."""
    return f"conformance-{uuid.uuid4().hex[:16]}@example.com"


@pytest.fixture(params=["async", "sync"])
async def api(
    request: pytest.FixtureRequest, emulator: Emulator, emulator_api_key: str
) -> AsyncIterator[Api]:
    """The client under test, once per flavour: ``AsyncWorkOS``, then ``WorkOS`` (driven from a
    worker thread), behind one awaitable interface (see ``test_clients.Api``)."""
    from .test_clients import open_api  # test_clients imports this module: import late

    async with open_api(request.param, emulator, emulator_api_key) as opened:
        yield opened
