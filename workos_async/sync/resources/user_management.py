# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The blocking ``user_management`` resource: :class:`UserManagement`, generated from the table.

Every method is the :class:`~workos_async.resources.user_management.AsyncUserManagement` method of
the same name (same arguments, checks and docs) run on the client's loop thread.
"""

from __future__ import annotations

from ..._helpers import UserManagementSessions, UserManagementUrls
from ...resources.user_management import AsyncUserManagement
from .._resources import SyncResource, blocking, blocking_pager

__all__ = ["UserManagement"]


class UserManagement(UserManagementUrls, UserManagementSessions, SyncResource):
    """``WorkOS().user_management``: the methods of :class:`AsyncUserManagement`,
    blocking: each runs the async method on the client's loop thread.
    """

    __slots__ = ()

    list_users = blocking_pager(AsyncUserManagement.list_users)
    create_user = blocking(AsyncUserManagement.create_user)
    get_user = blocking(AsyncUserManagement.get_user)
    get_user_by_external_id = blocking(AsyncUserManagement.get_user_by_external_id)
    update_user = blocking(AsyncUserManagement.update_user)
    delete_user = blocking(AsyncUserManagement.delete_user)
    send_verification_email = blocking(AsyncUserManagement.send_verification_email)
    verify_email = blocking(AsyncUserManagement.verify_email)
    send_email_change = blocking(AsyncUserManagement.send_email_change)
    confirm_email_change = blocking(AsyncUserManagement.confirm_email_change)
    get_user_identities = blocking(AsyncUserManagement.get_user_identities)
    list_sessions = blocking_pager(AsyncUserManagement.list_sessions)
    list_user_authorized_applications = blocking_pager(
        AsyncUserManagement.list_user_authorized_applications
    )
    delete_user_authorized_application = blocking(
        AsyncUserManagement.delete_user_authorized_application
    )
    list_organization_memberships = blocking_pager(
        AsyncUserManagement.list_organization_memberships
    )
    create_organization_membership = blocking(AsyncUserManagement.create_organization_membership)
    get_organization_membership = blocking(AsyncUserManagement.get_organization_membership)
    update_organization_membership = blocking(AsyncUserManagement.update_organization_membership)
    delete_organization_membership = blocking(AsyncUserManagement.delete_organization_membership)
    deactivate_organization_membership = blocking(
        AsyncUserManagement.deactivate_organization_membership
    )
    reactivate_organization_membership = blocking(
        AsyncUserManagement.reactivate_organization_membership
    )
    list_organization_membership_groups = blocking_pager(
        AsyncUserManagement.list_organization_membership_groups
    )
    list_invitations = blocking_pager(AsyncUserManagement.list_invitations)
    send_invitation = blocking(AsyncUserManagement.send_invitation)
    get_invitation = blocking(AsyncUserManagement.get_invitation)
    find_invitation_by_token = blocking(AsyncUserManagement.find_invitation_by_token)
    accept_invitation = blocking(AsyncUserManagement.accept_invitation)
    resend_invitation = blocking(AsyncUserManagement.resend_invitation)
    revoke_invitation = blocking(AsyncUserManagement.revoke_invitation)
    authenticate_with_password = blocking(AsyncUserManagement.authenticate_with_password)
    authenticate_with_code = blocking(AsyncUserManagement.authenticate_with_code)
    authenticate_with_refresh_token = blocking(AsyncUserManagement.authenticate_with_refresh_token)
    authenticate_with_magic_auth = blocking(AsyncUserManagement.authenticate_with_magic_auth)
    authenticate_with_email_verification = blocking(
        AsyncUserManagement.authenticate_with_email_verification
    )
    authenticate_with_totp = blocking(AsyncUserManagement.authenticate_with_totp)
    authenticate_with_organization_selection = blocking(
        AsyncUserManagement.authenticate_with_organization_selection
    )
    authenticate_with_device_code = blocking(AsyncUserManagement.authenticate_with_device_code)
    authenticate_with_code_pkce = blocking(AsyncUserManagement.authenticate_with_code_pkce)
    authenticate_with_radar_email_challenge = blocking(
        AsyncUserManagement.authenticate_with_radar_email_challenge
    )
    authenticate_with_radar_sms_challenge = blocking(
        AsyncUserManagement.authenticate_with_radar_sms_challenge
    )
    create_radar_challenge = blocking(AsyncUserManagement.create_radar_challenge)
    get_radar_challenge = blocking(AsyncUserManagement.get_radar_challenge)
    create_device = blocking(AsyncUserManagement.create_device)
    get_jwks = blocking(AsyncUserManagement.get_jwks)
    create_magic_auth = blocking(AsyncUserManagement.create_magic_auth)
    get_magic_auth = blocking(AsyncUserManagement.get_magic_auth)
    reset_password = blocking(AsyncUserManagement.reset_password)
    confirm_password_reset = blocking(AsyncUserManagement.confirm_password_reset)
    get_password_reset = blocking(AsyncUserManagement.get_password_reset)
    get_email_verification = blocking(AsyncUserManagement.get_email_verification)
    revoke_session = blocking(AsyncUserManagement.revoke_session)
    list_auth_factors = blocking_pager(AsyncUserManagement.list_auth_factors)
    enroll_auth_factor = blocking(AsyncUserManagement.enroll_auth_factor)
    get_factor = blocking(AsyncUserManagement.get_factor)
    delete_factor = blocking(AsyncUserManagement.delete_factor)
    challenge_factor = blocking(AsyncUserManagement.challenge_factor)
    verify_challenge = blocking(AsyncUserManagement.verify_challenge)
    create_redirect_uri = blocking(AsyncUserManagement.create_redirect_uri)
    list_redirect_uris = blocking_pager(AsyncUserManagement.list_redirect_uris)
    delete_redirect_uris = blocking(AsyncUserManagement.delete_redirect_uris)
    list_cors_origins = blocking_pager(AsyncUserManagement.list_cors_origins)
    create_cors_origin = blocking(AsyncUserManagement.create_cors_origin)
    get_jwt_template = blocking(AsyncUserManagement.get_jwt_template)
    update_jwt_template = blocking(AsyncUserManagement.update_jwt_template)
    list_authkit_oauth_resources = blocking_pager(AsyncUserManagement.list_authkit_oauth_resources)
    create_authkit_oauth_resource = blocking(AsyncUserManagement.create_authkit_oauth_resource)
    delete_authkit_oauth_resource = blocking(AsyncUserManagement.delete_authkit_oauth_resource)
    list_waitlists = blocking_pager(AsyncUserManagement.list_waitlists)
    get_waitlist = blocking(AsyncUserManagement.get_waitlist)
    list_waitlist_entries = blocking_pager(AsyncUserManagement.list_waitlist_entries)
    create_waitlist_entry = blocking(AsyncUserManagement.create_waitlist_entry)
    create_waitlist_entry_approve = blocking(AsyncUserManagement.create_waitlist_entry_approve)
    create_waitlist_entry_deny = blocking(AsyncUserManagement.create_waitlist_entry_deny)
    delete_waitlist_entry = blocking(AsyncUserManagement.delete_waitlist_entry)
    list_user_api_keys = blocking_pager(AsyncUserManagement.list_user_api_keys)
    create_user_api_key = blocking(AsyncUserManagement.create_user_api_key)
    list_user_feature_flags = blocking_pager(AsyncUserManagement.list_user_feature_flags)
    get_user_connected_account = blocking(AsyncUserManagement.get_user_connected_account)
    delete_user_connected_account = blocking(AsyncUserManagement.delete_user_connected_account)
    list_user_data_providers = blocking(AsyncUserManagement.list_user_data_providers)
    list_jwt_template = blocking(AsyncUserManagement.list_jwt_template)
