"""Endpoint rows → methods. The only place that knows how a row becomes code.

For each row we generate Python source for one method — a real signature (path parameters
positional, everything else keyword-only), argument checks that fail before any request, the
path/query/body assembly, and the call into the transport — compile it once, and set it on a
resource class. The sync facade generates its blocking methods from the same signature source
(``sync/_resources.py``), and ``_stubgen.py`` renders the same rows as typed stubs. Sources are
registered in ``linecache`` so tracebacks show the generated lines.
"""

from __future__ import annotations

import linecache
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ._config import ClientConfig, RequestOptions
from ._converter import LazyStructurer
from ._endpoint import Endpoint, Param
from ._pagination import AsyncPager, ListMetadata, Page
from ._transport import Transport
from ._types import NOT_GIVEN

_PATH_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class AsyncResource:
    """Base of the generated async resource classes (``client.user_management``, ...)."""

    __slots__ = ("_config", "_transport")

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._config: ClientConfig = transport.config

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


# ---- helpers the generated code calls --------------------------------------------------


def path_segment(value: object, name: str, method: str) -> str:
    """A path parameter, checked and percent-encoded (``safe=""``): ids can never change the
    route (``/``, ``.``, ``..``, empty) — refused before any request."""
    if not isinstance(value, str):
        raise TypeError(f"{method}(): {name!r} must be str, not {type(value).__name__}")
    if value.isascii() and value.isidentifier():
        return value  # WorkOS ids (user_01H...) need no escaping: skip quote()'s cost
    if not value or value in (".", "..") or "/" in value:
        raise ValueError(
            f"{method}(): {name!r} must be a non-empty id without '/' and not '.' or '..'"
        )
    return quote(value, safe="")


def type_error(method: str, name: str, expected: str, value: object) -> TypeError:
    # Only type names: values may be secrets.
    return TypeError(f"{method}(): {name!r} must be {expected}, not {type(value).__name__}")


def check_bounds(method: str, name: str, value: int, lo: int | None, hi: int | None) -> None:
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"{method}(): {name!r} must be between {lo} and {hi}, not {value}")


def check_str_sequence(method: str, name: str, value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence | set | frozenset):
        raise type_error(method, name, "a list of str", value)
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(
                f"{method}(): every item of {name!r} must be str, not {type(item).__name__}"
            )
    return items


def check_exclusive(method: str, group: tuple[tuple[str, ...], ...], given: Iterable[str]) -> None:
    """Mutually exclusive alternatives: at most one alternative, and all of its names."""
    given_set = set(given)
    used = [alt for alt in group if given_set.intersection(alt)]
    if len(used) > 1:
        first, second = (" + ".join(repr(n) for n in alt) for alt in used[:2])
        raise ValueError(f"{method}(): pass either {first} or {second}, not both")
    for alt in used:
        missing = [n for n in alt if n not in given_set]
        if missing:
            together = " and ".join(repr(n) for n in alt)
            raise ValueError(
                f"{method}(): {together} go together ({', '.join(map(repr, missing))} missing)"
            )


def query_items(params: Mapping[str, Any], styles: Mapping[str, str]) -> list[tuple[str, str]]:
    """Python query values → wire strings (bools as ``true``/``false``, lists per style)."""
    items: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            items.append((key, "true" if value else "false"))
        elif isinstance(value, list | tuple):
            if styles.get(key) == "repeat":
                items.extend((key, str(v)) for v in value)
            else:
                items.append((key, ",".join(str(v) for v in value)))
        else:
            items.append((key, str(value)))
    return items


def page_decoder(
    lazy_item: LazyStructurer,
) -> Callable[[Any], tuple[list[Any], ListMetadata]]:
    def decode(data: Any) -> tuple[list[Any], ListMetadata]:
        if type(data) is not dict:
            raise ValueError(f"expected a list envelope object, got {type(data).__name__}")
        meta = data.get("list_metadata") or {}
        item = lazy_item.resolve()
        return (
            [item(x) for x in data["data"]],
            ListMetadata(before=meta.get("before"), after=meta.get("after")),
        )

    return decode


