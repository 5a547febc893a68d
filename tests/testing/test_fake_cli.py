"""``workos-async fake-server``: starts, prints its URL and key, serves, stops on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from workos_async.testing.server_cli import main


def _start(*args: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "workos_async.cli", "fake-server", "--json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()  # bounded: the server prints as soon as it listens
    if not line:
        proc.kill()
        raise AssertionError(f"no output; stderr: {proc.communicate(timeout=10)[1]}")
    return proc, json.loads(line)


def _get(url: str, key: str) -> tuple[int, object]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_serves_a_seed_and_stops_on_sigterm(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"users": [{"email": "cli@example.com"}]}))
    proc, info = _start(
        "--port", "0", "--seed", str(seed), "--api-key", "sk_test_cli", "--rate-limits"
    )
    try:
        assert info["api_key"] == "sk_test_cli" and info["url"].startswith("http://127.0.0.1:")
        status, body = _get(info["url"] + "/user_management/users", "sk_test_cli")
        assert status == 200
        assert [u["email"] for u in body["data"]] == ["cli@example.com"]  # type: ignore[index]
        assert _get(info["url"] + "/user_management/users", "wrong")[0] == 401
        assert _get(info["url"] + "/_fake/rate_limits", "sk_test_cli")[1]["enabled"] is True  # type: ignore[index]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=15)
        finally:
            proc.kill()
    assert code == 0


def test_text_output_names_url_and_key(capsys: pytest.CaptureFixture[str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "workos_async.cli", "fake-server"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first, second = proc.stdout.readline(), proc.stdout.readline()
        assert first.startswith("WorkOS fake serving at http://127.0.0.1:")
        assert second.strip() == "API key: sk_test_fake"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            assert proc.wait(timeout=15) == 0
        finally:
            proc.kill()


def test_bad_arguments_and_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err
    assert main(["--nonsense"]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"users": [{"email": "not-an-email"}]}))
    assert main(["--seed", str(bad)]) == 1
    assert "users[0]" in capsys.readouterr().err
    assert main(["--seed", str(tmp_path / "missing.json")]) == 1
    yaml_seed = tmp_path / "seed.yaml"
    yaml_seed.write_text("users: []\n")
    try:
        import yaml  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        assert main(["--seed", str(yaml_seed)]) == 1
        assert "PyYAML" in capsys.readouterr().err


def test_port_in_use_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--port", str(port)]) == 1
    assert "cannot listen" in capsys.readouterr().err
