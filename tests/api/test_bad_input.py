"""Bad input fails before any request, with an error naming the argument: every required
argument is required, documented enums let unknown strings through (the server is the judge),
mutually exclusive groups refuse both sides, and values never appear in messages."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from workos_async import AsyncWorkOS, ResponseDecodeError, WorkOS
from workos_async._endpoint import Endpoint, Param
from workos_async._endpoints import ENDPOINTS

from .exchange import call_for, canned_response, sample_arg, wire_query_value
from .wire_server import WireServer

REQUIRED = [(ep, p) for ep in ENDPOINTS for p in ep.path_params + ep.query + ep.body if p.required]
ENUMS = [(ep, p) for ep in ENDPOINTS for p in ep.query + ep.body if p.enum]
EXCLUSIVE = [ep for ep in ENDPOINTS if ep.exclusive]


def _id(case: tuple[Endpoint, Param]) -> str:
    return f"{case[0].name}.{case[1].name}"


def without(ep: Endpoint, name: str) -> dict[str, Any]:
    """Every argument but ``name``, all by keyword (so the missing one is the one reported)."""
    call = call_for(ep)
    kwargs = {p.name: a for a, p in zip(call.args, ep.path_params, strict=True)}
    kwargs.update(call.kwargs)
    del kwargs[name]
    return kwargs


def method_of(client: AsyncWorkOS | WorkOS, ep: Endpoint) -> Any:
    return getattr(getattr(client, ep.resource), ep.name)


async def call_async(client: AsyncWorkOS, ep: Endpoint, *args: Any, **kwargs: Any) -> Any:
    # A list returns an AsyncPager: awaiting it fetches the first page.
    return await method_of(client, ep)(*args, **kwargs)


@pytest.mark.parametrize("case", REQUIRED, ids=_id)
async def test_missing_required_argument_is_a_type_error_naming_it(
    case: tuple[Endpoint, Param], aclient: AsyncWorkOS, wire: WireServer
) -> None:
    ep, param = case
    with pytest.raises(TypeError, match=repr(param.name)):
        await call_async(aclient, ep, **without(ep, param.name))
    assert wire.seen == []


@pytest.mark.parametrize("case", REQUIRED, ids=_id)
def test_missing_required_argument_sync(
    case: tuple[Endpoint, Param], sclient: WorkOS, wire: WireServer
) -> None:
    ep, param = case
    with pytest.raises(TypeError, match=repr(param.name)):
        method_of(sclient, ep)(**without(ep, param.name))
    assert wire.seen == []


@pytest.mark.parametrize("case", [c for c in REQUIRED if c[1].type == "str"], ids=_id)
async def test_required_argument_given_none_is_refused(
    case: tuple[Endpoint, Param], aclient: AsyncWorkOS, wire: WireServer
) -> None:
    ep, param = case
    call = call_for(ep)
    if param in ep.path_params:
        call.args[ep.path_params.index(param)] = None  # type: ignore[call-overload]
    else:
        call.kwargs[param.name] = None
    # A placed copy (also_on) forwards to its row, whose checks name the row's method.
    names = ep.name if ep.placed_from is None else f"({ep.name}|{ep.placed_from.split('.')[1]})"
    with pytest.raises(TypeError, match=rf"{names}\(\): {param.name!r} must be str"):
        await call_async(aclient, ep, *call.args, **call.kwargs)
    assert wire.seen == []


@pytest.mark.parametrize("case", ENUMS, ids=_id)
async def test_unknown_enum_values_pass_through(
    case: tuple[Endpoint, Param], aclient: AsyncWorkOS, wire: WireServer
) -> None:
    ep, param = case
    status, body = canned_response(ep)
    wire.reply(status, body)
    call = call_for(ep)
    for group in ep.exclusive:  # use the alternative the enum belongs to
        for alt in group:
            if param.name in alt:
                by_name = {p.name: p for p in ep.params}
                for other in group:
                    for name in other:
                        call.kwargs.pop(name, None)
                call.kwargs.update({name: sample_arg(by_name[name]) for name in alt})
    unknown: Any = "not-yet-documented"
    if param.type.startswith("Sequence"):
        unknown = ["active", "not-yet-documented"]
    call.kwargs[param.name] = unknown
    await call_async(aclient, ep, *call.args, **call.kwargs)
    seen = wire.seen[0]
    if param in ep.query:
        assert seen.query_dict[param.wire_name] == wire_query_value(unknown)
    else:
        assert seen.json[param.wire_name] == unknown


def test_enum_pass_through_sync(sclient: WorkOS, wire: WireServer) -> None:
    wire.reply(201, None)
    wire.reply(
        200, {"object": "list", "data": [], "list_metadata": {"before": None, "after": None}}
    )
    # The empty 201 is no invitation (a decode error): the request is what counts here.
    with contextlib.suppress(ResponseDecodeError):
        sclient.user_management.send_invitation(email="a@b.co", locale="tlh")  # Klingon
    assert wire.seen[0].json == {"email": "a@b.co", "locale": "tlh"}
    pager = sclient.user_management.list_users(order="sideways")
    assert list(pager) == []
    assert wire.seen[1].query_dict == {"order": "sideways"}


def both_sides(ep: Endpoint, group: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    by_name = {p.name: p for p in ep.params}
    call = call_for(ep)
    kwargs = {p.name: a for a, p in zip(call.args, ep.path_params, strict=True)}
    kwargs.update(call.kwargs)
    for name in (*group[0], *group[1]):
        kwargs[name] = sample_arg(by_name[name])
    return kwargs


EXCLUSIVE_GROUPS = [(ep, group) for ep in EXCLUSIVE for group in ep.exclusive]


def _group_id(case: tuple[Endpoint, Any]) -> str:
    return f"{case[0].name}.{case[1][0][0]}"


@pytest.mark.parametrize("case", EXCLUSIVE_GROUPS, ids=_group_id)
async def test_exclusive_groups_refuse_both_sides_naming_them(
    case: tuple[Endpoint, tuple[tuple[str, ...], ...]], aclient: AsyncWorkOS, wire: WireServer
) -> None:
    ep, group = case
    with pytest.raises(ValueError, match="not both") as caught:
        await call_async(aclient, ep, **both_sides(ep, group))
    assert repr(group[0][0]) in str(caught.value) and repr(group[1][0]) in str(caught.value)
    assert wire.seen == []


@pytest.mark.parametrize("case", EXCLUSIVE_GROUPS, ids=_group_id)
def test_exclusive_groups_sync(
    case: tuple[Endpoint, tuple[tuple[str, ...], ...]], sclient: WorkOS, wire: WireServer
) -> None:
    ep, group = case
    with pytest.raises(ValueError, match="not both") as caught:
        method_of(sclient, ep)(**both_sides(ep, group))
    assert repr(group[0][0]) in str(caught.value) and repr(group[1][0]) in str(caught.value)
    assert wire.seen == []


async def test_wrong_types_fail_before_the_request(aclient: AsyncWorkOS, wire: WireServer) -> None:
    um = aclient.user_management
    with pytest.raises(TypeError, match="'expires_in_days' must be int"):
        await um.send_invitation(email="a@b.co", expires_in_days="7")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'permissions' must be a list of str"):
        await um.create_user_api_key("user_1", name="k", organization_id="org", permissions="all")
    with pytest.raises(TypeError, match="'organization_id' must be str"):
        await um.authenticate_with_refresh_token(refresh_token="rt", organization_id=42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'limit' must be between 1 and 100"):
        um.list_invitations(limit=0)
    with pytest.raises(ValueError, match="'token'"):
        await um.find_invitation_by_token("../users")
    with pytest.raises(TypeError, match="unexpected keyword argument 'grant_type'"):
        await um.authenticate_with_code(code="c", grant_type="password")  # type: ignore[call-arg]
    assert wire.seen == []


async def test_secret_values_never_appear_in_errors(aclient: AsyncWorkOS, wire: WireServer) -> None:
    um = aclient.user_management
    secret: Any = b"hunter2-very-secret"
    for call in (
        lambda: um.authenticate_with_password(email="a@b.co", password=secret),
        lambda: um.confirm_password_reset(token=secret, new_password="x"),
        lambda: um.authenticate_with_refresh_token(refresh_token=secret),
        lambda: um.verify_challenge("auth_challenge_1", code=secret),
    ):
        with pytest.raises(TypeError) as caught:
            await call()
        assert "hunter2" not in str(caught.value)
        assert "bytes" in str(caught.value)
    assert wire.seen == []


async def test_memberships_need_a_user_or_an_organization(
    aclient: AsyncWorkOS, wire: WireServer
) -> None:
    with pytest.raises(ValueError, match="'user_id' or 'organization_id'"):
        aclient.user_management.list_organization_memberships(statuses=["active"])
    assert wire.seen == []
