"""Organizations and organization memberships against the emulator, through both clients.

Every membership here lives on an organization created through the API
(``client.organizations.create_organization``). The emulator's membership objects lack the
spec's required ``user`` and ``directory_managed`` (and ``organization_name``) and add
``external_id`` and ``metadata``; the SDK decodes the spec's shape, so those fields are
``None`` and the extra keys land in ``extra``. Each departure is named where a test meets it.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import pytest

from workos_async import ConflictError, NotFoundError, UnprocessableEntityError
from workos_async.models import (
    Organization,
    OrganizationDomainState,
    OrganizationMembership,
    OrganizationMembershipStatus,
    User,
)

from .test_clients import Api


@pytest.fixture
async def organization(api: Api) -> AsyncIterator[Organization]:
    tag = uuid.uuid4().hex[:12]
    org: Organization = await api.organizations.create_organization(
        name=f"Conformance {tag}",
        external_id=f"ext_org_{tag}",
        domain_data=[{"domain": f"{tag}.example.com", "state": "verified"}],
        metadata={"suite": "conformance"},
    )
    yield org
    with contextlib.suppress(NotFoundError):  # a test may have deleted it already
        await api.organizations.delete_organization(org.id)


@pytest.fixture
async def user(api: Api, unique_email: str) -> User:
    created: User = await api.user_management.create_user(email=unique_email)
    return created


def assert_emulator_membership_shape(membership: OrganizationMembership) -> None:
    """The emulator's membership object, as the spec-following SDK decodes it."""
    # Departure: no `user`, `directory_managed` or `organization_name` (the first two are
    # required by the spec); extra `external_id` and `metadata`.
    assert membership.user is None
    assert membership.directory_managed is None
    assert membership.organization_name is None
    assert set(membership.extra) == {"external_id", "metadata"}


async def test_organization_create_get_and_delete(api: Api, organization: Organization) -> None:
    assert isinstance(organization, Organization)
    assert organization.id.startswith("org_")
    assert organization.metadata == {"suite": "conformance"}
    [domain] = organization.domains
    assert domain.organization_id == organization.id
    assert domain.state is OrganizationDomainState.VERIFIED
    # The emulator sends a DNS verification token; the SDK treats it as a secret in reprs.
    assert domain.verification_token
    assert domain.verification_token not in repr(organization)

    fetched: Organization = await api.organizations.get_organization(organization.id)
    assert fetched == organization
    assert organization.external_id is not None
    by_external: Organization = await api.organizations.get_organization_by_external_id(
        organization.external_id
    )
    assert by_external.id == organization.id

    # Departure: DELETE /organizations/{id} answers 204; the SDK returns None.
    assert await api.organizations.delete_organization(organization.id) is None
    with pytest.raises(NotFoundError) as caught:
        await api.organizations.get_organization(organization.id)
    assert caught.value.message == "Organization not found"


async def test_membership_lifecycle(api: Api, organization: Organization, user: User) -> None:
    um = api.user_management
    created: OrganizationMembership = await um.create_organization_membership(
        user_id=user.id, organization_id=organization.id, role_slug="admin"
    )
    assert isinstance(created, OrganizationMembership)
    assert created.id.startswith("om_")
    assert (created.user_id, created.organization_id) == (user.id, organization.id)
    assert created.role.slug == "admin"
    assert created.status is OrganizationMembershipStatus.ACTIVE
    assert_emulator_membership_shape(created)

    fetched: OrganizationMembership = await um.get_organization_membership(created.id)
    assert fetched.id == created.id and fetched.role.slug == "admin"

    updated: OrganizationMembership = await um.update_organization_membership(
        created.id, role_slug="owner"
    )
    assert updated.role.slug == "owner"

    inactive: OrganizationMembership = await um.deactivate_organization_membership(created.id)
    assert inactive.status is OrganizationMembershipStatus.INACTIVE
    active: OrganizationMembership = await um.reactivate_organization_membership(created.id)
    assert active.status is OrganizationMembershipStatus.ACTIVE

    # Departure: DELETE answers 204 (spec: 200, no body); the SDK returns None.
    assert await um.delete_organization_membership(created.id) is None
    with pytest.raises(NotFoundError) as caught:
        await um.get_organization_membership(created.id)
    assert caught.value.code == "not_found"


async def test_list_memberships_by_organization_and_by_user(
    api: Api, organization: Organization, unique_email: str
) -> None:
    um = api.user_management
    ids = []
    for index in range(3):
        member: User = await um.create_user(email=f"m{index}-{unique_email}")
        membership: OrganizationMembership = await um.create_organization_membership(
            user_id=member.id, organization_id=organization.id
        )
        ids.append(membership.id)
        assert membership.role.slug == "member"  # the default role
    by_org = await api.walk(
        "user_management",
        "list_organization_memberships",
        organization_id=organization.id,
        limit=2,
    )
    assert [m.id for m in by_org] == ids[::-1]  # newest first
    assert all(isinstance(m, OrganizationMembership) for m in by_org)
    page = await um.list_organization_memberships(user_id=by_org[0].user_id)
    assert [m.id for m in page.data] == [ids[-1]]


