"""A clone of the repository carries everything it reads: no tracked file names a path outside
the repository (a sibling ``shared/`` folder, one machine's absolute paths)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..spec_data import SPEC_DIR, load_json

ROOT = Path(__file__).resolve().parents[2]
# ``../shared``, ``shared/reference`` and absolute paths of the machines this was built on.
OUTSIDE = re.compile(r"\.\./shared|shared/reference|/work/(?:shared|main)\b|/home/\w+/")


def _tracked_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [ROOT / line for line in out.splitlines() if line]


def test_no_file_names_a_path_outside_the_repository() -> None:
    offenders = []
    for path in _tracked_files():
        if path == Path(__file__) or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert offenders == []


def test_the_vendored_reference_data_is_in_the_repository() -> None:
    assert SPEC_DIR.parent == ROOT
    assert load_json("user_management_endpoints.json")["operations"]
    assert load_json("user_management_schemas.json")["UserlandUser"]
    assert load_json("iron_vectors.json")
    assert (SPEC_DIR / "README.md").is_file()
