"""THE endpoint table: one row per WorkOS API operation. Data, not code.

Everything callable on a resource (async and sync), the typed stubs and the API reference in
``docs/`` are generated from these rows (see ``_endpoint.py`` for the fields and
``_binding.py`` for how a row becomes a method). Method and argument names follow the official
``workos`` Python SDK 10.x where it has the call, so migrating is an import swap.
"""

from __future__ import annotations

from typing import Any

from ._endpoint import Endpoint, Param
from .models import (
    AuthorizedApplication,
    EmailChange,
    EmailChangeConfirmation,
    Group,
    Organization,
    OrganizationMembership,
    SendVerificationEmailResponse,
    Session,
    User,
    UserIdentity,
    VerifyEmailResponse,
)

# ---- shorthands ------------------------------------------------------------------------

ORDER = ("normal", "desc", "asc")
PASSWORD_HASH_TYPES = ("bcrypt", "firebase-scrypt", "ssha", "scrypt", "pbkdf2", "argon2")


def path(name: str, doc: str = "") -> Param:
    return Param(name, "str", required=True, doc=doc)


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

UM = "user_management"

ENDPOINTS: tuple[Endpoint, ...] = (
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
            arg("password", secret=True, doc="A plaintext password (or give password_hash)."),
            arg("password_hash", secret=True, doc="A hash imported from another system."),
            arg(
                "password_hash_type",
                enum=PASSWORD_HASH_TYPES,
                doc="The algorithm of password_hash.",
            ),
            arg("first_name"),
            arg("last_name"),
            arg("email_verified", "bool"),
            arg("external_id", doc="Your own id for the user (at most 128 characters)."),
            arg("metadata", "Mapping[str, str]", doc="Up to 50 string key/value pairs."),
        ),
        exclusive=(USER_PASSWORD_GROUP,),
        doc="Create a user.",
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
            arg("email_verified", "bool"),
            arg("password", secret=True),
            arg("password_hash", secret=True),
            arg("password_hash_type", enum=PASSWORD_HASH_TYPES),
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
        ),
        exclusive=(ROLE_GROUP,),
        doc="Add a user to an organization.",
        aliases=("createOrganizationMembership",),
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
    ),
    Endpoint(
        UM,
        "update_organization_membership",
        "PUT",
        "/user_management/organization_memberships/{id}",
        "UserlandUserOrganizationMembershipsController_update",
        response=OrganizationMembership,
        path_params=(path("id"),),
        body=(arg("role_slug"), arg("role_slugs", "Sequence[str]")),
        exclusive=(ROLE_GROUP,),
        doc="Change the role(s) of an organization membership.",
        aliases=("updateOrganizationMembership",),
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

#: The resources (client attributes) in the table, in order.
RESOURCES: tuple[str, ...] = tuple(dict.fromkeys(ep.resource for ep in ENDPOINTS))


def endpoints_of(resource: str) -> tuple[Endpoint, ...]:
    return tuple(ep for ep in ENDPOINTS if ep.resource == resource)
