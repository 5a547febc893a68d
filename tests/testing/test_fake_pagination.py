"""Cursors exactly as the spec describes, in every order, walked forward and backward."""

from __future__ import annotations

from typing import Any

import pytest

from workos_async.testing import FakeWorkOS

from .fake_helpers import Api

N = 23  # 3 pages of 7 + a short page of 2
LIMIT = 7


async def _users(api: Api, n: int = N) -> list[str]:
    return [(await api.create_user(f"u{i:02d}@example.com"))["id"] for i in range(n)]


async def _page(api: Api, path: str, **params: Any) -> dict[str, Any]:
    r = await api.get(path, params={k: v for k, v in params.items() if v is not None})
    assert r.status == 200, r.body
    assert r.body["object"] == "list"
    assert set(r.body["list_metadata"]) == {"before", "after"}
    return r.body  # type: ignore[no-any-return]


async def _walk(
    api: Api, path: str, order: str | None, follow: str, first: dict[str, Any]
) -> list[list[str]]:
    """Follow one cursor from ``first`` until it is null; returns the ids page by page."""
    pages = [[u["id"] for u in first["data"]]]
    body = first
    for _ in range(20):
        cursor = body["list_metadata"][follow]
        if cursor is None:
            return pages
        body = await _page(api, path, limit=LIMIT, order=order, **{follow: cursor})
        pages.append([u["id"] for u in body["data"]])
    raise AssertionError("the walk did not end")


async def test_default_is_desc_limit_10(api: Api) -> None:
    ids = await _users(api, 12)
    body = await _page(api, "/user_management/users")
    assert [u["id"] for u in body["data"]] == ids[::-1][:10]
    assert body["list_metadata"] == {"before": None, "after": ids[::-1][9]}


@pytest.mark.parametrize("order", ["desc", "asc", None])
async def test_walk_forward_with_after_then_back_with_before(api: Api, order: str | None) -> None:
    ids = await _users(api)
    expected = ids if order == "asc" else ids[::-1]
    first = await _page(api, "/user_management/users", limit=LIMIT, order=order)
    forward = await _walk(api, "/user_management/users", order, "after", first)
    assert [len(p) for p in forward] == [7, 7, 7, 2]
    assert [i for p in forward for i in p] == expected  # no gap, no repeat, right order
    last = await _page(
        api, "/user_management/users", limit=LIMIT, order=order, after=forward[2][-1]
    )
    assert last["list_metadata"]["after"] is None
    assert last["list_metadata"]["before"] == forward[3][0]
    backward = await _walk(api, "/user_management/users", order, "before", last)
    assert backward == [forward[3], forward[2], forward[1], forward[0]]
    # the first page knows it is first
    assert first["list_metadata"]["before"] is None


async def test_normal_is_descending_with_reversed_cursors(api: Api) -> None:
    ids = await _users(api)
    newest_first = ids[::-1]
    first = await _page(api, "/user_management/users", limit=LIMIT, order="normal")
    assert [u["id"] for u in first["data"]] == newest_first[:LIMIT]
    # In `normal`, `before` fetches older records: it is the cursor to the next page down.
    assert first["list_metadata"] == {"before": newest_first[LIMIT - 1], "after": None}
    older = await _walk(api, "/user_management/users", "normal", "before", first)
    assert [i for p in older for i in p] == newest_first
    assert [len(p) for p in older] == [7, 7, 7, 2]
    # ... and `after` fetches newer records: walk back up from the oldest page.
    bottom = await _page(
        api, "/user_management/users", limit=LIMIT, order="normal", before=older[2][-1]
    )
    assert [u["id"] for u in bottom["data"]] == older[3]
    assert bottom["list_metadata"] == {"before": None, "after": older[3][0]}
    newer = await _walk(api, "/user_management/users", "normal", "after", bottom)
    assert newer == [older[3], older[2], older[1], older[0]]


async def test_before_returns_the_items_just_before_the_cursor(api: Api) -> None:
    ids = await _users(api, 10)
    body = await _page(api, "/user_management/users", limit=3, order="asc", before=ids[6])
    assert [u["id"] for u in body["data"]] == ids[3:6]
    assert body["list_metadata"] == {"before": ids[3], "after": ids[5]}


async def test_both_cursors_select_the_range_between(api: Api) -> None:
    ids = await _users(api, 10)
    body = await _page(api, "/user_management/users", order="asc", after=ids[2], before=ids[6])
    assert [u["id"] for u in body["data"]] == ids[3:6]


async def test_deleted_cursor_still_marks_its_place(api: Api) -> None:
    ids = await _users(api, 6)
    assert (await api.delete(f"/user_management/users/{ids[2]}")).status == 200
    body = await _page(api, "/user_management/users", order="asc", after=ids[2])
    assert [u["id"] for u in body["data"]] == ids[3:]


