"""One complete call per table row, and what the spec says must go on the wire for it.

``call_for(ep)`` gives every argument of the row a sample value (the first alternative of each
mutually exclusive group only); ``expected_request`` derives the method, path, query and body
from the *spec extract* (not from the row), so the wire tests check the row and the binding
against the reference; ``canned_response`` is the spec's success status with a body sampled
from the response schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workos_async._endpoint import Endpoint, Param

from .conftest import API_KEY, CLIENT_ID
from .reference import fill_path, operations, path_names, sample_schema


@dataclass
class Call:
    args: list[str]
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Expected:
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any] | None
    authorized: bool


def sample_arg(p: Param) -> Any:
    if p.type == "str":
        return p.enum[0] if p.enum else f"{p.name}-value"
    if p.type == "int":
        low = p.minimum if p.minimum is not None else 7
        return min(max(low, 7), p.maximum if p.maximum is not None else 7)
    if p.type == "bool":
        return True
    if p.type == "Mapping[str, str]":
        return {"key": "value"}
    if p.type == "Sequence[str]":
        return list(p.enum[:2]) if p.enum else ["first", "second"]
    if p.type == "Sequence[Mapping[str, str]]":
        return [{"domain": "example.test", "state": "verified"}]
    raise AssertionError(f"no sample for {p.type}")


def wire_query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def left_out(ep: Endpoint) -> set[str]:
    """Arguments of the later alternatives of exclusive groups (only the first is given)."""
    return {name for group in ep.exclusive for alt in group[1:] for name in alt}


def call_for(ep: Endpoint) -> Call:
    # Input objects (``type="spread"``: role=RoleSingle(...)) stand for flat arguments already
    # given; tests/api/test_input_objects.py covers them.
    skip = left_out(ep) | {p.name for p in ep.body if p.type == "spread"}
    return Call(
        args=[f"{p.name}-{i}x" for i, p in enumerate(ep.path_params)],
        kwargs={p.name: sample_arg(p) for p in ep.query + ep.body if p.name not in skip},
    )


def expected_request(ep: Endpoint, call: Call) -> Expected:
    op = operations().get(ep.operation_id or "")
    if op is not None:
        # The spec's path, its parameters filled in the spec's positional order.
        spec_names = [p["name"] for p in op["path_params"]]
        path = fill_path(op["path"], dict(zip(spec_names, call.args, strict=True)))
        method = op["method"]
    else:
        path = fill_path(ep.path, dict(zip(path_names(ep.path), call.args, strict=True)))
        method = ep.method
    by_name = {p.name: p for p in ep.params}
    query = {
        by_name[k].wire_name: wire_query_value(v)
        for k, v in call.kwargs.items()
        if by_name[k] in ep.query
    }
    body: dict[str, Any] | None = None
    if ep.body or ep.constants or ep.from_config or method in ("POST", "PUT"):
        body = dict(ep.constants)
        config = {"client_id": CLIENT_ID, "client_secret": API_KEY}
        body.update({k: config[k] for k in ep.from_config})
        body.update(
            {by_name[k].wire_name: v for k, v in call.kwargs.items() if by_name[k] in ep.body}
        )
    return Expected(method, path, query, body, authorized=not ep.public)


def canned_response(ep: Endpoint) -> tuple[int, Any]:
    """The spec's success status and a body sampled from its response schema."""
    op = operations().get(ep.operation_id or "")
    if op is None:  # a row outside the extract (organizations: by external id, list)
        assert ep.response is not None
        if ep.returns == "page":
            return 200, {
                "object": "list",
                "data": [sample_schema("Organization")],
                "list_metadata": {"before": None, "after": None},
            }
        return 200, sample_schema("Organization")
    response = op["response"]
    if response["list_envelope"]:
        item = sample_schema(response["item_schema"])
        return response["status"], {
            "object": "list",
            "data": [item],
            "list_metadata": {"before": None, "after": None},
        }
    if response["schema"] is None:
        return response["status"], None
    body = sample_schema(response["schema"])
    if "bare JSON array" in (response.get("note") or ""):
        return response["status"], [body]
    return response["status"], body
