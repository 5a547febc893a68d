"""The renderer: the endpoint table (``_endpoints.py``) → committed files.

    python -m workos_async._codegen           # rewrite the generated files
    python -m workos_async._codegen --check   # exit 1 when one is stale (CI, make typecheck)

It renders, from the same rows (``rows.py`` says how a row reads):

* ``resources/<resource>.py`` — the async classes, one written-out method per row
  (``python.py``), and ``sync/resources/<resource>.py`` — their blocking twins;
* ``docs/api/*.md`` — the API reference pages (``api_pages.py``; when run from a checkout).

and, from the model classes of ``models/``, ``models/_structure.py`` — their structure functions
(``structure.py``).

Nothing else reads the table to emit text, and nothing at run time imports this package.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .._endpoint import Endpoint
from .python import PACKAGE, GeneratedFile, render_modules
from .structure import render_structure_module

__all__ = ["GeneratedFile", "main", "render_all", "stale_files"]


def render_all(endpoints: Sequence[Endpoint] | None = None) -> list[GeneratedFile]:
    """Every generated file with the text ``endpoints`` (default: the table) renders."""
    if endpoints is None:
        from .._endpoints import ENDPOINTS

        endpoints = ENDPOINTS
    files = render_modules(endpoints)
    files.append(render_structure_module())
    docs = PACKAGE.parent / "docs" / "api"
    if docs.is_dir():
        from .api_pages import render_pages

        pages = render_pages(docs, endpoints)
        files += [GeneratedFile(path, text) for path, text in pages.items()]
    return files


def stale_files(files: list[GeneratedFile]) -> list[Path]:
    """The files whose committed text differs from the rendered one."""
    return [f.path for f in files if not f.path.exists() or f.path.read_text() != f.text]


def main(argv: list[str]) -> int:
    files = render_all()
    stale = stale_files(files)
    if "--check" in argv:
        if stale:
            root = PACKAGE.parent
            names = ", ".join(str(p.relative_to(root)) for p in stale)
            print(f"stale generated files: {names}", file=sys.stderr)
            print("regenerate with: python -m workos_async._codegen", file=sys.stderr)
            return 1
        return 0
    for generated in files:
        if generated.path in stale:
            generated.path.parent.mkdir(parents=True, exist_ok=True)
            generated.path.write_text(generated.text)
            print(f"wrote {generated.path.relative_to(PACKAGE.parent)}")
    return 0