def list_decoder(lazy_item: LazyStructurer) -> Callable[[Any], list[Any]]:
    def decode(data: Any) -> list[Any]:
        if type(data) is not list:
            raise ValueError(f"expected a JSON array, got {type(data).__name__}")
        item = lazy_item.resolve()
        return [item(x) for x in data]

    return decode


def make_pager(
    transport: Transport,
    path: str,
    template: str,
    params: dict[str, Any],
    styles: Mapping[str, str],
    decode: Callable[[Any], tuple[list[Any], ListMetadata]],
    options: RequestOptions | None,
    max_items: int | None,
) -> AsyncPager[Any]:
    async def fetch(page_params: Mapping[str, Any]) -> Page[Any]:
        data, meta = await transport.request(
            "GET", path, template, query_items(page_params, styles), None, options, False, decode
        )
        return Page(data, meta, fetch, page_params)

    return AsyncPager(fetch, params, max_items)


# ---- source generation -----------------------------------------------------------------

#: Stub annotation → (check expression on ``v``, expected-type words for the error).
_CHECKS: dict[str, tuple[str, str]] = {
    "str": ("isinstance({v}, str)", "str"),
    "int": ("isinstance({v}, int) and not isinstance({v}, bool)", "int"),
    "bool": ("isinstance({v}, bool)", "bool"),
    "float": ("isinstance({v}, (int, float)) and not isinstance({v}, bool)", "a number"),
    "Mapping[str, str]": ("isinstance({v}, _Mapping)", "a mapping"),
    "Mapping[str, Any]": ("isinstance({v}, _Mapping)", "a mapping"),
    "Sequence[Mapping[str, str]]": ("isinstance({v}, (list, tuple))", "a list of mappings"),
}


def default_expr(param: Param) -> str:
    return "NOT_GIVEN" if param.nullable else "None"


def signature_source(ep: Endpoint, *, include_self: bool = True) -> str:
    """The parameter list, shared by the async and sync methods (runtime, not annotated)."""
    parts = ["self"] if include_self else []
    parts += [p.name for p in ep.path_params]
    kw = [f"{p.name}" for p in ep.query + ep.body if p.required]
    kw += [f"{p.name}={default_expr(p)}" for p in ep.query + ep.body if not p.required]
    if ep.paginated:
        kw.append("max_items=None")
    kw.append("request_options=None")
    return ", ".join([*parts, "*", *kw])


def call_arguments(ep: Endpoint) -> str:
    """Forwarding the signature's arguments (for the sync facade)."""
    parts = [p.name for p in ep.path_params]
    parts += [f"{p.name}={p.name}" for p in ep.query + ep.body]
    if ep.paginated:
        parts.append("max_items=max_items")
    parts.append("request_options=request_options")
    return ", ".join(parts)


def _value_lines(ep: Endpoint, param: Param, target: str, indent: str) -> list[str]:
    """Lines that check ``param`` and store it in ``target`` under its wire name."""
    name, wire = param.name, param.wire_name
    lines: list[str] = []
    inner = indent + "    "
    if param.required:
        guard = None
    elif param.nullable:
        guard = f"if {name} is not NOT_GIVEN:"
    else:
        guard = f"if {name} is not None:"
    body_indent = inner if guard else indent
    if guard:
        lines.append(indent + guard)
    check = _CHECKS.get(param.type)
    value = name
    null_ok = f"{name} is not None and " if param.nullable else ""
    if param.type == "Sequence[str]":
        value = f"_seq({ep.name!r}, {name!r}, {name})"
        if param.nullable:
            value = f"None if {name} is None else {value}"
    elif check is not None:
        expr, words = check
        expr = expr.format(v=name)
        lines.append(
            f"{body_indent}if {null_ok}not ({expr}): raise _te({ep.name!r}, {name!r}, {words!r}, {name})"
        )
        if param.type == "int" and (param.minimum is not None or param.maximum is not None):
            lines.append(
                f"{body_indent}if {name} is not None: _bounds({ep.name!r}, {name!r}, {name}, {param.minimum!r}, {param.maximum!r})"
            )
    lines.append(f"{body_indent}{target}[{wire!r}] = {value}")
    return lines


