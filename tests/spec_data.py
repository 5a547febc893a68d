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


#: What WorkOS documents beyond the extract and the official SDK 10.6 uses (see its ``_meta``).
OVERLAY = "official_sdk_10_6.json"


@cache
def reference_json(name: str) -> Any:
    """``user_management_endpoints.json`` / ``user_management_schemas.json`` with the overlay
    ``official_sdk_10_6.json`` applied: the reference the client's rows and models are checked
    against. (The fake's own spec tests read the plain extract with :func:`load_json`.)"""
    data = json.loads(spec_path(name).read_text(encoding="utf-8"))
    overlay = load_json(OVERLAY)
    if name == "user_management_schemas.json":
        for schema, fields in overlay["schemas"].items():
            data[schema] = {**data.get(schema, {}), **fields}
    elif name == "user_management_endpoints.json":
        data["operations"] = [*data["operations"], *overlay["operations"]]
        grants = overlay["authenticate_grant_types"]
        for variant in data["authenticate_grant_types"]["variants"]:
            variant["optional_fields"] += grants["extend"].get(variant["grant_type"], [])
        data["authenticate_grant_types"]["variants"] += grants["variants"]
    return data
