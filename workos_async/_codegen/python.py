"""The endpoint table → Python source of the resource modules.

For each resource of the table: ``resources/<resource>.py`` with the async class (one method
per row: the signature, every argument check, the path/query/body assembly and the call into
the transport, written out), and ``sync/resources/<resource>.py`` with the blocking class (one
line per row: the async method run on the loop thread). Plus the two ``__init__`` modules
that list the classes. The source is then fixed and formatted by ruff, so what is committed
is exactly what this module renders.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import _args, _responses
from .._endpoint import Endpoint, Param
from .rows import annotation, class_name, default, docstring, item_name, literal_alias, returns

__all__ = ["GeneratedFile", "render_modules"]

PACKAGE = Path(__file__).resolve().parent.parent
HEADER = (
    "# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.\n"
    "# Do not edit: change the table (or workos_async/_codegen/) and regenerate;\n"
    "# tests/core/test_generated.py fails while this file and the table disagree.\n"
)

#: The locals of a generated method: no argument may take these names.
_LOCALS = frozenset({"self", "path", "query", "body", "result", "sealing"})
_PATH_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

#: Annotation (``Param.type``) → the ``_args`` function that checks (and returns) the value.
_CHECKERS: dict[str, str] = {
    "str": "check_str",
    "int": "check_int",
    "bool": "check_bool",
    "float": "check_number",
    "Mapping[str, str]": "check_mapping",
    "Mapping[str, Any]": "check_mapping",
    "Sequence[Mapping[str, str]]": "check_mapping_list",
    "Sequence[str]": "check_str_sequence",
}


@dataclass
class GeneratedFile:
    """One generated file: where it is committed and the text it must hold."""

    path: Path
    text: str


# ---- names --------------------------------------------------------------------------------


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def decoder_name(ep: Endpoint) -> str | None:
    """The module constant holding the row's decoder (rows with the same model share it)."""
    if ep.response is None or ep.returns == "none":
        return None
    suffix = {"model": "", "page": "_PAGE", "list": "_LIST"}[ep.returns]
    return f"_DECODE_{_snake(ep.response.__name__)}{suffix}"


def _decoder_source(ep: Endpoint) -> str:
    factory = {"model": "model_decoder", "page": "page_decoder", "list": "list_decoder"}
    return f"{factory[ep.returns]}({item_name(ep)})"


def _str(text: str) -> str:
    """A string literal in double quotes (ruff's style, so formatting changes nothing)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _docstring(text: str, indent: str) -> list[str]:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = text.split("\n")
    if len(lines) == 1:
        return [f'{indent}"""{text}"""']
    out = [f'{indent}"""{lines[0]}']
    out += [f"{indent}{line}" if line else "" for line in lines[1:]]
    out.append(f'{indent}"""')
    return out


# ---- the async method ---------------------------------------------------------------------


def _signature(ep: Endpoint) -> list[str]:
    params = ["self"]
    params += [f"{p.name}: {annotation(p)}" for p in ep.path_params]
    params.append("*")
    keyword = ep.query + ep.body
    params += [f"{p.name}: {annotation(p)}" for p in keyword if p.required]
    params += [f"{p.name}: {annotation(p)} = {default(p)}" for p in keyword if not p.required]
    if ep.paginated:
        params.append("max_items: int | None = None")
    if ep.seals_session:
        params.append("session: SessionOptions | None = None")
    params.append("request_options: RequestOptions | None = None")
    head = "def" if ep.paginated else "async def"
    return [f"    {head} {ep.name}({', '.join(params)}) -> {returns(ep, sync=False)}:"]


def _path_expression(ep: Endpoint) -> str:
    pieces: list[str] = []
    pos = 0
    for match in _PATH_FIELD.finditer(ep.path):
        literal = ep.path[pos : match.start()]
        if literal:
            pieces.append(_str(literal))
        name = match.group(1)
        pieces.append(f"path_segment({name}, {_str(name)}, {_str(ep.name)})")
        pos = match.end()
    if ep.path[pos:]:
        pieces.append(_str(ep.path[pos:]))
    return " + ".join(pieces)


