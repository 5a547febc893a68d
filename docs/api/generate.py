"""Write the API reference pages in ``docs/api/`` (rendered by ``workos_async._codegen``).

    python docs/api/generate.py           # rewrite the pages
    python docs/api/generate.py --check   # exit 1 when a page is stale (tests/api/test_docs.py)

The pages, their areas and the rendering live in ``workos_async/_codegen/api_pages.py``: the one
renderer of the endpoint table (``python -m workos_async._codegen`` writes these pages too).
"""

from __future__ import annotations

import sys
from pathlib import Path

from workos_async._codegen.api_pages import AREAS, helper_methods, render_pages

__all__ = ["AREAS", "helper_methods", "main", "pages"]

HERE = Path(__file__).resolve().parent


def pages() -> dict[Path, str]:
    """The pages of this directory and the text the table renders for them."""
    return render_pages(HERE)


def main(argv: list[str]) -> int:
    stale = []
    for path, text in pages().items():
        if "--check" in argv:
            if not path.exists() or path.read_text() != text:
                stale.append(path.name)
        else:
            path.write_text(text)
    if stale:
        print("stale API pages (run python docs/api/generate.py):", *stale, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
