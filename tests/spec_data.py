"""The one locator of the vendored reference data in ``spec/`` (see ``spec/README.md``).

A missing or unreadable file is a loud failure (``FileNotFoundError`` naming the path), never a
skipped test: a clone of the repository carries everything its tests read.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SPEC_DIR = Path(__file__).resolve().parents[1] / "spec"


def spec_path(name: str) -> Path:
    path = SPEC_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"vendored reference data missing: {path} (see spec/README.md)")
    return path


@cache
def load_json(name: str) -> Any:
    return json.loads(spec_path(name).read_text(encoding="utf-8"))
