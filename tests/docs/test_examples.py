"""Every example in README.md and docs/*.md runs, against the fake WorkOS.

Per page, in a fresh working directory:

- Python blocks run in page order in one namespace (``__name__ == "__main__"``), on one event
  loop, with top-level ``await`` allowed (as in ``python -m asyncio``). The environment points
  at the ``workos_fake`` fixture (``WORKOS_API_KEY``, ``WORKOS_CLIENT_ID``,
  ``WORKOS_BASE_URL``, plus ``WORKOS_COOKIE_PASSWORD`` / ``WORKOS_REDIRECT_URI`` for the
  sessions pages) and the namespace starts with ``fake``, that very fake. Clients left open
  are closed after the page.
- Shell blocks (``bash``, ``sh``, ``console`` - for ``console`` only the ``$ `` lines) run in
  bash with ``set -e`` against a ``workos-async fake-server`` started for the page: its
  address replaces ``127.0.0.1:8484`` (the port the docs use), ``curl`` fails on an HTTP
  error status (``--fail-with-body``), and ``workos-async fake-server ...`` lines start the
  server, wait until it serves, stop it with SIGTERM and expect exit 0.
- ``<!-- pytest -->`` blocks are test modules run by pytest in a subprocess.
- ``<!-- illustration: why -->`` blocks are not run; they are counted by
  ``test_illustration_is_well_formed`` (one case each), which compiles them (Python) or
  parses them (``bash -n``).

A failure names the page and the line of the block (and of the failing shell command).
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import json
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest

from .markdown_examples import Block, read_blocks

ROOT = Path(__file__).resolve().parents[2]
PAGE_PATHS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = {path.relative_to(ROOT).as_posix(): read_blocks(path, ROOT) for path in PAGE_PATHS}
RUNNABLE_PAGES = [page for page, blocks in BLOCKS.items() if any(b.runnable for b in blocks)]
ILLUSTRATIONS = [b for blocks in BLOCKS.values() for b in blocks if b.marker == "illustration"]
DOCS_PORT = "127.0.0.1:8484"
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("page", RUNNABLE_PAGES)
def test_page_examples(
    page: str, workos_fake: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run_page(BLOCKS[page], workos_fake, monkeypatch, tmp_path)


def run_page(
    blocks: list[Block], fake: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Run a page's examples (see the module docstring); ``pytest.fail`` names the line."""
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        if block.marker == "file":
            (tmp_path / block.marker_arg).write_text(block.code, encoding="utf-8")
    env = {
        "WORKOS_API_KEY": fake.api_key,
        "WORKOS_CLIENT_ID": fake.client_id,
        "WORKOS_BASE_URL": fake.url,
        "WORKOS_COOKIE_PASSWORD": "docs-examples-cookie-password-0123456789",
        "WORKOS_REDIRECT_URI": "http://127.0.0.1:8000/callback",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    runnable = [b for b in blocks if b.runnable]
    python = [b for b in runnable if b.kind == "python" and b.marker != "pytest"]
    if python:
        _run_python(python, {"__name__": "__main__", "fake": fake})
    for block in runnable:
        if block.marker == "pytest":
            _run_pytest(block, tmp_path)
    shell = [b for b in runnable if b.kind == "shell"]
    if shell:
        with _FakeServerProcess(tmp_path) as server:
            for block in shell:
                _run_shell(block, server, tmp_path)


@pytest.mark.parametrize("block", ILLUSTRATIONS, ids=[b.where for b in ILLUSTRATIONS])
def test_illustration_is_well_formed(block: Block) -> None:
    assert block.marker_arg, f"{block.where}: say why it is only an illustration"
    if block.kind == "python":
        try:
            compile(block.code, block.where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        except SyntaxError as exc:
            pytest.fail(f"{block.page}:{block.line + (exc.lineno or 1) - 1}: {exc.msg}")
    elif block.kind == "shell":
        check = subprocess.run(
            ["bash", "-n"], input=_commands(block), capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, f"{block.where}: {check.stderr}"


@pytest.mark.parametrize("page", ["README.md", "docs/index.md"])
def test_quickstarts_are_scripts(page: str) -> None:
    # A new user pastes these into a file: no top-level await there (a SyntaxError as a script).
    for block in BLOCKS[page]:
        if block.kind == "python" and block.runnable:
            try:
                compile(block.code, block.where, "exec")
            except SyntaxError as exc:
                pytest.fail(f"{block.page}:{block.line + (exc.lineno or 1) - 1}: {exc.msg}")


def test_every_page_is_read() -> None:
    # The runner sees the pages (a glob gone wrong would pass vacuously) and the quickstarts.
    assert "README.md" in RUNNABLE_PAGES and "docs/index.md" in RUNNABLE_PAGES
    assert len(BLOCKS) >= 12


# ----------------------------------------------------------------------------- Python
def _run_python(blocks: list[Block], namespace: dict[str, Any]) -> None:
    loop = asyncio.new_event_loop()
    try:
        for block in blocks:
            # Pad with blank lines so tracebacks show the line numbers of the page.
            source = "\n" * (block.line - 1) + block.code
            code = compile(source, block.page, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            failure = None
            try:
                if code.co_flags & inspect.CO_COROUTINE:
                    loop.run_until_complete(eval(code, namespace))
                else:
                    exec(code, namespace)
            except BaseException as exc:
                failure = (
                    f"{block.where}: the example raised {type(exc).__name__}: {exc}\n"
                    + "".join(traceback.format_exception(exc)[-6:])
                )
            if failure is not None:
                pytest.fail(failure, pytrace=False)
    finally:
        loop.run_until_complete(_close_clients(namespace))
        loop.close()


async def _close_clients(namespace: dict[str, Any]) -> None:
    from workos_async import AsyncWorkOS, WorkOS

    for value in list(namespace.values()):
        if isinstance(value, AsyncWorkOS):
            await value.aclose()
        elif isinstance(value, WorkOS):
            await asyncio.to_thread(value.close)


_PYTEST_OPTIONS = ("-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function")


def _run_pytest(block: Block, tmp_path: Path) -> None:
    name = "test_" + re.sub(r"\W", "_", block.where) + ".py"
    (tmp_path / name).write_text(block.code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *_PYTEST_OPTIONS, name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{block.where}: the test module failed\n{result.stdout}"


# ------------------------------------------------------------------------------ shell
class _FakeServerProcess:
    """``workos-async fake-server --port 0 --json`` for the page's shell blocks."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.url = ""
        self.api_key = ""
        self.client_id = ""

    def __enter__(self) -> _FakeServerProcess:
        self.process = subprocess.Popen(
            [str(BIN / "workos-async"), "fake-server", "--port", "0", "--json"],
            cwd=self.cwd,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        info = json.loads(self.process.stdout.readline())
        self.url, self.api_key, self.client_id = info["url"], info["api_key"], info["client_id"]
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


# Header of every shell block's script (bash); keeps the block's own lines below it.
_PRELUDE = r"""set -eo pipefail
trap 'status=$?; if [ $status -ne 0 ]; then echo "@@failed-line $_line status $status" >&2; fi' EXIT
curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }
workos-async() {
  if [ "$1" != fake-server ]; then command workos-async "$@"; return; fi
  shift
  local out; out=$(mktemp)
  command workos-async fake-server "$@" --port 0 >"$out" 2>&1 & local pid=$!
  for _ in $(seq 300); do
    if grep -q -e 'Ctrl-C' -e '"url"' "$out" || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  sleep 0.3  # the signal handlers are set right after the banner
  kill -TERM "$pid" 2>/dev/null || true
  local status=0; wait "$pid" || status=$?
  cat "$out"; rm -f "$out"
  return $status
}
"""


def _commands(block: Block) -> str:
    """The block's shell text; for ``console`` only the ``$ `` lines (others blanked, so line
    numbers stay those of the page)."""
    if block.lang != "console":
        return block.code
    lines = block.code.splitlines()
    return "\n".join(line[2:] if line.startswith("$ ") else "" for line in lines) + "\n"


def _script(block: Block, server: _FakeServerProcess) -> str:
    lines = []
    continued = False
    for number, line in enumerate(_commands(block).splitlines(), start=block.line):
        line = line.replace(DOCS_PORT, server.url.removeprefix("http://"))
        if line.strip() and not continued and not line.lstrip().startswith("#"):
            line = f"_line={number}; {line}"
        continued = line.rstrip().endswith("\\")
        lines.append(line)
    return _PRELUDE + "\n".join(lines) + "\n"


def _run_shell(block: Block, server: _FakeServerProcess, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "WORKOS_API_KEY": server.api_key,
        "WORKOS_CLIENT_ID": server.client_id,
        "WORKOS_BASE_URL": server.url,
    }
    result = subprocess.run(
        ["bash", "-c", _script(block, server)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        failed = re.search(r"@@failed-line (\d+)", result.stderr)
        where = f"{block.page}:{failed[1]}" if failed else block.where
        pytest.fail(
            f"{where}: the command failed (exit {result.returncode})\n"
            f"--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}",
            pytrace=False,
        )
