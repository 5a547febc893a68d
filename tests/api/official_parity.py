"""The checked map against the official ``workos`` SDK: its surface, ours, and the differences.

The official SDK is a dev-only tool: it lives in its own venv (``.venv-official``, made by
``benchmarks/setup_official.sh`` with the pin of ``docs/official-sdk-map.toml``) and is only
ever run in a subprocess (``official_dump.py``); nothing of it is imported here.

A *difference* is a ``(where, name)`` key:

* ``("user_management.create_authenticate", "")`` — an official method we lack there;
* ``("user_management.create_user", "password")`` — an official parameter we lack, or take
  another way (positional where it is keyword, at another position);
* ``("user_management.create_device", "+client_id")`` — a parameter we REQUIRE that the
  official call does not (a call written for it would fail here);
* ``("client.WorkOSClient", "request_timeout")``, ``("session.Session", "refresh.cookie_password")``,
  ``("request_options", "base_url")``, ``("errors", "TransportError")``,
  ``("errors.APIError", "param")``: the same for the constructor, the sessions helpers, the
  per-call options, the error classes and the error attributes.

Every difference must be a departure of the map, and every departure a real difference.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import tomllib
import typing
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MAP_FILE = ROOT / "docs" / "official-sdk-map.toml"
DUMP_SCRIPT = Path(__file__).with_name("official_dump.py")
SETUP_SCRIPT = ROOT / "benchmarks" / "setup_official.sh"
OFFICIAL_VENV = ROOT / ".venv-official"

Key = tuple[str, str]
Params = list[dict[str, Any]]


def load_map() -> dict[str, Any]:
    with MAP_FILE.open("rb") as f:
        return tomllib.load(f)


def departures() -> dict[Key, dict[str, Any]]:
    table: dict[Key, dict[str, Any]] = {}
    for entry in load_map()["departure"]:
        key = (entry["where"], entry.get("name", ""))
        assert key not in table, f"departure listed twice: {key}"
        table[key] = entry
    return table


def official_python() -> Path:
    """The official SDK's interpreter, creating its venv (pip's cache makes a re-run cheap)
    when it is missing or holds another version than the map's pin."""
    pin = load_map()["official"]["requirement"]
    python = OFFICIAL_VENV / "bin" / "python"
    version = pin.split("==", 1)[1]
    if python.exists() and _installed_version(python) == version:
        return python
    env = dict(os.environ, WORKOS_SPEC=pin, OFFICIAL_VENV=str(OFFICIAL_VENV))
    env.setdefault("PYTHON", sys.executable)
    done = subprocess.run(
        ["bash", str(SETUP_SCRIPT)], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"could not install {pin}:\n{done.stdout}\n{done.stderr}"
    assert _installed_version(python) == version
    return python


def _installed_version(python: Path) -> str | None:
    done = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('workos'))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.strip() if done.returncode == 0 else None


