"""``request_id_of(result)`` and ``Page.request_id``: the WorkOS request id of the response a
result came from, kept beside the object (no attribute that could collide with API fields)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator

import attrs
import pytest

from workos_async import AsyncWorkOS, _request_ids, request_id_of
from workos_async.testing import FakeWorkOS


@pytest.fixture
async def workos_and_fake() -> AsyncIterator[tuple[AsyncWorkOS, FakeWorkOS]]:
    async with FakeWorkOS() as fake, AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) as w:
        yield w, fake


async def test_models_and_pages_know_their_request_id(
    workos_and_fake: tuple[AsyncWorkOS, FakeWorkOS],
) -> None:
    workos, fake = workos_and_fake
    created = await workos.user_management.create_user(email="ada@example.com")
    fetched = await workos.user_management.get_user(created.id)
    page = await workos.user_management.list_users()
    ids = [r.request_id for r in fake.requests]
    assert request_id_of(created) == ids[0]
    assert request_id_of(fetched) == ids[1]
    assert created == fetched  # equal by value, each with its own request id
    assert page.request_id == ids[2] == request_id_of(page)
    assert request_id_of(page.data[0]) is None  # items of a page: the page has it
    assert not hasattr(created, "request_id")  # no attribute on the model itself
    copy = attrs.evolve(fetched)  # made here, not returned by a call
    assert request_id_of(copy) is None
    assert request_id_of({"id": "x"}) is None and request_id_of(None) is None


async def test_ids_do_not_outlive_their_results(
    workos_and_fake: tuple[AsyncWorkOS, FakeWorkOS],
) -> None:
    workos, _ = workos_and_fake
    before = len(_request_ids._ids)
    for _ in range(20):
        await workos.organizations.create_organization(name="Acme")
    gc.collect()
    assert len(_request_ids._ids) <= before + 1