async def test_list_memberships_needs_a_user_or_an_organization(api: Api) -> None:
    # The spec requires user_id or organization_id (400 otherwise). The emulator would answer
    # with every membership; the SDK refuses before any request.
    with pytest.raises(ValueError, match="'user_id' or 'organization_id'"):
        await api.user_management.list_organization_memberships()


async def test_statuses_filter_and_default_are_not_the_spec_s(
    api: Api, organization: Organization, unique_email: str
) -> None:
    um = api.user_management
    active_user: User = await um.create_user(email=f"active-{unique_email}")
    inactive_user: User = await um.create_user(email=f"inactive-{unique_email}")
    active: OrganizationMembership = await um.create_organization_membership(
        user_id=active_user.id, organization_id=organization.id
    )
    inactive: OrganizationMembership = await um.create_organization_membership(
        user_id=inactive_user.id, organization_id=organization.id
    )
    await um.deactivate_organization_membership(inactive.id)

    # Departure: without `statuses` the spec returns active memberships only; the emulator
    # returns every status.
    default = await um.list_organization_memberships(organization_id=organization.id)
    assert {m.id for m in default.data} == {active.id, inactive.id}

    # Departure: the SDK sends `statuses` as the spec says (style form, explode false:
    # `statuses=inactive`); the emulator reads only repeated `statuses[]=` and so ignores the
    # filter, returning both.
    only_inactive = await um.list_organization_memberships(
        organization_id=organization.id, statuses=["inactive"]
    )
    assert {m.id for m in only_inactive.data} == {active.id, inactive.id}
    both = await um.list_organization_memberships(
        organization_id=organization.id, statuses=["active", "inactive"]
    )
    assert {m.id for m in both.data} == {active.id, inactive.id}


async def test_role_slugs_are_ignored_by_the_emulator(
    api: Api, organization: Organization, user: User
) -> None:
    um = api.user_management
    # Departure: `role_slugs` (the spec's multi-role form) is ignored on create and update;
    # the membership gets the default role `member` and keeps it.
    created: OrganizationMembership = await um.create_organization_membership(
        user_id=user.id, organization_id=organization.id, role_slugs=["admin", "billing"]
    )
    assert created.role.slug == "member"
    updated: OrganizationMembership = await um.update_organization_membership(
        created.id, role_slugs=["owner"]
    )
    assert updated.role.slug == "member"


async def test_role_slug_and_role_slugs_are_exclusive(
    api: Api, organization: Organization, user: User
) -> None:
    with pytest.raises(ValueError, match="'role_slug' or 'role_slugs', not both"):
        await api.user_management.create_organization_membership(
            user_id=user.id,
            organization_id=organization.id,
            role_slug="admin",
            role_slugs=["admin"],
        )
    # Nothing was created: the first membership of this user still succeeds.
    created: OrganizationMembership = await api.user_management.create_organization_membership(
        user_id=user.id, organization_id=organization.id
    )
    assert created.user_id == user.id


async def test_duplicate_membership_is_409(
    api: Api, organization: Organization, user: User
) -> None:
    um = api.user_management
    await um.create_organization_membership(user_id=user.id, organization_id=organization.id)
    with pytest.raises(ConflictError) as caught:
        await um.create_organization_membership(user_id=user.id, organization_id=organization.id)
    assert (caught.value.status, caught.value.code) == (409, "conflict")
    assert caught.value.message == "Membership already exists"


async def test_deactivate_twice_and_reactivate_twice_are_422(
    api: Api, organization: Organization, user: User
) -> None:
    um = api.user_management
    membership: OrganizationMembership = await um.create_organization_membership(
        user_id=user.id, organization_id=organization.id
    )
    with pytest.raises(UnprocessableEntityError) as reactivated:
        await um.reactivate_organization_membership(membership.id)
    assert (reactivated.value.status, reactivated.value.code) == (422, "unprocessable_entity")
    assert reactivated.value.message == "Membership is already active"
    await um.deactivate_organization_membership(membership.id)
    with pytest.raises(UnprocessableEntityError) as deactivated:
        await um.deactivate_organization_membership(membership.id)
    assert deactivated.value.message == "Membership is already inactive"


async def test_membership_for_an_unknown_user_is_accepted(
    api: Api, organization: Organization
) -> None:
    # Departure: the emulator does not check that user_id exists (201 for a made-up id).
    ghost = "user_01CONFORMANCEGHOST00000000"
    created: OrganizationMembership = await api.user_management.create_organization_membership(
        user_id=ghost, organization_id=organization.id
    )
    assert created.user_id == ghost
    # An unknown organization is checked, though.
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.create_organization_membership(
            user_id=ghost, organization_id="org_01CONFORMANCEMISSING00000"
        )
    assert caught.value.message == "Organization not found"


async def test_membership_groups_route_is_missing(
    api: Api, organization: Organization, user: User
) -> None:
    # Missing: GET .../organization_memberships/{id}/groups has no route in the emulator.
    membership: OrganizationMembership = await api.user_management.create_organization_membership(
        user_id=user.id, organization_id=organization.id
    )
    with pytest.raises(NotFoundError) as caught:
        await api.user_management.list_organization_membership_groups(membership.id)
    assert (caught.value.code, caught.value.message) == ("not_found", "Not Found")
