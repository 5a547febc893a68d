"""An editable install is visible to mypy in a consuming project: the build backend must write a
plain ``.pth`` path (setuptools' import-hook editable installs are invisible to type checkers)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CONSUMER = """\
from workos_async import AsyncWorkOS, WorkOS


async def email_of(user_id: str) -> str:
    async with AsyncWorkOS(api_key="sk_test") as workos:
        user = await workos.user_management.get_user(user_id)
        return user.email


def blocking_email_of(user_id: str) -> str:
    with WorkOS(api_key="sk_test") as workos:
        return workos.user_management.get_user(user_id).email
"""


@pytest.fixture(scope="module")
def consumer_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only our editable wheel (its deps come from this venv's
    site-packages through a second ``.pth``), built offline by the backend pyproject.toml names
    (the dev extra installs it)."""
    build_system = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]
    backend = importlib.import_module(build_system["build-backend"])
    base = tmp_path_factory.mktemp("consumer")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    wheel_dir = base / "wheel"
    wheel_dir.mkdir()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        wheel_name = backend.build_editable(str(wheel_dir))
    finally:
        os.chdir(cwd)
    with zipfile.ZipFile(wheel_dir / wheel_name) as wheel:
        wheel.extractall(purelib)
    pth = [p.read_text() for p in Path(purelib).glob("*.pth")]
    assert any(str(ROOT) in text for text in pth), pth  # a plain path, not an import hook
    deps = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "_outer_deps.pth").write_text(deps + "\n")
    return python


def test_mypy_sees_an_editable_install_from_a_consuming_project(
    consumer_python: Path, tmp_path: Path
) -> None:
    app = tmp_path / "app.py"
    app.write_text(CONSUMER)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            str(consumer_python),
            str(app),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Cannot find implementation" not in result.stdout