@cache
def official_surface() -> dict[str, Any]:
    done = subprocess.run(
        [str(official_python()), str(DUMP_SCRIPT)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(DUMP_SCRIPT.parent.parent.parent / "benchmarks"),  # not our package dir
    )
    assert done.returncode == 0, done.stderr
    surface: dict[str, Any] = json.loads(done.stdout)
    return surface


# ---- our side --------------------------------------------------------------------------------


def params_of(fn: Callable[..., Any]) -> Params:
    out = []
    for p in inspect.signature(fn).parameters.values():
        if p.kind is p.VAR_KEYWORD:
            out += _unpacked(fn, p.name)
        if p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        out.append(
            {"name": p.name, "kind": p.kind.name, "required": p.default is inspect.Parameter.empty}
        )
    return out


def _unpacked(fn: Callable[..., Any], name: str) -> Params:
    """The keywords of ``**name: Unpack[SomeTypedDict]`` (the clients' options)."""
    hint = typing.get_type_hints(fn, include_extras=True).get(name)
    if typing.get_origin(hint) is not typing.Unpack:
        return []
    options = typing.get_args(hint)[0]
    return [
        {"name": key, "kind": "KEYWORD_ONLY", "required": key in options.__required_keys__}
        for key in options.__annotations__
    ]


def compare_params(where: str, prefix: str, official: Params, ours: Params) -> Iterator[Key]:
    """Official parameters we lack or take another way; parameters only we require."""
    mine = {p["name"]: p for p in ours}
    positional = [p["name"] for p in ours if p["kind"] == "POSITIONAL_OR_KEYWORD"]
    official_positional = [p["name"] for p in official if p["kind"] == "POSITIONAL_OR_KEYWORD"]
    for p in official:
        name = p["name"]
        if p["kind"] in ("VAR_POSITIONAL", "VAR_KEYWORD"):
            continue
        here = mine.get(name)
        if here is None or here["kind"] == "POSITIONAL_ONLY":
            yield (where, prefix + name)
        elif p["kind"] == "POSITIONAL_OR_KEYWORD" and (
            here["kind"] != "POSITIONAL_OR_KEYWORD"
            or positional.index(name) != official_positional.index(name)
        ):
            yield (where, prefix + name)  # callable positionally there, not the same way here
    # The official input classes (``password=PasswordHashed(...)``): accepted here only once
    # workos_async exports a class of that name.
    import workos_async

    for p in official:
        missing_types = [t for t in p.get("input_types", ()) if not hasattr(workos_async, t)]
        if missing_types and p["name"] in mine:
            yield (where, f"{prefix}{p['name']}: {' | '.join(missing_types)}")
    official_required = {p["name"] for p in official if p["required"]}
    for p in ours:
        if p["required"] and p["name"] not in official_required:
            yield (where, f"+{prefix}{p['name']}")


def compare_methods(
    where: str, official: dict[str, Params], ours: object, *, nested: bool = False
) -> Iterator[Key]:
    """``nested``: keys are ``(where, "method")`` / ``(where, "method.param")`` (a class's
    methods) instead of ``("where.method", "")`` / ``("where.method", "param")``."""
    for name, params in sorted(official.items()):
        fn = getattr(ours, name, None)
        if fn is None or not callable(fn):
            yield (where, name) if nested else (f"{where}.{name}", "")
        elif nested:
            yield from compare_params(where, f"{name}.", params, params_of(fn))
        else:
            yield from compare_params(f"{where}.{name}", "", params, params_of(fn))


def our_differences() -> set[Key]:
    """Every difference between the official surface and ours (async and blocking faces)."""
    import workos_async
    from workos_async import APIError, AsyncWorkOS, RequestOptions, WorkOS
    from workos_async import sessions as our_sessions

    surface = official_surface()
    found: set[Key] = set()
    aclient = AsyncWorkOS(api_key="sk_test_parity", client_id="client_parity")
    sclient = WorkOS(api_key="sk_test_parity", client_id="client_parity")
    try:
        for client in (aclient, sclient):
            for resource, methods in surface["resources"].items():
                if resource in surface["same_object"]:
                    continue  # another name of a resource compared below (checked next)
                ours = getattr(client, resource, None)
                if ours is None:
                    found.add((resource, ""))
                    continue
                found.update(compare_methods(resource, methods, ours))
            for alias, target in surface["same_object"].items():
                if getattr(client, alias, None) is not getattr(client, target, None):
                    found.add((alias, f"is {target}"))
    finally:
        sclient.close()
    # The other attributes of a client (products, helpers, close, low-level requests).
    found.update(
        ("client", name)
        for name in surface["client_attributes"]
        if name not in surface["resources"]
        and not (hasattr(AsyncWorkOS, name) and hasattr(WorkOS, name))
    )
    # Constructors: the official names, and their parameters.
    for name, params in surface["client"].items():
        cls = getattr(workos_async, name, None)
        if cls is None:
            found.add((f"client.{name}", ""))
        else:
            found.update(compare_params(f"client.{name}", "", params, params_of(cls.__init__)))
    # Sessions helpers: the Session class (async and blocking) and the module functions.
    session = dict(surface["session"]["Session"])
    init = session.pop("__init__")
    for cls in (our_sessions.Session, our_sessions.SyncSession):
        # The constructor: one key for any difference (sessions are loaded, not constructed).
        if any(compare_params("session.Session", "", init, params_of(cls.__init__))):
            found.add(("session.Session", "__init__"))
        found.update(compare_methods("session.Session", session, cls, nested=True))
    for name, params in surface["session"]["functions"].items():
        fn = getattr(our_sessions, name, None)
        if fn is None:
            found.add((f"session.{name}", ""))
        else:
            found.update(compare_params(f"session.{name}", "", params, params_of(fn)))
    # What list_* returns: the official page object's attributes on our pagers.
    from workos_async import Page, SyncPager

    # Blocking: list_* returns the pager; async: awaiting the pager gives the Page.
    for official_name, ours_cls in (("SyncPage", SyncPager), ("AsyncPage", Page)):
        found.update(
            (f"pages.{official_name}", name)
            for name in surface["pages"][official_name]
            if not hasattr(ours_cls, name)
        )
    # ``for item in <what list_* returned>``: one page there (10.x), every page here.
    if not surface["page_iteration_fetches"] and _sync_pager_iteration_fetches():
        found.add(("pages.SyncPage", "__iter__"))
    # Per-call options, error classes, error attributes.
    found.update(
        ("request_options", key)
        for key in surface["request_options"]
        if key not in RequestOptions.__annotations__
    )
    found.update(("errors", name) for name in surface["errors"] if not hasattr(workos_async, name))
    error = APIError(status=400)
    found.update(
        ("errors.APIError", name)
        for name in surface["error_attributes"]
        if not hasattr(error, name)
    )
    return found


def _sync_pager_iteration_fetches() -> bool:
    """Iterate our blocking pager over a first page whose ``after`` says more exist."""
    from workos_async import AsyncPager, ListMetadata
    from workos_async import Page as OurPage
    from workos_async.sync import WorkOS
    from workos_async.sync._pager import SyncPager

    fetched: list[dict[str, Any]] = []

    async def fetch(params: Any) -> OurPage[int]:
        fetched.append(dict(params))
        after = None if params.get("after") else "cursor"
        return OurPage([1], ListMetadata(before=None, after=after), fetch, params)

    with WorkOS(api_key="sk_test_parity") as client:
        list(SyncPager(client, AsyncPager(fetch, {})))
    return len(fetched) > 1
