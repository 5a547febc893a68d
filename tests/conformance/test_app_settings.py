"""Environment settings and per-user extras against the emulator, through both clients:
redirect URIs, CORS origins, the JWT template, feature flags, data providers, connected
accounts and user API keys.

Departures met here (``docs/conformance.md``): a redirect URI has no ``default``, and a
duplicate is 422; the JWT template is ``{object, custom_claims}`` (spec: ``{object, content,
created_at, updated_at}``) and an update ignores ``content``; feature flags and data providers
are always empty; DELETE connected account and both user API key routes are missing.
"""

from __future__ import annotations

import uuid

import pytest

from workos_async import NotFoundError, UnprocessableEntityError
from workos_async.models import CorsOrigin, DataProviderList, JwtTemplate, RedirectUri, User

from .test_clients import Api


@pytest.fixture
async def user(api: Api, unique_email: str) -> User:
    created: User = await api.user_management.create_user(email=unique_email)
    return created


async def test_redirect_uri(api: Api) -> None:
    uri = f"http://localhost:3000/callback/{uuid.uuid4().hex}"
    created: RedirectUri = await api.user_management.create_redirect_uri(uri=uri)
    assert isinstance(created, RedirectUri)
    assert created.uri == uri
    assert created.id
    assert isinstance(created.created_at, str) and created.created_at
    # Departure: no `default` field (required by the spec).
    assert created.default is None

    with pytest.raises(UnprocessableEntityError) as caught:
        await api.user_management.create_redirect_uri(uri=uri)
    assert (caught.value.code, caught.value.message) == (
        "redirect_uri_already_exists",
        "Redirect URI already exists",
    )


async def test_cors_origin(api: Api) -> None:
    origin = f"https://{uuid.uuid4().hex[:12]}.example.com"
    created: CorsOrigin = await api.user_management.create_cors_origin(origin=origin)
    assert isinstance(created, CorsOrigin)
    assert created.origin == origin
    assert created.created_at is not None
    assert created.extra == {}
    with pytest.raises(UnprocessableEntityError) as caught:
        await api.user_management.create_cors_origin(origin=origin)
    assert caught.value.code == "cors_origin_already_exists"


async def test_jwt_template(api: Api) -> None:
    um = api.user_management
    before: JwtTemplate = await um.get_jwt_template()
    assert isinstance(before, JwtTemplate)
    assert before.object == "jwt_template"
    # Departure: {object, custom_claims} instead of {object, content, created_at, updated_at}.
    assert before.content is None
    assert before.created_at is None
    assert "custom_claims" in before.extra

    content = '{"department": "{{user.metadata.department}}"}'
    updated: JwtTemplate = await um.update_jwt_template(content=content)
    # Departure: `content` is ignored; only `custom_claims` (not in the spec) is stored.
    assert updated.content is None
    assert updated.extra == {"custom_claims": {}}
    after: JwtTemplate = await um.get_jwt_template()
    assert after.content is None


async def test_feature_flags_and_data_providers_are_empty(api: Api, user: User) -> None:
    flags = await api.user_management.list_user_feature_flags(user.id)
    assert flags.data == []
    assert (flags.list_metadata.before, flags.list_metadata.after) == (None, None)
    assert await api.walk("user_management", "list_user_feature_flags", user.id) == []

    providers: DataProviderList = await api.user_management.list_user_data_providers(user.id)
    assert isinstance(providers, DataProviderList)
    assert providers.data == []
    # Departure: an extra list_metadata (the spec's response has none).
    assert providers.extra == {"list_metadata": {"before": None, "after": None}}


async def test_connected_accounts(api: Api, user: User) -> None:
    # No API creates a connected account, so only the 404 answer can be reached.
    with pytest.raises(NotFoundError) as got:
        await api.user_management.get_user_connected_account(user.id, "github")
    assert got.value.message == "Connected Account not found"
    # Missing: DELETE has no route (the route-level 404).
    with pytest.raises(NotFoundError) as deleted:
        await api.user_management.delete_user_connected_account(user.id, "github")
    assert deleted.value.message == "Not Found"


async def test_user_api_key_routes_are_missing(api: Api, user: User) -> None:
    with pytest.raises(NotFoundError) as listed:
        await api.user_management.list_user_api_keys(user.id)
    assert (listed.value.code, listed.value.message) == ("not_found", "Not Found")
    with pytest.raises(NotFoundError) as created:
        await api.user_management.create_user_api_key(
            user.id, name="conformance", organization_id="org_01CONFORMANCE0000000000000"
        )
    assert created.value.message == "Not Found"
