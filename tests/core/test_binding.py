"""Generated methods: real signatures and annotations, docstrings, real source, and every
argument check before a request."""

from __future__ import annotations

import inspect
import json
import traceback
import typing
from collections.abc import Mapping
from pathlib import Path

import pytest

from workos_async import NOT_GIVEN, AsyncPager, AsyncWorkOS, NotGiven, SyncPager, WorkOS
from workos_async._endpoints import ENDPOINTS
from workos_async.models import User

from .conftest import USER
from .scripted_server import ScriptedServer, respond


def test_every_row_is_a_method_with_a_real_signature() -> None:
    client = AsyncWorkOS(api_key="sk_test_x")
    sync_client = WorkOS(api_key="sk_test_x")
    try:
        for ep in ENDPOINTS:
            for resource in (getattr(client, ep.resource), getattr(sync_client, ep.resource)):
                method = getattr(resource, ep.name)
                sig = inspect.signature(method)
                params = list(sig.parameters.values())
                positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
                assert positional == [p.name for p in ep.path_params], ep.name
                keyword = {p.name for p in params if p.kind is p.KEYWORD_ONLY}
                assert {p.name for p in ep.query + ep.body} | {"request_options"} <= keyword
                for p in ep.query + ep.body:
                    default = sig.parameters[p.name].default
                    if p.required:
                        assert default is inspect.Parameter.empty
                    else:
                        assert default is (NOT_GIVEN if p.nullable else None)
                assert method.__doc__ and ep.path in method.__doc__
            async_method = getattr(getattr(client, ep.resource), ep.name)
            assert inspect.iscoroutinefunction(async_method) != ep.paginated
    finally:
        sync_client.close()


async def test_missing_required_argument_is_a_type_error_naming_it() -> None:
    client = AsyncWorkOS(api_key="sk_test_x")
    with pytest.raises(TypeError, match="email"):
        await client.user_management.create_user()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="id"):
        await client.user_management.get_user()  # type: ignore[call-arg]


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "../users", "/"])
async def test_path_ids_that_would_change_the_route_are_refused(
    bad: str, server: ScriptedServer
) -> None:
    async with AsyncWorkOS(api_key="sk_test_x", base_url=server.url) as client:
        with pytest.raises(ValueError, match="'id'"):
            await client.user_management.get_user(bad)
    assert server.received == []


async def test_path_ids_are_percent_encoded(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(respond(200, USER))
    await client.user_management.get_user_by_external_id("ext id?#%")
    # aiohttp's server decodes the path: the id arrived whole, as one segment.
    assert server.received[0].path == "/user_management/users/external_id/ext id?#%"


async def test_wrong_types_fail_before_the_request(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    with pytest.raises(TypeError, match="'email_verified' must be bool"):
        await client.user_management.create_user(email="a@b.co", email_verified="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'id' must be str"):
        await client.user_management.get_user(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'metadata' must be a mapping"):
        await client.user_management.create_user(email="a@b.co", metadata=[("a", "b")])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'limit' must be between 1 and 100"):
        client.user_management.list_users(limit=101)
    with pytest.raises(TypeError, match="'statuses'"):
        client.user_management.list_organization_memberships(user_id="u", statuses="active")
    assert server.received == []


async def test_password_and_hash_are_mutually_exclusive(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    with pytest.raises(ValueError, match="'password' or 'password_hash'"):
        await client.user_management.create_user(
            email="a@b.co", password="pw", password_hash="$2b$10$x", password_hash_type="bcrypt"
        )
    with pytest.raises(ValueError, match="go together"):
        await client.user_management.create_user(email="a@b.co", password_hash="$2b$10$x")
    with pytest.raises(ValueError, match="'role_slug' or 'role_slugs'"):
        await client.user_management.create_organization_membership(
            user_id="u", organization_id="o", role_slug="a", role_slugs=["b"]
        )
    assert server.received == []


async def test_at_least_one_filter_for_memberships(client: AsyncWorkOS) -> None:
    with pytest.raises(ValueError, match="'user_id' or 'organization_id'"):
        client.user_management.list_organization_memberships()


async def test_not_given_is_not_sent_and_none_sends_null(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(respond(200, USER), respond(200, USER))
    await client.user_management.update_user("user_01", first_name="Ada")
    assert json.loads(server.received[0].body) == {"first_name": "Ada"}
    await client.user_management.update_user(
        "user_01", external_id=None, metadata=None, first_name=None
    )
    # first_name is not nullable: None means "leave it"; external_id/metadata are cleared.
    assert json.loads(server.received[1].body) == {"external_id": None, "metadata": None}


async def test_query_parameters_on_the_wire(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(
        respond(
            200, {"object": "list", "data": [], "list_metadata": {"before": None, "after": None}}
        )
    )
    await client.user_management.list_organization_memberships(
        organization_id="org_1", statuses=["active", "inactive"], limit=5, order="asc"
    )
    assert server.received[0].query == {
        "organization_id": "org_1",
        "statuses": "active,inactive",
        "limit": "5",
        "order": "asc",
    }


async def test_post_without_fields_sends_an_empty_object(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(respond(200, {"user": USER}))
    result = await client.user_management.send_verification_email("user_01")
    assert result.user.id == "user_01"
    assert server.received[0].body == b"{}"
    assert server.received[0].headers["Content-Type"] == "application/json"


def test_methods_are_real_code_in_the_generated_modules() -> None:
    client = AsyncWorkOS(api_key="sk_test_x")
    method = client.user_management.list_users
    source_file = inspect.getsourcefile(method)
    assert source_file is not None
    assert Path(source_file).as_posix().endswith("workos_async/resources/user_management.py")
    assert inspect.getsource(method).lstrip().startswith("def list_users(")
    sync_client = WorkOS(api_key="sk_test_x")
    try:
        sync_class = type(sync_client.user_management)
        assert sync_class.__module__ == "workos_async.sync.resources.user_management"
        assert "list_users = blocking_pager(AsyncUserManagement.list_users)" in inspect.getsource(
            sync_class
        )
    finally:
        sync_client.close()


def test_annotations_are_there_at_run_time() -> None:
    client = AsyncWorkOS(api_key="sk_test_x")
    sync_client = WorkOS(api_key="sk_test_x")
    try:
        for resource, pager in (
            (client.user_management, AsyncPager),
            (sync_client.user_management, SyncPager),
        ):
            hints = typing.get_type_hints(resource.list_users)
            assert hints["limit"] == int | None
            assert hints["return"] == pager[User]
            sig = inspect.signature(resource.list_users)
            assert "self" not in sig.parameters
            assert sig.parameters["request_options"].default is None
            assert "RequestOptions" in str(sig.parameters["request_options"].annotation)
        for resource in (client.user_management, sync_client.user_management):
            hints = typing.get_type_hints(resource.update_user)
            assert hints["return"] is User
            assert hints["metadata"] == Mapping[str, str] | None | NotGiven
            assert typing.get_type_hints(resource.delete_user)["return"] is type(None)
    finally:
        sync_client.close()


def test_tracebacks_show_the_generated_line() -> None:
    client = AsyncWorkOS(api_key="sk_test_x")
    with pytest.raises(ValueError) as info:
        client.user_management.list_users(limit=0)
    frames = traceback.extract_tb(info.value.__traceback__)
    generated = [f for f in frames if f.filename.endswith("resources/user_management.py")]
    assert generated and generated[0].line is not None
    assert 'check_int("list_users", "limit", limit, 1, 100)' in generated[0].line