def _value_lines(ep: Endpoint, param: Param, target: str, indent: str) -> list[str]:
    """Check ``param`` and store it in ``target`` under its wire name, when given."""
    name = param.name
    if param.spread and target != "body":
        raise ValueError(f"{ep.name}: only a body argument can spread, not {name!r}")
    if param.type == "spread":
        return []  # only input objects: see _spread_lines
    checker = _CHECKERS.get(param.type)
    if checker is None:
        raise ValueError(f"{ep.name}: no check for the type {param.type!r} of {name!r}")
    args = [_str(ep.name), _str(name), name]
    if param.type == "int" and (param.minimum is not None or param.maximum is not None):
        args += [str(param.minimum), str(param.maximum)]
    value = f"{checker}({', '.join(args)})"
    if param.secret and param.type == "str":
        # Held as a Secret (repr redacted) so error reporters that print frame locals never
        # show it; the plain argument is deleted before the request (see _secret_dels).
        value = f"Secret({value})"
    if param.nullable:
        value = f"None if {name} is None else {value}"
    store = f"{target}[{_str(param.wire_name)}] = {value}"
    if param.spread:
        # The flat value is the argument's own type; an input object is spread later.
        return [f"{indent}if isinstance({name}, {_PLAIN[param.type]}):", f"{indent}    {store}"]
    if param.required:
        return [f"{indent}{store}"]
    given = f"{name} is not NOT_GIVEN" if param.nullable else f"{name} is not None"
    return [f"{indent}if {given}:", f"{indent}    {store}"]


def _body_lines(ep: Endpoint) -> list[str]:
    ind = "        "
    if ep.constants:
        for value in ep.constants.values():
            if not isinstance(value, str | bool | int):
                raise ValueError(f"{ep.name}: constant {value!r} is not a str, bool or int")
        items = ", ".join(f"{_str(k)}: {v!r}" for k, v in ep.constants.items())
        lines = [f"{ind}body: dict[str, Any] = {{{items}}}"]
    else:
        lines = [f"{ind}body: dict[str, Any] = {{}}"]
    overridable = {p.name for p in ep.body if not p.required}
    for field in ep.from_config:
        if field == "client_id":
            source = f"self._config.require_client_id({_str(ep.name)})"
        elif ep.public_client:
            source = "self._config.api_key"
        else:
            source = f"self._config.require_api_key({_str(ep.name)})"
        condition = []
        if field in overridable:
            # An argument of the same name, when given, wins over the configuration.
            condition.append(f"{field} is None")
        if field == "client_secret" and ep.public_client:
            # A public client has no API key: it sends no client_secret.
            condition.append("self._config.api_key is not None")
        if condition:
            lines.append(f"{ind}if {' and '.join(condition)}:")
            lines.append(f"{ind}    body[{_str(field)}] = {source}")
        else:
            lines.append(f"{ind}body[{_str(field)}] = {source}")
    for param in ep.body:
        lines += _value_lines(ep, param, "body", ind)
    for param in ep.body:
        lines += _spread_lines(ep, param, ind)
    renamed = {p.wire_name: p.name for p in ep.body if p.wire_name != p.name}
    for group in ep.exclusive:
        alternatives = "(" + ", ".join(_tuple(alt) for alt in group) + ",)"
        wire = f", {renamed!r}" if renamed else ""
        lines.append(f"{ind}check_exclusive({_str(ep.name)}, {alternatives}, body{wire})")
    return lines


#: The runtime class of a spreading argument's flat type (``str`` password beside the objects).
_PLAIN = {"str": "str"}


def _spread_lines(ep: Endpoint, param: Param, indent: str) -> list[str]:
    """Spread an input object given for ``param`` into the body (after the flat arguments, so
    a field given both ways is caught)."""
    if not param.spread:
        return []
    if param.type != "spread" and param.type not in _PLAIN:
        raise ValueError(f"{ep.name}: {param.name!r} of type {param.type!r} cannot also spread")
    types = "(" + ", ".join(param.spread) + ",)"
    plain = "" if param.type == "spread" else f", plain={_PLAIN[param.type]}"
    return [
        f"{indent}spread_input({_str(ep.name)}, {_str(param.name)}, {param.name}, {types}, "
        f"body{plain})"
    ]


