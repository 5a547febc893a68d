# GENERATED from workos_async/_endpoints.py by `python -m workos_async._stubgen`.
# Do not edit: change the table and regenerate (tests/test_stubs.py checks it).

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from ._config import RequestOptions
from ._helpers import UserManagementSessions, UserManagementUrls
from ._types import NotGiven
from ._binding import AsyncResource
from ._pagination import AsyncPager
from .models import AuthenticationChallenge, AuthenticationChallengeVerifyResponse, AuthenticationFactor, AuthenticationFactorEnrolled, AuthenticationResponse, AuthkitOAuthResource, AuthorizedApplication, ConnectedAccount, CorsOrigin, DataProviderList, DeviceAuthorization, EmailChange, EmailChangeConfirmation, EmailVerification, EnrollAuthFactorResponse, FeatureFlag, Group, Invitation, Jwks, JwtTemplate, MagicAuth, Organization, OrganizationMembership, PasswordReset, RadarChallenge, RadarSmsChallenge, RedirectUri, ResetPasswordResponse, SendVerificationEmailResponse, Session, User, UserApiKey, UserApiKeyWithValue, UserIdentity, VerifyEmailResponse, Waitlist, WaitlistEntry


class AsyncUserManagement(UserManagementUrls, UserManagementSessions, AsyncResource):
    def list_users(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., organization: str | None = ..., organization_id: str | None = ..., email: str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[User]:
        """List users, newest first by default."""
    async def create_user(self, *, email: str, password: str | None = ..., password_hash: str | None = ..., password_hash_type: Literal['bcrypt', 'firebase-scrypt', 'ssha', 'ssha256', 'scrypt', 'pbkdf2', 'argon2'] | str | None = ..., password_salt_position: Literal['prefix', 'suffix'] | str | None = ..., first_name: str | None = ..., last_name: str | None = ..., name: str | None = ..., email_verified: bool | None = ..., external_id: str | None = ..., metadata: Mapping[str, str] | None = ..., ip_address: str | None = ..., user_agent: str | None = ..., signals_id: str | None = ..., request_options: RequestOptions | None = ...) -> User:
        """Create a user (the response carries radar_auth_attempt_id when Radar assessed it)."""
    async def get_user(self, id: str, *, request_options: RequestOptions | None = ...) -> User:
        """Get a user by id."""
    async def get_user_by_external_id(self, external_id: str, *, request_options: RequestOptions | None = ...) -> User:
        """Get a user by the external id you gave it."""
    async def update_user(self, id: str, *, email: str | None = ..., first_name: str | None = ..., last_name: str | None = ..., name: str | None = ..., email_verified: bool | None = ..., password: str | None = ..., password_hash: str | None = ..., password_hash_type: Literal['bcrypt', 'firebase-scrypt', 'ssha', 'ssha256', 'scrypt', 'pbkdf2', 'argon2'] | str | None = ..., password_salt_position: Literal['prefix', 'suffix'] | str | None = ..., external_id: str | None | NotGiven = ..., metadata: Mapping[str, str] | None | NotGiven = ..., locale: str | None | NotGiven = ..., request_options: RequestOptions | None = ...) -> User:
        """Update a user: only the arguments given are changed."""
    async def delete_user(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Delete a user."""
    async def send_verification_email(self, id: str, *, request_options: RequestOptions | None = ...) -> SendVerificationEmailResponse:
        """Send the user an email-verification code."""
    async def verify_email(self, id: str, *, code: str, request_options: RequestOptions | None = ...) -> VerifyEmailResponse:
        """Verify the user's email with the code they received."""
    async def send_email_change(self, id: str, *, new_email: str, request_options: RequestOptions | None = ...) -> EmailChange:
        """Send a code to confirm a change of the user's email address."""
    async def confirm_email_change(self, id: str, *, code: str, request_options: RequestOptions | None = ...) -> EmailChangeConfirmation:
        """Confirm an email change with the code sent to the new address."""
    async def get_user_identities(self, id: str, *, request_options: RequestOptions | None = ...) -> list[UserIdentity]:
        """The OAuth identities linked to a user."""
    def list_sessions(self, id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[Session]:
        """List a user's sessions."""
    def list_user_authorized_applications(self, user_id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[AuthorizedApplication]:
        """List the OAuth applications a user has authorized."""
    async def delete_user_authorized_application(self, application_id: str, user_id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Revoke a user's authorization of an application (arguments in the official SDK's order: application_id, then user_id)."""
    def list_organization_memberships(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., organization_id: str | None = ..., user_id: str | None = ..., statuses: Sequence[Literal['active', 'inactive', 'pending'] | str] | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[OrganizationMembership]:
        """List organization memberships of a user or of an organization."""
    async def create_organization_membership(self, *, user_id: str, organization_id: str, role_slug: str | None = ..., role_slugs: Sequence[str] | None = ..., request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Add a user to an organization."""
    async def get_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Get an organization membership."""
    async def update_organization_membership(self, id: str, *, role_slug: str | None = ..., role_slugs: Sequence[str] | None = ..., request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Change the role(s) of an organization membership."""
    async def delete_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Remove a user from an organization."""
    async def deactivate_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Deactivate an organization membership."""
    async def reactivate_organization_membership(self, id: str, *, request_options: RequestOptions | None = ...) -> OrganizationMembership:
        """Reactivate an organization membership."""
    def list_organization_membership_groups(self, id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[Group]:
        """List the groups an organization membership belongs to."""
    def list_invitations(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., organization_id: str | None = ..., email: str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[Invitation]:
        """List invitations, newest first by default."""
    async def send_invitation(self, *, email: str, organization_id: str | None = ..., role_slug: str | None = ..., expires_in_days: int | None = ..., inviter_user_id: str | None = ..., locale: Literal['af', 'am', 'ar', 'bg', 'bn', 'bs', 'ca', 'cs', 'da', 'de', 'de-DE', 'el', 'en', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es', 'es-419', 'es-ES', 'es-US', 'et', 'fa', 'fi', 'fil', 'fr', 'fr-BE', 'fr-CA', 'fr-FR', 'fy', 'gl', 'gu', 'ha', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'is', 'it', 'it-IT', 'ja', 'jv', 'ka', 'kk', 'km', 'kn', 'ko', 'lt', 'lv', 'mk', 'ml', 'mn', 'mr', 'ms', 'my', 'nb', 'ne', 'nl', 'nl-BE', 'nl-NL', 'nn', 'no', 'pa', 'pl', 'pt', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sl', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'zh', 'zh-CN', 'zh-HK', 'zh-TW', 'zu'] | str | None = ..., request_options: RequestOptions | None = ...) -> Invitation:
        """Invite someone by email (WorkOS sends the invitation email)."""
    async def get_invitation(self, id: str, *, request_options: RequestOptions | None = ...) -> Invitation:
        """Get an invitation by id."""
    async def find_invitation_by_token(self, token: str, *, request_options: RequestOptions | None = ...) -> Invitation:
        """Find an invitation by its token."""
    async def accept_invitation(self, id: str, *, request_options: RequestOptions | None = ...) -> Invitation:
        """Accept a pending invitation."""
    async def resend_invitation(self, id: str, *, locale: Literal['af', 'am', 'ar', 'bg', 'bn', 'bs', 'ca', 'cs', 'da', 'de', 'de-DE', 'el', 'en', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es', 'es-419', 'es-ES', 'es-US', 'et', 'fa', 'fi', 'fil', 'fr', 'fr-BE', 'fr-CA', 'fr-FR', 'fy', 'gl', 'gu', 'ha', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'is', 'it', 'it-IT', 'ja', 'jv', 'ka', 'kk', 'km', 'kn', 'ko', 'lt', 'lv', 'mk', 'ml', 'mn', 'mr', 'ms', 'my', 'nb', 'ne', 'nl', 'nl-BE', 'nl-NL', 'nn', 'no', 'pa', 'pl', 'pt', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sl', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'zh', 'zh-CN', 'zh-HK', 'zh-TW', 'zu'] | str | None = ..., request_options: RequestOptions | None = ...) -> Invitation:
        """Send a pending invitation's email again."""
    async def revoke_invitation(self, id: str, *, request_options: RequestOptions | None = ...) -> Invitation:
        """Revoke a pending invitation."""
    async def authenticate_with_password(self, *, email: str, password: str, invitation_token: str | None = ..., ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., signals_id: str | None = ..., radar_auth_attempt_id: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Sign a user in with their email and password."""
    async def authenticate_with_code(self, *, code: str, code_verifier: str | None = ..., invitation_token: str | None = ..., ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., signals_id: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Exchange the code from the authorization redirect (AuthKit, OAuth, SSO) for tokens."""
    async def authenticate_with_refresh_token(self, *, refresh_token: str, organization_id: str | None = ..., ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Exchange a refresh token for a new access token (and a new refresh token)."""
    async def authenticate_with_magic_auth(self, *, code: str, email: str, invitation_token: str | None = ..., ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., radar_auth_attempt_id: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Sign a user in with a Magic Auth code."""
    async def authenticate_with_email_verification(self, *, code: str, pending_authentication_token: str, ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Finish a sign-in that stopped at email_verification_required."""
    async def authenticate_with_totp(self, *, code: str, pending_authentication_token: str, authentication_challenge_id: str, ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Finish a sign-in that stopped at mfa_challenge, with a TOTP code."""
    async def authenticate_with_organization_selection(self, *, pending_authentication_token: str, organization_id: str, ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Finish a sign-in that stopped at organization_selection_required."""
    async def authenticate_with_device_code(self, *, device_code: str, ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Poll for the tokens of a device-authorization flow (RFC 8628)."""
    async def authenticate_with_code_pkce(self, *, code: str, code_verifier: str, client_id: str | None = ..., ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Exchange an authorization code with PKCE only: the API key is not sent as client_secret (the official SDK's call for public clients)."""
    async def authenticate_with_radar_email_challenge(self, *, code: str, radar_challenge_id: str, pending_authentication_token: str, ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Finish a sign-in that stopped at a Radar email challenge."""
    async def authenticate_with_radar_sms_challenge(self, *, code: str, pending_authentication_token: str, verification_id: str | None = ..., phone_number: str | None = ..., ip_address: str | None = ..., device_id: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationResponse:
        """Finish a sign-in that stopped at a Radar SMS challenge."""
    async def create_radar_challenge(self, *, user_id: str, pending_authentication_token: str, phone_number: str, ip_address: str | None = ..., user_agent: str | None = ..., request_options: RequestOptions | None = ...) -> RadarSmsChallenge:
        """Send a Radar SMS code to the user (for a sign-in that stopped at a Radar challenge); finish with authenticate_with_radar_sms_challenge."""
    async def get_radar_challenge(self, id: str, *, request_options: RequestOptions | None = ...) -> RadarChallenge:
        """Get a Radar email challenge."""
    async def create_device(self, *, client_id: str | None = ..., request_options: RequestOptions | None = ...) -> DeviceAuthorization:
        """Start a device-authorization flow (RFC 8628): a user code to show and a URL."""
    async def get_jwks(self, client_id: str, *, request_options: RequestOptions | None = ...) -> Jwks:
        """The JSON Web Key Set that signs the access tokens of a client."""
    async def create_magic_auth(self, *, email: str, invitation_token: str | None = ..., ip_address: str | None = ..., user_agent: str | None = ..., radar_auth_attempt_id: str | None = ..., signals_id: str | None = ..., request_options: RequestOptions | None = ...) -> MagicAuth:
        """Create a Magic Auth one-time code and email it to the user."""
    async def get_magic_auth(self, id: str, *, request_options: RequestOptions | None = ...) -> MagicAuth:
        """Get a Magic Auth code's details."""
    async def reset_password(self, *, email: str, request_options: RequestOptions | None = ...) -> PasswordReset:
        """Create a password-reset token and email the user a reset link (the official SDK's name; it does not change the password: see confirm_password_reset)."""
    async def confirm_password_reset(self, *, token: str, new_password: str, request_options: RequestOptions | None = ...) -> ResetPasswordResponse:
        """Set a new password with a password-reset token."""
    async def get_password_reset(self, id: str, *, request_options: RequestOptions | None = ...) -> PasswordReset:
        """Get a password-reset token's details."""
    async def get_email_verification(self, id: str, *, request_options: RequestOptions | None = ...) -> EmailVerification:
        """Get an email-verification code's details."""
    async def revoke_session(self, *, session_id: str, return_to: str | None = ..., request_options: RequestOptions | None = ...) -> None:
        """Revoke a session: its refresh token stops working."""
    def list_auth_factors(self, user_id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[AuthenticationFactor]:
        """List a user's MFA factors."""
    async def enroll_auth_factor(self, user_id: str, *, type: Literal['totp'] | str, totp_issuer: str | None = ..., totp_user: str | None = ..., totp_secret: str | None = ..., request_options: RequestOptions | None = ...) -> EnrollAuthFactorResponse:
        """Enroll an MFA factor for a user; returns the factor and a first challenge."""
    async def get_factor(self, id: str, *, request_options: RequestOptions | None = ...) -> AuthenticationFactor:
        """Get an MFA factor."""
    async def delete_factor(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Delete an MFA factor."""
    async def challenge_factor(self, id: str, *, sms_template: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationChallenge:
        """Create a challenge for an MFA factor."""
    async def verify_challenge(self, id: str, *, code: str, request_options: RequestOptions | None = ...) -> AuthenticationChallengeVerifyResponse:
        """Verify the code of an MFA challenge."""
    async def create_redirect_uri(self, *, uri: str, request_options: RequestOptions | None = ...) -> RedirectUri:
        """Add a redirect URI to the environment."""
    def list_redirect_uris(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[RedirectUri]:
        """List the environment's redirect URIs."""
    async def delete_redirect_uris(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Remove a redirect URI from the environment (the official SDK's name, plural)."""
    def list_cors_origins(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[CorsOrigin]:
        """List the environment's allowed CORS origins."""
    async def create_cors_origin(self, *, origin: str, request_options: RequestOptions | None = ...) -> CorsOrigin:
        """Allow a browser origin (CORS) to call the client-side APIs."""
    async def get_jwt_template(self, *, request_options: RequestOptions | None = ...) -> JwtTemplate:
        """Get the template of the access token's custom claims (the official SDK also calls it list_jwt_template: one template, not a list)."""
    async def update_jwt_template(self, *, content: str, request_options: RequestOptions | None = ...) -> JwtTemplate:
        """Replace the template of the access token's custom claims."""
    def list_authkit_oauth_resources(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[AuthkitOAuthResource]:
        """List the AuthKit OAuth resources (APIs access tokens can be issued for)."""
    async def create_authkit_oauth_resource(self, *, uri: str, default: bool | None = ..., request_options: RequestOptions | None = ...) -> AuthkitOAuthResource:
        """Add an AuthKit OAuth resource."""
    async def delete_authkit_oauth_resource(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Remove an AuthKit OAuth resource."""
    def list_waitlists(self, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[Waitlist]:
        """List the environment's waitlists (one page: WorkOS returns them all at once)."""
    async def get_waitlist(self, id: str, *, request_options: RequestOptions | None = ...) -> Waitlist:
        """Get a waitlist ('default': the environment's default waitlist)."""
    def list_waitlist_entries(self, id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., state: Literal['pending', 'approved', 'denied'] | str | None = ..., email: str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[WaitlistEntry]:
        """List the entries of a waitlist."""
    async def create_waitlist_entry(self, id: str, *, email: str, additional_fields: Mapping[str, str] | None = ..., send_confirmation_email: bool | None = ..., request_options: RequestOptions | None = ...) -> WaitlistEntry:
        """Add someone to a waitlist."""
    async def create_waitlist_entry_approve(self, id: str, *, request_options: RequestOptions | None = ...) -> WaitlistEntry:
        """Approve a waitlist entry: WorkOS invites its email address (the official SDK's name)."""
    async def create_waitlist_entry_deny(self, id: str, *, request_options: RequestOptions | None = ...) -> WaitlistEntry:
        """Deny a pending waitlist entry (the official SDK's name)."""
    async def delete_waitlist_entry(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Remove an entry from its waitlist."""
    def list_user_api_keys(self, user_id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., organization_id: str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[UserApiKey]:
        """List a user's API keys (feature flag user-api-keys)."""
    async def create_user_api_key(self, user_id: str, *, name: str, organization_id: str, permissions: Sequence[str] | None = ..., expires_at: str | None = ..., request_options: RequestOptions | None = ...) -> UserApiKeyWithValue:
        """Create an API key for a user; its value is returned only this once."""
    def list_user_feature_flags(self, user_id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[FeatureFlag]:
        """List the feature flags enabled for a user."""
    async def get_user_connected_account(self, user_id: str, slug: str, *, organization_id: str | None = ..., request_options: RequestOptions | None = ...) -> ConnectedAccount:
        """Get a user's connected account for a data provider."""
    async def delete_user_connected_account(self, user_id: str, slug: str, *, organization_id: str | None = ..., request_options: RequestOptions | None = ...) -> None:
        """Disconnect a user's connected account."""
    async def list_user_data_providers(self, user_id: str, *, organization_id: str | None = ..., request_options: RequestOptions | None = ...) -> DataProviderList:
        """List the data providers available to a user, with their connection state."""
    async def list_jwt_template(self, *, request_options: RequestOptions | None = ...) -> JwtTemplate:
        """Get the template of the access token's custom claims (the official SDK also calls it list_jwt_template: one template, not a list)."""

class AsyncMultiFactorAuth(AsyncResource):
    async def enroll_factor(self, *, type: Literal['totp', 'sms'] | str, phone_number: str | None = ..., totp_issuer: str | None = ..., totp_user: str | None = ..., user_id: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationFactorEnrolled:
        """Enroll a standalone MFA factor (WorkOS's MFA API: TOTP or SMS, optionally for a user); challenge it with challenge_factor."""
    def list_user_auth_factors(self, userland_user_id: str, *, limit: int | None = ..., before: str | None = ..., after: str | None = ..., order: Literal['normal', 'desc', 'asc'] | str | None = ..., max_items: int | None = ..., request_options: RequestOptions | None = ...) -> AsyncPager[AuthenticationFactor]:
        """List a user's MFA factors."""
    async def create_user_auth_factor(self, userland_user_id: str, *, type: Literal['totp'] | str, totp_issuer: str | None = ..., totp_user: str | None = ..., totp_secret: str | None = ..., request_options: RequestOptions | None = ...) -> EnrollAuthFactorResponse:
        """Enroll an MFA factor for a user; returns the factor and a first challenge."""
    async def get_factor(self, id: str, *, request_options: RequestOptions | None = ...) -> AuthenticationFactor:
        """Get an MFA factor."""
    async def delete_factor(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Delete an MFA factor."""
    async def challenge_factor(self, id: str, *, sms_template: str | None = ..., request_options: RequestOptions | None = ...) -> AuthenticationChallenge:
        """Create a challenge for an MFA factor."""
    async def verify_challenge(self, id: str, *, code: str, request_options: RequestOptions | None = ...) -> AuthenticationChallengeVerifyResponse:
        """Verify the code of an MFA challenge."""

class AsyncOrganizations(AsyncResource):
    async def create_organization(self, *, name: str, allow_profiles_outside_organization: bool | None = ..., domains: Sequence[str] | None = ..., domain_data: Sequence[Mapping[str, str]] | None = ..., metadata: Mapping[str, str] | None = ..., external_id: str | None = ..., request_options: RequestOptions | None = ...) -> Organization:
        """Create an organization."""
    async def get_organization(self, id: str, *, request_options: RequestOptions | None = ...) -> Organization:
        """Get an organization by id."""
    async def get_organization_by_external_id(self, external_id: str, *, request_options: RequestOptions | None = ...) -> Organization:
        """Get an organization by the external id you gave it (not in the user-management spec extract; part of WorkOS's Organizations API)."""
    async def delete_organization(self, id: str, *, request_options: RequestOptions | None = ...) -> None:
        """Delete an organization."""

ASYNC_CLASSES: dict[str, str]
def async_resource_class(resource: str) -> type[AsyncResource]: ...
