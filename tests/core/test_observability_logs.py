"""Structured logs: the ``workos.*`` fields on every record of the package, redaction on every
package logger, and each line printed once with ``WORKOS_LOG`` under a configured root."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from workos_async import AsyncWorkOS, _logs
from workos_async.testing import FakeWorkOS, Fault

PACKAGE = Path(__file__).resolve().parents[2] / "workos_async"
SECRET = "sk_test_" + "Zx9" * 8


@pytest.fixture
async def fake() -> AsyncIterator[FakeWorkOS]:
    async with FakeWorkOS() as fake:
        yield fake


def test_every_logger_of_the_package_is_filtered() -> None:
    named = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        named |= set(re.findall(r"getLogger\(\s*\"(workos_async[\w.]*)\"", text))
        # A logger named at run time could escape the list: loggers are named literally.
        assert "getLogger(__name__)" not in text, path
    assert named and named <= set(_logs.PACKAGE_LOGGERS), named - set(_logs.PACKAGE_LOGGERS)
    for name in _logs.PACKAGE_LOGGERS:
        assert any(isinstance(f, _logs.RedactingFilter) for f in logging.getLogger(name).filters)


@pytest.mark.parametrize("name", ["workos_async.sessions", "workos_async.coordination"])
def test_a_key_logged_through_a_child_logger_is_redacted(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="workos_async"):
        logging.getLogger(name).warning("refresh failed with key %s and Bearer %s", SECRET, "t0k3n")
    [record] = caplog.records
    assert SECRET not in caplog.text and "t0k3n" not in caplog.text
    assert "<redacted>" in record.getMessage()
    # A record that is not about a request has the fields, set to None.
    assert all(getattr(record, field) is None for field in _logs.FIELDS)


async def test_request_records_carry_the_fields(
    fake: FakeWorkOS, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    fake.faults.add(Fault(method="POST", path="/organizations", status=429, retry_after=0))
    with caplog.at_level(logging.DEBUG, logger="workos_async"):
        async with AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) as workos:
            await workos.organizations.create_organization(name="Acme")
    records = [r for r in caplog.records if r.name == "workos_async"]
    retry, done = records[-2], records[-1]
    ids = [r.request_id for r in fake.requests]
    assert getattr(retry, "workos.method") == "POST"
    assert getattr(retry, "workos.route") == "/organizations"
    assert getattr(retry, "workos.status") == 429
    assert getattr(retry, "workos.request_id") == ids[0]
    assert getattr(retry, "workos.attempt") == 1
    assert getattr(done, "workos.status") == 201
    assert getattr(done, "workos.request_id") == ids[1]
    assert getattr(done, "workos.attempt") == 2
    assert getattr(done, "workos.duration_ms") >= 0


def test_workos_log_prints_each_line_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = logging.getLogger()
    package = logging.getLogger("workos_async")
    monkeypatch.setenv("WORKOS_LOG", "info")
    monkeypatch.setattr(_logs, "_configured", False)
    monkeypatch.setattr(root, "handlers", [])  # pytest's own capture handlers, set aside
    monkeypatch.setattr(package, "handlers", [])
    level = package.level
    try:
        # The app configured logging (as uvicorn or logging.basicConfig do).
        app_handler = logging.StreamHandler(sys.stderr)
        app_handler.setFormatter(logging.Formatter("app: %(message)s"))
        root.addHandler(app_handler)
        _logs.setup_logging()
        assert package.handlers, "WORKOS_LOG adds the package's handler"
        logging.getLogger("workos_async.sessions").warning("line one")
        logging.getLogger("workos_async").info("line two")
        err = capsys.readouterr().err
        assert err.count("line one") == 1 and err.count("line two") == 1, err
        assert "app: line one" in err
        # No app logging: the package's own handler prints it, once.
        root.removeHandler(app_handler)
        logging.getLogger("workos_async.sessions").warning("line three")
        err = capsys.readouterr().err
        assert err.count("line three") == 1, err
        assert "workos_async.sessions WARNING line three" in err
    finally:
        package.setLevel(level)
