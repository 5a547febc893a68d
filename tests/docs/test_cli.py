"""The ``workos-async`` command, run as a user runs it (a subprocess): ``--version``, help texts
without markup, and one line on stderr with the documented exit status for every expected
failure."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workos_async import __version__
from workos_async.cli import EXIT_CODES

HELP_COMMANDS = [["--help"], ["demo", "--help"], ["fake-server", "--help"], ["import", "--help"]]


def workos_async(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WORKOS_")}
    return subprocess.run(
        [sys.executable, "-m", "workos_async.cli", *args],
        env={**base, "COLUMNS": "80", **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line(stderr: str) -> str:
    """The stderr of an expected failure: exactly one line, no traceback."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_version() -> None:
    for flag in ("--version", "-V"):
        result = workos_async(flag)
        assert result.returncode == 0
        assert result.stdout == f"workos-async {__version__}\n"


@pytest.mark.parametrize("args", HELP_COMMANDS, ids=lambda a: " ".join(a))
def test_help_is_plain_text(args: list[str]) -> None:
    result = workos_async(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: workos-async")
    for markup in ("``", ":class:", ":attr:", ":func:", ".. ", "**"):
        assert markup not in result.stdout, f"{markup!r} in {' '.join(args)}"


def test_no_command_and_unknown_command() -> None:
    result = workos_async()
    assert result.returncode == 2 and 2 in EXIT_CODES["workos-async"]
    assert result.stderr.startswith("usage: workos-async") and result.stdout == ""
    result = workos_async("bogus")
    assert result.returncode == 2
    assert "unknown command 'bogus'" in one_line(result.stderr)


def test_demo_with_a_wrong_api_key(workos_fake: Any) -> None:
    env = {"WORKOS_API_KEY": "sk_test_wrong_key_1234", "WORKOS_BASE_URL": workos_fake.url}
    result = workos_async("demo", "--count", "3", env=env)
    assert result.returncode == 3
    line = one_line(result.stderr)
    assert line.startswith("workos-async demo: error: ") and "refused the API key (401" in line
    assert "sk_test_wrong_key_1234" not in result.stderr + result.stdout
    assert workos_fake.store.users == {}  # stopped before any write


def test_demo_with_an_unreachable_base_url() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"WORKOS_API_KEY": "sk_test_x", "WORKOS_BASE_URL": f"http://127.0.0.1:{port}"}
    result = workos_async("demo", "--count", "3", env=env)
    assert result.returncode == 3
    assert f"cannot reach WorkOS at http://127.0.0.1:{port}" in one_line(result.stderr)


def test_demo_with_a_bad_base_url() -> None:
    env = {"WORKOS_API_KEY": "sk_test_x", "WORKOS_BASE_URL": "ftp://example.invalid"}
    result = workos_async("demo", "--count", "3", env=env)
    assert result.returncode == 2
    assert "base_url must start with http:// or https://" in one_line(result.stderr)


def test_demo_bad_arguments() -> None:
    result = workos_async("demo", "--count", "0")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("--count and --concurrency must be at least 1")
    assert "Traceback" not in result.stderr


def test_demo_runs_against_a_workos_url(workos_fake: Any) -> None:
    env = {"WORKOS_API_KEY": workos_fake.api_key, "WORKOS_BASE_URL": workos_fake.url}
    result = workos_async("demo", "--count", "20", "--concurrency", "4", env=env)
    assert result.returncode == 0, result.stderr
    assert "result    OK" in result.stdout
    assert workos_fake.store.users == {}  # on "real" WorkOS it deletes what it made


def test_demo_on_the_built_in_fake() -> None:
    result = workos_async("demo", "--count", "20")
    assert result.returncode == 0, result.stderr
    assert "the built-in fake WorkOS" in result.stdout and "result    OK" in result.stdout


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    result = workos_async("import", "users", "missing.csv", "--dry-run", cwd=tmp_path)
    assert result.returncode == 2
    assert "no such file: missing.csv" in one_line(result.stderr)


def test_fake_server_on_a_busy_port() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = workos_async("fake-server", "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in one_line(result.stderr)


def test_interrupt_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process: a Ctrl-C at any point of a command ends in one line and status 130.
    from workos_async import cli, demo

    def interrupted(argv: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "main", interrupted)
    assert cli.main(["demo"]) == 130
    assert one_line(capsys.readouterr().err) == "workos-async: interrupted"


def test_every_command_has_documented_exit_codes() -> None:
    assert set(EXIT_CODES) == {
        "workos-async",
        "workos-async demo",
        "workos-async fake-server",
        "workos-async import users",
    }
    assert all(0 in codes for codes in EXIT_CODES.values())
