# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The async ``user_management`` resource: :class:`AsyncUserManagement`, generated from the table.

Each method is one row of ``workos_async/_endpoints.py`` written out: checks that fail
before any request, the path, query and body, and the call into the transport.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._args import (
    check_bool,
    check_exclusive,
    check_int,
    check_mapping,
    check_max_items,
    check_str,
    check_str_sequence,
    path_segment,
    query_items,
    spread_input,
)
from .._config import RequestOptions
from .._helpers import UserManagementSessions, UserManagementUrls
from .._pagination import AsyncPager
from .._responses import list_decoder, make_pager, model_decoder, page_decoder
from .._secret import Secret
from .._session_helpers import SessionOptions, seal_into, session_sealing
from .._types import NOT_GIVEN, NotGiven
from ..inputs import PasswordHashed, PasswordPlaintext, RoleMultiple, RoleSingle
from ..models import (
    AuthenticationChallenge,
    AuthenticationChallengeVerifyResponse,
    AuthenticationFactor,
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
from ._base import AsyncResource, placed

__all__ = ["AsyncUserManagement", "Locale", "Order", "PasswordHashType", "State", "Status"]

#: The documented values of ``order`` (other strings pass too).
Order = Literal["normal", "desc", "asc"]
#: The documented values of ``password_hash_type`` (other strings pass too).
PasswordHashType = Literal[
    "bcrypt", "firebase-scrypt", "ssha", "ssha256", "scrypt", "pbkdf2", "argon2",
]  # fmt: skip
#: The documented values of ``statuses`` (other strings pass too).
Status = Literal["active", "inactive", "pending"]
#: The documented values of ``locale`` (other strings pass too).
Locale = Literal[
    "af", "am", "ar", "bg", "bn", "bs", "ca", "cs", "da", "de", "de-DE", "el", "en", "en-AU",
    "en-CA", "en-GB", "en-US", "es", "es-419", "es-ES", "es-US", "et", "fa", "fi", "fil", "fr",
    "fr-BE", "fr-CA", "fr-FR", "fy", "gl", "gu", "ha", "he", "hi", "hr", "hu", "hy", "id", "is",
    "it", "it-IT", "ja", "jv", "ka", "kk", "km", "kn", "ko", "lt", "lv", "mk", "ml", "mn", "mr",
    "ms", "my", "nb", "ne", "nl", "nl-BE", "nl-NL", "nn", "no", "pa", "pl", "pt", "pt-BR", "pt-PT",
    "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tr", "uk", "ur", "uz", "vi",
    "zh", "zh-CN", "zh-HK", "zh-TW", "zu",
]  # fmt: skip
#: The documented values of ``state`` (other strings pass too).
State = Literal["pending", "approved", "denied"]

_DECODE_USER_PAGE = page_decoder(User)
_DECODE_USER = model_decoder(User)
_DECODE_SEND_VERIFICATION_EMAIL_RESPONSE = model_decoder(SendVerificationEmailResponse)
_DECODE_VERIFY_EMAIL_RESPONSE = model_decoder(VerifyEmailResponse)
_DECODE_EMAIL_CHANGE = model_decoder(EmailChange)
_DECODE_EMAIL_CHANGE_CONFIRMATION = model_decoder(EmailChangeConfirmation)
_DECODE_USER_IDENTITY_LIST = list_decoder(UserIdentity)
_DECODE_SESSION_PAGE = page_decoder(Session)
_DECODE_AUTHORIZED_APPLICATION_PAGE = page_decoder(AuthorizedApplication)
_DECODE_ORGANIZATION_MEMBERSHIP_PAGE = page_decoder(OrganizationMembership)
_DECODE_ORGANIZATION_MEMBERSHIP = model_decoder(OrganizationMembership)
_DECODE_GROUP_PAGE = page_decoder(Group)
_DECODE_INVITATION_PAGE = page_decoder(Invitation)
_DECODE_INVITATION = model_decoder(Invitation)
_DECODE_AUTHENTICATION_RESPONSE = model_decoder(AuthenticationResponse)
_DECODE_RADAR_SMS_CHALLENGE = model_decoder(RadarSmsChallenge)
_DECODE_RADAR_CHALLENGE = model_decoder(RadarChallenge)
_DECODE_DEVICE_AUTHORIZATION = model_decoder(DeviceAuthorization)
_DECODE_JWKS = model_decoder(Jwks)
_DECODE_MAGIC_AUTH = model_decoder(MagicAuth)
_DECODE_PASSWORD_RESET = model_decoder(PasswordReset)
_DECODE_RESET_PASSWORD_RESPONSE = model_decoder(ResetPasswordResponse)
_DECODE_EMAIL_VERIFICATION = model_decoder(EmailVerification)
_DECODE_AUTHENTICATION_FACTOR_PAGE = page_decoder(AuthenticationFactor)
_DECODE_ENROLL_AUTH_FACTOR_RESPONSE = model_decoder(EnrollAuthFactorResponse)
_DECODE_AUTHENTICATION_FACTOR = model_decoder(AuthenticationFactor)
_DECODE_AUTHENTICATION_CHALLENGE = model_decoder(AuthenticationChallenge)
_DECODE_AUTHENTICATION_CHALLENGE_VERIFY_RESPONSE = model_decoder(
    AuthenticationChallengeVerifyResponse
)
_DECODE_REDIRECT_URI = model_decoder(RedirectUri)
_DECODE_REDIRECT_URI_PAGE = page_decoder(RedirectUri)
_DECODE_CORS_ORIGIN_PAGE = page_decoder(CorsOrigin)
_DECODE_CORS_ORIGIN = model_decoder(CorsOrigin)
_DECODE_JWT_TEMPLATE = model_decoder(JwtTemplate)
_DECODE_AUTHKIT_O_AUTH_RESOURCE_PAGE = page_decoder(AuthkitOAuthResource)
_DECODE_AUTHKIT_O_AUTH_RESOURCE = model_decoder(AuthkitOAuthResource)
_DECODE_WAITLIST_PAGE = page_decoder(Waitlist)
_DECODE_WAITLIST = model_decoder(Waitlist)
_DECODE_WAITLIST_ENTRY_PAGE = page_decoder(WaitlistEntry)
_DECODE_WAITLIST_ENTRY = model_decoder(WaitlistEntry)
_DECODE_USER_API_KEY_PAGE = page_decoder(UserApiKey)
_DECODE_USER_API_KEY_WITH_VALUE = model_decoder(UserApiKeyWithValue)
_DECODE_FEATURE_FLAG_PAGE = page_decoder(FeatureFlag)
_DECODE_CONNECTED_ACCOUNT = model_decoder(ConnectedAccount)
_DECODE_DATA_PROVIDER_LIST = model_decoder(DataProviderList)


class AsyncUserManagement(UserManagementUrls, UserManagementSessions, AsyncResource):
    """``AsyncWorkOS().user_management``: one method per ``user_management`` row of the endpoint
    table.
    """

    __slots__ = ()

    def list_users(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        organization: str | None = None,
        organization_id: str | None = None,
        email: str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[User]:
        """List users, newest first by default.

        ``GET /user_management/users``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            organization (str, optional): Deprecated: use organization_id.
            organization_id (str, optional): Only users with a membership in this organization.
            email (str, optional): Only the user with this email.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: listUsers (WorkOS's Node/PHP SDKs).
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_users", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_users", "before", before)
        if after is not None:
            query["after"] = check_str("list_users", "after", after)
        if order is not None:
            query["order"] = check_str("list_users", "order", order)
        if organization is not None:
            query["organization"] = check_str("list_users", "organization", organization)
        if organization_id is not None:
            query["organization_id"] = check_str("list_users", "organization_id", organization_id)
        if email is not None:
            query["email"] = check_str("list_users", "email", email)
        check_max_items("list_users", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/users",
            "/user_management/users",
            query,
            (),
            _DECODE_USER_PAGE,
            request_options,
            max_items,
        )

    async def create_user(
        self,
        *,
        email: str,
        password: str | PasswordPlaintext | PasswordHashed | None = None,
        password_hash: str | None = None,
        password_hash_type: PasswordHashType | str | None = None,
        password_salt_position: Literal["prefix", "suffix"] | str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        name: str | None = None,
        email_verified: bool | None = None,
        external_id: str | None = None,
        metadata: Mapping[str, str] | None = None,
        ip_address: str | None = None,
        user_agent: str | None = None,
        signals_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> User:
        """Create a user (the response carries radar_auth_attempt_id when Radar assessed it).

        ``POST /user_management/users``

        Args:
            email (str, required):
            password (str | PasswordPlaintext | PasswordHashed, optional): A plaintext password (or give password_hash), or the official SDK's PasswordPlaintext / PasswordHashed. Secret: never logged.
            password_hash (str, optional): A hash imported from another system. Secret: never logged.
            password_hash_type (str, optional): The algorithm of password_hash. One of: bcrypt, firebase-scrypt, ssha, ssha256, scrypt, pbkdf2, argon2.
            password_salt_position (str, optional): Where the salt sits in an ssha / ssha256 hash. One of: prefix, suffix.
            first_name (str, optional):
            last_name (str, optional):
            name (str, optional): The full name.
            email_verified (bool, optional):
            external_id (str, optional): Your own id for the user (at most 128 characters).
            metadata (Mapping[str, str], optional): Up to 50 string key/value pairs.
            ip_address (str, optional): The signing-up user's IP address (for Radar).
            user_agent (str, optional): The signing-up user's User-Agent (for Radar).
            signals_id (str, optional): The Radar signals id collected in the browser.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: createUser (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["email"] = check_str("create_user", "email", email)
        if isinstance(password, str):
            body["password"] = Secret(check_str("create_user", "password", password))
        if password_hash is not None:
            body["password_hash"] = Secret(check_str("create_user", "password_hash", password_hash))
        if password_hash_type is not None:
            body["password_hash_type"] = check_str(
                "create_user", "password_hash_type", password_hash_type
            )
        if password_salt_position is not None:
            body["password_salt_position"] = check_str(
                "create_user", "password_salt_position", password_salt_position
            )
        if first_name is not None:
            body["first_name"] = check_str("create_user", "first_name", first_name)
        if last_name is not None:
            body["last_name"] = check_str("create_user", "last_name", last_name)
        if name is not None:
            body["name"] = check_str("create_user", "name", name)
        if email_verified is not None:
            body["email_verified"] = check_bool("create_user", "email_verified", email_verified)
        if external_id is not None:
            body["external_id"] = check_str("create_user", "external_id", external_id)
        if metadata is not None:
            body["metadata"] = check_mapping("create_user", "metadata", metadata)
        if ip_address is not None:
            body["ip_address"] = check_str("create_user", "ip_address", ip_address)
        if user_agent is not None:
            body["user_agent"] = check_str("create_user", "user_agent", user_agent)
        if signals_id is not None:
            body["signals_id"] = check_str("create_user", "signals_id", signals_id)
        spread_input(
            "create_user",
            "password",
            password,
            (
                PasswordPlaintext,
                PasswordHashed,
            ),
            body,
            plain=str,
        )
        check_exclusive(
            "create_user",
            (
                ("password",),
                ("password_hash", "password_hash_type"),
            ),
            body,
        )
        del password, password_hash
        result: User = await self._transport.request(
            "POST",
            "/user_management/users",
            "/user_management/users",
            None,
            body,
            request_options,
            False,
            _DECODE_USER,
        )
        return result

    async def get_user(self, id: str, *, request_options: RequestOptions | None = None) -> User:
        """Get a user by id.

        ``GET /user_management/users/{id}``

        Args:
            id (str, required): The user's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getUser (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/users/" + path_segment(id, "id", "get_user")
        result: User = await self._transport.request(
            "GET",
            path,
            "/user_management/users/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_USER,
        )
        return result

    async def get_user_by_external_id(
        self, external_id: str, *, request_options: RequestOptions | None = None
    ) -> User:
        """Get a user by the external id you gave it.

        ``GET /user_management/users/external_id/{external_id}``

        Args:
            external_id (str, required): Your own id for the user.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getUserByExternalId (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/users/external_id/" + path_segment(
            external_id, "external_id", "get_user_by_external_id"
        )
        result: User = await self._transport.request(
            "GET",
            path,
            "/user_management/users/external_id/{external_id}",
            None,
            None,
            request_options,
            False,
            _DECODE_USER,
        )
        return result

    async def update_user(
        self,
        id: str,
        *,
        email: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        name: str | None = None,
        email_verified: bool | None = None,
        password: str | PasswordPlaintext | PasswordHashed | None = None,
        password_hash: str | None = None,
        password_hash_type: PasswordHashType | str | None = None,
        password_salt_position: Literal["prefix", "suffix"] | str | None = None,
        external_id: str | NotGiven | None = NOT_GIVEN,
        metadata: Mapping[str, str] | NotGiven | None = NOT_GIVEN,
        locale: str | NotGiven | None = NOT_GIVEN,
        request_options: RequestOptions | None = None,
    ) -> User:
        """Update a user: only the arguments given are changed.

        ``PUT /user_management/users/{id}``

        Args:
            id (str, required):
            email (str, optional):
            first_name (str, optional):
            last_name (str, optional):
            name (str, optional): The full name.
            email_verified (bool, optional):
            password (str | PasswordPlaintext | PasswordHashed, optional): Secret: never logged.
            password_hash (str, optional): Secret: never logged.
            password_hash_type (str, optional): One of: bcrypt, firebase-scrypt, ssha, ssha256, scrypt, pbkdf2, argon2.
            password_salt_position (str, optional): Where the salt sits in an ssha / ssha256 hash. One of: prefix, suffix.
            external_id (str, optional): ``None`` sends null (clears it).
            metadata (Mapping[str, str], optional): Replaces the metadata. ``None`` sends null (clears it).
            locale (str, optional): ``None`` sends null (clears it).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: updateUser (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/users/" + path_segment(id, "id", "update_user")
        body: dict[str, Any] = {}
        if email is not None:
            body["email"] = check_str("update_user", "email", email)
        if first_name is not None:
            body["first_name"] = check_str("update_user", "first_name", first_name)
        if last_name is not None:
            body["last_name"] = check_str("update_user", "last_name", last_name)
        if name is not None:
            body["name"] = check_str("update_user", "name", name)
        if email_verified is not None:
            body["email_verified"] = check_bool("update_user", "email_verified", email_verified)
        if isinstance(password, str):
            body["password"] = Secret(check_str("update_user", "password", password))
        if password_hash is not None:
            body["password_hash"] = Secret(check_str("update_user", "password_hash", password_hash))
        if password_hash_type is not None:
            body["password_hash_type"] = check_str(
                "update_user", "password_hash_type", password_hash_type
            )
        if password_salt_position is not None:
            body["password_salt_position"] = check_str(
                "update_user", "password_salt_position", password_salt_position
            )
        if external_id is not NOT_GIVEN:
            body["external_id"] = (
                None
                if external_id is None
                else check_str("update_user", "external_id", external_id)
            )
        if metadata is not NOT_GIVEN:
            body["metadata"] = (
                None if metadata is None else check_mapping("update_user", "metadata", metadata)
            )
        if locale is not NOT_GIVEN:
            body["locale"] = None if locale is None else check_str("update_user", "locale", locale)
        spread_input(
            "update_user",
            "password",
            password,
            (
                PasswordPlaintext,
                PasswordHashed,
            ),
            body,
            plain=str,
        )
        check_exclusive(
            "update_user",
            (
                ("password",),
                ("password_hash", "password_hash_type"),
            ),
            body,
        )
        del password, password_hash
        result: User = await self._transport.request(
            "PUT",
            path,
            "/user_management/users/{id}",
            None,
            body,
            request_options,
            False,
            _DECODE_USER,
        )
        return result

    async def delete_user(self, id: str, *, request_options: RequestOptions | None = None) -> None:
        """Delete a user.

        ``DELETE /user_management/users/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: deleteUser (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/users/" + path_segment(id, "id", "delete_user")
        await self._transport.request(
            "DELETE", path, "/user_management/users/{id}", None, None, request_options, False, None
        )

    async def send_verification_email(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> SendVerificationEmailResponse:
        """Send the user an email-verification code.

        ``POST /user_management/users/{id}/email_verification/send``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: sendVerificationEmail (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/users/"
            + path_segment(id, "id", "send_verification_email")
            + "/email_verification/send"
        )
        result: SendVerificationEmailResponse = await self._transport.request(
            "POST",
            path,
            "/user_management/users/{id}/email_verification/send",
            None,
            {},
            request_options,
            False,
            _DECODE_SEND_VERIFICATION_EMAIL_RESPONSE,
        )
        return result

    async def verify_email(
        self, id: str, *, code: str, request_options: RequestOptions | None = None
    ) -> VerifyEmailResponse:
        """Verify the user's email with the code they received.

        ``POST /user_management/users/{id}/email_verification/confirm``

        Args:
            id (str, required):
            code (str, required): Secret: never logged.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: verifyEmail (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/users/"
            + path_segment(id, "id", "verify_email")
            + "/email_verification/confirm"
        )
        body: dict[str, Any] = {}
        body["code"] = Secret(check_str("verify_email", "code", code))
        del code
        result: VerifyEmailResponse = await self._transport.request(
            "POST",
            path,
            "/user_management/users/{id}/email_verification/confirm",
            None,
            body,
            request_options,
            False,
            _DECODE_VERIFY_EMAIL_RESPONSE,
        )
        return result

    async def send_email_change(
        self, id: str, *, new_email: str, request_options: RequestOptions | None = None
    ) -> EmailChange:
        """Send a code to confirm a change of the user's email address.

        ``POST /user_management/users/{id}/email_change/send``

        Args:
            id (str, required):
            new_email (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(id, "id", "send_email_change")
            + "/email_change/send"
        )
        body: dict[str, Any] = {}
        body["new_email"] = check_str("send_email_change", "new_email", new_email)
        result: EmailChange = await self._transport.request(
            "POST",
            path,
            "/user_management/users/{id}/email_change/send",
            None,
            body,
            request_options,
            False,
            _DECODE_EMAIL_CHANGE,
        )
        return result

    async def confirm_email_change(
        self, id: str, *, code: str, request_options: RequestOptions | None = None
    ) -> EmailChangeConfirmation:
        """Confirm an email change with the code sent to the new address.

        ``POST /user_management/users/{id}/email_change/confirm``

        Args:
            id (str, required):
            code (str, required): Secret: never logged.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(id, "id", "confirm_email_change")
            + "/email_change/confirm"
        )
        body: dict[str, Any] = {}
        body["code"] = Secret(check_str("confirm_email_change", "code", code))
        del code
        result: EmailChangeConfirmation = await self._transport.request(
            "POST",
            path,
            "/user_management/users/{id}/email_change/confirm",
            None,
            body,
            request_options,
            False,
            _DECODE_EMAIL_CHANGE_CONFIRMATION,
        )
        return result

    async def get_user_identities(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> list[UserIdentity]:
        """The OAuth identities linked to a user.

        ``GET /user_management/users/{id}/identities``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getUserIdentities (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/users/"
            + path_segment(id, "id", "get_user_identities")
            + "/identities"
        )
        result: list[UserIdentity] = await self._transport.request(
            "GET",
            path,
            "/user_management/users/{id}/identities",
            None,
            None,
            request_options,
            False,
            _DECODE_USER_IDENTITY_LIST,
        )
        return result

    def list_sessions(
        self,
        id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[Session]:
        """List a user's sessions.

        ``GET /user_management/users/{id}/sessions``

        Args:
            id (str, required):
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: listSessions (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/users/" + path_segment(id, "id", "list_sessions") + "/sessions"
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_sessions", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_sessions", "before", before)
        if after is not None:
            query["after"] = check_str("list_sessions", "after", after)
        if order is not None:
            query["order"] = check_str("list_sessions", "order", order)
        check_max_items("list_sessions", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/users/{id}/sessions",
            query,
            (),
            _DECODE_SESSION_PAGE,
            request_options,
            max_items,
        )

    def list_user_authorized_applications(
        self,
        user_id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[AuthorizedApplication]:
        """List the OAuth applications a user has authorized.

        ``GET /user_management/users/{user_id}/authorized_applications``

        Args:
            user_id (str, required):
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "list_user_authorized_applications")
            + "/authorized_applications"
        )
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_user_authorized_applications", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_user_authorized_applications", "before", before)
        if after is not None:
            query["after"] = check_str("list_user_authorized_applications", "after", after)
        if order is not None:
            query["order"] = check_str("list_user_authorized_applications", "order", order)
        check_max_items("list_user_authorized_applications", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/users/{user_id}/authorized_applications",
            query,
            (),
            _DECODE_AUTHORIZED_APPLICATION_PAGE,
            request_options,
            max_items,
        )

    async def delete_user_authorized_application(
        self, application_id: str, user_id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Revoke a user's authorization of an application (arguments in the official SDK's order: application_id, then user_id).

        ``DELETE /user_management/users/{user_id}/authorized_applications/{application_id}``

        Args:
            application_id (str, required):
            user_id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "delete_user_authorized_application")
            + "/authorized_applications/"
            + path_segment(application_id, "application_id", "delete_user_authorized_application")
        )
        await self._transport.request(
            "DELETE",
            path,
            "/user_management/users/{user_id}/authorized_applications/{application_id}",
            None,
            None,
            request_options,
            False,
            None,
        )

    def list_organization_memberships(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        organization_id: str | None = None,
        user_id: str | None = None,
        statuses: Sequence[Status | str] | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[OrganizationMembership]:
        """List organization memberships of a user or of an organization.

        ``GET /user_management/organization_memberships``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            organization_id (str, optional):
            user_id (str, optional):
            statuses (Sequence[str], optional): Which statuses to include (default: active only); sent comma-separated. One of: active, inactive, pending.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: listOrganizationMemberships (WorkOS's Node/PHP SDKs).
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_organization_memberships", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_organization_memberships", "before", before)
        if after is not None:
            query["after"] = check_str("list_organization_memberships", "after", after)
        if order is not None:
            query["order"] = check_str("list_organization_memberships", "order", order)
        if organization_id is not None:
            query["organization_id"] = check_str(
                "list_organization_memberships", "organization_id", organization_id
            )
        if user_id is not None:
            query["user_id"] = check_str("list_organization_memberships", "user_id", user_id)
        if statuses is not None:
            query["statuses"] = check_str_sequence(
                "list_organization_memberships", "statuses", statuses
            )
        if not (user_id is not None or organization_id is not None):
            raise ValueError(
                "list_organization_memberships(): pass at least one of 'user_id' or 'organization_id'"
            )
        check_max_items("list_organization_memberships", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/organization_memberships",
            "/user_management/organization_memberships",
            query,
            (),
            _DECODE_ORGANIZATION_MEMBERSHIP_PAGE,
            request_options,
            max_items,
        )

    async def create_organization_membership(
        self,
        *,
        user_id: str,
        organization_id: str,
        role_slug: str | None = None,
        role_slugs: Sequence[str] | None = None,
        role: RoleSingle | RoleMultiple | None = None,
        request_options: RequestOptions | None = None,
    ) -> OrganizationMembership:
        """Add a user to an organization.

        ``POST /user_management/organization_memberships``

        Args:
            user_id (str, required):
            organization_id (str, required):
            role_slug (str, optional): One role (or give role_slugs).
            role_slugs (Sequence[str], optional): Several roles (or give role_slug).
            role (RoleSingle | RoleMultiple, optional): The official SDK's RoleSingle(role_slug=...) / RoleMultiple(role_slugs=[...]).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: createOrganizationMembership (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["user_id"] = check_str("create_organization_membership", "user_id", user_id)
        body["organization_id"] = check_str(
            "create_organization_membership", "organization_id", organization_id
        )
        if role_slug is not None:
            body["role_slug"] = check_str("create_organization_membership", "role_slug", role_slug)
        if role_slugs is not None:
            body["role_slugs"] = check_str_sequence(
                "create_organization_membership", "role_slugs", role_slugs
            )
        spread_input(
            "create_organization_membership",
            "role",
            role,
            (
                RoleSingle,
                RoleMultiple,
            ),
            body,
        )
        check_exclusive(
            "create_organization_membership",
            (
                ("role_slug",),
                ("role_slugs",),
            ),
            body,
        )
        result: OrganizationMembership = await self._transport.request(
            "POST",
            "/user_management/organization_memberships",
            "/user_management/organization_memberships",
            None,
            body,
            request_options,
            False,
            _DECODE_ORGANIZATION_MEMBERSHIP,
        )
        return result

    async def get_organization_membership(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> OrganizationMembership:
        """Get an organization membership.

        ``GET /user_management/organization_memberships/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getOrganizationMembership (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/organization_memberships/" + path_segment(
            id, "id", "get_organization_membership"
        )
        result: OrganizationMembership = await self._transport.request(
            "GET",
            path,
            "/user_management/organization_memberships/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_ORGANIZATION_MEMBERSHIP,
        )
        return result

    async def update_organization_membership(
        self,
        id: str,
        *,
        role_slug: str | None = None,
        role_slugs: Sequence[str] | None = None,
        role: RoleSingle | RoleMultiple | None = None,
        request_options: RequestOptions | None = None,
    ) -> OrganizationMembership:
        """Change the role(s) of an organization membership.

        ``PUT /user_management/organization_memberships/{id}``

        Args:
            id (str, required):
            role_slug (str, optional):
            role_slugs (Sequence[str], optional):
            role (RoleSingle | RoleMultiple, optional): The official SDK's RoleSingle(role_slug=...) / RoleMultiple(role_slugs=[...]).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: updateOrganizationMembership (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/organization_memberships/" + path_segment(
            id, "id", "update_organization_membership"
        )
        body: dict[str, Any] = {}
        if role_slug is not None:
            body["role_slug"] = check_str("update_organization_membership", "role_slug", role_slug)
        if role_slugs is not None:
            body["role_slugs"] = check_str_sequence(
                "update_organization_membership", "role_slugs", role_slugs
            )
        spread_input(
            "update_organization_membership",
            "role",
            role,
            (
                RoleSingle,
                RoleMultiple,
            ),
            body,
        )
        check_exclusive(
            "update_organization_membership",
            (
                ("role_slug",),
                ("role_slugs",),
            ),
            body,
        )
        result: OrganizationMembership = await self._transport.request(
            "PUT",
            path,
            "/user_management/organization_memberships/{id}",
            None,
            body,
            request_options,
            False,
            _DECODE_ORGANIZATION_MEMBERSHIP,
        )
        return result

    async def delete_organization_membership(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Remove a user from an organization.

        ``DELETE /user_management/organization_memberships/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: deleteOrganizationMembership (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/organization_memberships/" + path_segment(
            id, "id", "delete_organization_membership"
        )
        await self._transport.request(
            "DELETE",
            path,
            "/user_management/organization_memberships/{id}",
            None,
            None,
            request_options,
            False,
            None,
        )

    async def deactivate_organization_membership(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> OrganizationMembership:
        """Deactivate an organization membership.

        ``PUT /user_management/organization_memberships/{id}/deactivate``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: deactivateOrganizationMembership (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/organization_memberships/"
            + path_segment(id, "id", "deactivate_organization_membership")
            + "/deactivate"
        )
        result: OrganizationMembership = await self._transport.request(
            "PUT",
            path,
            "/user_management/organization_memberships/{id}/deactivate",
            None,
            {},
            request_options,
            False,
            _DECODE_ORGANIZATION_MEMBERSHIP,
        )
        return result

    async def reactivate_organization_membership(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> OrganizationMembership:
        """Reactivate an organization membership.

        ``PUT /user_management/organization_memberships/{id}/reactivate``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: reactivateOrganizationMembership (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/organization_memberships/"
            + path_segment(id, "id", "reactivate_organization_membership")
            + "/reactivate"
        )
        result: OrganizationMembership = await self._transport.request(
            "PUT",
            path,
            "/user_management/organization_memberships/{id}/reactivate",
            None,
            {},
            request_options,
            False,
            _DECODE_ORGANIZATION_MEMBERSHIP,
        )
        return result

    def list_organization_membership_groups(
        self,
        id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[Group]:
        """List the groups an organization membership belongs to.

        ``GET /user_management/organization_memberships/{id}/groups``

        Args:
            id (str, required):
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/organization_memberships/"
            + path_segment(id, "id", "list_organization_membership_groups")
            + "/groups"
        )
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int(
                "list_organization_membership_groups", "limit", limit, 1, 100
            )
        if before is not None:
            query["before"] = check_str("list_organization_membership_groups", "before", before)
        if after is not None:
            query["after"] = check_str("list_organization_membership_groups", "after", after)
        if order is not None:
            query["order"] = check_str("list_organization_membership_groups", "order", order)
        check_max_items("list_organization_membership_groups", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/organization_memberships/{id}/groups",
            query,
            (),
            _DECODE_GROUP_PAGE,
            request_options,
            max_items,
        )

    def list_invitations(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        organization_id: str | None = None,
        email: str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[Invitation]:
        """List invitations, newest first by default.

        ``GET /user_management/invitations``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            organization_id (str, optional): Only invitations to this organization.
            email (str, optional): Only invitations sent to this email.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: listInvitations (WorkOS's Node/PHP SDKs).
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_invitations", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_invitations", "before", before)
        if after is not None:
            query["after"] = check_str("list_invitations", "after", after)
        if order is not None:
            query["order"] = check_str("list_invitations", "order", order)
        if organization_id is not None:
            query["organization_id"] = check_str(
                "list_invitations", "organization_id", organization_id
            )
        if email is not None:
            query["email"] = check_str("list_invitations", "email", email)
        check_max_items("list_invitations", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/invitations",
            "/user_management/invitations",
            query,
            (),
            _DECODE_INVITATION_PAGE,
            request_options,
            max_items,
        )

    async def send_invitation(
        self,
        *,
        email: str,
        organization_id: str | None = None,
        role_slug: str | None = None,
        expires_in_days: int | None = None,
        inviter_user_id: str | None = None,
        locale: Locale | str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Invitation:
        """Invite someone by email (WorkOS sends the invitation email).

        ``POST /user_management/invitations``

        Args:
            email (str, required): The address to invite.
            organization_id (str, optional): Invite into this organization.
            role_slug (str, optional): The role the invitee gets in the organization.
            expires_in_days (int, optional): Days until the invitation expires.
            inviter_user_id (str, optional): The user who sends the invitation.
            locale (str, optional): The language of the invitation email. One of: af, am, ar, bg, bn, bs, ca, cs, da, de, de-DE, el, en, en-AU, en-CA, en-GB, en-US, es, es-419, es-ES, es-US, et, fa, fi, fil, fr, fr-BE, fr-CA, fr-FR, fy, gl, gu, ha, he, hi, hr, hu, hy, id, is, it, it-IT, ja, jv, ka, kk, km, kn, ko, lt, lv, mk, ml, mn, mr, ms, my, nb, ne, nl, nl-BE, nl-NL, nn, no, pa, pl, pt, pt-BR, pt-PT, ro, ru, sk, sl, sq, sr, sv, sw, ta, te, th, tr, uk, ur, uz, vi, zh, zh-CN, zh-HK, zh-TW, zu.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: sendInvitation (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["email"] = check_str("send_invitation", "email", email)
        if organization_id is not None:
            body["organization_id"] = check_str(
                "send_invitation", "organization_id", organization_id
            )
        if role_slug is not None:
            body["role_slug"] = check_str("send_invitation", "role_slug", role_slug)
        if expires_in_days is not None:
            body["expires_in_days"] = check_int(
                "send_invitation", "expires_in_days", expires_in_days
            )
        if inviter_user_id is not None:
            body["inviter_user_id"] = check_str(
                "send_invitation", "inviter_user_id", inviter_user_id
            )
        if locale is not None:
            body["locale"] = check_str("send_invitation", "locale", locale)
        result: Invitation = await self._transport.request(
            "POST",
            "/user_management/invitations",
            "/user_management/invitations",
            None,
            body,
            request_options,
            False,
            _DECODE_INVITATION,
        )
        return result

    async def get_invitation(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> Invitation:
        """Get an invitation by id.

        ``GET /user_management/invitations/{id}``

        Args:
            id (str, required): The invitation's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getInvitation (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/invitations/" + path_segment(id, "id", "get_invitation")
        result: Invitation = await self._transport.request(
            "GET",
            path,
            "/user_management/invitations/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_INVITATION,
        )
        return result

    async def find_invitation_by_token(
        self, token: str, *, request_options: RequestOptions | None = None
    ) -> Invitation:
        """Find an invitation by its token.

        ``GET /user_management/invitations/by_token/{token}``

        Args:
            token (str, required): The invitation token from the invitation link. Secret: never logged.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: findInvitationByToken (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/invitations/by_token/" + path_segment(
            token, "token", "find_invitation_by_token"
        )
        result: Invitation = await self._transport.request(
            "GET",
            path,
            "/user_management/invitations/by_token/{token}",
            None,
            None,
            request_options,
            False,
            _DECODE_INVITATION,
        )
        return result

    async def accept_invitation(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> Invitation:
        """Accept a pending invitation.

        ``POST /user_management/invitations/{id}/accept``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: acceptInvitation (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/invitations/"
            + path_segment(id, "id", "accept_invitation")
            + "/accept"
        )
        result: Invitation = await self._transport.request(
            "POST",
            path,
            "/user_management/invitations/{id}/accept",
            None,
            {},
            request_options,
            False,
            _DECODE_INVITATION,
        )
        return result

    async def resend_invitation(
        self,
        id: str,
        *,
        locale: Locale | str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Invitation:
        """Send a pending invitation's email again.

        ``POST /user_management/invitations/{id}/resend``

        Args:
            id (str, required):
            locale (str, optional): The language of the invitation email. One of: af, am, ar, bg, bn, bs, ca, cs, da, de, de-DE, el, en, en-AU, en-CA, en-GB, en-US, es, es-419, es-ES, es-US, et, fa, fi, fil, fr, fr-BE, fr-CA, fr-FR, fy, gl, gu, ha, he, hi, hr, hu, hy, id, is, it, it-IT, ja, jv, ka, kk, km, kn, ko, lt, lv, mk, ml, mn, mr, ms, my, nb, ne, nl, nl-BE, nl-NL, nn, no, pa, pl, pt, pt-BR, pt-PT, ro, ru, sk, sl, sq, sr, sv, sw, ta, te, th, tr, uk, ur, uz, vi, zh, zh-CN, zh-HK, zh-TW, zu.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: resendInvitation (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/invitations/"
            + path_segment(id, "id", "resend_invitation")
            + "/resend"
        )
        body: dict[str, Any] = {}
        if locale is not None:
            body["locale"] = check_str("resend_invitation", "locale", locale)
        result: Invitation = await self._transport.request(
            "POST",
            path,
            "/user_management/invitations/{id}/resend",
            None,
            body,
            request_options,
            False,
            _DECODE_INVITATION,
        )
        return result

    async def revoke_invitation(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> Invitation:
        """Revoke a pending invitation.

        ``POST /user_management/invitations/{id}/revoke``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: revokeInvitation (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/invitations/"
            + path_segment(id, "id", "revoke_invitation")
            + "/revoke"
        )
        result: Invitation = await self._transport.request(
            "POST",
            path,
            "/user_management/invitations/{id}/revoke",
            None,
            {},
            request_options,
            False,
            _DECODE_INVITATION,
        )
        return result

    async def authenticate_with_password(
        self,
        *,
        email: str,
        password: str,
        invitation_token: str | None = None,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        signals_id: str | None = None,
        radar_auth_attempt_id: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Sign a user in with their email and password.

        ``POST /user_management/authenticate``

        Args:
            email (str, required):
            password (str, required): Secret: never logged.
            invitation_token (str, optional): Accept this invitation as part of signing in. Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            signals_id (str, optional): The Radar signals id collected in the browser.
            radar_auth_attempt_id (str, optional): The radar_auth_attempt_id of the create_user response.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='password', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithPassword (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "password"}
        body["client_id"] = self._config.require_client_id("authenticate_with_password")
        body["client_secret"] = self._config.require_api_key("authenticate_with_password")
        body["email"] = check_str("authenticate_with_password", "email", email)
        body["password"] = Secret(check_str("authenticate_with_password", "password", password))
        if invitation_token is not None:
            body["invitation_token"] = Secret(
                check_str("authenticate_with_password", "invitation_token", invitation_token)
            )
        if ip_address is not None:
            body["ip_address"] = check_str("authenticate_with_password", "ip_address", ip_address)
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_password", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str("authenticate_with_password", "user_agent", user_agent)
        if signals_id is not None:
            body["signals_id"] = check_str("authenticate_with_password", "signals_id", signals_id)
        if radar_auth_attempt_id is not None:
            body["radar_auth_attempt_id"] = check_str(
                "authenticate_with_password", "radar_auth_attempt_id", radar_auth_attempt_id
            )
        sealing = session_sealing("authenticate_with_password", session)
        del password, invitation_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_code(
        self,
        *,
        code: str,
        code_verifier: str | None = None,
        invitation_token: str | None = None,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        signals_id: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Exchange the code from the authorization redirect (AuthKit, OAuth, SSO) for tokens.

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The code from the redirect of the authorization URL. Secret: never logged.
            code_verifier (str, optional): The PKCE verifier, when the authorization URL carried a code_challenge. Secret: never logged.
            invitation_token (str, optional): Accept this invitation as part of signing in. Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            signals_id (str, optional): The Radar signals id collected in the browser.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='authorization_code', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithCode (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "authorization_code"}
        body["client_id"] = self._config.require_client_id("authenticate_with_code")
        body["client_secret"] = self._config.require_api_key("authenticate_with_code")
        body["code"] = Secret(check_str("authenticate_with_code", "code", code))
        if code_verifier is not None:
            body["code_verifier"] = Secret(
                check_str("authenticate_with_code", "code_verifier", code_verifier)
            )
        if invitation_token is not None:
            body["invitation_token"] = Secret(
                check_str("authenticate_with_code", "invitation_token", invitation_token)
            )
        if ip_address is not None:
            body["ip_address"] = check_str("authenticate_with_code", "ip_address", ip_address)
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_code", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str("authenticate_with_code", "user_agent", user_agent)
        if signals_id is not None:
            body["signals_id"] = check_str("authenticate_with_code", "signals_id", signals_id)
        sealing = session_sealing("authenticate_with_code", session)
        del code, code_verifier, invitation_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_refresh_token(
        self,
        *,
        refresh_token: str,
        organization_id: str | None = None,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Exchange a refresh token for a new access token (and a new refresh token).

        ``POST /user_management/authenticate``

        Args:
            refresh_token (str, required): Secret: never logged.
            organization_id (str, optional): Switch the session to this organization.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='refresh_token', client_id (the client's client_id), client_secret (the API key).

        A public client (client_id only, no API key) may make this call: it then goes
        without the API key (no Authorization header, no client_secret).

        Also known as: authenticateWithRefreshToken (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "refresh_token"}
        body["client_id"] = self._config.require_client_id("authenticate_with_refresh_token")
        if self._config.api_key is not None:
            body["client_secret"] = self._config.api_key
        body["refresh_token"] = Secret(
            check_str("authenticate_with_refresh_token", "refresh_token", refresh_token)
        )
        if organization_id is not None:
            body["organization_id"] = check_str(
                "authenticate_with_refresh_token", "organization_id", organization_id
            )
        if ip_address is not None:
            body["ip_address"] = check_str(
                "authenticate_with_refresh_token", "ip_address", ip_address
            )
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_refresh_token", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str(
                "authenticate_with_refresh_token", "user_agent", user_agent
            )
        sealing = session_sealing("authenticate_with_refresh_token", session)
        del refresh_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            self._config.is_public,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_magic_auth(
        self,
        *,
        code: str,
        email: str,
        invitation_token: str | None = None,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        radar_auth_attempt_id: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Sign a user in with a Magic Auth code.

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The one-time code that was emailed. Secret: never logged.
            email (str, required):
            invitation_token (str, optional): Accept this invitation as part of signing in. Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            radar_auth_attempt_id (str, optional): The radar_auth_attempt_id of the create_user response.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:workos:oauth:grant-type:magic-auth:code', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithMagicAuth (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "urn:workos:oauth:grant-type:magic-auth:code"}
        body["client_id"] = self._config.require_client_id("authenticate_with_magic_auth")
        body["client_secret"] = self._config.require_api_key("authenticate_with_magic_auth")
        body["code"] = Secret(check_str("authenticate_with_magic_auth", "code", code))
        body["email"] = check_str("authenticate_with_magic_auth", "email", email)
        if invitation_token is not None:
            body["invitation_token"] = Secret(
                check_str("authenticate_with_magic_auth", "invitation_token", invitation_token)
            )
        if ip_address is not None:
            body["ip_address"] = check_str("authenticate_with_magic_auth", "ip_address", ip_address)
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_magic_auth", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str("authenticate_with_magic_auth", "user_agent", user_agent)
        if radar_auth_attempt_id is not None:
            body["radar_auth_attempt_id"] = check_str(
                "authenticate_with_magic_auth", "radar_auth_attempt_id", radar_auth_attempt_id
            )
        sealing = session_sealing("authenticate_with_magic_auth", session)
        del code, invitation_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_email_verification(
        self,
        *,
        code: str,
        pending_authentication_token: str,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Finish a sign-in that stopped at email_verification_required.

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The email-verification code. Secret: never logged.
            pending_authentication_token (str, required): From the error that interrupted the sign-in. Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:workos:oauth:grant-type:email-verification:code', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithEmailVerification (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "urn:workos:oauth:grant-type:email-verification:code"}
        body["client_id"] = self._config.require_client_id("authenticate_with_email_verification")
        body["client_secret"] = self._config.require_api_key("authenticate_with_email_verification")
        body["code"] = Secret(check_str("authenticate_with_email_verification", "code", code))
        body["pending_authentication_token"] = Secret(
            check_str(
                "authenticate_with_email_verification",
                "pending_authentication_token",
                pending_authentication_token,
            )
        )
        if ip_address is not None:
            body["ip_address"] = check_str(
                "authenticate_with_email_verification", "ip_address", ip_address
            )
        if device_id is not None:
            body["device_id"] = check_str(
                "authenticate_with_email_verification", "device_id", device_id
            )
        if user_agent is not None:
            body["user_agent"] = check_str(
                "authenticate_with_email_verification", "user_agent", user_agent
            )
        sealing = session_sealing("authenticate_with_email_verification", session)
        del code, pending_authentication_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_totp(
        self,
        *,
        code: str,
        pending_authentication_token: str,
        authentication_challenge_id: str,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Finish a sign-in that stopped at mfa_challenge, with a TOTP code.

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The code from the authenticator app. Secret: never logged.
            pending_authentication_token (str, required): From the error that interrupted the sign-in. Secret: never logged.
            authentication_challenge_id (str, required):
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:workos:oauth:grant-type:mfa-totp', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithTotp (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "urn:workos:oauth:grant-type:mfa-totp"}
        body["client_id"] = self._config.require_client_id("authenticate_with_totp")
        body["client_secret"] = self._config.require_api_key("authenticate_with_totp")
        body["code"] = Secret(check_str("authenticate_with_totp", "code", code))
        body["pending_authentication_token"] = Secret(
            check_str(
                "authenticate_with_totp",
                "pending_authentication_token",
                pending_authentication_token,
            )
        )
        body["authentication_challenge_id"] = check_str(
            "authenticate_with_totp", "authentication_challenge_id", authentication_challenge_id
        )
        if ip_address is not None:
            body["ip_address"] = check_str("authenticate_with_totp", "ip_address", ip_address)
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_totp", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str("authenticate_with_totp", "user_agent", user_agent)
        sealing = session_sealing("authenticate_with_totp", session)
        del code, pending_authentication_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_organization_selection(
        self,
        *,
        pending_authentication_token: str,
        organization_id: str,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Finish a sign-in that stopped at organization_selection_required.

        ``POST /user_management/authenticate``

        Args:
            pending_authentication_token (str, required): From the error that interrupted the sign-in. Secret: never logged.
            organization_id (str, required): The organization the user picked.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:workos:oauth:grant-type:organization-selection', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithOrganizationSelection (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "urn:workos:oauth:grant-type:organization-selection"}
        body["client_id"] = self._config.require_client_id(
            "authenticate_with_organization_selection"
        )
        body["client_secret"] = self._config.require_api_key(
            "authenticate_with_organization_selection"
        )
        body["pending_authentication_token"] = Secret(
            check_str(
                "authenticate_with_organization_selection",
                "pending_authentication_token",
                pending_authentication_token,
            )
        )
        body["organization_id"] = check_str(
            "authenticate_with_organization_selection", "organization_id", organization_id
        )
        if ip_address is not None:
            body["ip_address"] = check_str(
                "authenticate_with_organization_selection", "ip_address", ip_address
            )
        if device_id is not None:
            body["device_id"] = check_str(
                "authenticate_with_organization_selection", "device_id", device_id
            )
        if user_agent is not None:
            body["user_agent"] = check_str(
                "authenticate_with_organization_selection", "user_agent", user_agent
            )
        sealing = session_sealing("authenticate_with_organization_selection", session)
        del pending_authentication_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_device_code(
        self,
        *,
        device_code: str,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Poll for the tokens of a device-authorization flow (RFC 8628).

        ``POST /user_management/authenticate``

        Args:
            device_code (str, required): The device_code from create_device(). Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:ietf:params:oauth:grant-type:device_code', client_id (the client's client_id).

        Also known as: authenticateWithDeviceCode (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {"grant_type": "urn:ietf:params:oauth:grant-type:device_code"}
        body["client_id"] = self._config.require_client_id("authenticate_with_device_code")
        body["device_code"] = Secret(
            check_str("authenticate_with_device_code", "device_code", device_code)
        )
        if ip_address is not None:
            body["ip_address"] = check_str(
                "authenticate_with_device_code", "ip_address", ip_address
            )
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_device_code", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str(
                "authenticate_with_device_code", "user_agent", user_agent
            )
        sealing = session_sealing("authenticate_with_device_code", session)
        del device_code, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_code_pkce(
        self,
        *,
        code: str,
        code_verifier: str,
        client_id: str | None = None,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Exchange an authorization code with PKCE only: the API key is not sent as client_secret (the official SDK's call for public clients).

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The code from the redirect. Secret: never logged.
            code_verifier (str, required): The PKCE verifier matching the URL's code_challenge. Secret: never logged.
            client_id (str, optional): Default: the client's client_id.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='authorization_code', client_id (the client's client_id).

        A public client (client_id only, no API key) may make this call: it then goes
        without the API key (no Authorization header, no client_secret).
        """
        body: dict[str, Any] = {"grant_type": "authorization_code"}
        if client_id is None:
            body["client_id"] = self._config.require_client_id("authenticate_with_code_pkce")
        body["code"] = Secret(check_str("authenticate_with_code_pkce", "code", code))
        body["code_verifier"] = Secret(
            check_str("authenticate_with_code_pkce", "code_verifier", code_verifier)
        )
        if client_id is not None:
            body["client_id"] = check_str("authenticate_with_code_pkce", "client_id", client_id)
        if ip_address is not None:
            body["ip_address"] = check_str("authenticate_with_code_pkce", "ip_address", ip_address)
        if device_id is not None:
            body["device_id"] = check_str("authenticate_with_code_pkce", "device_id", device_id)
        if user_agent is not None:
            body["user_agent"] = check_str("authenticate_with_code_pkce", "user_agent", user_agent)
        sealing = session_sealing("authenticate_with_code_pkce", session)
        del code, code_verifier, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            self._config.is_public,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_radar_email_challenge(
        self,
        *,
        code: str,
        radar_challenge_id: str,
        pending_authentication_token: str,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Finish a sign-in that stopped at a Radar email challenge.

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The code Radar emailed. Secret: never logged.
            radar_challenge_id (str, required): The id of the Radar challenge.
            pending_authentication_token (str, required): From the error that interrupted the sign-in. Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:workos:oauth:grant-type:radar-email-challenge:code', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithRadarEmailChallenge (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {
            "grant_type": "urn:workos:oauth:grant-type:radar-email-challenge:code"
        }
        body["client_id"] = self._config.require_client_id(
            "authenticate_with_radar_email_challenge"
        )
        body["client_secret"] = self._config.require_api_key(
            "authenticate_with_radar_email_challenge"
        )
        body["code"] = Secret(check_str("authenticate_with_radar_email_challenge", "code", code))
        body["radar_challenge_id"] = check_str(
            "authenticate_with_radar_email_challenge", "radar_challenge_id", radar_challenge_id
        )
        body["pending_authentication_token"] = Secret(
            check_str(
                "authenticate_with_radar_email_challenge",
                "pending_authentication_token",
                pending_authentication_token,
            )
        )
        if ip_address is not None:
            body["ip_address"] = check_str(
                "authenticate_with_radar_email_challenge", "ip_address", ip_address
            )
        if device_id is not None:
            body["device_id"] = check_str(
                "authenticate_with_radar_email_challenge", "device_id", device_id
            )
        if user_agent is not None:
            body["user_agent"] = check_str(
                "authenticate_with_radar_email_challenge", "user_agent", user_agent
            )
        sealing = session_sealing("authenticate_with_radar_email_challenge", session)
        del code, pending_authentication_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def authenticate_with_radar_sms_challenge(
        self,
        *,
        code: str,
        pending_authentication_token: str,
        verification_id: str | None = None,
        phone_number: str | None = None,
        ip_address: str | None = None,
        device_id: str | None = None,
        user_agent: str | None = None,
        session: SessionOptions | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationResponse:
        """Finish a sign-in that stopped at a Radar SMS challenge.

        ``POST /user_management/authenticate``

        Args:
            code (str, required): The code Radar sent by SMS. Secret: never logged.
            verification_id (str, optional): From create_radar_challenge().
            phone_number (str, optional): The phone number the code went to.
            pending_authentication_token (str, required): From the error that interrupted the sign-in. Secret: never logged.
            ip_address (str, optional): The end user's IP address.
            device_id (str, optional): An id of the end user's device.
            user_agent (str, optional): The end user's User-Agent.
            session (SessionOptions, optional): {"seal_session": True, "cookie_password": ...}
                also seals the result into ``result.sealed_session`` (the
                ``wos-session`` cookie value; default password: WORKOS_COOKIE_PASSWORD).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: grant_type='urn:workos:oauth:grant-type:radar-sms-challenge:code', client_id (the client's client_id), client_secret (the API key).

        Also known as: authenticateWithRadarSmsChallenge (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {
            "grant_type": "urn:workos:oauth:grant-type:radar-sms-challenge:code"
        }
        body["client_id"] = self._config.require_client_id("authenticate_with_radar_sms_challenge")
        body["client_secret"] = self._config.require_api_key(
            "authenticate_with_radar_sms_challenge"
        )
        body["code"] = Secret(check_str("authenticate_with_radar_sms_challenge", "code", code))
        if verification_id is not None:
            body["verification_id"] = check_str(
                "authenticate_with_radar_sms_challenge", "verification_id", verification_id
            )
        if phone_number is not None:
            body["phone_number"] = check_str(
                "authenticate_with_radar_sms_challenge", "phone_number", phone_number
            )
        body["pending_authentication_token"] = Secret(
            check_str(
                "authenticate_with_radar_sms_challenge",
                "pending_authentication_token",
                pending_authentication_token,
            )
        )
        if ip_address is not None:
            body["ip_address"] = check_str(
                "authenticate_with_radar_sms_challenge", "ip_address", ip_address
            )
        if device_id is not None:
            body["device_id"] = check_str(
                "authenticate_with_radar_sms_challenge", "device_id", device_id
            )
        if user_agent is not None:
            body["user_agent"] = check_str(
                "authenticate_with_radar_sms_challenge", "user_agent", user_agent
            )
        sealing = session_sealing("authenticate_with_radar_sms_challenge", session)
        del code, pending_authentication_token, session
        result: AuthenticationResponse = await self._transport.request(
            "POST",
            "/user_management/authenticate",
            "/user_management/authenticate",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_RESPONSE,
        )
        seal_into(self._transport, result, sealing)
        return result

    async def create_radar_challenge(
        self,
        *,
        user_id: str,
        pending_authentication_token: str,
        phone_number: str,
        ip_address: str | None = None,
        user_agent: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> RadarSmsChallenge:
        """Send a Radar SMS code to the user (for a sign-in that stopped at a Radar challenge); finish with authenticate_with_radar_sms_challenge.

        ``POST /user_management/radar_challenges``

        Args:
            user_id (str, required):
            pending_authentication_token (str, required): From the error that interrupted the sign-in. Secret: never logged.
            phone_number (str, required): Where to send the SMS code.
            ip_address (str, optional): The end user's IP address.
            user_agent (str, optional): The end user's User-Agent.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        body: dict[str, Any] = {}
        body["user_id"] = check_str("create_radar_challenge", "user_id", user_id)
        body["pending_authentication_token"] = Secret(
            check_str(
                "create_radar_challenge",
                "pending_authentication_token",
                pending_authentication_token,
            )
        )
        body["phone_number"] = check_str("create_radar_challenge", "phone_number", phone_number)
        if ip_address is not None:
            body["ip_address"] = check_str("create_radar_challenge", "ip_address", ip_address)
        if user_agent is not None:
            body["user_agent"] = check_str("create_radar_challenge", "user_agent", user_agent)
        del pending_authentication_token
        result: RadarSmsChallenge = await self._transport.request(
            "POST",
            "/user_management/radar_challenges",
            "/user_management/radar_challenges",
            None,
            body,
            request_options,
            False,
            _DECODE_RADAR_SMS_CHALLENGE,
        )
        return result

    async def get_radar_challenge(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> RadarChallenge:
        """Get a Radar email challenge.

        ``GET /user_management/radar_challenges/{id}``

        Args:
            id (str, required): The Radar challenge's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/user_management/radar_challenges/" + path_segment(id, "id", "get_radar_challenge")
        result: RadarChallenge = await self._transport.request(
            "GET",
            path,
            "/user_management/radar_challenges/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_RADAR_CHALLENGE,
        )
        return result

    async def create_device(
        self, *, client_id: str | None = None, request_options: RequestOptions | None = None
    ) -> DeviceAuthorization:
        """Start a device-authorization flow (RFC 8628): a user code to show and a URL.

        ``POST /user_management/authorize/device``

        Args:
            client_id (str, optional): Default: the client's client_id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also sends: client_id (the client's client_id).

        Public endpoint: sent without the API key.

        Also known as: createDevice (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        if client_id is None:
            body["client_id"] = self._config.require_client_id("create_device")
        if client_id is not None:
            body["client_id"] = check_str("create_device", "client_id", client_id)
        result: DeviceAuthorization = await self._transport.request(
            "POST",
            "/user_management/authorize/device",
            "/user_management/authorize/device",
            None,
            body,
            request_options,
            True,
            _DECODE_DEVICE_AUTHORIZATION,
        )
        return result

    async def get_jwks(
        self, client_id: str, *, request_options: RequestOptions | None = None
    ) -> Jwks:
        """The JSON Web Key Set that signs the access tokens of a client.

        ``GET /sso/jwks/{client_id}``

        Args:
            client_id (str, required): The client id the access tokens were issued to.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getJwks (WorkOS's Node/PHP SDKs).
        """
        path = "/sso/jwks/" + path_segment(client_id, "client_id", "get_jwks")
        result: Jwks = await self._transport.request(
            "GET", path, "/sso/jwks/{client_id}", None, None, request_options, False, _DECODE_JWKS
        )
        return result

    async def create_magic_auth(
        self,
        *,
        email: str,
        invitation_token: str | None = None,
        ip_address: str | None = None,
        user_agent: str | None = None,
        radar_auth_attempt_id: str | None = None,
        signals_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> MagicAuth:
        """Create a Magic Auth one-time code and email it to the user.

        ``POST /user_management/magic_auth``

        Args:
            email (str, required):
            invitation_token (str, optional): Accept this invitation as part of signing in. Secret: never logged.
            ip_address (str, optional): The end user's IP address (for Radar).
            user_agent (str, optional): The end user's User-Agent (for Radar).
            radar_auth_attempt_id (str, optional): The radar_auth_attempt_id of the create_user response.
            signals_id (str, optional): The Radar signals id collected in the browser.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: createMagicAuth (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["email"] = check_str("create_magic_auth", "email", email)
        if invitation_token is not None:
            body["invitation_token"] = Secret(
                check_str("create_magic_auth", "invitation_token", invitation_token)
            )
        if ip_address is not None:
            body["ip_address"] = check_str("create_magic_auth", "ip_address", ip_address)
        if user_agent is not None:
            body["user_agent"] = check_str("create_magic_auth", "user_agent", user_agent)
        if radar_auth_attempt_id is not None:
            body["radar_auth_attempt_id"] = check_str(
                "create_magic_auth", "radar_auth_attempt_id", radar_auth_attempt_id
            )
        if signals_id is not None:
            body["signals_id"] = check_str("create_magic_auth", "signals_id", signals_id)
        del invitation_token
        result: MagicAuth = await self._transport.request(
            "POST",
            "/user_management/magic_auth",
            "/user_management/magic_auth",
            None,
            body,
            request_options,
            False,
            _DECODE_MAGIC_AUTH,
        )
        return result

    async def get_magic_auth(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> MagicAuth:
        """Get a Magic Auth code's details.

        ``GET /user_management/magic_auth/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getMagicAuth (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/magic_auth/" + path_segment(id, "id", "get_magic_auth")
        result: MagicAuth = await self._transport.request(
            "GET",
            path,
            "/user_management/magic_auth/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_MAGIC_AUTH,
        )
        return result

    async def reset_password(
        self, *, email: str, request_options: RequestOptions | None = None
    ) -> PasswordReset:
        """Create a password-reset token and email the user a reset link (the official SDK's name; it does not change the password: see confirm_password_reset).

        ``POST /user_management/password_reset``

        Args:
            email (str, required): The user's email address.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: createPasswordReset, resetPassword (PHP) (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["email"] = check_str("reset_password", "email", email)
        result: PasswordReset = await self._transport.request(
            "POST",
            "/user_management/password_reset",
            "/user_management/password_reset",
            None,
            body,
            request_options,
            False,
            _DECODE_PASSWORD_RESET,
        )
        return result

    async def confirm_password_reset(
        self, *, token: str, new_password: str, request_options: RequestOptions | None = None
    ) -> ResetPasswordResponse:
        """Set a new password with a password-reset token.

        ``POST /user_management/password_reset/confirm``

        Args:
            token (str, required): The password-reset token. Secret: never logged.
            new_password (str, required): Secret: never logged.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: resetPassword (Node), confirmPasswordReset (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["token"] = Secret(check_str("confirm_password_reset", "token", token))
        body["new_password"] = Secret(
            check_str("confirm_password_reset", "new_password", new_password)
        )
        del token, new_password
        result: ResetPasswordResponse = await self._transport.request(
            "POST",
            "/user_management/password_reset/confirm",
            "/user_management/password_reset/confirm",
            None,
            body,
            request_options,
            False,
            _DECODE_RESET_PASSWORD_RESPONSE,
        )
        return result

    async def get_password_reset(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> PasswordReset:
        """Get a password-reset token's details.

        ``GET /user_management/password_reset/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getPasswordReset (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/password_reset/" + path_segment(id, "id", "get_password_reset")
        result: PasswordReset = await self._transport.request(
            "GET",
            path,
            "/user_management/password_reset/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_PASSWORD_RESET,
        )
        return result

    async def get_email_verification(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> EmailVerification:
        """Get an email-verification code's details.

        ``GET /user_management/email_verification/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getEmailVerification (WorkOS's Node/PHP SDKs).
        """
        path = "/user_management/email_verification/" + path_segment(
            id, "id", "get_email_verification"
        )
        result: EmailVerification = await self._transport.request(
            "GET",
            path,
            "/user_management/email_verification/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_EMAIL_VERIFICATION,
        )
        return result

    async def revoke_session(
        self,
        *,
        session_id: str,
        return_to: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Revoke a session: its refresh token stops working.

        ``POST /user_management/sessions/revoke``

        Args:
            session_id (str, required):
            return_to (str, optional): Where the user lands after logging out.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: revokeSession (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["session_id"] = check_str("revoke_session", "session_id", session_id)
        if return_to is not None:
            body["return_to"] = check_str("revoke_session", "return_to", return_to)
        await self._transport.request(
            "POST",
            "/user_management/sessions/revoke",
            "/user_management/sessions/revoke",
            None,
            body,
            request_options,
            False,
            None,
        )

    def list_auth_factors(
        self,
        user_id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[AuthenticationFactor]:
        """List a user's MFA factors.

        ``GET /user_management/users/{user_id}/auth_factors``

        Args:
            user_id (str, required):
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: listAuthFactors (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "list_auth_factors")
            + "/auth_factors"
        )
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_auth_factors", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_auth_factors", "before", before)
        if after is not None:
            query["after"] = check_str("list_auth_factors", "after", after)
        if order is not None:
            query["order"] = check_str("list_auth_factors", "order", order)
        check_max_items("list_auth_factors", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/users/{user_id}/auth_factors",
            query,
            (),
            _DECODE_AUTHENTICATION_FACTOR_PAGE,
            request_options,
            max_items,
        )

    async def enroll_auth_factor(
        self,
        user_id: str,
        *,
        type: Literal["totp"] | str,
        totp_issuer: str | None = None,
        totp_user: str | None = None,
        totp_secret: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> EnrollAuthFactorResponse:
        """Enroll an MFA factor for a user; returns the factor and a first challenge.

        ``POST /user_management/users/{user_id}/auth_factors``

        Args:
            user_id (str, required):
            type (str, required): The kind of factor. One of: totp.
            totp_issuer (str, optional): The issuer shown in the authenticator app.
            totp_user (str, optional): The account name shown in the authenticator app.
            totp_secret (str, optional): Your own TOTP secret (default: generated). Secret: never logged.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: enrollAuthFactor (WorkOS's Node/PHP SDKs).
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "enroll_auth_factor")
            + "/auth_factors"
        )
        body: dict[str, Any] = {}
        body["type"] = check_str("enroll_auth_factor", "type", type)
        if totp_issuer is not None:
            body["totp_issuer"] = check_str("enroll_auth_factor", "totp_issuer", totp_issuer)
        if totp_user is not None:
            body["totp_user"] = check_str("enroll_auth_factor", "totp_user", totp_user)
        if totp_secret is not None:
            body["totp_secret"] = Secret(
                check_str("enroll_auth_factor", "totp_secret", totp_secret)
            )
        del totp_secret
        result: EnrollAuthFactorResponse = await self._transport.request(
            "POST",
            path,
            "/user_management/users/{user_id}/auth_factors",
            None,
            body,
            request_options,
            False,
            _DECODE_ENROLL_AUTH_FACTOR_RESPONSE,
        )
        return result

    async def get_factor(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> AuthenticationFactor:
        """Get an MFA factor.

        ``GET /auth/factors/{id}``

        Args:
            id (str, required): The factor's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: getFactor (WorkOS's Node/PHP SDKs).
        """
        path = "/auth/factors/" + path_segment(id, "id", "get_factor")
        result: AuthenticationFactor = await self._transport.request(
            "GET",
            path,
            "/auth/factors/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_AUTHENTICATION_FACTOR,
        )
        return result

    async def delete_factor(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Delete an MFA factor.

        ``DELETE /auth/factors/{id}``

        Args:
            id (str, required): The factor's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: deleteFactor (WorkOS's Node/PHP SDKs).
        """
        path = "/auth/factors/" + path_segment(id, "id", "delete_factor")
        await self._transport.request(
            "DELETE", path, "/auth/factors/{id}", None, None, request_options, False, None
        )

    async def challenge_factor(
        self,
        id: str,
        *,
        sms_template: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationChallenge:
        """Create a challenge for an MFA factor.

        ``POST /auth/factors/{id}/challenge``

        Args:
            id (str, required): The factor's id.
            sms_template (str, optional): The SMS text, with {{code}} for the code.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: challengeFactor (WorkOS's Node/PHP SDKs).
        """
        path = "/auth/factors/" + path_segment(id, "id", "challenge_factor") + "/challenge"
        body: dict[str, Any] = {}
        if sms_template is not None:
            body["sms_template"] = check_str("challenge_factor", "sms_template", sms_template)
        result: AuthenticationChallenge = await self._transport.request(
            "POST",
            path,
            "/auth/factors/{id}/challenge",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_CHALLENGE,
        )
        return result

    async def verify_challenge(
        self, id: str, *, code: str, request_options: RequestOptions | None = None
    ) -> AuthenticationChallengeVerifyResponse:
        """Verify the code of an MFA challenge.

        ``POST /auth/challenges/{id}/verify``

        Args:
            id (str, required): The challenge's id.
            code (str, required): The code the user entered. Secret: never logged.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: verifyChallenge (WorkOS's Node/PHP SDKs).
        """
        path = "/auth/challenges/" + path_segment(id, "id", "verify_challenge") + "/verify"
        body: dict[str, Any] = {}
        body["code"] = Secret(check_str("verify_challenge", "code", code))
        del code
        result: AuthenticationChallengeVerifyResponse = await self._transport.request(
            "POST",
            path,
            "/auth/challenges/{id}/verify",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_CHALLENGE_VERIFY_RESPONSE,
        )
        return result

    async def create_redirect_uri(
        self, *, uri: str, request_options: RequestOptions | None = None
    ) -> RedirectUri:
        """Add a redirect URI to the environment.

        ``POST /user_management/redirect_uris``

        Args:
            uri (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: createRedirectUri (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["uri"] = check_str("create_redirect_uri", "uri", uri)
        result: RedirectUri = await self._transport.request(
            "POST",
            "/user_management/redirect_uris",
            "/user_management/redirect_uris",
            None,
            body,
            request_options,
            False,
            _DECODE_REDIRECT_URI,
        )
        return result

    def list_redirect_uris(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[RedirectUri]:
        """List the environment's redirect URIs.

        ``GET /user_management/redirect_uris``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_redirect_uris", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_redirect_uris", "before", before)
        if after is not None:
            query["after"] = check_str("list_redirect_uris", "after", after)
        if order is not None:
            query["order"] = check_str("list_redirect_uris", "order", order)
        check_max_items("list_redirect_uris", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/redirect_uris",
            "/user_management/redirect_uris",
            query,
            (),
            _DECODE_REDIRECT_URI_PAGE,
            request_options,
            max_items,
        )

    async def delete_redirect_uris(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Remove a redirect URI from the environment (the official SDK's name, plural).

        ``DELETE /user_management/redirect_uris/{id}``

        Args:
            id (str, required): The redirect URI's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/user_management/redirect_uris/" + path_segment(id, "id", "delete_redirect_uris")
        await self._transport.request(
            "DELETE",
            path,
            "/user_management/redirect_uris/{id}",
            None,
            None,
            request_options,
            False,
            None,
        )

    def list_cors_origins(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[CorsOrigin]:
        """List the environment's allowed CORS origins.

        ``GET /user_management/cors_origins``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_cors_origins", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_cors_origins", "before", before)
        if after is not None:
            query["after"] = check_str("list_cors_origins", "after", after)
        if order is not None:
            query["order"] = check_str("list_cors_origins", "order", order)
        check_max_items("list_cors_origins", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/cors_origins",
            "/user_management/cors_origins",
            query,
            (),
            _DECODE_CORS_ORIGIN_PAGE,
            request_options,
            max_items,
        )

    async def create_cors_origin(
        self, *, origin: str, request_options: RequestOptions | None = None
    ) -> CorsOrigin:
        """Allow a browser origin (CORS) to call the client-side APIs.

        ``POST /user_management/cors_origins``

        Args:
            origin (str, required): e.g. https://app.example.com
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: createCorsOrigin (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["origin"] = check_str("create_cors_origin", "origin", origin)
        result: CorsOrigin = await self._transport.request(
            "POST",
            "/user_management/cors_origins",
            "/user_management/cors_origins",
            None,
            body,
            request_options,
            False,
            _DECODE_CORS_ORIGIN,
        )
        return result

    async def get_jwt_template(
        self, *, request_options: RequestOptions | None = None
    ) -> JwtTemplate:
        """Get the template of the access token's custom claims (the official SDK also calls it list_jwt_template: one template, not a list).

        ``GET /user_management/jwt_template``

        Args:
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        result: JwtTemplate = await self._transport.request(
            "GET",
            "/user_management/jwt_template",
            "/user_management/jwt_template",
            None,
            None,
            request_options,
            False,
            _DECODE_JWT_TEMPLATE,
        )
        return result

    async def update_jwt_template(
        self, *, content: str, request_options: RequestOptions | None = None
    ) -> JwtTemplate:
        """Replace the template of the access token's custom claims.

        ``PUT /user_management/jwt_template``

        Args:
            content (str, required): The template (JSON with {{...}} fields).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.

        Also known as: updateJWTTemplate (WorkOS's Node/PHP SDKs).
        """
        body: dict[str, Any] = {}
        body["content"] = check_str("update_jwt_template", "content", content)
        result: JwtTemplate = await self._transport.request(
            "PUT",
            "/user_management/jwt_template",
            "/user_management/jwt_template",
            None,
            body,
            request_options,
            False,
            _DECODE_JWT_TEMPLATE,
        )
        return result

    def list_authkit_oauth_resources(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[AuthkitOAuthResource]:
        """List the AuthKit OAuth resources (APIs access tokens can be issued for).

        ``GET /user_management/authkit_oauth_resources``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_authkit_oauth_resources", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_authkit_oauth_resources", "before", before)
        if after is not None:
            query["after"] = check_str("list_authkit_oauth_resources", "after", after)
        if order is not None:
            query["order"] = check_str("list_authkit_oauth_resources", "order", order)
        check_max_items("list_authkit_oauth_resources", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/authkit_oauth_resources",
            "/user_management/authkit_oauth_resources",
            query,
            (),
            _DECODE_AUTHKIT_O_AUTH_RESOURCE_PAGE,
            request_options,
            max_items,
        )

    async def create_authkit_oauth_resource(
        self,
        *,
        uri: str,
        default: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthkitOAuthResource:
        """Add an AuthKit OAuth resource.

        ``POST /user_management/authkit_oauth_resources``

        Args:
            uri (str, required): The resource's URI.
            default (bool, optional): Issue tokens for it when no resource is asked for.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        body: dict[str, Any] = {}
        body["uri"] = check_str("create_authkit_oauth_resource", "uri", uri)
        if default is not None:
            body["default"] = check_bool("create_authkit_oauth_resource", "default", default)
        result: AuthkitOAuthResource = await self._transport.request(
            "POST",
            "/user_management/authkit_oauth_resources",
            "/user_management/authkit_oauth_resources",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHKIT_O_AUTH_RESOURCE,
        )
        return result

    async def delete_authkit_oauth_resource(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Remove an AuthKit OAuth resource.

        ``DELETE /user_management/authkit_oauth_resources/{id}``

        Args:
            id (str, required): The resource's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/user_management/authkit_oauth_resources/" + path_segment(
            id, "id", "delete_authkit_oauth_resource"
        )
        await self._transport.request(
            "DELETE",
            path,
            "/user_management/authkit_oauth_resources/{id}",
            None,
            None,
            request_options,
            False,
            None,
        )

    def list_waitlists(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[Waitlist]:
        """List the environment's waitlists (one page: WorkOS returns them all at once).

        ``GET /user_management/waitlists``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_waitlists", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_waitlists", "before", before)
        if after is not None:
            query["after"] = check_str("list_waitlists", "after", after)
        if order is not None:
            query["order"] = check_str("list_waitlists", "order", order)
        check_max_items("list_waitlists", max_items, query)
        return make_pager(
            self._transport,
            "/user_management/waitlists",
            "/user_management/waitlists",
            query,
            (),
            _DECODE_WAITLIST_PAGE,
            request_options,
            max_items,
        )

    async def get_waitlist(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> Waitlist:
        """Get a waitlist ('default': the environment's default waitlist).

        ``GET /user_management/waitlists/{id}``

        Args:
            id (str, required): The waitlist's id, or 'default'.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/user_management/waitlists/" + path_segment(id, "id", "get_waitlist")
        result: Waitlist = await self._transport.request(
            "GET",
            path,
            "/user_management/waitlists/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_WAITLIST,
        )
        return result

    def list_waitlist_entries(
        self,
        id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        state: State | str | None = None,
        email: str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[WaitlistEntry]:
        """List the entries of a waitlist.

        ``GET /user_management/waitlists/{id}/entries``

        Args:
            id (str, required): The waitlist's id, or 'default'.
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            state (str, optional): Only entries in it. One of: pending, approved, denied.
            email (str, optional): Only the entry of this exact email address.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/waitlists/"
            + path_segment(id, "id", "list_waitlist_entries")
            + "/entries"
        )
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_waitlist_entries", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_waitlist_entries", "before", before)
        if after is not None:
            query["after"] = check_str("list_waitlist_entries", "after", after)
        if order is not None:
            query["order"] = check_str("list_waitlist_entries", "order", order)
        if state is not None:
            query["state"] = check_str("list_waitlist_entries", "state", state)
        if email is not None:
            query["email"] = check_str("list_waitlist_entries", "email", email)
        check_max_items("list_waitlist_entries", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/waitlists/{id}/entries",
            query,
            (),
            _DECODE_WAITLIST_ENTRY_PAGE,
            request_options,
            max_items,
        )

    async def create_waitlist_entry(
        self,
        id: str,
        *,
        email: str,
        additional_fields: Mapping[str, str] | None = None,
        send_confirmation_email: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> WaitlistEntry:
        """Add someone to a waitlist.

        ``POST /user_management/waitlists/{id}/entries``

        Args:
            id (str, required): The waitlist's id, or 'default' (created on first use).
            email (str, required):
            additional_fields (Mapping[str, str], optional): Extra sign-up fields.
            send_confirmation_email (bool, optional): Email the person a confirmation.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/waitlists/"
            + path_segment(id, "id", "create_waitlist_entry")
            + "/entries"
        )
        body: dict[str, Any] = {}
        body["email"] = check_str("create_waitlist_entry", "email", email)
        if additional_fields is not None:
            body["additional_fields"] = check_mapping(
                "create_waitlist_entry", "additional_fields", additional_fields
            )
        if send_confirmation_email is not None:
            body["send_confirmation_email"] = check_bool(
                "create_waitlist_entry", "send_confirmation_email", send_confirmation_email
            )
        result: WaitlistEntry = await self._transport.request(
            "POST",
            path,
            "/user_management/waitlists/{id}/entries",
            None,
            body,
            request_options,
            False,
            _DECODE_WAITLIST_ENTRY,
        )
        return result

    async def create_waitlist_entry_approve(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> WaitlistEntry:
        """Approve a waitlist entry: WorkOS invites its email address (the official SDK's name).

        ``POST /user_management/waitlist_entries/{id}/approve``

        Args:
            id (str, required): The waitlist entry's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/waitlist_entries/"
            + path_segment(id, "id", "create_waitlist_entry_approve")
            + "/approve"
        )
        result: WaitlistEntry = await self._transport.request(
            "POST",
            path,
            "/user_management/waitlist_entries/{id}/approve",
            None,
            {},
            request_options,
            False,
            _DECODE_WAITLIST_ENTRY,
        )
        return result

    async def create_waitlist_entry_deny(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> WaitlistEntry:
        """Deny a pending waitlist entry (the official SDK's name).

        ``POST /user_management/waitlist_entries/{id}/deny``

        Args:
            id (str, required): The waitlist entry's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/waitlist_entries/"
            + path_segment(id, "id", "create_waitlist_entry_deny")
            + "/deny"
        )
        result: WaitlistEntry = await self._transport.request(
            "POST",
            path,
            "/user_management/waitlist_entries/{id}/deny",
            None,
            {},
            request_options,
            False,
            _DECODE_WAITLIST_ENTRY,
        )
        return result

    async def delete_waitlist_entry(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Remove an entry from its waitlist.

        ``DELETE /user_management/waitlist_entries/{id}``

        Args:
            id (str, required): The waitlist entry's id.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/user_management/waitlist_entries/" + path_segment(
            id, "id", "delete_waitlist_entry"
        )
        await self._transport.request(
            "DELETE",
            path,
            "/user_management/waitlist_entries/{id}",
            None,
            None,
            request_options,
            False,
            None,
        )

    def list_user_api_keys(
        self,
        user_id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        organization_id: str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[UserApiKey]:
        """List a user's API keys (feature flag user-api-keys).

        ``GET /user_management/users/{user_id}/api_keys``

        Args:
            user_id (str, required):
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            organization_id (str, optional): Only keys of this organization.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "list_user_api_keys")
            + "/api_keys"
        )
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_user_api_keys", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_user_api_keys", "before", before)
        if after is not None:
            query["after"] = check_str("list_user_api_keys", "after", after)
        if order is not None:
            query["order"] = check_str("list_user_api_keys", "order", order)
        if organization_id is not None:
            query["organization_id"] = check_str(
                "list_user_api_keys", "organization_id", organization_id
            )
        check_max_items("list_user_api_keys", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/users/{user_id}/api_keys",
            query,
            (),
            _DECODE_USER_API_KEY_PAGE,
            request_options,
            max_items,
        )

    async def create_user_api_key(
        self,
        user_id: str,
        *,
        name: str,
        organization_id: str,
        permissions: Sequence[str] | None = None,
        expires_at: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> UserApiKeyWithValue:
        """Create an API key for a user; its value is returned only this once.

        ``POST /user_management/users/{user_id}/api_keys``

        Args:
            user_id (str, required):
            name (str, required):
            organization_id (str, required):
            permissions (Sequence[str], optional): Permission slugs granted to the key.
            expires_at (str, optional): When the key stops working (ISO 8601); default: never.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "create_user_api_key")
            + "/api_keys"
        )
        body: dict[str, Any] = {}
        body["name"] = check_str("create_user_api_key", "name", name)
        body["organization_id"] = check_str(
            "create_user_api_key", "organization_id", organization_id
        )
        if permissions is not None:
            body["permissions"] = check_str_sequence(
                "create_user_api_key", "permissions", permissions
            )
        if expires_at is not None:
            body["expires_at"] = check_str("create_user_api_key", "expires_at", expires_at)
        result: UserApiKeyWithValue = await self._transport.request(
            "POST",
            path,
            "/user_management/users/{user_id}/api_keys",
            None,
            body,
            request_options,
            False,
            _DECODE_USER_API_KEY_WITH_VALUE,
        )
        return result

    def list_user_feature_flags(
        self,
        user_id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[FeatureFlag]:
        """List the feature flags enabled for a user.

        ``GET /user_management/users/{user_id}/feature-flags``

        Args:
            user_id (str, required):
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "list_user_feature_flags")
            + "/feature-flags"
        )
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_user_feature_flags", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_user_feature_flags", "before", before)
        if after is not None:
            query["after"] = check_str("list_user_feature_flags", "after", after)
        if order is not None:
            query["order"] = check_str("list_user_feature_flags", "order", order)
        check_max_items("list_user_feature_flags", max_items, query)
        return make_pager(
            self._transport,
            path,
            "/user_management/users/{user_id}/feature-flags",
            query,
            (),
            _DECODE_FEATURE_FLAG_PAGE,
            request_options,
            max_items,
        )

    async def get_user_connected_account(
        self,
        user_id: str,
        slug: str,
        *,
        organization_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ConnectedAccount:
        """Get a user's connected account for a data provider.

        ``GET /user_management/users/{user_id}/connected_accounts/{slug}``

        Args:
            user_id (str, required):
            slug (str, required): The data provider's slug.
            organization_id (str, optional):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "get_user_connected_account")
            + "/connected_accounts/"
            + path_segment(slug, "slug", "get_user_connected_account")
        )
        query: dict[str, Any] = {}
        if organization_id is not None:
            query["organization_id"] = check_str(
                "get_user_connected_account", "organization_id", organization_id
            )
        result: ConnectedAccount = await self._transport.request(
            "GET",
            path,
            "/user_management/users/{user_id}/connected_accounts/{slug}",
            query_items(query),
            None,
            request_options,
            False,
            _DECODE_CONNECTED_ACCOUNT,
        )
        return result

    async def delete_user_connected_account(
        self,
        user_id: str,
        slug: str,
        *,
        organization_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Disconnect a user's connected account.

        ``DELETE /user_management/users/{user_id}/connected_accounts/{slug}``

        Args:
            user_id (str, required):
            slug (str, required): The data provider's slug.
            organization_id (str, optional):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "delete_user_connected_account")
            + "/connected_accounts/"
            + path_segment(slug, "slug", "delete_user_connected_account")
        )
        query: dict[str, Any] = {}
        if organization_id is not None:
            query["organization_id"] = check_str(
                "delete_user_connected_account", "organization_id", organization_id
            )
        await self._transport.request(
            "DELETE",
            path,
            "/user_management/users/{user_id}/connected_accounts/{slug}",
            query_items(query),
            None,
            request_options,
            False,
            None,
        )

    async def list_user_data_providers(
        self,
        user_id: str,
        *,
        organization_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> DataProviderList:
        """List the data providers available to a user, with their connection state.

        ``GET /user_management/users/{user_id}/data_providers``

        Args:
            user_id (str, required):
            organization_id (str, optional):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = (
            "/user_management/users/"
            + path_segment(user_id, "user_id", "list_user_data_providers")
            + "/data_providers"
        )
        query: dict[str, Any] = {}
        if organization_id is not None:
            query["organization_id"] = check_str(
                "list_user_data_providers", "organization_id", organization_id
            )
        result: DataProviderList = await self._transport.request(
            "GET",
            path,
            "/user_management/users/{user_id}/data_providers",
            query_items(query),
            None,
            request_options,
            False,
            _DECODE_DATA_PROVIDER_LIST,
        )
        return result

    list_jwt_template = placed(get_jwt_template)
