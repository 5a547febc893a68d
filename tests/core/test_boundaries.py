"""The package's layers keep their boundaries: an AST walk over every module of
``workos_async`` checks the rules below (imports anywhere in a module count, those under
``if TYPE_CHECKING:`` and inside functions too).

To add a rule, append to ``IMPORT_RULES`` (who may not import what) or ``CALL_RULES`` (who may
not call what); patterns are ``fnmatch`` patterns over dotted module names, and ``why`` is
what a failure prints.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import workos_async

PACKAGE = Path(workos_async.__file__).resolve().parent

#: The features built on the core: they use its public face (clients, resources, models).
FEATURES = (
    "workos_async.sessions",
    "workos_async.sessions.*",
    "workos_async.fastapi",
    "workos_async.fastapi.*",
    "workos_async.bulk",
    "workos_async.bulk.*",
    "workos_async.testing",
    "workos_async.testing.*",
    "workos_async.cli",
    "workos_async.demo",
)
RENDERER = ("workos_async._codegen", "workos_async._codegen.*")


@dataclass(frozen=True)
class ImportRule:
    """Modules matching ``importers`` (minus ``exempt``) import no module matching
    ``forbidden``."""

    why: str
    importers: tuple[str, ...]
    forbidden: tuple[str, ...]
    exempt: tuple[str, ...] = ()


@dataclass(frozen=True)
class CallRule:
    """Modules matching ``modules`` (minus ``exempt``) never call the builtins ``names``."""

    why: str
    modules: tuple[str, ...]
    names: tuple[str, ...]
    exempt: tuple[str, ...] = ()


IMPORT_RULES = (
    ImportRule(
        "features use the core's public face: not the transport, not the renderer",
        importers=FEATURES,
        forbidden=("workos_async._transport", *RENDERER),
    ),
    ImportRule(
        "the URL builders are request-free helpers: no table, renderer or transport",
        importers=("workos_async._authorization_url",),
        forbidden=(
            *RENDERER,
            "workos_async._endpoint",
            "workos_async._endpoints",
            "workos_async._responses",
            "workos_async._transport",
            "workos_async.resources",
            "workos_async.resources.*",
        ),
    ),
    ImportRule(
        "the renderer runs at development time only: nothing that runs imports it",
        importers=("workos_async", "workos_async.*"),
        forbidden=RENDERER,
        exempt=RENDERER,
    ),
    ImportRule(
        "the table is data the renderer reads; the code that runs is the generated modules",
        importers=("workos_async", "workos_async.*"),
        forbidden=("workos_async._endpoints",),
        exempt=RENDERER,
    ),
)

CALL_RULES = (
    CallRule(
        "the code that runs is the code in the files: no source is compiled at run time",
        modules=("workos_async", "workos_async.*"),
        names=("exec", "eval", "compile"),
    ),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@dataclass(frozen=True)
class Module:
    name: str
    tree: ast.Module
    is_package: bool


def package_modules() -> list[Module]:
    return [
        Module(
            module_name(path), ast.parse(path.read_text(), str(path)), path.name == "__init__.py"
        )
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def imported(module: Module) -> Iterator[tuple[int, str]]:
    """(line, module) for each import; ``from a import b`` yields ``a`` and ``a.b`` (``b`` may
    be a submodule)."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def import_violations(rule: ImportRule, modules: list[Module]) -> list[str]:
    return [
        f"{module.name}:{line} imports {name}"
        for module in modules
        if matches(module.name, rule.importers) and not matches(module.name, rule.exempt)
        for line, name in imported(module)
        if matches(name, rule.forbidden)
    ]


def call_violations(rule: CallRule, modules: list[Module]) -> list[str]:
    return [
        f"{module.name}:{node.lineno} calls {node.func.id}()"
        for module in modules
        if matches(module.name, rule.modules) and not matches(module.name, rule.exempt)
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in rule.names
    ]


@pytest.mark.parametrize("rule", IMPORT_RULES, ids=lambda r: r.why)
def test_import_rule(rule: ImportRule) -> None:
    broken = import_violations(rule, package_modules())
    assert broken == [], f"{rule.why}:\n" + "\n".join(broken)


@pytest.mark.parametrize("rule", CALL_RULES, ids=lambda r: r.why)
def test_call_rule(rule: CallRule) -> None:
    broken = call_violations(rule, package_modules())
    assert broken == [], f"{rule.why}:\n" + "\n".join(broken)


def test_the_rules_catch_what_they_forbid() -> None:
    """Each rule fires on a module that breaks it (relative imports resolved, imports inside
    functions and TYPE_CHECKING blocks seen)."""

    def module(name: str, source: str, *, is_package: bool = False) -> Module:
        return Module(name, ast.parse(source), is_package)

    features, url_builders, renderer_only, table_only = IMPORT_RULES
    assert import_violations(
        features, [module("workos_async.sessions._x", "def f():\n    from .._transport import T\n")]
    ) == ["workos_async.sessions._x:2 imports workos_async._transport"]
    assert import_violations(
        features, [module("workos_async.bulk", "from .. import _transport", is_package=True)]
    ) == ["workos_async.bulk:1 imports workos_async._transport"]
    assert import_violations(
        url_builders,
        [module("workos_async._authorization_url", "import workos_async._codegen.rows")],
    ) == ["workos_async._authorization_url:1 imports workos_async._codegen.rows"]
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ._endpoints import E\n"
    assert import_violations(table_only, [module("workos_async._client", source)]) == [
        "workos_async._client:3 imports workos_async._endpoints"
    ]
    assert (
        import_violations(
            renderer_only, [module("workos_async._codegen.python", "from . import rows")]
        )
        == []
    )
    (no_exec,) = CALL_RULES
    assert call_violations(no_exec, [module("workos_async.resources.x", "exec('1')")]) == [
        "workos_async.resources.x:1 calls exec()"
    ]
    assert call_violations(no_exec, [module("workos_async._converter", "exec('1')")]) == [
        "workos_async._converter:1 calls exec()"
    ]