def _public(ep: Endpoint) -> str:
    """The transport's ``public`` argument: sent without the ``Authorization`` header."""
    if ep.public:
        return "True"
    # A public client (no API key) makes these calls without one; a keyed client with it.
    return "self._config.is_public" if ep.public_client else "False"


def _secret_dels(ep: Endpoint, indent: str) -> list[str]:
    """``del`` the plain secret arguments once they are stored as ``Secret``s: a traceback
    captured with locals (``capture_locals=True``, Sentry) then shows no password or token."""
    names = [p.name for p in ep.query + ep.body if p.secret and p.type == "str"]
    if ep.seals_session:
        names.append("session")  # may hold a cookie password (kept in ``sealing`` as a Secret)
    return [f"{indent}del {', '.join(names)}"] if names else []


def _tuple(names: Iterable[str]) -> str:
    items = [_str(n) for n in names]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _forwarder(ep: Endpoint, source: Endpoint) -> list[str]:
    """A placed copy (``also_on``) whose arguments are spelled otherwise: the signature under
    its own names, calling the one real method of ``source`` (the row it was placed from).
    Without renames a placed copy is one line, ``placed(...)``."""
    ind = "        "
    lines = _signature(ep)
    renamed = [
        f"``{new.name}`` is its ``{old.name}``"
        for old, new in _pairs(source, ep)
        if old.name != new.name
    ]
    renamed_text = f" ({', '.join(renamed)})" if renamed else ""
    doc = (
        f"{ep.doc or ep.method + ' ' + ep.path}\n\n``{ep.method} {ep.path}``\n\n"
        f"The same call as ``client.{source.resource}.{source.name}``{renamed_text},\n"
        "whose docstring documents the arguments."
    )
    lines += _docstring(doc, ind)
    # The renamed arguments are checked here, so a refusal names them as the caller spelt them.
    for old, new in _pairs(source, ep):
        if old.name == new.name:
            continue
        if old not in source.path_params:
            raise ValueError(f"{ep.name}: only path parameters can be renamed, not {old.name!r}")
        lines.append(f"{ind}path_segment({new.name}, {_str(new.name)}, {_str(ep.name)})")
    args = [new.name for old, new in _pairs(source, ep) if old in source.path_params]
    args += [
        f"{old.name}={new.name}" for old, new in _pairs(source, ep) if old not in source.path_params
    ]
    if ep.paginated:
        args.append("max_items=max_items")
    if ep.seals_session:
        args.append("session=session")
    args.append("request_options=request_options")
    target = (
        "self"
        if source.resource == ep.resource
        else f"self._peer({class_name(source.resource, sync=False)})"
    )
    call = f"{target}.{source.name}({', '.join(args)})"
    if ep.paginated:
        lines.append(f"{ind}return {call}")
    elif ep.returns == "none" or ep.response is None:
        lines.append(f"{ind}await {call}")
    else:
        lines.append(f"{ind}return await {call}")
    return lines


def _pairs(source: Endpoint, placed: Endpoint) -> list[tuple[Param, Param]]:
    """The source row's parameters beside the placed copy's (same order, maybe renamed)."""
    return list(zip(source.params, placed.params, strict=True))


