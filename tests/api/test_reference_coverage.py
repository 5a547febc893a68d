"""Every operation of the spec extract has a row (or a request-free helper), and every row
agrees with its operation: method, path (modulo parameter names), path parameters (count and
positional order), query and body fields, required fields, enums, mutually exclusive groups,
public or not, and the response shape and model."""

from __future__ import annotations

import inspect
import re
from collections import defaultdict
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from workos_async import AsyncWorkOS, WorkOS
from workos_async._endpoint import Endpoint, Param
from workos_async._endpoints import TABLE

from ..models.schema_registry import SCHEMA_MODELS
from ..spec_data import OVERLAY, load_json
from .reference import (
    endpoints,
    fill_path,
    operations,
    path_names,
    path_shape,
    schemas,
)

#: Rows that no operation of the spec extract stands for, and why they exist.
ROWS_WITHOUT_OPERATION = {
    "get_organization_by_external_id": (
        "GET /organizations/external_id/{external_id} belongs to WorkOS's Organizations API, "
        "outside the user-management extract; the official SDK has it and bulk import uses it"
    ),
    "list_organizations": (
        "GET /organizations belongs to WorkOS's Organizations API, outside the user-management "
        "extract; the official SDK has it and bulk import finds organizations by name with it"
    ),
}

#: Operations a browser opens (a URL, not an API call): served by request-free helpers.
HELPER_OPERATIONS = {
    "UserlandSsoController_authorize": ("get_authorization_url", "get_authorization_url_with_pkce"),
    "UserlandSessionsController_logout": ("get_logout_url",),
}

#: Rows that send a grant another row sends too, and how they differ.
SAME_GRANT_ROWS = {
    "authenticate_with_code_pkce": (
        "authorization_code with the PKCE verifier instead of the API key as client_secret "
        "(the official SDK's call for public clients)"
    ),
}

#: Operations served by several rows, and the constant body field that tells them apart.
SHARED_OPERATIONS = {"UserlandSessionsController_authenticate": "grant_type"}

#: Argument names that carry credentials: the rows must mark them secret.
SECRET_NAMES = {
    "password",
    "password_hash",
    "new_password",
    "code",
    "code_verifier",
    "token",
    "refresh_token",
    "pending_authentication_token",
    "invitation_token",
    "device_code",
    "totp_secret",
}

#: Spec type → the row's ``Param.type``.
TYPES = {
    "string": "str",
    "integer": "int",
    "boolean": "bool",
    "array<string>": "Sequence[str]",
    "map<string,string>": "Mapping[str, str]",
    "array<OrganizationDomainDataDto>": "Sequence[Mapping[str, str]]",
}


def rows_by_operation() -> dict[str, list[Endpoint]]:
    grouped: dict[str, list[Endpoint]] = defaultdict(list)
    for ep in TABLE:
        if ep.operation_id is not None:
            grouped[ep.operation_id].append(ep)
    return grouped


