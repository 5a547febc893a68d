"""``cryptography`` is imported on first use only, and its absence is explained."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_importing_sessions_does_not_import_cryptography() -> None:
    result = run(
        """
        import sys
        import workos_async.sessions as s
        assert "cryptography" not in sys.modules, "imported too early"
        s.IronSealer("x" * 32).seal({"a": 1})
        assert "cryptography" in sys.modules
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    "use",
    [
        'IronSealer("x" * 32)',
        'unseal("Fe26.2**a*b*c**d*e", "x" * 32)',
        'verify_access_token("a.b.c", {"keys": []})',
        "JWKSCache(lambda: None)",
    ],
)
def test_missing_cryptography_names_the_extra(use: str) -> None:
    result = run(
        f"""
        import sys
        sys.modules["cryptography"] = None  # as if it were not installed
        from workos_async.sessions import *
        try:
            {use}
        except ImportError as exc:
            print(exc)
        else:
            print("no error")
        """
    )
    assert result.returncode == 0, result.stderr
    assert "pip install 'workos-async[sessions]'" in result.stdout