def _method(ep: Endpoint) -> list[str]:
    clash = _LOCALS.intersection(p.name for p in ep.params)
    if clash:
        raise ValueError(
            f"{ep.name}: argument names {sorted(clash)} clash with the method's locals"
        )
    ind = "        "
    lines = _signature(ep)
    lines += _docstring(docstring(ep), ind)
    template = _str(ep.path)
    if ep.path_params:
        lines.append(f"{ind}path = {_path_expression(ep)}")
        path = "path"
    else:
        path = template
    if ep.query or ep.paginated:
        lines.append(f"{ind}query: dict[str, Any] = {{}}")
        for param in ep.query:
            lines += _value_lines(ep, param, "query", ind)
    has_body = bool(ep.body or ep.constants or ep.from_config)
    if has_body:
        lines += _body_lines(ep)
        body = "body"
    elif ep.method in ("POST", "PUT", "PATCH"):
        body = "{}"  # an empty JSON object: some servers refuse an empty POST body
    else:
        body = "None"
    for names in ep.require_one_of:
        present = " or ".join(f"{n} is not None" for n in names)
        wanted = " or ".join(repr(n) for n in names)
        lines.append(f"{ind}if not ({present}):")
        lines.append(
            f"{ind}    raise ValueError({_str(f'{ep.name}(): pass at least one of {wanted}')})"
        )
    if ep.seals_session:
        if ep.returns != "model" or ep.paginated:
            raise ValueError(f"{ep.name}: only a call returning one model can seal a session")
        # Checked before the request; the cookie password is then held as a Secret only.
        lines.append(f"{ind}sealing = session_sealing({_str(ep.name)}, session)")
    lines += _secret_dels(ep, ind)
    repeat = _tuple(p.wire_name for p in ep.query if p.array_style == "repeat")
    decode = decoder_name(ep) or "None"
    if ep.paginated:
        lines.append(f"{ind}check_max_items({_str(ep.name)}, max_items, query)")
        lines.append(
            f"{ind}return make_pager(self._transport, {path}, {template}, query, {repeat}, "
            f"{decode}, request_options, max_items)"
        )
        return lines
    query = f"query_items(query, {repeat})" if repeat != "()" else "query_items(query)"
    call = (
        f"await self._transport.request({_str(ep.method)}, {path}, {template}, "
        f"{query if ep.query else 'None'}, {body}, request_options, {_public(ep)}, {decode})"
    )
    if ep.returns == "none" or ep.response is None:
        lines.append(f"{ind}{call}")
    else:
        lines.append(f"{ind}result: {returns(ep, sync=False)} = {call}")
        if ep.seals_session:
            lines.append(f"{ind}seal_into(self._transport, result, sealing)")
        lines.append(f"{ind}return result")
    return lines


# ---- modules ------------------------------------------------------------------------------


def _imports(body: str, candidates: dict[str, list[str]]) -> list[str]:
    """``from module import names`` for the candidate names the body uses."""
    lines = []
    for module, names in candidates.items():
        used = [n for n in names if re.search(rf"\b{re.escape(n)}\b", body)]
        if used:
            lines.append(f"from {module} import {', '.join(used)}")
    return lines


def _mixins(resource: str) -> list[str]:
    from .._helpers import MIXINS

    return [m.__name__ for m in MIXINS.get(resource, ())]


def _class_doc(resource: str, *, sync: bool) -> str:
    if sync:
        return (
            f"``WorkOS().{resource}``: the methods of :class:`{class_name(resource, sync=False)}`,\n"
            "blocking: each runs the async method on the client's loop thread."
        )
    return (
        f"``AsyncWorkOS().{resource}``: one method per ``{resource}`` row of the endpoint\ntable."
    )


def _literal_aliases(rows: list[Endpoint]) -> list[str]:
    """The module's ``Literal`` aliases (see ``literal_alias``), one statement each."""
    values: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for ep in rows:
        for param in ep.params:
            alias = literal_alias(param)
            if alias is None:
                continue
            names.setdefault(alias, param.name)
            if values.setdefault(alias, param.enum) != param.enum:
                raise ValueError(f"{ep.name}: {param.name!r} documents other values than {alias}")
    lines = []
    for alias, enum in values.items():
        items = [_str(v) for v in enum]
        lines.append(f"#: The documented values of ``{names[alias]}`` (other strings pass too).")
        one_line = f"{alias} = Literal[{', '.join(items)}]"
        if len(one_line) <= 100:
            lines.append(one_line)
            continue
        # Packed by hand: ruff would put each of the values on a line of its own.
        lines.append(f"{alias} = Literal[")
        row = "   "
        for item in items:
            if len(row) + len(item) + 2 > 99:
                lines.append(row)
                row = "   "
            row += f" {item},"
        lines.append(row)
        lines.append("]  # fmt: skip")
    return lines