def body_fields(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The request body's fields with their schema entries."""
    body = op.get("request_body")
    if not body or body["schema"] == "oneOf":
        return {}
    all_schemas = schemas()
    assert all_schemas is not None
    fields = all_schemas[body["schema"]]
    return {k: v for k, v in fields.items() if not k.startswith("_")}


def wire_body(ep: Endpoint) -> tuple[Param, ...]:
    """The body arguments sent under their own names (not the input objects of
    ``type="spread"``, which stand for other fields of the body)."""
    return tuple(p for p in ep.body if p.type != "spread")


def sent_names(ep: Endpoint) -> set[str]:
    """Every body field name the row can put on the wire."""
    return {p.wire_name for p in wire_body(ep)} | set(ep.from_config) | set(ep.constants)


def always_sent(ep: Endpoint) -> set[str]:
    return {p.wire_name for p in ep.body if p.required} | set(ep.from_config) | set(ep.constants)


def test_every_operation_has_a_row_or_a_helper() -> None:
    data = endpoints()
    assert data is not None
    counts = data["_meta"]["counts"]
    ops = operations()
    newer = len(load_json(OVERLAY)["operations"])  # newer than the extract: the overlay's
    assert len(ops) == counts["user_management_operations"] + counts["related_operations"] + newer
    assert newer == 16
    covered = set(rows_by_operation()) | set(HELPER_OPERATIONS)
    missing = sorted(
        f"{op['method']} {op['path']} ({oid})" for oid, op in ops.items() if oid not in covered
    )
    assert not missing, f"operations without a row: {missing}"


def test_every_row_points_at_a_real_operation() -> None:
    ops = operations()
    unknown = [ep.name for ep in TABLE if ep.operation_id and ep.operation_id not in ops]
    assert not unknown, f"rows naming an operation the spec lacks: {unknown}"
    without = {ep.name for ep in TABLE if ep.operation_id is None}
    assert without == set(ROWS_WITHOUT_OPERATION), (
        "rows without operation_id must be listed (with a reason) in ROWS_WITHOUT_OPERATION"
    )
    assert not set(HELPER_OPERATIONS) & set(rows_by_operation())


def test_only_the_listed_operations_are_shared_by_several_rows() -> None:
    shared = {oid for oid, rows in rows_by_operation().items() if len(rows) > 1}
    assert shared == set(SHARED_OPERATIONS)


@pytest.mark.parametrize("ep", TABLE, ids=lambda ep: ep.name)
def test_row_matches_its_operation(ep: Endpoint) -> None:
    if ep.operation_id is None:
        return  # listed in ROWS_WITHOUT_OPERATION (checked above)
    op = operations()[ep.operation_id]
    where = f"{ep.name} vs {op['method']} {op['path']}"
    assert ep.method == op["method"], where
    assert path_shape(ep.path) == path_shape(op["path"]), where
    expected_resource = "user_management"
    if op["path"].startswith("/organizations"):
        expected_resource = "organizations"
    elif op["path"] == "/auth/factors/enroll":  # WorkOS's standalone MFA API
        expected_resource = "multi_factor_auth"
    assert ep.resource == expected_resource, where
    # Path parameters: the same count, each in the same place of the path (names may differ:
    # ``{userId}`` in the spec is ``user_id`` here), in the spec's positional order.
    spec_params = [p["name"] for p in op["path_params"]]
    assert len(ep.path_params) == len(spec_params), where
    assert sorted(path_names(ep.path)) == sorted(p.name for p in ep.path_params), where
    for ours, theirs in zip(ep.path_params, spec_params, strict=True):
        assert path_names(ep.path).index(ours.name) == path_names(op["path"]).index(theirs), where
        assert ours.required
    # Query.
    spec_query = {q["name"]: q for q in op["query_params"]}
    assert {p.wire_name for p in ep.query} == set(spec_query), where
    for p in ep.query:
        q = spec_query[p.wire_name]
        assert p.required == q["required"], f"{where}: {p.name}"
        assert p.type == TYPES[q["type"]], f"{where}: {p.name}"
        assert p.enum == tuple(q.get("enum") or q.get("items_enum") or ()), f"{where}: {p.name}"
        if "minimum" in q or "maximum" in q:
            assert (p.minimum, p.maximum) == (q.get("minimum"), q.get("maximum")), where
        if q["type"].startswith("array<"):
            explode = q.get("explode", True)
            assert p.array_style == ("repeat" if explode else "csv"), f"{where}: {p.name}"
    # Public (no API key) exactly where the spec sets ``security: []``.
    assert ep.public == (op["auth"] == "none (public)"), where
    # Response.
    response = op["response"]
    if response["list_envelope"]:
        assert ep.returns == "page" and op["paginated"], where
        assert ep.response is SCHEMA_MODELS[response["item_schema"]], where
    elif response["schema"] is None:
        assert ep.returns == "none", where
    elif "bare JSON array" in (response.get("note") or ""):
        assert ep.returns == "list", where
        assert ep.response is SCHEMA_MODELS[response["schema"]], where
    else:
        assert ep.returns == "model", where
        assert ep.response is SCHEMA_MODELS[response["schema"]], where
    # Secrets.
    for p in ep.params:
        if p.name in SECRET_NAMES:
            assert p.secret, f"{where}: {p.name} must be secret=True"
    if ep.operation_id in SHARED_OPERATIONS:
        return  # the body is checked per variant below
    # Body: the same fields; what the spec requires is required (or filled by the SDK).
    fields = body_fields(op)
    assert sent_names(ep) == set(fields), where
    required = {k for k, v in fields.items() if v["required"]}
    assert always_sent(ep) == required, where
    for p in wire_body(ep):
        field = fields[p.wire_name]
        assert p.type == TYPES[field["type"]], f"{where}: {p.name}"
        documented = (field["const"],) if "const" in field else tuple(field.get("enum") or ())
        assert p.enum == documented, f"{where}: {p.name}"
        if p.nullable:
            assert field["nullable"], f"{where}: {p.name} is not nullable in the spec"
    # Mutually exclusive groups.
    spec_groups = (op.get("request_body") or {}).get("mutually_exclusive_groups") or {}
    expected = {
        frozenset(tuple(names) for names in group["variants"].values())
        for group in spec_groups.values()
    }
    assert {frozenset(group) for group in ep.exclusive} == expected, where


def test_authenticate_has_one_row_per_grant_type() -> None:
    data = endpoints()
    assert data is not None
    variants = {v["grant_type"]: v for v in data["authenticate_grant_types"]["variants"]}
    rows = rows_by_operation()["UserlandSessionsController_authenticate"]
    twins = [ep for ep in rows if ep.name in SAME_GRANT_ROWS]
    rows = [ep for ep in rows if ep.name not in SAME_GRANT_ROWS]
    by_grant = {ep.constants["grant_type"]: ep for ep in rows}
    for twin in twins:
        variant = variants[twin.constants["grant_type"]]
        allowed = set(variant["required_fields"]) | set(variant["optional_fields"])
        assert sent_names(twin) <= allowed, twin.name
        assert "client_secret" not in sent_names(twin), twin.name
    assert len(by_grant) == len(rows), "two rows send the same grant_type"
    assert set(by_grant) == set(variants)
    for grant, ep in by_grant.items():
        variant = variants[grant]
        where = f"{ep.name} ({grant})"
        assert sent_names(ep) == set(variant["required_fields"]) | set(
            variant["optional_fields"]
        ), where
        assert always_sent(ep) == set(variant["required_fields"]), where
        assert ep.name.startswith("authenticate_with_"), where
        assert ep.response is SCHEMA_MODELS[data["authenticate_grant_types"]["response_schema"]]


def _camel_to_snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_names_follow_the_other_sdks_or_are_recorded_as_aliases() -> None:
    data = endpoints()
    assert data is not None
    rows = rows_by_operation()
    for oid, names in data["seed_method_map"]["by_operation_id"].items():
        if oid in HELPER_OPERATIONS or oid in SHARED_OPERATIONS:
            continue
        for sdk, name in names.items():
            if "(" in name:  # "(URL only)" notes: the helpers
                continue
            for ep in rows[oid]:
                known = {alias.split(" ")[0] for alias in ep.aliases}
                if sdk == "rest_ref_python":
                    assert ep.name == name, f"{oid}: {ep.name} != {name}"
                else:
                    assert ep.name == _camel_to_snake(name) or name in known, (
                        f"{oid}: {sdk} calls it {name}: name the row so or list it in aliases"
                    )
    grants = data["seed_method_map"]["authenticate_grants"]
    by_grant = {
        ep.constants["grant_type"]: ep
        for ep in rows["UserlandSessionsController_authenticate"]
        if ep.name not in SAME_GRANT_ROWS
    }
    for grant, names in grants.items():
        for name in names.values():
            assert _camel_to_snake(name.split(" ")[0]) == by_grant[grant].name


@pytest.mark.parametrize("client_class", [AsyncWorkOS, WorkOS])
def test_helper_operations_build_the_spec_url(
    client_class: type[AsyncWorkOS] | type[WorkOS],
) -> None:
    ops = operations()
    client = client_class(api_key="sk_test_x", client_id="client_1", base_url="https://h.test")
    try:
        um = client.user_management
        for oid, names in HELPER_OPERATIONS.items():
            for name in names:
                assert callable(getattr(um, name)), f"{oid}: {name} missing on {type(um).__name__}"
        # Every documented query parameter of /authorize is an argument of both builders
        # (response_type is always "code").
        authorize = ops["UserlandSsoController_authorize"]
        documented = {q["name"] for q in authorize["query_params"]} - {"response_type"}
        assert documented <= set(inspect.signature(um.get_authorization_url).parameters)
        pkce_args = documented - {"code_challenge", "code_challenge_method"}
        assert pkce_args <= set(inspect.signature(um.get_authorization_url_with_pkce).parameters)
        url = um.get_authorization_url(
            redirect_uri="https://app.test/cb",
            provider="authkit",
            state="st",
            code_challenge="ch",
            code_challenge_method="S256",
            domain_hint="d.test",
            login_hint="a@b.test",
            screen_hint="sign-up",
            prompt="consent",
            provider_scopes=["s1", "s2"],
            provider_query_params={"k": "v"},
            invitation_token="inv",
        )
        _assert_spec_url(url, authorize)
        _assert_spec_url(
            um.get_authorization_url(redirect_uri="https://a.test/", connection_id="c"), authorize
        )
        _assert_spec_url(
            um.get_logout_url("sess_1", return_to="https://a.test/"),
            ops["UserlandSessionsController_logout"],
        )
        jwks_path = ops["SsoController_jsonWebKeySet"]["path"]
        expected = fill_path(jwks_path, {"clientId": "client_1"})
        assert um.get_jwks_url() == f"https://h.test{expected}"
    finally:
        if isinstance(client, WorkOS):
            client.close()


def _assert_spec_url(url: str, op: dict[str, Any]) -> None:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "https://h.test"
    assert parts.path == op["path"]
    pairs = parse_qsl(parts.query, strict_parsing=True)
    keys = {re.sub(r"\[.*\]$", "", k) for k, _ in pairs}
    documented = {q["name"] for q in op["query_params"]}
    assert keys <= documented, keys - documented
    required = {q["name"] for q in op["query_params"] if q["required"]}
    assert required <= keys
