"""Invitations against the emulator, through both clients: send, get, find by token, list
(page and full walk), accept (which makes a membership), revoke and resend.

Departures met here (``docs/conformance.md``): invitations lack the spec's required-nullable
``accepted_at``, ``revoked_at`` and ``accepted_user_id`` (the SDK reads them as ``None``);
their ids start ``inv_`` (spec: ``invitation_``); ``expires_in_days`` is ignored (always 72 h);
a non-pending invitation gives 400 ``invalid_invitation_state`` (spec: ``invite_not_pending``);
resending a revoked or accepted invitation makes it pending again with a new token (spec: 400
``invite_revoked`` / ``invite_accepted``).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from workos_async import BadRequestError, NotFoundError
from workos_async.models import (
    Invitation,
    InvitationState,
    Organization,
    OrganizationMembership,
    User,
)

from .test_clients import Api


@pytest.fixture
async def organization(api: Api) -> Organization:
    org: Organization = await api.organizations.create_organization(
        name=f"Invitations {uuid.uuid4().hex[:12]}"
    )
    return org


@pytest.fixture
async def inviter(api: Api, unique_email: str) -> User:
    user: User = await api.user_management.create_user(email="inviter-" + unique_email)
    return user


def assert_emulator_invitation_shape(invitation: Invitation) -> None:
    # Departure: no accepted_at / revoked_at / accepted_user_id keys (the spec requires them,
    # nullable); `inv_` ids (spec: `invitation_`).
    assert invitation.id.startswith("inv_")
    assert invitation.accepted_at is None
    assert invitation.revoked_at is None
    assert invitation.accepted_user_id is None


async def test_send_get_find_and_list(
    api: Api, organization: Organization, inviter: User, unique_email: str
) -> None:
    um = api.user_management
    invitation: Invitation = await um.send_invitation(
        email=unique_email,
        organization_id=organization.id,
        role_slug="admin",
        expires_in_days=3,
        inviter_user_id=inviter.id,
    )
    assert isinstance(invitation, Invitation)
    assert invitation.state is InvitationState.PENDING
    assert (invitation.email, invitation.organization_id) == (unique_email, organization.id)
    assert (invitation.inviter_user_id, invitation.role_slug) == (inviter.id, "admin")
    assert_emulator_invitation_shape(invitation)
    assert invitation.token and invitation.token not in repr(invitation)
    assert invitation.accept_invitation_url.endswith(invitation.token)
    # Departure: expires_in_days=3 is ignored; every invitation lasts 72 hours.
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - timedelta(hours=72)) < timedelta(seconds=5)

    fetched: Invitation = await um.get_invitation(invitation.id)
    assert fetched == invitation
    found: Invitation = await um.find_invitation_by_token(invitation.token)
    assert found.id == invitation.id

    by_email = await um.list_invitations(email=unique_email)
    assert [i.id for i in by_email.data] == [invitation.id]

    second: Invitation = await um.send_invitation(
        email="second-" + unique_email, organization_id=organization.id
    )
    walked = await api.walk(
        "user_management", "list_invitations", organization_id=organization.id, limit=1
    )
    assert [i.id for i in walked] == [second.id, invitation.id]  # newest first


async def test_accept_makes_a_membership(
    api: Api, organization: Organization, unique_email: str
) -> None:
    um = api.user_management
    invitee: User = await um.create_user(email=unique_email)
    invitation: Invitation = await um.send_invitation(
        email=unique_email, organization_id=organization.id, role_slug="admin"
    )
    accepted: Invitation = await um.accept_invitation(invitation.id)
    assert accepted.state is InvitationState.ACCEPTED
    # Departure: still no accepted_at / accepted_user_id after acceptance.
    assert accepted.accepted_at is None and accepted.accepted_user_id is None

    page = await um.list_organization_memberships(user_id=invitee.id)
    memberships: list[OrganizationMembership] = page.data
    assert [(m.organization_id, m.role.slug) for m in memberships] == [(organization.id, "admin")]

    with pytest.raises(BadRequestError) as again:
        await um.accept_invitation(invitation.id)
    # Departure: the spec's code is invite_not_pending.
    assert (again.value.code, again.value.message) == (
        "invalid_invitation_state",
        "Invitation is accepted",
    )


async def test_revoke_and_resend(api: Api, organization: Organization, unique_email: str) -> None:
    um = api.user_management
    invitation: Invitation = await um.send_invitation(
        email=unique_email, organization_id=organization.id
    )
    revoked: Invitation = await um.revoke_invitation(invitation.id)
    assert revoked.state is InvitationState.REVOKED
    assert revoked.revoked_at is None  # departure: no revoked_at

    with pytest.raises(BadRequestError) as again:
        await um.revoke_invitation(invitation.id)
    assert again.value.code == "invalid_invitation_state"

    # Departure: resending a revoked invitation is refused by the spec (400 invite_revoked);
    # the emulator makes it pending again, with a new token.
    resent: Invitation = await um.resend_invitation(invitation.id)
    assert resent.state is InvitationState.PENDING
    assert resent.token != invitation.token
    with pytest.raises(NotFoundError):
        await um.find_invitation_by_token(invitation.token)
    found: Invitation = await um.find_invitation_by_token(resent.token)
    assert found.id == invitation.id


async def test_unknown_invitation_is_404(api: Api) -> None:
    for method in ("get_invitation", "accept_invitation", "revoke_invitation"):
        with pytest.raises(NotFoundError) as caught:
            await getattr(api.user_management, method)("inv_01CONFORMANCEMISSING00000")
        assert caught.value.message == "Invitation not found", method
    secret_token = f"tok_{uuid.uuid4().hex}"
    with pytest.raises(NotFoundError) as by_token:
        await api.user_management.find_invitation_by_token(secret_token)
    # The token is a path parameter: the message names the template, never the token.
    assert secret_token not in str(by_token.value)
    assert "{token}" in str(by_token.value)
