"""Every method of both clients, called with arguments of the annotated types, passes
``mypy --strict``; and one wrongly typed call per method fails it. The calls are generated from
the table rows (the resource modules are rendered from the same rows and checked fresh by
``tests/core/test_generated.py``) and from the mixins' annotations."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from workos_async import AsyncWorkOS, WorkOS
from workos_async._codegen.rows import returns
from workos_async._endpoint import Endpoint, Param
from workos_async._endpoints import ENDPOINTS, RESOURCES
from workos_async._helpers import MIXINS, UserManagementSessions

ROOT = Path(__file__).resolve().parents[2]

REQUEST_OPTIONS = (
    '{"timeout": 5.0, "max_retries": 0, "extra_headers": {"X-Test": "1"}, '
    '"idempotency_key": "key-1"}'
)


def param_value(p: Param) -> str:
    """A Python expression of the annotated type of ``p``."""
    if p.type == "str":
        return repr(p.enum[0]) if p.enum else repr(f"{p.name}-value")
    if p.type == "int":
        return str(p.minimum if p.minimum is not None else 3)
    if p.type == "bool":
        return "True"
    if p.type.startswith("Mapping["):
        return '{"key": "value"}'
    if p.type == "Sequence[str]":
        return repr(list(p.enum[:1])) if p.enum else '["item"]'
    if p.type == "Sequence[Mapping[str, str]]":
        return '[{"domain": "example.test", "state": "verified"}]'
    raise AssertionError(f"no value for {p.type}")


def type_value(tp: Any) -> str:
    """A Python expression of type ``tp`` (for the mixins' annotated signatures)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return type_value(options[0])
    if origin is Literal:
        return repr(typing.get_args(tp)[0])
    if tp is str:
        return '"text"'
    if tp is int:
        return "3"
    if tp is bool:
        return "True"
    if origin in (Mapping, dict):
        return '{"key": "value"}'
    if origin in (Sequence, list):
        return f"[{type_value(typing.get_args(tp)[0])}]"
    raise AssertionError(f"no value for {tp!r}")


def row_calls(ep: Endpoint, *, sync: bool, target: str) -> list[str]:
    """Two calls: the required arguments only, then every argument (first alternative of each
    exclusive group), ``max_items`` and ``request_options`` included."""
    skip = {name for group in ep.exclusive for alt in group[1:] for name in alt}
    # Input objects (role=RoleSingle(...)) stand for flat arguments given here: typed in
    # tests/api/test_input_objects.py.
    skip |= {p.name for p in ep.body if p.type == "spread"}
    positional = [repr(f"{p.name}-1") for p in ep.path_params]
    required = [f"{p.name}={param_value(p)}" for p in ep.query + ep.body if p.required]
    optional = [
        f"{p.name}={param_value(p)}"
        for p in ep.query + ep.body
        if not p.required and p.name not in skip
    ]
    if ep.paginated:
        optional.append("max_items=5")
    optional.append(f"request_options={REQUEST_OPTIONS}")
    return_type = returns(ep, sync=sync)
    awaited = "" if (sync or ep.paginated) else "await "
    method = f"{target}.{ep.resource}.{ep.name}"
    lines = []
    for i, args in enumerate(([*positional, *required], [*positional, *required, *optional])):
        # A call returning None is a statement (mypy refuses to assign its result).
        assign = "" if ep.returns == "none" else f"{ep.resource}_{ep.name}_{i}: {return_type} = "
        lines.append(f"    {assign}{awaited}{method}({', '.join(args)})")
    nullable = [f"{p.name}=None" for p in ep.query + ep.body if p.nullable]
    if nullable:  # None sends null (clears the field)
        lines.append(f"    {awaited}{method}({', '.join([*positional, *required, *nullable])})")
    return lines


#: Typed by self-type overloads (a session on the async client, a blocking one on WorkOS):
#: called by SESSION_HELPER_CALLS instead of from their annotations.
OVERLOADED_MIXINS = (UserManagementSessions,)
SESSION_HELPER_CALLS = {
    False: [
        '    um_session: SealedSession = c.user_management.load_sealed_session(session_data="x")',
        "    um_result: AuthenticateResult = await c.user_management"
        '.authenticate_with_session_cookie(session_data="x", cookie_password="p" * 32)',
    ],
    True: [
        '    sm_session: SyncSession = s.user_management.load_sealed_session(session_data="x")',
        "    sm_result: AuthenticateResult = s.user_management"
        '.authenticate_with_session_cookie(session_data=None, cookie_password={"1": "p" * 32})',
    ],
}


def mixin_methods() -> list[tuple[str, str, Any]]:
    found = []
    for resource, mixins in MIXINS.items():
        for mixin in mixins:
            if mixin in OVERLOADED_MIXINS:
                continue
            for name, fn in inspect.getmembers(mixin, inspect.isfunction):
                if not name.startswith("_"):
                    found.append((resource, name, fn))
    return found


def mixin_call(resource: str, name: str, fn: Any, *, target: str) -> str:
    hints = typing.get_type_hints(fn)
    sig = inspect.signature(fn)
    args = []
    for pname, param in sig.parameters.items():
        if pname == "self":
            continue
        value = type_value(hints[pname])
        if pname in ("connection_id", "organization_id"):
            continue  # exactly one target: provider
        args.append(value if param.kind is param.POSITIONAL_OR_KEYWORD else f"{pname}={value}")
    returns = hints["return"]
    rtype = returns.__name__
    return f"    {name}_m: {rtype} = {target}.{resource}.{name}({', '.join(args)})"


def good_source() -> str:
    models = sorted({ep.response.__name__ for ep in ENDPOINTS if ep.response is not None})
    lines = [
        "from workos_async import AsyncPager, AsyncWorkOS, SyncPager, WorkOS",
        "from workos_async._authorization_url import AuthorizationUrlWithPkce",
        "from workos_async.sessions import AuthenticateResult, SyncSession",
        "from workos_async.sessions import Session as SealedSession",
        f"from workos_async.models import {', '.join(models)}",
        "",
        "",
        "async def every_async_call(c: AsyncWorkOS) -> None:",
    ]
    for ep in ENDPOINTS:
        lines += row_calls(ep, sync=False, target="c")
    lines += [mixin_call(r, n, f, target="c") for r, n, f in mixin_methods()]
    lines += SESSION_HELPER_CALLS[False]
    lines += ["", "", "def every_sync_call(s: WorkOS) -> None:"]
    for ep in ENDPOINTS:
        lines += row_calls(ep, sync=True, target="s")
    lines += [mixin_call(r, n, f, target="s") for r, n, f in mixin_methods()]
    lines += SESSION_HELPER_CALLS[True]
    return "\n".join(lines) + "\n"


def bad_calls() -> list[str]:
    """One wrongly typed call per method and client."""
    calls = []
    for target, sync in (("c", False), ("s", True)):
        for ep in ENDPOINTS:
            awaited = "" if (sync or ep.paginated) else "await "
            args = [repr(f"{p.name}-1") for p in ep.path_params]
            kw = [f"{p.name}={param_value(p)}" for p in ep.query + ep.body if p.required]
            if ep.path_params:
                args[0] = "12345"  # an int where the method wants str
            elif kw:
                kw[0] = kw[0].split("=")[0] + "=12345.5"
            else:
                kw.append("not_an_argument=1")
            calls.append(f"    {awaited}{target}.{ep.resource}.{ep.name}({', '.join(args + kw)})")
        for resource, name, _ in mixin_methods():
            calls.append(f"    {target}.{resource}.{name}(12345)")
    return calls


def test_every_public_method_is_generated() -> None:
    """The generated file calls every public method the two clients' resources have."""
    source = good_source()
    client = AsyncWorkOS(api_key="sk_test_x")
    sync_client = WorkOS(api_key="sk_test_x")
    try:
        for resource in RESOURCES:
            for holder, target in ((client, "c"), (sync_client, "s")):
                obj = getattr(holder, resource)
                public = {
                    n for n in dir(obj) if not n.startswith("_") and callable(getattr(obj, n))
                }
                called = set(re.findall(rf"{target}\.{resource}\.(\w+)\(", source))
                assert public == called, (resource, target, public ^ called)
    finally:
        sync_client.close()


def test_mypy_strict_accepts_every_call_and_rejects_wrong_types(tmp_path: Path) -> None:
    good = tmp_path / "every_call.py"
    good.write_text(good_source())
    bad = tmp_path / "wrong_types.py"
    calls = bad_calls()
    header = "from workos_async import AsyncWorkOS, WorkOS\n\n\nasync def wrong(c: AsyncWorkOS, s: WorkOS) -> None:\n"
    bad.write_text(header + "\n".join(calls) + "\n")
    first_line = header.count("\n") + 1
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--hide-error-context",
            "--no-error-summary",
            str(good),
            str(bad),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    out = result.stdout
    good_errors = [line for line in out.splitlines() if line.startswith(str(good))]
    assert good_errors == [], "\n".join(good_errors[:30])
    flagged = {int(m.group(1)) for m in re.finditer(rf"{re.escape(str(bad))}:(\d+): error", out)}
    missed = [calls[i] for i in range(len(calls)) if first_line + i not in flagged]
    assert not missed, f"mypy accepted wrongly typed calls: {missed[:10]}"
