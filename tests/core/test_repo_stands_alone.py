"""A clone of the repository carries everything it reads: no tracked file names a path outside
the repository (a sibling folder of the checkout, one machine's absolute paths)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..spec_data import SPEC_DIR, load_json

ROOT = Path(__file__).resolve().parents[2]
# A sibling folder of the checkout (the reference data once lived beside it) and the absolute
# home or work paths of one machine. The pattern is assembled from parts so that this file
# does not itself name such a path.
_SIBLING = r"\.\./" + "shared"
_REFERENCE = "shared" + "/reference"
_MACHINE = "/" + "work/(?:shared|main)" + r"\b|/" + r"home/\w+/"
OUTSIDE = re.compile("|".join((_SIBLING, _REFERENCE, _MACHINE)))


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
        if not path.is_file():
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