def async_module(resource: str, rows: list[Endpoint], sources: dict[str, Endpoint]) -> str:
    """``sources``: ``"<resource>.<name>"`` → row, where the placed copies forward to."""
    cls = class_name(resource, sync=False)
    aliases = _literal_aliases(rows)
    decoders: dict[str, str] = {}
    methods: list[str] = []
    peers: list[str] = []
    for ep in rows:
        if ep.placed_from is not None:
            source = sources[ep.placed_from]
            if source.resource != resource:
                peers.append(source.resource)
            owner = class_name(source.resource, sync=False)
            if any(old.name != new.name for old, new in _pairs(source, ep)):
                methods += ["", *_forwarder(ep, source)]
            else:  # the row's own method, reached from here: one line
                target = (
                    source.name
                    if source.resource == resource
                    else f"{owner}.{source.name}, {owner}"
                )
                methods += ["", f"    {ep.name} = placed({target})"]
            continue
        name = decoder_name(ep)
        if name is not None:
            decoders[name] = _decoder_source(ep)
        methods += ["", *_method(ep)]
    bases = [*_mixins(resource), "AsyncResource"]
    body_lines = [
        *aliases,
        "",
        *(f"{name} = {source}" for name, source in decoders.items()),
        "",
        "",
        f"class {cls}({', '.join(bases)}):",
        *_docstring(_class_doc(resource, sync=False), "    "),
        "",
        "    __slots__ = ()",
        *methods,
    ]
    body = "\n".join(body_lines)
    models = sorted({item_name(ep) for ep in rows if ep.response is not None})
    imports = _imports(
        body,
        {
            "collections.abc": ["Mapping", "Sequence"],
            "typing": ["Any", "Literal"],
            "workos_async._args": list(_args.__all__),
            "workos_async._config": ["RequestOptions"],
            "workos_async._helpers": _mixins(resource),
            "workos_async._pagination": ["AsyncPager"],
            "workos_async._responses": list(_responses.__all__),
            "workos_async._secret": ["Secret"],
            "workos_async._session_helpers": ["SessionOptions", "seal_into", "session_sealing"],
            "workos_async._types": ["NOT_GIVEN", "NotGiven"],
            "workos_async.inputs": [
                "PasswordHashed",
                "PasswordPlaintext",
                "RoleMultiple",
                "RoleSingle",
            ],
            "workos_async.models": models,
            "workos_async.resources._base": ["AsyncResource", "placed"],
            **{
                f"workos_async.resources.{peer}": [class_name(peer, sync=False)]
                for peer in dict.fromkeys(peers)
            },
        },
    )
    doc = (
        f'"""The async ``{resource}`` resource: :class:`{cls}`, generated from the table.\n\n'
        "Each method is one row of ``workos_async/_endpoints.py`` written out: checks that fail\n"
        "before any request, the path, query and body, and the call into the transport.\n"
        '"""'
    )
    exported = [cls, *(line.split(" = ")[0] for line in aliases if " = Literal[" in line)]
    return _module(ASYNC_PACKAGE, doc, imports, exported, body)


def sync_module(resource: str, rows: list[Endpoint]) -> str:
    cls = class_name(resource, sync=True)
    async_cls = class_name(resource, sync=False)
    lines = [
        f"class {cls}({', '.join([*_mixins(resource), 'SyncResource'])}):",
        *_docstring(_class_doc(resource, sync=True), "    "),
        "",
        "    __slots__ = ()",
        "",
    ]
    for ep in rows:
        wrap = "blocking_pager" if ep.paginated else "blocking"
        lines.append(f"    {ep.name} = {wrap}({async_cls}.{ep.name})")
    body = "\n".join(lines)
    imports = _imports(
        body,
        {
            "workos_async._helpers": _mixins(resource),
            f"workos_async.resources.{resource}": [async_cls],
            "workos_async.sync._resources": ["SyncResource", "blocking", "blocking_pager"],
        },
    )
    doc = (
        f'"""The blocking ``{resource}`` resource: :class:`{cls}`, generated from the table.\n\n'
        f"Every method is the :class:`~workos_async.resources.{resource}.{async_cls}` method of\n"
        "the same name (same arguments, checks and docs) run on the client's loop thread.\n"
        '"""'
    )
    return _module(SYNC_PACKAGE, doc, imports, [cls], body)