def method_source(ep: Endpoint) -> str:
    """Source of the async method (or, for lists, the plain method returning a pager)."""
    is_page = ep.paginated
    head = "def" if is_page else "async def"
    lines = [f"{head} {ep.name}({signature_source(ep)}):"]
    ind = "    "
    # Path.
    pieces: list[str] = []
    pos = 0
    for match in _PATH_FIELD.finditer(ep.path):
        literal = ep.path[pos : match.start()]
        if literal:
            pieces.append(repr(literal))
        pieces.append(f"_seg({match.group(1)}, {match.group(1)!r}, {ep.name!r})")
        pos = match.end()
    if ep.path[pos:]:
        pieces.append(repr(ep.path[pos:]))
    lines.append(f"{ind}_path = {' + '.join(pieces)}")
    # Query.
    if ep.query:
        lines.append(f"{ind}_q = {{}}")
        for param in ep.query:
            lines += _value_lines(ep, param, "_q", ind)
    # Body.
    has_body = bool(ep.body or ep.constants or ep.from_config)
    if has_body:
        lines.append(f"{ind}_b = dict(_CONST)" if ep.constants else f"{ind}_b = {{}}")
        overridable = {p.name for p in ep.body if not p.required}
        for field in ep.from_config:
            if field == "client_id":
                source = f"self._config.require_client_id({ep.name!r})"
            else:
                source = "self._config.api_key"
            if field in overridable:
                # An argument of the same name, when given, wins over the configuration.
                lines.append(f"{ind}if {field} is None: _b[{field!r}] = {source}")
            else:
                lines.append(f"{ind}_b[{field!r}] = {source}")
        for param in ep.body:
            lines += _value_lines(ep, param, "_b", ind)
        for index, _group in enumerate(ep.exclusive):
            lines.append(f"{ind}_excl({ep.name!r}, _GROUPS[{index}], _given(_b, _WIRE))")
    body_expr = "_b" if has_body else "None"
    if not has_body and ep.method in ("POST", "PUT", "PATCH"):
        body_expr = "{}"  # an empty JSON object: some servers refuse an empty POST body
    for names in ep.require_one_of:
        present = " or ".join(f"{n} is not None" for n in names)
        wanted = " or ".join(repr(n) for n in names)
        message = f"{ep.name}(): pass at least one of {wanted}"
        lines.append(f"{ind}if not ({present}): raise ValueError({message!r})")
    public = "True" if ep.public else "False"
    if is_page:
        lines.append(f"{ind}if max_items is not None:")
        lines.append(
            f"{ind}    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 0:"
        )
        lines.append(
            f"{ind}        raise ValueError({ep.name + '(): max_items must be an int >= 0'!r})"
        )
        lines.append(f"{ind}    if _q.get('limit') is None and max_items:")
        lines.append(f"{ind}        _q['limit'] = min(max_items, 100)")
        lines.append(
            f"{ind}return _pager(self._transport, _path, _TEMPLATE, _q, _STYLES, _DECODE, request_options, max_items)"
        )
    else:
        query_expr = "_qi(_q, _STYLES)" if ep.query else "None"
        decode = "_DECODE" if ep.returns in ("model", "list") else "None"
        call = (
            f"await self._transport.request({ep.method!r}, _path, _TEMPLATE, {query_expr}, "
            f"{body_expr}, request_options, {public}, {decode})"
        )
        if ep.returns == "none":
            lines.append(f"{ind}{call}")
            lines.append(f"{ind}return None")
        else:
            lines.append(f"{ind}return {call}")
    return "\n".join(lines) + "\n"


def _given(body: Mapping[str, Any], wire_to_name: Mapping[str, str]) -> list[str]:
    return [wire_to_name.get(k, k) for k in body]