async def test_empty_list_and_past_the_end(api: Api) -> None:
    body = await _page(api, "/user_management/users")
    assert body == {"object": "list", "data": [], "list_metadata": {"before": None, "after": None}}
    ids = await _users(api, 3)
    body = await _page(api, "/user_management/users", order="asc", after=ids[-1])
    assert body["data"] == [] and body["list_metadata"] == {"before": None, "after": None}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"order": "sideways"}, "order"),
        ({"after": "not-an-id"}, "after"),
        ({"before": "user_123"}, "before"),
    ],
)
async def test_bad_page_parameters_are_422(api: Api, params: dict[str, str], field: str) -> None:
    r = await api.get("/user_management/users", params=params)
    assert r.status == 422
    assert r.body["code"] == "invalid_request_parameters"
    assert [e["field"] for e in r.body["errors"]] == [field]


async def test_limit_bounds_are_inclusive(api: Api) -> None:
    await _users(api, 3)
    assert len((await _page(api, "/user_management/users", limit=1))["data"]) == 1
    assert len((await _page(api, "/user_management/users", limit=100))["data"]) == 3


async def test_repeated_or_unknown_query_parameters_are_422(api: Api) -> None:
    r = await api.get("/user_management/users?limit=2&limit=3")
    assert r.status == 422 and r.body["errors"][0]["field"] == "limit"
    r = await api.get("/user_management/users", params={"page": "2"})
    assert r.status == 422 and r.body["errors"][0]["code"] == "unknown_parameter"


async def test_filters_users_by_email_case_insensitively_and_by_organization(api: Api) -> None:
    ada = await api.create_user("Ada@Example.com")
    bob = await api.create_user("bob@example.com")
    body = await _page(api, "/user_management/users", email="ada@EXAMPLE.com")
    assert [u["id"] for u in body["data"]] == [ada["id"]]
    org = await api.create_org("Acme")
    r = await api.post(
        "/user_management/organization_memberships",
        json={"user_id": bob["id"], "organization_id": org["id"]},
    )
    assert r.status == 201
    body = await _page(api, "/user_management/users", organization_id=org["id"])
    assert [u["id"] for u in body["data"]] == [bob["id"]]


async def test_membership_list_walks_with_status_filter(api: Api, fake: FakeWorkOS) -> None:
    org = await api.create_org("Big")
    users = await _users(api, 15)
    memberships = []
    for uid in users:
        r = await api.post(
            "/user_management/organization_memberships",
            json={"user_id": uid, "organization_id": org["id"]},
        )
        memberships.append(r.body["id"])
    # deactivate every third: the default (active only) skips them, page sizes stay full
    inactive = set(memberships[::3])
    for mid in inactive:
        assert (
            await api.put(f"/user_management/organization_memberships/{mid}/deactivate")
        ).status == 200
    path = "/user_management/organization_memberships"
    first = await _page(api, path, organization_id=org["id"], limit=4, order="asc")
    seen = []
    body = first
    while True:
        seen += [m["id"] for m in body["data"]]
        assert all(m["status"] == "active" for m in body["data"])
        if body["list_metadata"]["after"] is None:
            break
        body = await _page(
            api,
            path,
            organization_id=org["id"],
            limit=4,
            order="asc",
            after=body["list_metadata"]["after"],
        )
    assert seen == [m for m in memberships if m not in inactive]
    both = await _page(api, path, organization_id=org["id"], statuses="active,inactive", limit=100)
    assert len(both["data"]) == 15
    only_inactive = await _page(
        api, path, organization_id=org["id"], statuses="inactive", limit=100
    )
    assert {m["id"] for m in only_inactive["data"]} == inactive


async def test_every_paginated_route_returns_the_envelope(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("x@example.com")
    org = await api.create_org("Org")
    r = await api.post(
        "/user_management/organization_memberships",
        json={"user_id": user["id"], "organization_id": org["id"]},
    )
    uid, om = user["id"], r.body["id"]
    for path in [
        "/user_management/users",
        "/user_management/invitations",
        f"/user_management/organization_memberships?user_id={uid}",
        f"/user_management/organization_memberships/{om}/groups",
        f"/user_management/users/{uid}/sessions",
        f"/user_management/users/{uid}/api_keys",
        f"/user_management/users/{uid}/feature-flags",
        f"/user_management/users/{uid}/authorized_applications",
        f"/user_management/users/{uid}/auth_factors",
        "/organizations",
    ]:
        sep = "&" if "?" in path else "?"
        r = await api.get(f"{path}{sep}limit=1&order=asc")
        assert r.status == 200, (path, r.body)
        assert set(r.body) == {"object", "data", "list_metadata"}, path
        r = await api.get(f"{path}{sep}limit=500")
        assert r.status == 422, path


async def test_sessions_paginate_both_ways(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("s@example.com")
    sessions = [fake.store.create_session(user["id"])["id"] for _ in range(9)]
    path = f"/user_management/users/{user['id']}/sessions"
    first = await _page(api, path, limit=4)
    assert [s["id"] for s in first["data"]] == sessions[::-1][:4]
    forward = await _walk(api, path, None, "after", first)
    assert [i for p in forward for i in p] == sessions[::-1]