def index_module(resources: list[str], *, sync: bool) -> str:
    base = "SyncResource" if sync else "AsyncResource"
    names = [class_name(r, sync=sync) for r in resources]
    imports = [
        "from workos_async.sync._resources import SyncResource"
        if sync
        else "from workos_async.resources._base import AsyncResource",
        *(
            f"from workos_async.{'sync.' if sync else ''}resources.{r} import {n}"
            for r, n in zip(resources, names, strict=True)
        ),
    ]
    entries = "".join(f"\n    {_str(r)}: {n}," for r, n in zip(resources, names, strict=True))
    body = "\n".join(
        [
            "#: Resource (the client's attribute) → its class.",
            f"CLASSES: dict[str, type[{base}]] = {{{entries}\n}}",
        ]
    )
    exported = [base, "CLASSES", *names]
    if not sync:
        body += (
            "\n\n\ndef async_resource_class(resource: str) -> type[AsyncResource]:\n"
            '    """The class of ``AsyncWorkOS().<resource>``."""\n'
            "    return CLASSES[resource]\n"
        )
        exported.append("async_resource_class")
    client = "WorkOS" if sync else "AsyncWorkOS"
    doc = (
        f'"""The {"blocking" if sync else "async"} resource classes, one generated module per '
        f"resource of the endpoint\ntable: ``{client}().{resources[0]}`` is a :class:`{names[0]}` "
        f'(``{resources[0]}.py``), ...\n"""'
    )
    return _module(SYNC_PACKAGE if sync else ASYNC_PACKAGE, doc, imports, exported, body)


ASYNC_PACKAGE = "workos_async.resources"
SYNC_PACKAGE = "workos_async.sync.resources"


def _module(package: str, doc: str, imports: list[str], exported: list[str], body: str) -> str:
    stdlib = [line for line in imports if not line.startswith("from workos_async")]
    local = [_relative(package, line) for line in imports if line.startswith("from workos_async")]
    all_names = ", ".join(_str(n) for n in exported)
    parts = [HEADER + doc, "from __future__ import annotations"]
    parts += ["\n".join(stdlib)] if stdlib else []
    parts += ["\n".join(local), f"__all__ = [{all_names}]", body]
    return "\n\n".join(parts) + "\n"


def _relative(package: str, line: str) -> str:
    """``from workos_async.x import y`` → relative to a module of ``package``."""
    module = line.split()[1]
    here, target = package.split("."), module.split(".")
    common = 0
    while common < min(len(here), len(target)) and here[common] == target[common]:
        common += 1
    dots = "." * (len(here) - common + 1)
    return line.replace(f"from {module} ", f"from {dots}{'.'.join(target[common:])} ", 1)


def render_modules(endpoints: Sequence[Endpoint]) -> list[GeneratedFile]:
    """Every generated module, rendered from ``endpoints`` and formatted by ruff."""
    grouped: dict[str, list[Endpoint]] = {}
    for ep in endpoints:
        grouped.setdefault(ep.resource, []).append(ep)
    resources = list(grouped)
    files = [
        GeneratedFile(PACKAGE / "resources" / "__init__.py", index_module(resources, sync=False)),
        GeneratedFile(
            PACKAGE / "sync" / "resources" / "__init__.py", index_module(resources, sync=True)
        ),
    ]
    sources = {f"{ep.resource}.{ep.name}": ep for ep in endpoints if ep.placed_from is None}
    for resource, rows in grouped.items():
        files.append(
            GeneratedFile(
                PACKAGE / "resources" / f"{resource}.py", async_module(resource, rows, sources)
            )
        )
        files.append(
            GeneratedFile(
                PACKAGE / "sync" / "resources" / f"{resource}.py", sync_module(resource, rows)
            )
        )
    for generated in files:
        generated.text = ruff_format(generated.path, generated.text)
    return files


def ruff_format(path: Path, text: str) -> str:
    """``text`` as ``ruff check --fix`` and ``ruff format`` leave it (the project's settings),
    so the committed file passes the lint and format checks unchanged."""
    root = PACKAGE.parent
    name = str(path.relative_to(root))
    for command in (["check", "--fix", "--quiet"], ["format", "--quiet"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--stdin-filename", name, "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=root,
            check=False,
        )
        if "No module named ruff" in done.stderr:
            raise RuntimeError("the renderer formats with ruff: pip install -e '.[dev]'")
        if done.returncode != 0:
            raise RuntimeError(
                f"ruff {command[0]} refused the rendered {name}:\n{done.stdout}{done.stderr}"
            )
        text = done.stdout
    return text
