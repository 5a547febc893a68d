"""The checked map: every method and parameter of the official ``workos`` SDK's user-management
surface has a counterpart here (same name, same keyword) or a departure, with its reason, in
``docs/official-sdk-map.toml``; and ``docs/migration.md`` is rendered from that map.

The official SDK runs in its own venv (created on first use by ``benchmarks/setup_official.sh``
with the map's pin), in a subprocess: the package never imports it.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

from .official_parity import ROOT, departures, load_map, official_surface, our_differences

SECTIONS = {"client", "pagination", "placement", "arguments", "sessions", "errors", "missing"}


def load_renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_migration", ROOT / "docs" / "render_migration.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_official_sdk_is_the_pinned_version() -> None:
    pin = load_map()["official"]["requirement"]
    assert official_surface()["version"] == pin.split("==", 1)[1]
    # The surface is really there: a few calls every migrating codebase makes.
    methods = official_surface()["resources"]["user_management"]
    assert {"create_user", "list_users", "authenticate_with_password"} <= set(methods)


def test_every_difference_is_a_listed_departure() -> None:
    missing = sorted(our_differences() - set(departures()))
    assert not missing, (
        "the official SDK has these and we do not (add them, or list them with a reason in "
        f"docs/official-sdk-map.toml): {missing}"
    )


def test_every_departure_is_still_a_difference() -> None:
    stale = sorted(set(departures()) - our_differences())
    assert not stale, f"no longer differences: remove them from docs/official-sdk-map.toml: {stale}"


def test_every_departure_says_what_to_do_and_why() -> None:
    for key, entry in departures().items():
        assert entry.get("section") in SECTIONS, key
        assert entry.get("reason", "").strip(), f"{key}: no reason"
        assert "instead" in entry, f"{key}: say what to use here (or '' when nothing)"


def test_the_migration_page_is_rendered_from_the_map() -> None:
    renderer = load_renderer()
    text = renderer.render(load_map())
    page = ROOT / "docs" / "migration.md"
    assert page.read_text() == text, (
        "docs/migration.md is stale: run python docs/render_migration.py"
    )
    for key, entry in departures().items():
        assert renderer.cell(entry["reason"]) in text, key
