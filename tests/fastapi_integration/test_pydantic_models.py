"""The SDK's models in Pydantic v2 and FastAPI without copies: every model validates from the
API's shape to what the SDK's own decoder builds, takes an instance as is, serializes to JSON
and back, and has a JSON schema; a route returning ``User`` answers 200 and documents it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, TypeAdapter

from workos_async._converter import structure
from workos_async.models import (
    AuthenticationMethod,
    AuthenticationResponse,
    IdentityProvider,
    User,
    UserIdentity,
)

from ..models import test_models_round_trip as samples
from ..models.schema_registry import SCHEMA_MODELS

MODELS = {name: SCHEMA_MODELS[name] for name in samples.ROUND_TRIP}


def make_user(**changes: Any) -> User:
    now = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    fields: dict[str, Any] = {
        "id": "user_01",
        "first_name": "Ada",
        "last_name": None,
        "profile_picture_url": None,
        "email": "ada@example.com",
        "email_verified": True,
        "external_id": None,
        "last_sign_in_at": None,
        "created_at": now,
        "updated_at": now,
    }
    return User(**{**fields, **changes})


@pytest.mark.parametrize("schema_name", sorted(MODELS))
def test_every_model_validates_like_the_sdks_decoder(schema_name: str) -> None:
    cls = MODELS[schema_name]
    body = samples.sample_object(samples.SCHEMAS[schema_name], schema_name)
    adapter: TypeAdapter[Any] = TypeAdapter(cls)
    decoded = structure(body, cls)
    validated = adapter.validate_python(body)
    assert isinstance(validated, cls)
    assert validated == decoded
    assert adapter.validate_python(decoded) is decoded  # an instance is taken as is
    assert adapter.validate_json(adapter.dump_json(decoded)) == decoded
    assert json.loads(adapter.dump_json(decoded)).keys() == body.keys()
    schema = adapter.json_schema(mode="serialization")
    assert schema["title"] == cls.__name__
    assert set(schema["properties"]) == set(body)


def test_unknown_keys_go_to_extra_and_come_back() -> None:
    adapter = TypeAdapter(User)
    data = json.loads(adapter.dump_json(make_user()))
    data["added_by_workos_later"] = {"x": 1}
    user = adapter.validate_python(data)
    assert user.extra == {"added_by_workos_later": {"x": 1}}
    assert json.loads(adapter.dump_json(user))["added_by_workos_later"] == {"x": 1}


def test_enums_take_documented_and_unknown_values() -> None:
    adapter = TypeAdapter(UserIdentity)
    known = adapter.validate_python({"idp_id": "1", "provider": "GoogleOAuth"})
    assert known.provider is IdentityProvider.GOOGLE_OAUTH
    provider = adapter.json_schema()["properties"]["provider"]["anyOf"]
    assert "GoogleOAuth" in provider[0]["enum"] and {"type": "string"} in provider
    unknown = adapter.validate_python({"idp_id": "1", "provider": "BrandNewOAuth"})
    assert unknown.provider == "BrandNewOAuth"
    body = samples.sample_object(samples.SCHEMAS["UserlandAuthenticateResponse"], "a")
    body["authentication_method"] = "SomethingNew"
    response = TypeAdapter(AuthenticationResponse).validate_python(body)
    assert response.authentication_method == "SomethingNew"
    assert not isinstance(response.authentication_method, AuthenticationMethod)


def test_models_nest_in_pydantic_models() -> None:
    class Page(BaseModel):
        user: User
        others: list[User]
        checked_at: datetime

    user = make_user()
    page = Page(user=user, others=[user], checked_at=datetime(2024, 1, 1, tzinfo=UTC))
    assert page.user is user
    dumped = page.model_dump(mode="json")
    assert dumped["user"]["created_at"] == "2024-05-06T07:08:09Z"
    assert Page.model_validate(dumped).user == user
    schema = Page.model_json_schema()
    assert schema["properties"]["user"] == {"$ref": "#/$defs/User"}
    user_schema = schema["$defs"]["User"]
    assert user_schema["properties"]["created_at"] == {
        "format": "date-time",
        "title": "Created At",
        "type": "string",
    }
    assert "metadata" not in user_schema["required"] and "email" in user_schema["required"]


async def test_a_route_returns_a_user_and_documents_it() -> None:
    app = FastAPI()
    user = make_user(metadata={"plan": "pro"})

    @app.get("/users/me")
    async def me() -> User:
        return user

    @app.get("/users", response_model=list[User])
    async def users() -> list[User]:
        return [user, user]

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        response = await http.get("/users/me")
        assert response.status_code == 200
        assert response.json()["email"] == "ada@example.com"
        assert response.json()["metadata"] == {"plan": "pro"}
        assert len((await http.get("/users")).json()) == 2
        spec = (await http.get("/openapi.json")).json()
    ok = spec["paths"]["/users/me"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/User"}
    user_schema = spec["components"]["schemas"]["User"]
    assert user_schema["properties"]["email"] == {"title": "Email", "type": "string"}
    assert user_schema["properties"]["email_verified"]["type"] == "boolean"
