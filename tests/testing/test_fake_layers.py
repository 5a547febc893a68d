"""The fake's layers stay apart: ``workos_async/testing/domain`` (the store and the
operations) imports nothing from ``aiohttp`` or the HTTP layer (``testing/http``, the fake's
server module), so every operation can be read and used without HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

import workos_async.testing.domain as domain_package

DOMAIN = Path(domain_package.__file__).parent
FORBIDDEN = ("aiohttp", "workos_async.testing.http", "workos_async.testing._fake")


def _imports(path: Path) -> list[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    package = "workos_async.testing." + ".".join(
        path.relative_to(DOMAIN.parent).with_suffix("").parts[:-1]
    )
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_the_domain_imports_no_http() -> None:
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) > 15  # the walk found the package
    offending = [
        f"{path.relative_to(DOMAIN)}: {name}"
        for path in files
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert offending == []


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = DOMAIN / "auth" / "__init__.py"
    names = _imports(bad)
    assert "workos_async.testing.domain.auth.fake_auth" in names  # relative imports resolved
    probe = tmp_path / "probe.py"
    probe.write_text("from aiohttp import web\n", encoding="utf-8")
    tree = ast.parse(probe.read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.ImportFrom) and n.module == "aiohttp" for n in ast.walk(tree))
