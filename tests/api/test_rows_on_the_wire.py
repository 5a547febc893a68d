"""Every row of the table, called through both clients with every argument: the request on the
wire is what the spec extract documents (method, path, query, body, API key or not), and the
spec's response decodes into the row's model."""

from __future__ import annotations

from typing import Any

import pytest

from workos_async import AsyncWorkOS, Page, WorkOS
from workos_async._endpoint import Endpoint
from workos_async._endpoints import ENDPOINTS
from workos_async.sync import SyncPager

from .conftest import API_KEY
from .exchange import call_for, canned_response, expected_request
from .wire_server import WireServer


def check_request(ep: Endpoint, wire: WireServer) -> None:
    call = call_for(ep)
    expected = expected_request(ep, call)
    assert len(wire.seen) == 1
    seen = wire.seen[0]
    assert seen.method == expected.method
    assert seen.path == expected.path
    assert seen.query_dict == expected.query
    assert len(seen.query) == len(expected.query), "a query parameter was sent twice"
    assert seen.json == expected.body
    if expected.authorized:
        assert seen.headers["Authorization"] == f"Bearer {API_KEY}"
    else:
        assert "Authorization" not in seen.headers


def check_result(ep: Endpoint, body: Any, result: Any) -> None:
    if ep.returns == "none":
        assert result is None
    elif ep.returns == "model":
        assert type(result) is ep.response
        assert result.to_dict() == body
    elif ep.returns == "list":
        assert [type(x) for x in result] == [ep.response]
        assert [x.to_dict() for x in result] == body
    else:
        items = list(result)
        assert [type(x) for x in items] == [ep.response]
        assert [x.to_dict() for x in items] == body["data"]


@pytest.mark.parametrize("ep", ENDPOINTS, ids=lambda ep: ep.name)
async def test_async_client(ep: Endpoint, aclient: AsyncWorkOS, wire: WireServer) -> None:
    status, body = canned_response(ep)
    wire.reply(status, body)
    call = call_for(ep)
    method = getattr(getattr(aclient, ep.resource), ep.name)
    if ep.paginated:
        page = await method(*call.args, **call.kwargs)
        assert isinstance(page, Page)
        result: Any = page.data
    else:
        result = await method(*call.args, **call.kwargs)
    check_request(ep, wire)
    check_result(ep, body, result)


@pytest.mark.parametrize("ep", ENDPOINTS, ids=lambda ep: ep.name)
def test_sync_client(ep: Endpoint, sclient: WorkOS, wire: WireServer) -> None:
    status, body = canned_response(ep)
    wire.reply(status, body)
    call = call_for(ep)
    method = getattr(getattr(sclient, ep.resource), ep.name)
    result = method(*call.args, **call.kwargs)
    if ep.paginated:
        assert isinstance(result, SyncPager)
        result = result.first_page().data
    check_request(ep, wire)
    check_result(ep, body, result)
