"""The committed resource modules are what the renderer makes of the table, and the type
checker checks them: calls written against them, and the generated code itself."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import attrs

import workos_async
from workos_async import _codegen, _endpoints

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(workos_async.__file__).resolve().parent


def test_generated_files_match_the_table() -> None:
    files = _codegen.render_all()
    names = {f.path.relative_to(ROOT).as_posix() for f in files}
    assert {
        "workos_async/resources/user_management.py",
        "workos_async/resources/organizations.py",
        "workos_async/sync/resources/user_management.py",
        "docs/api/users.md",
        "workos_async/models/_structure.py",
    } <= names
    stale = [p.relative_to(ROOT).as_posix() for p in _codegen.stale_files(files)]
    assert stale == [], f"stale: {stale}; run python -m workos_async._codegen"


def test_a_changed_row_is_a_stale_file() -> None:
    changed = [
        attrs.evolve(ep, doc="Get an organization, differently.")
        if ep.name == "get_organization"
        else ep
        for ep in _endpoints.ENDPOINTS
    ]
    rendered = _codegen.render_all(changed)
    stale = {p.relative_to(ROOT).as_posix() for p in _codegen.stale_files(rendered)}
    assert stale == {"workos_async/resources/organizations.py", "docs/api/organizations.md"}


def test_a_changed_model_is_a_stale_structure_module() -> None:
    from workos_async._codegen.structure import model_classes, render_structure_module
    from workos_async.models import Organization
    from workos_async.models._base import model

    classes = model_classes()
    assert Organization in classes
    assert render_structure_module(classes).path.relative_to(ROOT).as_posix() == (
        "workos_async/models/_structure.py"
    )

    @model
    class Changed(Organization):  # a field added without regenerating
        nickname: str | None = None

    Changed.__name__ = Changed.__qualname__ = "Organization"
    Changed.__module__ = Organization.__module__
    changed = [Changed if cls is Organization else cls for cls in classes]
    rendered = render_structure_module(changed)
    assert _codegen.stale_files([rendered]) == [rendered.path]
    assert '"nickname"' in rendered.text


def test_the_check_command_passes_on_fresh_files() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "workos_async._codegen", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr


def test_no_module_is_shadowed_by_a_stub() -> None:
    stubs = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.pyi"))
    assert stubs == []


GOOD_CALLS = """\
from workos_async import AsyncWorkOS, WorkOS
from workos_async.models import User
async def main(c: AsyncWorkOS, s: WorkOS) -> None:
    u: User = await c.user_management.get_user('user_1')
    async for x in c.user_management.list_users(limit=10):
        reveal_type(x)
    v: User = s.user_management.get_user('user_1')
    for y in s.user_management.list_users(email='a@b.co'):
        print(y.email)
    await c.user_management.update_user('u', metadata=None)
"""
BAD_CALLS = """\
from workos_async import AsyncWorkOS
async def main(c: AsyncWorkOS) -> None:
    await c.user_management.get_user(id=1)
    await c.user_management.create_user(emial='x')
"""


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_mypy_checks_calls_and_the_generated_code(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(GOOD_CALLS)
    bad = tmp_path / "bad.py"
    bad.write_text(BAD_CALLS)
    # The generated module itself, with one return type made wrong: mypy must see it.
    generated = PACKAGE / "resources" / "organizations.py"
    source = generated.read_text()
    wrong, count = re.subn(
        r"(async def get_organization\(.*?\)) -> Organization:",
        r"\1 -> User:",
        source,
        count=1,
        flags=re.DOTALL,
    )
    assert count == 1
    wrong = wrong.replace(
        "from ..models import Organization", "from ..models import Organization, User"
    )
    shadow = tmp_path / "organizations_wrong.py"
    shadow.write_text(wrong)

    ok = mypy(str(good))
    assert ok.returncode == 0, ok.stdout
    assert 'Revealed type is "workos_async.models.users.User"' in ok.stdout
    failed = mypy(str(bad))
    assert failed.returncode != 0
    assert 'Argument "id"' in failed.stdout and "emial" in failed.stdout
    checked = mypy("--shadow-file", str(generated), str(shadow), "-p", "workos_async")
    assert checked.returncode != 0
    assert "organizations.py" in checked.stdout
    assert "Incompatible return value type" in checked.stdout, checked.stdout


def test_a_placed_copy_forwards_to_its_row_and_sends_nothing_itself() -> None:
    # Endpoint.also_on: the body is written once, for the row; its other places forward.
    from workos_async.resources import CLASSES
    from workos_async.resources._base import PlacedMethod

    placed = [ep for ep in _endpoints.ENDPOINTS if ep.placed_from is not None]
    assert {ep.resource for ep in placed} >= {"multi_factor_auth", "organization_membership"}
    for ep in placed:
        assert ep.placed_from is not None
        source_resource, source_name = ep.placed_from.split(".")
        member = vars(CLASSES[ep.resource])[ep.name]
        if isinstance(member, PlacedMethod):  # same argument names: one line
            assert member._method is getattr(CLASSES[source_resource], source_name)
            continue
        source = inspect.getsource(member)  # renamed arguments: a short forwarder
        assert "_transport" not in source and f".{source_name}(" in source, ep.name
        assert len(source.splitlines()) < 40, ep.name
