"""Render ``docs/migration.md`` from the checked map ``docs/official-sdk-map.toml``.

    python docs/render_migration.py           # rewrite docs/migration.md
    python docs/render_migration.py --check   # exit 1 when it is stale

Every difference the page names comes from the map, which ``tests/api/test_official_parity.py``
checks against the pinned official SDK: the page makes no hand-kept claim about that SDK.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
MAP_FILE = DOCS / "official-sdk-map.toml"
PAGE = DOCS / "migration.md"

#: Section id → (title, what the section is about).
SECTIONS: dict[str, tuple[str, str]] = {
    "client": ("The client", "Constructor arguments and client names."),
    "pagination": (
        "Pagination",
        "What `list_*` returns. Blocking: a pager with the official page's `data`, "
        "`list_metadata`, `before`, `after`, `has_more()` and `auto_paging_iter()` (of its "
        "first page), but `for item in pager` walks **every page**. Async: awaiting the "
        "pager gives the page (`async for item in page` is that page, "
        "`page.auto_paging_iter()` crosses pages), and `async for item in pager` walks "
        "every page.",
    ),
    "placement": ("Where calls live", "Calls found on another resource or under another name."),
    "arguments": ("Arguments", "Arguments taken another way, or not at all."),
    "sessions": ("Sealed sessions", "The `workos.session` helpers."),
    "errors": ("Errors", "Error classes and their attributes."),
    "missing": ("Calls that are not here", "Official calls without a counterpart."),
}

HEAD = """<!-- GENERATED from docs/official-sdk-map.toml by docs/render_migration.py: do not edit. -->

# Migrating from the official `workos` SDK

`workos_async` follows the official Python SDK (`{requirement}`) for the User Management API:
code written for it runs after an import swap (and an `await` on the async client).

<!-- illustration: the official `workos` SDK, which this project does not install -->
```python
# before
from workos import WorkOSClient
workos = WorkOSClient(api_key="sk_...", client_id="client_...")
user = workos.user_management.get_user("user_01...")
```

```python
# after: the blocking client (WorkOSClient is another name of WorkOS);
# WorkOSClient(api_key="sk_...", client_id="client_...") as before, or from the environment
from workos_async import WorkOSClient
workos = WorkOSClient()
user = workos.user_management.create_user(email="ada@example.com")
user = workos.user_management.get_user(user.id)
```

```python
# after: the async client (AsyncWorkOSClient is another name of AsyncWorkOS); inside an
# async function, or `python -m asyncio`
from workos_async import AsyncWorkOSClient
async with AsyncWorkOSClient() as workos:
    user = await workos.user_management.get_user(user.id)
```

Both clients read `WORKOS_API_KEY`, `WORKOS_CLIENT_ID` and `WORKOS_BASE_URL` when an argument is
not given.

## What is checked

`tests/api/test_official_parity.py` installs `{requirement}` in its own venv
(`.venv-official`, never imported by this package), introspects every public method of
`user_management`, `organization_membership`, `multi_factor_auth` / `mfa`, the
`workos.session` helpers, the client constructors and attributes, `RequestOptions`, the page
objects (their attributes, and whether iterating one fetches more pages: it runs both) and the
error classes, and compares each with ours on both clients (`AsyncWorkOS` and `WorkOS`).
Every method and every parameter has a counterpart here **with the same name, taken the same
way** (positional at the same place, or by keyword) and no argument is required here that is
optional there, except the departures below. Types are compared only for the official input
classes (`PasswordPlaintext`, `PasswordHashed`, `RoleSingle`, `RoleMultiple`). The test fails
on any new or missing difference, so this page is complete for that version.

Beyond the official surface, every `list_*` takes `max_items=`, every call takes
`request_options=` (see the table for its keys), and models are attrs classes decoded by one
converter: unknown fields stay in `.extra`, secrets are redacted in `repr`. The full list of
methods is in the [API reference](api/README.md); `NOT_GIVEN` (`from workos_async import
NOT_GIVEN`) marks "not sent" where `None` sends `null`, as in the official SDK.
"""


def official_text(entry: dict[str, Any]) -> str:
    if "official" in entry:
        return str(entry["official"])
    where, name = entry["where"], entry.get("name", "")
    if not name:
        return f"`{where}`"
    if where == "client" or where.startswith(("pages.", "errors", "request_options")):
        return f"`{where}.{name}`"
    if name.startswith("+"):
        return f"`{where}` without `{name[1:]}`"
    return f"`{where}({name}=...)`" if "." not in name else f"`{where}`: `{name}`"


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(data: dict[str, Any]) -> str:
    lines = [HEAD.format(requirement=data["official"]["requirement"]).rstrip(), ""]
    lines.append("## Departures")
    lines.append("")
    by_section: dict[str, list[dict[str, Any]]] = {s: [] for s in SECTIONS}
    for entry in data["departure"]:
        by_section[entry["section"]].append(entry)
    for section, (title, about) in SECTIONS.items():
        entries = by_section[section]
        if not entries:
            continue
        lines += [f"### {title}", "", about, ""]
        lines += ["| official | here | why |", "| --- | --- | --- |"]
        for entry in sorted(entries, key=lambda e: (e["where"], e.get("name", ""))):
            instead = entry["instead"] or "—"
            lines.append(
                f"| {cell(official_text(entry))} | {cell(instead)} | {cell(entry['reason'])} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    with MAP_FILE.open("rb") as f:
        text = render(tomllib.load(f))
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text() != text:
            print(
                "docs/migration.md is stale: run python docs/render_migration.py", file=sys.stderr
            )
            return 1
        return 0
    PAGE.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
