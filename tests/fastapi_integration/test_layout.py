"""The integration's layout: Starlette parts import without FastAPI or Pydantic, the models
without Pydantic, and the integration uses only ``workos_async.sessions``' public names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "workos_async"


def test_importing_the_models_does_not_import_pydantic() -> None:
    code = (
        "import sys, workos_async, workos_async.models, workos_async.sessions;"
        "from workos_async.models import User;"
        "assert 'pydantic' not in sys.modules and 'pydantic_core' not in sys.modules, "
        "sorted(m for m in sys.modules if 'pydantic' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_starlette_parts_import_without_fastapi() -> None:
    code = (
        "import sys; import workos_async.starlette;"
        "from workos_async.starlette import AuthKit, AuthKitMiddleware, safe_return_path;"
        "assert 'fastapi' not in sys.modules and 'pydantic' not in sys.modules, "
        "sorted(m for m in sys.modules if 'fastapi' in m or 'pydantic' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_integration_imports_only_public_session_names() -> None:
    offenders = []
    for folder in ("starlette", "fastapi"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module:
                    module = node.module
                    if module.startswith("sessions._") or ".sessions._" in module:
                        offenders.append(f"{folder}/{path.name}: {module}")
                    if module.endswith("sessions"):
                        private = [a.name for a in node.names if a.name.startswith("_")]
                        offenders += [f"{folder}/{path.name}: {name}" for name in private]
    assert offenders == []
