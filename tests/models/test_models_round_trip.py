"""Every modelled schema survives JSON → model → ``to_dict()`` unchanged, through the SDK's
converter, with a full sample body built from the spec extract."""

from datetime import UTC, datetime
from typing import Any

import pytest

from workos_async._converter import structure
from workos_async.models import (
    AuthenticationMethod,
    AuthenticationResponse,
    Jwks,
    OrganizationMembership,
    OrganizationMembershipStatus,
    SlimRole,
    User,
)

from ..spec_data import reference_json as load_json
from .schema_registry import SCHEMA_MODELS

SCHEMAS: dict[str, Any] = load_json("user_management_schemas.json")


def sample(spec: dict[str, Any], tag: str) -> Any:
    """A JSON value for one spec field: the const, the last enum value, or a typed sample."""
    if "const" in spec:
        return spec["const"]
    if "enum" in spec:
        return spec["enum"][-1]
    if spec.get("format") == "date-time":
        return "2024-05-06T07:08:09.123Z"
    base = spec["type"].removesuffix("|null")
    if base.startswith("array<"):
        return [sample({**spec, "type": base[len("array<") : -1]}, tag)]
    if base.startswith("map<"):
        return {"key": "value"}
    if base == "object":
        return sample_object(spec["fields"], tag) if "fields" in spec else {"free": ["form", 1]}
    if base in SCHEMAS:
        return sample_object(SCHEMAS[base], base)
    return {"string": f"{tag}-text", "integer": 3, "number": 2.5, "boolean": True}[base]


def sample_object(fields: dict[str, Any], tag: str) -> dict[str, Any]:
    if "_array_of" in fields:
        fields = fields["_array_of"]["fields"]
    return {k: sample(v, f"{tag}.{k}") for k, v in fields.items() if not k.startswith("_")}


ROUND_TRIP = sorted(SCHEMA_MODELS)


@pytest.mark.parametrize("schema_name", ROUND_TRIP)
def test_full_body_round_trips(schema_name: str) -> None:
    body = sample_object(SCHEMAS[schema_name], schema_name)
    obj = structure(body, SCHEMA_MODELS[schema_name])
    assert isinstance(obj, SCHEMA_MODELS[schema_name])
    assert obj.extra == {}, f"keys not mapped to fields: {sorted(obj.extra)}"
    assert obj.to_dict() == body
    # JSON's own types (an enum member is a str subclass: equal, but refused by the decoders),
    # so to_dict() decodes again to an equal model.
    assert not list(_non_json_values(obj.to_dict()))
    assert structure(obj.to_dict(), SCHEMA_MODELS[schema_name]) == obj


def _non_json_values(value: Any) -> Any:
    """Every value in ``value`` whose class is not exactly a JSON decoder's."""
    if type(value) is dict:
        for item in value.values():
            yield from _non_json_values(item)
    elif type(value) is list:
        for item in value:
            yield from _non_json_values(item)
    elif value is not None and type(value) not in (str, int, float, bool):
        yield value


def test_to_dict_keeps_sub_millisecond_precision() -> None:
    body = sample_object(SCHEMAS["UserlandUser"], "u")
    body["created_at"] = "2024-05-06T07:08:09.123456Z"
    assert structure(body, User).to_dict()["created_at"] == "2024-05-06T07:08:09.123456Z"


def test_structured_values_have_the_model_types() -> None:
    body = sample_object(SCHEMAS["UserlandUserOrganizationMembership"], "m")
    body["status"] = "active"
    membership = structure(body, OrganizationMembership)
    assert membership.status is OrganizationMembershipStatus.ACTIVE
    assert membership.created_at == datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)
    assert isinstance(membership.user, User)
    assert membership.role == SlimRole(slug=body["role"]["slug"])


def test_unknown_enum_value_and_unknown_key_are_kept() -> None:
    body = sample_object(SCHEMAS["UserlandAuthenticateResponse"], "a")
    body["authentication_method"] = "OAuth"  # the emulator sends values the spec lacks
    body["sealed_session"] = "Fe26.2*sealed"
    response = structure(body, AuthenticationResponse)
    assert response.authentication_method == "OAuth"
    assert not isinstance(response.authentication_method, AuthenticationMethod)
    assert response.extra == {"sealed_session": "Fe26.2*sealed"}
    assert "Fe26.2*sealed" not in repr(response)


def test_jwks_thumbprint_field_reads_the_wire_key() -> None:
    key = sample_object(SCHEMAS["JwksResponse"], "j")["keys"][0]
    jwks = structure({"keys": [key]}, Jwks)
    assert len(jwks.keys) == 1
    assert jwks.keys[0].kid == key["kid"]
    assert jwks.keys[0].n == key["n"]
