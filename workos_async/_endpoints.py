"""THE endpoint table: one row per WorkOS API operation. Data, not code.

Everything callable on a resource (async and sync) and the API reference in ``docs/api/`` are
rendered from these rows into committed files by ``python -m workos_async._codegen`` (see
``_endpoint.py`` for the fields and ``resources/`` for what a row becomes). Method and
argument names follow the official ``workos`` Python SDK 10.x where it has the call, so
migrating is an import swap.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._constants import PASSWORD_HASH_TYPES, PASSWORD_SALT_POSITIONS
from ._endpoint import Endpoint, Param, Placement
from .models import (
    AuthenticationChallenge,
    AuthenticationChallengeVerifyResponse,
    AuthenticationFactor,
    AuthenticationFactorEnrolled,
    AuthenticationResponse,
    AuthkitOAuthResource,
    AuthorizedApplication,
    ConnectedAccount,
    CorsOrigin,
    DataProviderList,
    DeviceAuthorization,
    EmailChange,
    EmailChangeConfirmation,
    EmailVerification,
    EnrollAuthFactorResponse,
    FeatureFlag,
    Group,
    Invitation,
    Jwks,
    JwtTemplate,
    MagicAuth,
    Organization,
    OrganizationMembership,
    PasswordReset,
    RadarChallenge,
    RadarSmsChallenge,
    RedirectUri,
    ResetPasswordResponse,
    SendVerificationEmailResponse,
    Session,
    User,
    UserApiKey,
    UserApiKeyWithValue,
    UserIdentity,
    VerifyEmailResponse,
    Waitlist,
    WaitlistEntry,
)

# ---- shorthands ------------------------------------------------------------------------

ORDER = ("normal", "desc", "asc")


def path(name: str, doc: str = "") -> Param:
    return Param(name, "str", required=True, doc=doc)


def secret_path(name: str, doc: str = "") -> Param:
    return Param(name, "str", required=True, secret=True, doc=doc)


def arg(name: str, type: str = "str", *, required: bool = False, **kw: Any) -> Param:
    return Param(name, type, required=required, **kw)


#: ``limit``/``before``/``after``/``order``: the cursor parameters of every list.
PAGINATION = (
    arg("limit", "int", minimum=1, maximum=100, doc="Items per page, 1 to 100 (default 10)."),
    arg("before", doc="Cursor: items before this object id."),
    arg("after", doc="Cursor: items after this object id."),
    arg(
        "order",
        enum=ORDER,
        doc="Sort order by creation time (default desc; normal = descending).",
    ),
)

USER_PASSWORD_GROUP = (("password",), ("password_hash", "password_hash_type"))
ROLE_GROUP = (("role_slug",), ("role_slugs",))
#: The official SDK's input objects, spread into the body (``workos_async.inputs``).
PASSWORD_INPUTS = ("PasswordPlaintext", "PasswordHashed")
ROLE_INPUT = arg(
    "role",
    "spread",
    spread=("RoleSingle", "RoleMultiple"),
    doc="The official SDK's RoleSingle(role_slug=...) / RoleMultiple(role_slugs=[...]).",
)

UM = "user_management"

#: The email languages WorkOS documents (``locale`` of invitations).
LOCALES = (
    "af", "am", "ar", "bg", "bn", "bs", "ca", "cs", "da", "de", "de-DE", "el", "en", "en-AU",
    "en-CA", "en-GB", "en-US", "es", "es-419", "es-ES", "es-US", "et", "fa", "fi", "fil", "fr",
    "fr-BE", "fr-CA", "fr-FR", "fy", "gl", "gu", "ha", "he", "hi", "hr", "hu", "hy", "id", "is",
    "it", "it-IT", "ja", "jv", "ka", "kk", "km", "kn", "ko", "lt", "lv", "mk", "ml", "mn", "mr",
    "ms", "my", "nb", "ne", "nl", "nl-BE", "nl-NL", "nn", "no", "pa", "pl", "pt", "pt-BR",
    "pt-PT", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tr", "uk", "ur",
    "uz", "vi", "zh", "zh-CN", "zh-HK", "zh-TW", "zu",
)  # fmt: skip

#: What every grant of ``/authenticate`` may pass about the end user's client.
CLIENT_CONTEXT = (
    arg("ip_address", doc="The end user's IP address."),
    arg("device_id", doc="An id of the end user's device."),
    arg("user_agent", doc="The end user's User-Agent."),
)
INVITATION_TOKEN = arg(
    "invitation_token", secret=True, doc="Accept this invitation as part of signing in."
)
PENDING_TOKEN = arg(
    "pending_authentication_token",
    required=True,
    secret=True,
    doc="From the error that interrupted the sign-in.",
)
AUTHENTICATE = "UserlandSessionsController_authenticate"
#: Radar (WorkOS's bot and fraud detection) context, sent by the official SDK 10.6.
SIGNALS_ID = arg("signals_id", doc="The Radar signals id collected in the browser.")
RADAR_ATTEMPT = arg(
    "radar_auth_attempt_id", doc="The radar_auth_attempt_id of the create_user response."
)
SALT_POSITION = arg(
    "password_salt_position",
    enum=PASSWORD_SALT_POSITIONS,
    doc="Where the salt sits in an ssha / ssha256 hash.",
)
#: Operation ids of the calls newer than the spec extract: their entries in
#: ``spec/official_sdk_10_6.json`` (facts from WorkOS's API reference and the official SDK).
OFFICIAL = "official-sdk-10.6:"
MFA = "multi_factor_auth"
#: Where the official SDK has the membership calls (the rows are user_management's).
MEMBERSHIPS = "organization_membership"


def on(resource: str, name: str, **renames: str) -> tuple[Placement, ...]:
    return (Placement(resource, name, tuple(renames.items())),)


def authenticate(
    name: str,
    grant_type: str,
    body: tuple[Param, ...],
    doc: str,
    *,
    send_secret: bool = True,
    public_client: bool = False,
    aliases: tuple[str, ...] = (),
) -> Endpoint:
    """One grant type of ``POST /user_management/authenticate`` (the spec's ``oneOf``): every
    grant is its own method, sharing the operation id."""
    return Endpoint(
        UM,
        name,
        "POST",
        "/user_management/authenticate",
        AUTHENTICATE,
        response=AuthenticationResponse,
        body=body,
        constants={"grant_type": grant_type},
        from_config=("client_id", "client_secret") if send_secret else ("client_id",),
        seals_session=True,
        public_client=public_client,
        doc=doc,
        aliases=aliases,
    )


TABLE: tuple[Endpoint, ...] = (
    # ---- users -----------------------------------------------------------------------
    Endpoint(
        UM,
        "list_users",
        "GET",
        "/user_management/users",
        "UserlandUsersController_list",
        response=User,
        returns="page",
        query=(
            *PAGINATION,
            arg("organization", doc="Deprecated: use organization_id."),
            arg("organization_id", doc="Only users with a membership in this organization."),
            arg("email", doc="Only the user with this email."),
        ),
        doc="List users, newest first by default.",
        aliases=("listUsers",),
    ),
    Endpoint(
        UM,
        "create_user",
        "POST",
        "/user_management/users",
        "UserlandUsersController_create",
        response=User,
        body=(
            arg("email", required=True),
            arg(
                "password",
                secret=True,
                spread=PASSWORD_INPUTS,
                doc="A plaintext password (or give password_hash), or the official SDK's "
                "PasswordPlaintext / PasswordHashed.",
            ),
            arg("password_hash", secret=True, doc="A hash imported from another system."),
            arg(
                "password_hash_type",
                enum=PASSWORD_HASH_TYPES,
                doc="The algorithm of password_hash.",
            ),
            SALT_POSITION,
            arg("first_name"),
            arg("last_name"),
            arg("name", doc="The full name."),
            arg("email_verified", "bool"),
            arg("external_id", doc="Your own id for the user (at most 128 characters)."),
            arg("metadata", "Mapping[str, str]", doc="Up to 50 string key/value pairs."),
            arg("ip_address", doc="The signing-up user's IP address (for Radar)."),
            arg("user_agent", doc="The signing-up user's User-Agent (for Radar)."),
            SIGNALS_ID,
        ),
        exclusive=(USER_PASSWORD_GROUP,),
        doc="Create a user (the response carries radar_auth_attempt_id when Radar assessed it).",
        aliases=("createUser",),
    ),
    Endpoint(
        UM,
        "get_user",
        "GET",
        "/user_management/users/{id}",
        "UserlandUsersController_get",
        response=User,
        path_params=(path("id", "The user's id."),),
        doc="Get a user by id.",
        aliases=("getUser",),
    ),
    Endpoint(
        UM,
        "get_user_by_external_id",
        "GET",
        "/user_management/users/external_id/{external_id}",
        "UserlandUsersController_getByExternalId",
        response=User,
        path_params=(path("external_id", "Your own id for the user."),),
        doc="Get a user by the external id you gave it.",
        aliases=("getUserByExternalId",),
    ),
    Endpoint(
        UM,
        "update_user",
        "PUT",
        "/user_management/users/{id}",
        "UserlandUsersController_update",
        response=User,
        path_params=(path("id"),),
        body=(
            arg("email"),
            arg("first_name"),
            arg("last_name"),
            arg("name", doc="The full name."),
            arg("email_verified", "bool"),
            arg("password", secret=True, spread=PASSWORD_INPUTS),
            arg("password_hash", secret=True),
            arg("password_hash_type", enum=PASSWORD_HASH_TYPES),
            SALT_POSITION,
            arg("external_id", nullable=True),
            arg("metadata", "Mapping[str, str]", nullable=True, doc="Replaces the metadata."),
            arg("locale", nullable=True),
        ),
        exclusive=(USER_PASSWORD_GROUP,),
        doc="Update a user: only the arguments given are changed.",
        aliases=("updateUser",),
    ),
    Endpoint(
        UM,
        "delete_user",
        "DELETE",
        "/user_management/users/{id}",
        "UserlandUsersController_delete",
        returns="none",
        path_params=(path("id"),),
        doc="Delete a user.",
        aliases=("deleteUser",),
    ),
    Endpoint(
        UM,
        "send_verification_email",
        "POST",
        "/user_management/users/{id}/email_verification/send",
        "UserlandUsersController_sendVerificationEmail",
        response=SendVerificationEmailResponse,
        path_params=(path("id"),),
        doc="Send the user an email-verification code.",
        aliases=("sendVerificationEmail",),
    ),
    Endpoint(
        UM,
        "verify_email",
        "POST",
        "/user_management/users/{id}/email_verification/confirm",
        "UserlandUsersController_emailVerification",
        response=VerifyEmailResponse,
        path_params=(path("id"),),
        body=(arg("code", required=True, secret=True),),
        doc="Verify the user's email with the code they received.",
        aliases=("verifyEmail",),
    ),
    Endpoint(
        UM,
        "send_email_change",
        "POST",
        "/user_management/users/{id}/email_change/send",
        "UserlandUsersController_sendEmailChange",
        response=EmailChange,
        path_params=(path("id"),),
        body=(arg("new_email", required=True),),
        doc="Send a code to confirm a change of the user's email address.",
    ),
    Endpoint(
        UM,
        "confirm_email_change",
        "POST",
        "/user_management/users/{id}/email_change/confirm",
        "UserlandUsersController_confirmEmailChange",
        response=EmailChangeConfirmation,
        path_params=(path("id"),),
        body=(arg("code", required=True, secret=True),),
        doc="Confirm an email change with the code sent to the new address.",
    ),
    Endpoint(
        UM,
        "get_user_identities",
        "GET",
        "/user_management/users/{id}/identities",
        "UserlandUserIdentitiesController_get",
        response=UserIdentity,
        returns="list",
        path_params=(path("id"),),
        doc="The OAuth identities linked to a user.",
        aliases=("getUserIdentities",),
    ),
    Endpoint(
        UM,
        "list_sessions",
        "GET",
        "/user_management/users/{id}/sessions",
        "UserlandUserSessionsController_list",
        response=Session,
        returns="page",
        path_params=(path("id"),),
        query=PAGINATION,
        doc="List a user's sessions.",
        aliases=("listSessions",),
    ),
    Endpoint(
        UM,
        "list_user_authorized_applications",
        "GET",
        "/user_management/users/{user_id}/authorized_applications",
        "AuthorizedApplicationsController_list",
        response=AuthorizedApplication,
        returns="page",
        path_params=(path("user_id"),),
        query=PAGINATION,
        doc="List the OAuth applications a user has authorized.",
    ),
    Endpoint(
        UM,
        "delete_user_authorized_application",
        "DELETE",
        "/user_management/users/{user_id}/authorized_applications/{application_id}",
        "AuthorizedApplicationsController_delete",
        returns="none",
        path_params=(path("application_id"), path("user_id")),
        doc="Revoke a user's authorization of an application (arguments in the official SDK's "
        "order: application_id, then user_id).",
    ),
    # ---- organization memberships ------------------------------------------------------
    Endpoint(
        UM,
        "list_organization_memberships",
        "GET",
        "/user_management/organization_memberships",
        "UserlandUserOrganizationMembershipsController_list",
        response=OrganizationMembership,
        returns="page",
        query=(
            *PAGINATION,
            arg("organization_id"),
            arg("user_id"),
            arg(
                "statuses",
                "Sequence[str]",
                enum=("active", "inactive", "pending"),
                doc="Which statuses to include (default: active only); sent comma-separated.",
            ),
        ),
        require_one_of=(("user_id", "organization_id"),),
        doc="List organization memberships of a user or of an organization.",
        aliases=("listOrganizationMemberships",),
        also_on=on(MEMBERSHIPS, "list_organization_memberships"),
    ),
    Endpoint(
        UM,
        "create_organization_membership",
        "POST",
        "/user_management/organization_memberships",
        "UserlandUserOrganizationMembershipsController_create",
        response=OrganizationMembership,
        body=(
            arg("user_id", required=True),
            arg("organization_id", required=True),
            arg("role_slug", doc="One role (or give role_slugs)."),
            arg("role_slugs", "Sequence[str]", doc="Several roles (or give role_slug)."),
            ROLE_INPUT,
        ),
        exclusive=(ROLE_GROUP,),
        doc="Add a user to an organization.",
        aliases=("createOrganizationMembership",),
        also_on=on(MEMBERSHIPS, "create_organization_membership"),
    ),
    Endpoint(
        UM,
        "get_organization_membership",
        "GET",
        "/user_management/organization_memberships/{id}",
        "UserlandUserOrganizationMembershipsController_get",
        response=OrganizationMembership,
        path_params=(path("id"),),
        doc="Get an organization membership.",
        aliases=("getOrganizationMembership",),
        also_on=on(MEMBERSHIPS, "get_organization_membership"),
    ),
    Endpoint(
        UM,
        "update_organization_membership",
        "PUT",
        "/user_management/organization_memberships/{id}",
        "UserlandUserOrganizationMembershipsController_update",
        response=OrganizationMembership,
        path_params=(path("id"),),
        body=(arg("role_slug"), arg("role_slugs", "Sequence[str]"), ROLE_INPUT),
        exclusive=(ROLE_GROUP,),
        doc="Change the role(s) of an organization membership.",
        aliases=("updateOrganizationMembership",),
        also_on=on(MEMBERSHIPS, "update_organization_membership"),
    ),
    Endpoint(
        UM,
        "delete_organization_membership",
        "DELETE",
        "/user_management/organization_memberships/{id}",
        "UserlandUserOrganizationMembershipsController_delete",
        returns="none",
        path_params=(path("id"),),
        doc="Remove a user from an organization.",
        aliases=("deleteOrganizationMembership",),
        also_on=on(MEMBERSHIPS, "delete_organization_membership"),
    ),
    Endpoint(
        UM,
        "deactivate_organization_membership",
        "PUT",
        "/user_management/organization_memberships/{id}/deactivate",
        "UserlandUserOrganizationMembershipsController_deactivate",
        response=OrganizationMembership,
        path_params=(path("id"),),
        doc="Deactivate an organization membership.",
        aliases=("deactivateOrganizationMembership",),
        also_on=on(MEMBERSHIPS, "deactivate_organization_membership"),
    ),
    Endpoint(
        UM,
        "reactivate_organization_membership",
        "PUT",
        "/user_management/organization_memberships/{id}/reactivate",
        "UserlandUserOrganizationMembershipsController_reactivate",
        response=OrganizationMembership,
        path_params=(path("id"),),
        doc="Reactivate an organization membership.",
        aliases=("reactivateOrganizationMembership",),
        also_on=on(MEMBERSHIPS, "reactivate_organization_membership"),
    ),
    Endpoint(
        UM,
        "list_organization_membership_groups",
        "GET",
        "/user_management/organization_memberships/{id}/groups",
        "OrganizationMembershipGroupsController_listGroups",
        response=Group,
        returns="page",
        path_params=(path("id"),),
        query=PAGINATION,
        doc="List the groups an organization membership belongs to.",
        also_on=on(MEMBERSHIPS, "list_organization_membership_groups", id="om_id"),
    ),
    # ---- invitations -------------------------------------------------------------------
    Endpoint(
        UM,
        "list_invitations",
        "GET",
        "/user_management/invitations",
        "UserlandUserInvitesController_list",
        response=Invitation,
        returns="page",
        query=(
            *PAGINATION,
            arg("organization_id", doc="Only invitations to this organization."),
            arg("email", doc="Only invitations sent to this email."),
        ),
        doc="List invitations, newest first by default.",
        aliases=("listInvitations",),
    ),
    Endpoint(
        UM,
        "send_invitation",
        "POST",
        "/user_management/invitations",
        "UserlandUserInvitesController_create",
        response=Invitation,
        body=(
            arg("email", required=True, doc="The address to invite."),
            arg("organization_id", doc="Invite into this organization."),
            arg("role_slug", doc="The role the invitee gets in the organization."),
            arg("expires_in_days", "int", doc="Days until the invitation expires."),
            arg("inviter_user_id", doc="The user who sends the invitation."),
            arg("locale", enum=LOCALES, doc="The language of the invitation email."),
        ),
        doc="Invite someone by email (WorkOS sends the invitation email).",
        aliases=("sendInvitation",),
    ),
    Endpoint(
        UM,
        "get_invitation",
        "GET",
        "/user_management/invitations/{id}",
        "UserlandUserInvitesController_get",
        response=Invitation,
        path_params=(path("id", "The invitation's id."),),
        doc="Get an invitation by id.",
        aliases=("getInvitation",),
    ),
    Endpoint(
        UM,
        "find_invitation_by_token",
        "GET",
        "/user_management/invitations/by_token/{token}",
        "UserlandUserInvitesController_getByToken",
        response=Invitation,
        path_params=(secret_path("token", "The invitation token from the invitation link."),),
        doc="Find an invitation by its token.",
        aliases=("findInvitationByToken",),
    ),
    Endpoint(
        UM,
        "accept_invitation",
        "POST",
        "/user_management/invitations/{id}/accept",
        "UserlandUserInvitesController_accept",
        response=Invitation,
        path_params=(path("id"),),
        doc="Accept a pending invitation.",
        aliases=("acceptInvitation",),
    ),
    Endpoint(
        UM,
        "resend_invitation",
        "POST",
        "/user_management/invitations/{id}/resend",
        "UserlandUserInvitesController_resend",
        response=Invitation,
        path_params=(path("id"),),
        body=(arg("locale", enum=LOCALES, doc="The language of the invitation email."),),
        doc="Send a pending invitation's email again.",
        aliases=("resendInvitation",),
    ),
    Endpoint(
        UM,
        "revoke_invitation",
        "POST",
        "/user_management/invitations/{id}/revoke",
        "UserlandUserInvitesController_revoke",
        response=Invitation,
        path_params=(path("id"),),
        doc="Revoke a pending invitation.",
        aliases=("revokeInvitation",),
    ),
    # ---- authentication: one row per grant type of /authenticate -----------------------
    authenticate(
        "authenticate_with_password",
        "password",
        (
            arg("email", required=True),
            arg("password", required=True, secret=True),
            INVITATION_TOKEN,
            *CLIENT_CONTEXT,
            SIGNALS_ID,
            RADAR_ATTEMPT,
        ),
        "Sign a user in with their email and password.",
        aliases=("authenticateWithPassword",),
    ),
    authenticate(
        "authenticate_with_code",
        "authorization_code",
        (
            arg(
                "code",
                required=True,
                secret=True,
                doc="The code from the redirect of the authorization URL.",
            ),
            arg(
                "code_verifier",
                secret=True,
                doc="The PKCE verifier, when the authorization URL carried a code_challenge.",
            ),
            INVITATION_TOKEN,
            *CLIENT_CONTEXT,
            SIGNALS_ID,
        ),
        "Exchange the code from the authorization redirect (AuthKit, OAuth, SSO) for tokens.",
        aliases=("authenticateWithCode",),
    ),
    authenticate(
        "authenticate_with_refresh_token",
        "refresh_token",
        (
            arg("refresh_token", required=True, secret=True),
            arg("organization_id", doc="Switch the session to this organization."),
            *CLIENT_CONTEXT,
        ),
        "Exchange a refresh token for a new access token (and a new refresh token).",
        public_client=True,
        aliases=("authenticateWithRefreshToken",),
    ),
    authenticate(
        "authenticate_with_magic_auth",
        "urn:workos:oauth:grant-type:magic-auth:code",
        (
            arg("code", required=True, secret=True, doc="The one-time code that was emailed."),
            arg("email", required=True),
            INVITATION_TOKEN,
            *CLIENT_CONTEXT,
            RADAR_ATTEMPT,
        ),
        "Sign a user in with a Magic Auth code.",
        aliases=("authenticateWithMagicAuth",),
    ),
    authenticate(
        "authenticate_with_email_verification",
        "urn:workos:oauth:grant-type:email-verification:code",
        (
            arg("code", required=True, secret=True, doc="The email-verification code."),
            PENDING_TOKEN,
            *CLIENT_CONTEXT,
        ),
        "Finish a sign-in that stopped at email_verification_required.",
        aliases=("authenticateWithEmailVerification",),
    ),
    authenticate(
        "authenticate_with_totp",
        "urn:workos:oauth:grant-type:mfa-totp",
        (
            arg("code", required=True, secret=True, doc="The code from the authenticator app."),
            PENDING_TOKEN,
            arg("authentication_challenge_id", required=True),
            *CLIENT_CONTEXT,
        ),
        "Finish a sign-in that stopped at mfa_challenge, with a TOTP code.",
        aliases=("authenticateWithTotp",),
    ),
    authenticate(
        "authenticate_with_organization_selection",
        "urn:workos:oauth:grant-type:organization-selection",
        (
            PENDING_TOKEN,
            arg("organization_id", required=True, doc="The organization the user picked."),
            *CLIENT_CONTEXT,
        ),
        "Finish a sign-in that stopped at organization_selection_required.",
        aliases=("authenticateWithOrganizationSelection",),
    ),
    authenticate(
        "authenticate_with_device_code",
        "urn:ietf:params:oauth:grant-type:device_code",
        (
            arg(
                "device_code",
                required=True,
                secret=True,
                doc="The device_code from create_device().",
            ),
            *CLIENT_CONTEXT,
        ),
        "Poll for the tokens of a device-authorization flow (RFC 8628).",
        send_secret=False,
        aliases=("authenticateWithDeviceCode",),
    ),
    authenticate(
        "authenticate_with_code_pkce",
        "authorization_code",
        (
            arg("code", required=True, secret=True, doc="The code from the redirect."),
            arg(
                "code_verifier",
                required=True,
                secret=True,
                doc="The PKCE verifier matching the URL's code_challenge.",
            ),
            arg("client_id", doc="Default: the client's client_id."),
            *CLIENT_CONTEXT,
        ),
        "Exchange an authorization code with PKCE only: the API key is not sent as "
        "client_secret (the official SDK's call for public clients).",
        send_secret=False,
        public_client=True,
    ),
    authenticate(
        "authenticate_with_radar_email_challenge",
        "urn:workos:oauth:grant-type:radar-email-challenge:code",
        (
            arg("code", required=True, secret=True, doc="The code Radar emailed."),
            arg("radar_challenge_id", required=True, doc="The id of the Radar challenge."),
            PENDING_TOKEN,
            *CLIENT_CONTEXT,
        ),
        "Finish a sign-in that stopped at a Radar email challenge.",
        aliases=("authenticateWithRadarEmailChallenge",),
    ),
    authenticate(
        "authenticate_with_radar_sms_challenge",
        "urn:workos:oauth:grant-type:radar-sms-challenge:code",
        (
            arg("code", required=True, secret=True, doc="The code Radar sent by SMS."),
            arg("verification_id", doc="From create_radar_challenge()."),
            arg("phone_number", doc="The phone number the code went to."),
            PENDING_TOKEN,
            *CLIENT_CONTEXT,
        ),
        "Finish a sign-in that stopped at a Radar SMS challenge.",
        aliases=("authenticateWithRadarSmsChallenge",),
    ),
    Endpoint(
        UM,
        "create_radar_challenge",
        "POST",
        "/user_management/radar_challenges",
        OFFICIAL + "create_radar_challenge",
        response=RadarSmsChallenge,
        body=(
            arg("user_id", required=True),
            PENDING_TOKEN,
            arg("phone_number", required=True, doc="Where to send the SMS code."),
            arg("ip_address", doc="The end user's IP address."),
            arg("user_agent", doc="The end user's User-Agent."),
        ),
        doc="Send a Radar SMS code to the user (for a sign-in that stopped at a Radar "
        "challenge); finish with authenticate_with_radar_sms_challenge.",
    ),
    Endpoint(
        UM,
        "get_radar_challenge",
        "GET",
        "/user_management/radar_challenges/{id}",
        OFFICIAL + "get_radar_challenge",
        response=RadarChallenge,
        path_params=(path("id", "The Radar challenge's id."),),
        doc="Get a Radar email challenge.",
    ),
    Endpoint(
        UM,
        "create_device",
        "POST",
        "/user_management/authorize/device",
        "UserlandSsoController_deviceAuthorization",
        response=DeviceAuthorization,
        body=(arg("client_id", doc="Default: the client's client_id."),),
        from_config=("client_id",),
        public=True,
        doc="Start a device-authorization flow (RFC 8628): a user code to show and a URL.",
        aliases=("createDevice",),
    ),
    Endpoint(
        UM,
        "get_jwks",
        "GET",
        "/sso/jwks/{client_id}",
        "SsoController_jsonWebKeySet",
        response=Jwks,
        path_params=(path("client_id", "The client id the access tokens were issued to."),),
        doc="The JSON Web Key Set that signs the access tokens of a client.",
        aliases=("getJwks",),
    ),
    # ---- magic auth, password reset, email verification ---------------------------------
    Endpoint(
        UM,
        "create_magic_auth",
        "POST",
        "/user_management/magic_auth",
        "UserlandMagicAuthController_sendMagicAuthCodeAndReturn",
        response=MagicAuth,
        body=(
            arg("email", required=True),
            INVITATION_TOKEN,
            arg("ip_address", doc="The end user's IP address (for Radar)."),
            arg("user_agent", doc="The end user's User-Agent (for Radar)."),
            RADAR_ATTEMPT,
            SIGNALS_ID,
        ),
        doc="Create a Magic Auth one-time code and email it to the user.",
        aliases=("createMagicAuth",),
    ),
    Endpoint(
        UM,
        "get_magic_auth",
        "GET",
        "/user_management/magic_auth/{id}",
        "UserlandMagicAuthController_get",
        response=MagicAuth,
        path_params=(path("id"),),
        doc="Get a Magic Auth code's details.",
        aliases=("getMagicAuth",),
    ),
    Endpoint(
        UM,
        "reset_password",
        "POST",
        "/user_management/password_reset",
        "UserlandUsersController_createPasswordResetToken",
        response=PasswordReset,
        body=(arg("email", required=True, doc="The user's email address."),),
        doc="Create a password-reset token and email the user a reset link (the official "
        "SDK's name; it does not change the password: see confirm_password_reset).",
        aliases=("createPasswordReset", "resetPassword (PHP)"),
    ),
    Endpoint(
        UM,
        "confirm_password_reset",
        "POST",
        "/user_management/password_reset/confirm",
        "UserlandUsersController_resetPassword",
        response=ResetPasswordResponse,
        body=(
            arg("token", required=True, secret=True, doc="The password-reset token."),
            arg("new_password", required=True, secret=True),
        ),
        doc="Set a new password with a password-reset token.",
        aliases=("resetPassword (Node)", "confirmPasswordReset"),
    ),
    Endpoint(
        UM,
        "get_password_reset",
        "GET",
        "/user_management/password_reset/{id}",
        "UserlandUsersController_getPasswordReset",
        response=PasswordReset,
        path_params=(path("id"),),
        doc="Get a password-reset token's details.",
        aliases=("getPasswordReset",),
    ),
    Endpoint(
        UM,
        "get_email_verification",
        "GET",
        "/user_management/email_verification/{id}",
        "UserlandUsersController_getEmailVerification",
        response=EmailVerification,
        path_params=(path("id"),),
        doc="Get an email-verification code's details.",
        aliases=("getEmailVerification",),
    ),
    # ---- sessions ---------------------------------------------------------------------
    Endpoint(
        UM,
        "revoke_session",
        "POST",
        "/user_management/sessions/revoke",
        "UserlandSessionsController_revokeSession",
        returns="none",
        body=(
            arg("session_id", required=True),
            arg("return_to", doc="Where the user lands after logging out."),
        ),
        doc="Revoke a session: its refresh token stops working.",
        aliases=("revokeSession",),
    ),
    # ---- MFA: authentication factors and challenges --------------------------------------
    Endpoint(
        UM,
        "list_auth_factors",
        "GET",
        "/user_management/users/{user_id}/auth_factors",
        "UserlandUserAuthenticationFactorsController_list",
        response=AuthenticationFactor,
        returns="page",
        path_params=(path("user_id"),),
        query=PAGINATION,
        doc="List a user's MFA factors.",
        aliases=("listAuthFactors",),
        also_on=on(MFA, "list_user_auth_factors", user_id="userland_user_id"),
    ),
    Endpoint(
        UM,
        "enroll_auth_factor",
        "POST",
        "/user_management/users/{user_id}/auth_factors",
        "UserlandUserAuthenticationFactorsController_create",
        response=EnrollAuthFactorResponse,
        path_params=(path("user_id"),),
        body=(
            arg("type", required=True, enum=("totp",), doc="The kind of factor."),
            arg("totp_issuer", doc="The issuer shown in the authenticator app."),
            arg("totp_user", doc="The account name shown in the authenticator app."),
            arg("totp_secret", secret=True, doc="Your own TOTP secret (default: generated)."),
        ),
        doc="Enroll an MFA factor for a user; returns the factor and a first challenge.",
        aliases=("enrollAuthFactor",),
        also_on=on(MFA, "create_user_auth_factor", user_id="userland_user_id"),
    ),
    Endpoint(
        UM,
        "get_factor",
        "GET",
        "/auth/factors/{id}",
        "AuthenticationFactorsController_get",
        response=AuthenticationFactor,
        path_params=(path("id", "The factor's id."),),
        doc="Get an MFA factor.",
        aliases=("getFactor",),
        also_on=on(MFA, "get_factor"),
    ),
    Endpoint(
        UM,
        "delete_factor",
        "DELETE",
        "/auth/factors/{id}",
        "AuthenticationFactorsController_delete",
        returns="none",
        path_params=(path("id", "The factor's id."),),
        doc="Delete an MFA factor.",
        aliases=("deleteFactor",),
        also_on=on(MFA, "delete_factor"),
    ),
    Endpoint(
        UM,
        "challenge_factor",
        "POST",
        "/auth/factors/{id}/challenge",
        "AuthenticationFactorsController_challenge",
        response=AuthenticationChallenge,
        path_params=(path("id", "The factor's id."),),
        body=(arg("sms_template", doc="The SMS text, with {{code}} for the code."),),
        doc="Create a challenge for an MFA factor.",
        aliases=("challengeFactor",),
        also_on=on(MFA, "challenge_factor"),
    ),
    Endpoint(
        UM,
        "verify_challenge",
        "POST",
        "/auth/challenges/{id}/verify",
        "AuthenticationChallengesController_verify",
        response=AuthenticationChallengeVerifyResponse,
        path_params=(path("id", "The challenge's id."),),
        body=(arg("code", required=True, secret=True, doc="The code the user entered."),),
        doc="Verify the code of an MFA challenge.",
        aliases=("verifyChallenge",),
        also_on=on(MFA, "verify_challenge"),
    ),
    Endpoint(
        MFA,
        "enroll_factor",
        "POST",
        "/auth/factors/enroll",
        OFFICIAL + "enroll_factor",
        response=AuthenticationFactorEnrolled,
        body=(
            arg("type", required=True, enum=("totp", "sms"), doc="The kind of factor."),
            arg("phone_number", doc="For type 'sms': where codes are texted."),
            arg("totp_issuer", doc="For type 'totp': the issuer shown in the app."),
            arg("totp_user", doc="For type 'totp': the account name shown in the app."),
            arg("user_id", doc="The user the factor belongs to (optional)."),
        ),
        doc="Enroll a standalone MFA factor (WorkOS's MFA API: TOTP or SMS, optionally for a "
        "user); challenge it with challenge_factor.",
    ),
    # ---- application settings: redirect URIs, CORS origins, JWT template -------------------
    Endpoint(
        UM,
        "create_redirect_uri",
        "POST",
        "/user_management/redirect_uris",
        "RedirectUrisController_create",
        response=RedirectUri,
        body=(arg("uri", required=True),),
        doc="Add a redirect URI to the environment.",
        aliases=("createRedirectUri",),
    ),
    Endpoint(
        UM,
        "list_redirect_uris",
        "GET",
        "/user_management/redirect_uris",
        OFFICIAL + "list_redirect_uris",
        response=RedirectUri,
        returns="page",
        query=PAGINATION,
        doc="List the environment's redirect URIs.",
    ),
    Endpoint(
        UM,
        "delete_redirect_uris",
        "DELETE",
        "/user_management/redirect_uris/{id}",
        OFFICIAL + "delete_redirect_uris",
        returns="none",
        path_params=(path("id", "The redirect URI's id."),),
        doc="Remove a redirect URI from the environment (the official SDK's name, plural).",
    ),
    Endpoint(
        UM,
        "list_cors_origins",
        "GET",
        "/user_management/cors_origins",
        OFFICIAL + "list_cors_origins",
        response=CorsOrigin,
        returns="page",
        query=PAGINATION,
        doc="List the environment's allowed CORS origins.",
    ),
    Endpoint(
        UM,
        "create_cors_origin",
        "POST",
        "/user_management/cors_origins",
        "CorsOriginsController_createCorsOrigin",
        response=CorsOrigin,
        body=(arg("origin", required=True, doc="e.g. https://app.example.com"),),
        doc="Allow a browser origin (CORS) to call the client-side APIs.",
        aliases=("createCorsOrigin",),
    ),
    Endpoint(
        UM,
        "get_jwt_template",
        "GET",
        "/user_management/jwt_template",
        "JwtTemplatesController_getJwtTemplate",
        response=JwtTemplate,
        doc="Get the template of the access token's custom claims (the official SDK also "
        "calls it list_jwt_template: one template, not a list).",
        also_on=on(UM, "list_jwt_template"),
    ),
    Endpoint(
        UM,
        "update_jwt_template",
        "PUT",
        "/user_management/jwt_template",
        "JwtTemplatesController_updateJwtTemplate",
        response=JwtTemplate,
        body=(arg("content", required=True, doc="The template (JSON with {{...}} fields)."),),
        doc="Replace the template of the access token's custom claims.",
        aliases=("updateJWTTemplate",),
    ),
    # ---- AuthKit OAuth resources (RFC 8707 resource indicators) ---------------------------
    Endpoint(
        UM,
        "list_authkit_oauth_resources",
        "GET",
        "/user_management/authkit_oauth_resources",
        OFFICIAL + "list_authkit_oauth_resources",
        response=AuthkitOAuthResource,
        returns="page",
        query=PAGINATION,
        doc="List the AuthKit OAuth resources (APIs access tokens can be issued for).",
    ),
    Endpoint(
        UM,
        "create_authkit_oauth_resource",
        "POST",
        "/user_management/authkit_oauth_resources",
        OFFICIAL + "create_authkit_oauth_resource",
        response=AuthkitOAuthResource,
        body=(
            arg("uri", required=True, doc="The resource's URI."),
            arg("default", "bool", doc="Issue tokens for it when no resource is asked for."),
        ),
        doc="Add an AuthKit OAuth resource.",
    ),
    Endpoint(
        UM,
        "delete_authkit_oauth_resource",
        "DELETE",
        "/user_management/authkit_oauth_resources/{id}",
        OFFICIAL + "delete_authkit_oauth_resource",
        returns="none",
        path_params=(path("id", "The resource's id."),),
        doc="Remove an AuthKit OAuth resource.",
    ),
    # ---- waitlists -----------------------------------------------------------------------
    Endpoint(
        UM,
        "list_waitlists",
        "GET",
        "/user_management/waitlists",
        OFFICIAL + "list_waitlists",
        response=Waitlist,
        returns="page",
        query=PAGINATION,
        doc="List the environment's waitlists (one page: WorkOS returns them all at once).",
    ),
    Endpoint(
        UM,
        "get_waitlist",
        "GET",
        "/user_management/waitlists/{id}",
        OFFICIAL + "get_waitlist",
        response=Waitlist,
        path_params=(path("id", "The waitlist's id, or 'default'."),),
        doc="Get a waitlist ('default': the environment's default waitlist).",
    ),
    Endpoint(
        UM,
        "list_waitlist_entries",
        "GET",
        "/user_management/waitlists/{id}/entries",
        OFFICIAL + "list_waitlist_entries",
        response=WaitlistEntry,
        returns="page",
        path_params=(path("id", "The waitlist's id, or 'default'."),),
        query=(
            *PAGINATION,
            arg("state", enum=("pending", "approved", "denied"), doc="Only entries in it."),
            arg("email", doc="Only the entry of this exact email address."),
        ),
        doc="List the entries of a waitlist.",
    ),
    Endpoint(
        UM,
        "create_waitlist_entry",
        "POST",
        "/user_management/waitlists/{id}/entries",
        OFFICIAL + "create_waitlist_entry",
        response=WaitlistEntry,
        path_params=(path("id", "The waitlist's id, or 'default' (created on first use)."),),
        body=(
            arg("email", required=True),
            arg("additional_fields", "Mapping[str, str]", doc="Extra sign-up fields."),
            arg("send_confirmation_email", "bool", doc="Email the person a confirmation."),
        ),
        doc="Add someone to a waitlist.",
    ),
    Endpoint(
        UM,
        "create_waitlist_entry_approve",
        "POST",
        "/user_management/waitlist_entries/{id}/approve",
        OFFICIAL + "create_waitlist_entry_approve",
        response=WaitlistEntry,
        path_params=(path("id", "The waitlist entry's id."),),
        doc="Approve a waitlist entry: WorkOS invites its email address (the official SDK's name).",
    ),
    Endpoint(
        UM,
        "create_waitlist_entry_deny",
        "POST",
        "/user_management/waitlist_entries/{id}/deny",
        OFFICIAL + "create_waitlist_entry_deny",
        response=WaitlistEntry,
        path_params=(path("id", "The waitlist entry's id."),),
        doc="Deny a pending waitlist entry (the official SDK's name).",
    ),
    Endpoint(
        UM,
        "delete_waitlist_entry",
        "DELETE",
        "/user_management/waitlist_entries/{id}",
        OFFICIAL + "delete_waitlist_entry",
        returns="none",
        path_params=(path("id", "The waitlist entry's id."),),
        doc="Remove an entry from its waitlist.",
    ),
    # ---- user API keys, feature flags, connected accounts, data providers ---------------
    Endpoint(
        UM,
        "list_user_api_keys",
        "GET",
        "/user_management/users/{user_id}/api_keys",
        "UserApiKeysController_list",
        response=UserApiKey,
        returns="page",
        path_params=(path("user_id"),),
        query=(*PAGINATION, arg("organization_id", doc="Only keys of this organization.")),
        doc="List a user's API keys (feature flag user-api-keys).",
    ),
    Endpoint(
        UM,
        "create_user_api_key",
        "POST",
        "/user_management/users/{user_id}/api_keys",
        "UserApiKeysController_create",
        response=UserApiKeyWithValue,
        path_params=(path("user_id"),),
        body=(
            arg("name", required=True),
            arg("organization_id", required=True),
            arg("permissions", "Sequence[str]", doc="Permission slugs granted to the key."),
            arg("expires_at", doc="When the key stops working (ISO 8601); default: never."),
        ),
        doc="Create an API key for a user; its value is returned only this once.",
    ),
    Endpoint(
        UM,
        "list_user_feature_flags",
        "GET",
        "/user_management/users/{user_id}/feature-flags",
        "UserlandUserFeatureFlagsController_list",
        response=FeatureFlag,
        returns="page",
        path_params=(path("user_id"),),
        query=PAGINATION,
        doc="List the feature flags enabled for a user.",
    ),
    Endpoint(
        UM,
        "get_user_connected_account",
        "GET",
        "/user_management/users/{user_id}/connected_accounts/{slug}",
        "DataIntegrationsUserManagementController_getUserDataInstallation",
        response=ConnectedAccount,
        path_params=(path("user_id"), path("slug", "The data provider's slug.")),
        query=(arg("organization_id"),),
        doc="Get a user's connected account for a data provider.",
    ),
    Endpoint(
        UM,
        "delete_user_connected_account",
        "DELETE",
        "/user_management/users/{user_id}/connected_accounts/{slug}",
        "DataIntegrationsUserManagementController_deleteUserDataInstallation",
        returns="none",
        path_params=(path("user_id"), path("slug", "The data provider's slug.")),
        query=(arg("organization_id"),),
        doc="Disconnect a user's connected account.",
    ),
    Endpoint(
        UM,
        "list_user_data_providers",
        "GET",
        "/user_management/users/{user_id}/data_providers",
        "DataIntegrationsUserManagementController_getUserDataIntegrations",
        response=DataProviderList,
        path_params=(path("user_id"),),
        query=(arg("organization_id"),),
        doc="List the data providers available to a user, with their connection state.",
    ),
    # ---- organizations (what memberships and bulk import need) ----------------------------
    Endpoint(
        "organizations",
        "create_organization",
        "POST",
        "/organizations",
        "OrganizationsController_create",
        response=Organization,
        body=(
            arg("name", required=True),
            arg("allow_profiles_outside_organization", "bool"),
            arg("domains", "Sequence[str]", doc="Deprecated: use domain_data."),
            arg("domain_data", "Sequence[Mapping[str, str]]", doc="[{domain, state}] items."),
            arg("metadata", "Mapping[str, str]"),
            arg("external_id"),
        ),
        doc="Create an organization.",
    ),
    Endpoint(
        "organizations",
        "list_organizations",
        "GET",
        "/organizations",
        None,
        response=Organization,
        returns="page",
        query=(
            *PAGINATION,
            arg(
                "domains",
                "Sequence[str]",
                doc="Only organizations with one of these domains; sent comma-separated.",
            ),
            arg("search", doc="Only organizations whose name contains this text."),
        ),
        doc="List organizations, newest first by default (not in the user-management spec "
        "extract; part of WorkOS's Organizations API).",
    ),
    Endpoint(
        "organizations",
        "get_organization",
        "GET",
        "/organizations/{id}",
        "OrganizationsController_find",
        response=Organization,
        path_params=(path("id"),),
        doc="Get an organization by id.",
    ),
    Endpoint(
        "organizations",
        "get_organization_by_external_id",
        "GET",
        "/organizations/external_id/{external_id}",
        None,
        response=Organization,
        path_params=(path("external_id"),),
        doc="Get an organization by the external id you gave it (not in the user-management "
        "spec extract; part of WorkOS's Organizations API).",
    ),
    Endpoint(
        "organizations",
        "delete_organization",
        "DELETE",
        "/organizations/{id}",
        "OrganizationsController_deleteOrganization",
        returns="none",
        path_params=(path("id"),),
        doc="Delete an organization.",
    ),
)


def placements(rows: tuple[Endpoint, ...]) -> tuple[Endpoint, ...]:
    """The copies of the rows at their other places (``also_on``): the same call under
    another resource (and maybe another name), marked ``placed_from`` so a renderer forwards
    to the row instead of writing its body again, and the reference documents it once."""
    return tuple(
        _renamed(
            attrs.evolve(
                ep,
                resource=p.resource,
                name=p.name,
                also_on=(),
                placed_from=f"{ep.resource}.{ep.name}",
            ),
            dict(p.renames),
        )
        for ep in rows
        for p in ep.also_on
    )


def _renamed(ep: Endpoint, renames: dict[str, str]) -> Endpoint:
    """The row with some arguments spelled another way (the wire names stay)."""
    if not renames:
        return ep

    def param(p: Param) -> Param:
        new = renames.get(p.name)
        return p if new is None else attrs.evolve(p, name=new, wire=p.wire_name)

    path = ep.path
    for old, new in renames.items():
        path = path.replace("{" + old + "}", "{" + new + "}")
    return attrs.evolve(
        ep,
        path=path,
        path_params=tuple(map(param, ep.path_params)),
        query=tuple(map(param, ep.query)),
        body=tuple(map(param, ep.body)),
    )


#: Every method on every resource: the table's rows, then their copies at other places.
ENDPOINTS: tuple[Endpoint, ...] = TABLE + placements(TABLE)

#: The resources (client attributes) of the methods, in order.
RESOURCES: tuple[str, ...] = tuple(dict.fromkeys(ep.resource for ep in ENDPOINTS))


def endpoints_of(resource: str) -> tuple[Endpoint, ...]:
    return tuple(ep for ep in ENDPOINTS if ep.resource == resource)
