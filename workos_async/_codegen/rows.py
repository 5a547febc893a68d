"""How a row of the endpoint table reads: class names, annotations, return types and the
docstring. The code modules and the API reference pages are both rendered from these, so the
two cannot drift apart."""

from __future__ import annotations

from .._endpoint import Endpoint, Param

__all__ = [
    "annotation",
    "class_name",
    "default",
    "docstring",
    "item_name",
    "literal_alias",
    "returns",
]


def class_name(resource: str, *, sync: bool) -> str:
    """``user_management`` → ``AsyncUserManagement`` (async) / ``UserManagement`` (blocking).
    A resource named like a model gets the official SDK's ``Service`` suffix
    (``organization_membership`` → ``OrganizationMembershipService``): the module imports
    the model, and a reader should never wonder which of the two a name means."""
    from .. import models

    base = "".join(part.capitalize() for part in resource.split("_"))
    if base in models.__all__:
        base += "Service"
    return base if sync else f"Async{base}"


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def literal_alias(param: Param) -> str | None:
    """The name of the type alias for a longer list of documented values (3 or more): the
    argument's name, singular for a list (``order`` → ``Order``, ``statuses`` → ``Status``)."""
    if len(param.enum) < 3:
        return None
    name = param.name
    if param.type.startswith("Sequence["):
        name = name[:-2] if name.endswith("ses") else name.removesuffix("s")
    return _camel(name)


def annotation(param: Param) -> str:
    """The parameter's annotation: documented values as a ``Literal`` (named by
    ``literal_alias`` when long; other strings still pass), ``| None`` when optional,
    ``| NotGiven`` when ``None`` means "send null"."""
    base = param.type
    if param.spread:
        kinds = [] if param.type == "spread" else [param.type]
        base = " | ".join([*kinds, *param.spread])
    if param.enum:
        literal = literal_alias(param) or f"Literal[{', '.join(repr(v) for v in param.enum)}]"
        base = f"{literal} | str" if param.type == "str" else f"Sequence[{literal} | str]"
    if param.required:
        return base
    if param.nullable:
        return f"{base} | None | NotGiven"
    return f"{base} | None"


def default(param: Param) -> str:
    """The default of an optional parameter: ``NOT_GIVEN`` where ``None`` sends null."""
    return "NOT_GIVEN" if param.nullable else "None"


def item_name(ep: Endpoint) -> str:
    """The response model's name (the item's, for lists), or ``None``."""
    return ep.response.__name__ if ep.response is not None else "None"


def returns(ep: Endpoint, *, sync: bool) -> str:
    """The method's return annotation."""
    item = item_name(ep)
    if ep.returns == "page":
        return f"SyncPager[{item}]" if sync else f"AsyncPager[{item}]"
    if ep.returns == "list":
        return f"list[{item}]"
    if ep.returns == "none":
        return "None"
    return item


_CONFIG_DOC = {
    "client_id": "client_id (the client's client_id)",
    "client_secret": "client_secret (the API key)",
}


def _doc_type(param: Param) -> str:
    """The type named in the docstring: the input objects too, for a spreading argument."""
    if not param.spread:
        return param.type
    return " | ".join([*([] if param.type == "spread" else [param.type]), *param.spread])


def docstring(ep: Endpoint) -> str:
    """The method's docstring: what it does, the route, every argument, what else is sent."""
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
                f"    {p.name} ({_doc_type(p)}, {req}): {' '.join(n for n in notes if n)}".rstrip()
            )
    if ep.paginated:
        lines.append("    max_items (int, optional): stop iterating after this many items.")
    if ep.seals_session:
        lines.append(
            '    session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}'
        )
        lines.append("        also seals the result into ``result.sealed_session`` (the")
        lines.append(
            "        ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD)."
        )
    if not ep.params and not ep.paginated and not ep.seals_session:
        lines += ["", "Args:"]
    lines.append("    request_options (RequestOptions, optional): per-call timeout, max_retries,")
    lines.append("        extra_headers, idempotency_key.")
    sent = [f"{k}={v!r}" for k, v in ep.constants.items()]
    sent += [_CONFIG_DOC[f] for f in ep.from_config]
    if sent:
        lines += ["", f"Also sends: {', '.join(sent)}."]
    if ep.public:
        lines += ["", "Public endpoint: sent without the API key."]
    if ep.public_client:
        lines += [
            "",
            "A public client (client_id only, no API key) may make this call: it then goes",
            "without the API key (no Authorization header, no client_secret).",
        ]
    if ep.aliases:
        lines += ["", f"Also known as: {', '.join(ep.aliases)} (WorkOS's Node/PHP SDKs)."]
    return "\n".join(lines)
