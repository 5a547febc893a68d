"""Render the endpoint table as typed stubs: ``resources.pyi`` (async) and
``sync/_resources.pyi`` (blocking). They are committed; ``tests/test_stubs.py`` fails when they
no longer match the table. Regenerate with ``python -m workos_async._stubgen``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ._binding import _class_name
from ._endpoint import Endpoint, Param
from ._endpoints import ENDPOINTS, RESOURCES
from ._helpers import MIXINS

HEADER = (
    "# GENERATED from workos_async/_endpoints.py by `python -m workos_async._stubgen`.\n"
    "# Do not edit: change the table and regenerate (tests/test_stubs.py checks it).\n"
)
PACKAGE = Path(__file__).parent
ASYNC_STUB = PACKAGE / "resources.pyi"
SYNC_STUB = PACKAGE / "sync" / "_resources.pyi"


def _annotation(param: Param) -> str:
    base = param.type
    if param.enum:
        literal = ", ".join(repr(v) for v in param.enum)
        base = (
            f"Literal[{literal}] | str"
            if param.type == "str"
            else f"Sequence[Literal[{literal}] | str]"
        )
    if param.required:
        return base
    if param.nullable:
        return f"{base} | None | NotGiven"
    return f"{base} | None"


def _params(ep: Endpoint) -> str:
    parts = ["self"]
    parts += [f"{p.name}: {_annotation(p)}" for p in ep.path_params]
    parts.append("*")
    parts += [f"{p.name}: {_annotation(p)}" for p in ep.query + ep.body if p.required]
    parts += [f"{p.name}: {_annotation(p)} = ..." for p in ep.query + ep.body if not p.required]
    if ep.paginated:
        parts.append("max_items: int | None = ...")
    parts.append("request_options: RequestOptions | None = ...")
    return ", ".join(parts)


def _returns(ep: Endpoint, *, sync: bool) -> str:
    item = ep.response.__name__ if ep.response is not None else "None"
    if ep.returns == "page":
        return f"SyncPager[{item}]" if sync else f"AsyncPager[{item}]"
    if ep.returns == "list":
        return f"list[{item}]"
    if ep.returns == "none":
        return "None"
    return item


def _first_line(ep: Endpoint) -> str:
    return (ep.doc or f"{ep.method} {ep.path}").split("\n")[0].replace('"""', "'''")


def render(*, sync: bool) -> str:
    models = sorted({ep.response.__name__ for ep in ENDPOINTS if ep.response is not None})
    mixins = sorted({m.__name__ for ms in MIXINS.values() for m in ms})
    lines = [HEADER]
    lines.append("from collections.abc import Mapping, Sequence")
    lines.append("from typing import Any, Literal")
    lines.append("")
    prefix = ".." if sync else "."
    lines.append(f"from {prefix}_config import RequestOptions")
    if mixins:
        lines.append(f"from {prefix}_helpers import {', '.join(mixins)}")
    lines.append(f"from {prefix}_types import NotGiven")
    if sync:
        lines.append("from ._pager import SyncPager")
        lines.append("from ._client import WorkOS")
    else:
        lines.append("from ._binding import AsyncResource")
        lines.append("from ._pagination import AsyncPager")
    lines.append(f"from {prefix}models import {', '.join(models)}")
    lines.append("")
    if sync:
        lines.append("class SyncResource:")
        lines.append("    def __init__(self, client: WorkOS, name: str) -> None: ...")
        lines.append("")
    for resource in RESOURCES:
        bases = [m.__name__ for m in MIXINS.get(resource, ())]
        bases.append("SyncResource" if sync else "AsyncResource")
        lines.append("")
        lines.append(f"class {_class_name(resource, sync=sync)}({', '.join(bases)}):")
        for ep in ENDPOINTS:
            if ep.resource != resource:
                continue
            head = "def" if (sync or ep.paginated) else "async def"
            lines.append(f"    {head} {ep.name}({_params(ep)}) -> {_returns(ep, sync=sync)}:")
            lines.append(f'        """{_first_line(ep)}"""')
    lines.append("")
    if sync:
        lines.append("SYNC_CLASSES: dict[str, str]")
        lines.append("def sync_resource_class(resource: str) -> type[SyncResource]: ...")
    else:
        lines.append("ASYNC_CLASSES: dict[str, str]")
        lines.append("def async_resource_class(resource: str) -> type[AsyncResource]: ...")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, text in ((ASYNC_STUB, render(sync=False)), (SYNC_STUB, render(sync=True))):
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path))
        else:
            path.write_text(text)
    if stale:
        print("stale stubs (run python -m workos_async._stubgen):", *stale, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