def method_namespace(ep: Endpoint) -> dict[str, Any]:
    ns: dict[str, Any] = {
        "NOT_GIVEN": NOT_GIVEN,
        "_Mapping": Mapping,
        "_seg": path_segment,
        "_te": type_error,
        "_bounds": check_bounds,
        "_seq": check_str_sequence,
        "_excl": check_exclusive,
        "_given": _given,
        "_qi": query_items,
        "_pager": make_pager,
        "_TEMPLATE": ep.path,
        "_STYLES": {p.wire_name: p.array_style for p in ep.query},
        "_CONST": dict(ep.constants),
        "_GROUPS": ep.exclusive,
        "_WIRE": {p.wire_name: p.name for p in ep.body},
    }
    if ep.response is not None:
        item = LazyStructurer(ep.response) if ep.returns != "none" else None
        if ep.returns == "model":
            ns["_DECODE"] = item
        elif ep.returns == "page" and item is not None:
            ns["_DECODE"] = page_decoder(item)
        elif ep.returns == "list" and item is not None:
            ns["_DECODE"] = list_decoder(item)
    else:
        ns["_DECODE"] = None
    return ns


def compile_function(source: str, name: str, namespace: dict[str, Any], label: str) -> Any:
    filename = f"<workos_async generated {label}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


_CONFIG_DOC = {
    "client_id": "client_id (the client's client_id)",
    "client_secret": "client_secret (the API key)",
}


def docstring(ep: Endpoint) -> str:
    lines = [ep.doc or f"{ep.method} {ep.path}", "", f"``{ep.method} {ep.path}``"]
    if ep.params:
        lines += ["", "Args:"]
        for p in ep.params:
            req = "required" if p.required else "optional"
            notes = (
                p.doc,
                f"One of: {', '.join(p.enum)}." if p.enum else "",
                "``None`` sends null (clears it)." if p.nullable else "",
                "Secret: never logged." if p.secret else "",
            )
            lines.append(
                f"    {p.name} ({p.type}, {req}): {' '.join(n for n in notes if n)}".rstrip()
            )
    if ep.paginated:
        lines.append("    max_items (int, optional): stop iterating after this many items.")
    if not ep.params and not ep.paginated:
        lines += ["", "Args:"]
    lines.append("    request_options (RequestOptions, optional): per-call timeout, max_retries,")
    lines.append("        extra_headers, idempotency_key.")
    sent = [f"{k}={v!r}" for k, v in ep.constants.items()]
    sent += [_CONFIG_DOC[f] for f in ep.from_config]
    if sent:
        lines += ["", f"Also sends: {', '.join(sent)}."]
    if ep.public:
        lines += ["", "Public endpoint: sent without the API key."]
    if ep.aliases:
        lines += ["", f"Also known as: {', '.join(ep.aliases)} (WorkOS's Node/PHP SDKs)."]
    return "\n".join(lines)


def build_async_method(ep: Endpoint) -> Any:
    """Generate one async method from its row."""
    fn = compile_function(
        method_source(ep), ep.name, method_namespace(ep), f"{ep.resource}.{ep.name}"
    )
    fn.__doc__ = docstring(ep)
    fn.__qualname__ = f"{_class_name(ep.resource, sync=False)}.{ep.name}"
    fn.__module__ = "workos_async.resources"
    return fn


def _class_name(resource: str, *, sync: bool) -> str:
    base = "".join(part.capitalize() for part in resource.split("_"))
    return base if sync else f"Async{base}"


def build_async_resource(
    resource: str, endpoints: Iterable[Endpoint], mixins: tuple[type, ...] = ()
) -> type[AsyncResource]:
    """The async resource class for ``resource``: one generated method per row."""
    namespace: dict[str, Any] = {"__slots__": (), "__module__": "workos_async.resources"}
    for ep in endpoints:
        if ep.resource == resource:
            namespace[ep.name] = build_async_method(ep)
    name = _class_name(resource, sync=False)
    cls = type(name, (*mixins, AsyncResource), namespace)
    return cls
