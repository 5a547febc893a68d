"""Put ``CHANGELOG.md`` (at the top of the repository) on the site as ``changelog.md``.

Run by ``mkdocs build`` (the ``gen-files`` plugin, see ``mkdocs.yml``).
"""

from __future__ import annotations

from pathlib import Path

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG.md"

if __name__ == "<run_path>":  # run by mkdocs-gen-files
    import mkdocs_gen_files

    with mkdocs_gen_files.open("changelog.md", "w") as page:
        page.write(CHANGELOG.read_text(encoding="utf-8"))
