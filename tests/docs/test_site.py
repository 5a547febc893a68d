"""The documentation site's generated pages and navigation (the build itself is ``nox -s docs``,
part of ``make test``)."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

import workos_async
import workos_async.models
import workos_async.sessions
import workos_async.sync
from workos_async.cli import EXIT_CODES

ROOT = Path(__file__).resolve().parents[2]
GENERATED = {"models.md", "errors.md", "cli.md", "changelog.md"}


def render(script: str) -> str:
    namespace = runpy.run_path(str(ROOT / "docs" / script), run_name="docs_generator")
    page: str = namespace["render"]()
    return page


def _nav_pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    return []


def test_every_page_is_in_the_nav() -> None:
    # mkdocs --strict only mentions a page missing from the nav; this makes it an error.
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    nav = _nav_pages(config["nav"])
    on_disk = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert sorted(nav) == sorted(on_disk | GENERATED)
    scripts = {Path(s).name for s in config["plugins"][1]["gen-files"]["scripts"]}
    assert scripts == {"gen_models.py", "gen_errors.py", "gen_cli.py", "gen_changelog.py"}


def test_errors_page_has_every_exception() -> None:
    page = render("gen_errors.py")
    exported = [*workos_async.__all__, *workos_async.sync.__all__, *workos_async.sessions.__all__]
    names = {n for n in exported if n.endswith("Error")} - {"OrganizationAuthMethodsRequiredError"}
    missing = [name for name in names if f"### {name}\n" not in page]
    assert not missing
    # Status and flow code come from the mapping the client uses.
    assert "### NotFoundError\n\nSubclass of `APIError`. 404.\n\nRaised for: HTTP 404." in page
    assert "Raised for: WorkOS code `mfa_challenge`." in page


def test_models_page_has_every_model_and_marks_secrets() -> None:
    page = render("gen_models.py")
    names = set(workos_async.models.__all__) - {"BaseModel", "StrEnum"}
    assert not [name for name in names if f"### {name}\n" not in page]
    assert "| `access_token` | <code>str</code> | secret: `<redacted>` in reprs" in page
    assert "| `last_sign_in_at` | <code>datetime &#124; None</code> |" in page


def test_cli_page_has_every_help_and_exit_status() -> None:
    page = render("gen_cli.py")
    for usage in (
        "usage: workos-async [--version]",
        "usage: workos-async demo",
        "usage: workos-async fake-server",
        "usage: workos-async import",
    ):
        assert usage in page
    for codes in EXIT_CODES.values():
        for status, meaning in codes.items():
            assert f"| {status} | {meaning} |" in page
