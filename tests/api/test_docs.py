"""The API reference pages in ``docs/api/`` are what ``docs/api/generate.py`` renders from the
table (every row and every URL helper on exactly one page)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "docs_api_generate", ROOT / "docs/api/generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_pages_are_fresh() -> None:
    generator = load_generator()
    pages = generator.pages()
    assert len(pages) == len(generator.AREAS) + 1
    for path, text in pages.items():
        assert path.exists(), f"{path.name} missing: run python docs/api/generate.py"
        assert path.read_text() == text, f"{path.name} is stale: run python docs/api/generate.py"


def test_every_method_is_documented_once() -> None:
    from workos_async._endpoints import TABLE

    generator = load_generator()
    text = "".join(generator.pages().values())
    for ep in TABLE:
        assert text.count(f"### `{ep.name}`\n") == 1, ep.name
        for place in ep.also_on:  # the other places of a row: named in its section
            assert f"`client.{place.resource}.{place.name}`" in text, place
    for name in generator.helper_methods():
        assert text.count(f"### `{name}`\n") == 1, name


def test_migration_note_exists_and_links_the_reference() -> None:
    text = (ROOT / "docs" / "migration.md").read_text()
    assert "api/README.md" in text
    for topic in ("request_options", "NOT_GIVEN", "AsyncWorkOS", "async for"):
        assert topic in text, topic
