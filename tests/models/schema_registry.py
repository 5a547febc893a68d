"""Which model class stands for which schema of the WorkOS spec extract
(``spec/user_management_schemas.json``, with the overlay ``spec/official_sdk_10_6.json``), and
why the other schemas have none.

The coverage test walks both maps against the spec, so a schema added to the reference data
fails the suite until it is placed in one of them.
"""

from workos_async.models._base import BaseModel
from workos_async.models.api_keys import UserApiKey, UserApiKeyWithValue
from workos_async.models.applications import (
    AuthkitOAuthResource,
    AuthorizedApplication,
    ConnectApplication,
    CorsOrigin,
    JwtTemplate,
    RedirectUri,
)
from workos_async.models.authentication import AuthenticationResponse, DeviceAuthorization, Jwks
from workos_async.models.data_providers import ConnectedAccount, DataProviderList
from workos_async.models.feature_flags import FeatureFlag
from workos_async.models.invitations import Invitation
from workos_async.models.memberships import Group, OrganizationMembership, SlimRole
from workos_async.models.mfa import (
    AuthenticationChallenge,
    AuthenticationChallengeVerifyResponse,
    AuthenticationFactor,
    AuthenticationFactorEnrolled,
    EnrollAuthFactorResponse,
)
from workos_async.models.organizations import Organization, OrganizationDomain
from workos_async.models.radar import RadarChallenge, RadarSmsChallenge
from workos_async.models.sessions import Session
from workos_async.models.users import (
    EmailChange,
    EmailChangeConfirmation,
    EmailVerification,
    MagicAuth,
    PasswordReset,
    ResetPasswordResponse,
    SendVerificationEmailResponse,
    User,
    UserIdentity,
    VerifyEmailResponse,
)
from workos_async.models.waitlists import Waitlist, WaitlistEntry

__all__ = ["NOT_MODELLED", "SCHEMA_MODELS"]

#: Spec schema name → the model class for it. Inline nested objects (``impersonator``,
#: ``oauth_tokens``, ``totp``, JWKS keys, ...) have their own classes, reached through the
#: fields of these. ``InlineUserIdentityArray`` is a bare array: its class is the item's.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "AuthenticationChallenge": AuthenticationChallenge,
    "AuthenticationChallengeVerifyResponse": AuthenticationChallengeVerifyResponse,
    "AuthenticationFactor": AuthenticationFactor,
    "AuthenticationFactorEnrolled": AuthenticationFactorEnrolled,
    "ConnectApplication": ConnectApplication,
    "ConnectedAccount": ConnectedAccount,
    "CorsOriginResponse": CorsOrigin,
    "DataIntegrationsListResponse": DataProviderList,
    "DeviceAuthorizationResponse": DeviceAuthorization,
    "EmailChange": EmailChange,
    "EmailVerification": EmailVerification,
    "Flag": FeatureFlag,
    "Group": Group,
    "JwksResponse": Jwks,
    "JwtTemplate": JwtTemplate,
    "MagicAuth": MagicAuth,
    "Organization": Organization,
    "OrganizationDomainStandAlone": OrganizationDomain,
    "PasswordReset": PasswordReset,
    "RedirectUri": RedirectUri,
    "ResetPasswordResponse": ResetPasswordResponse,
    "SendVerificationEmailResponse": SendVerificationEmailResponse,
    "SlimRole": SlimRole,
    "UserApiKey": UserApiKey,
    "UserApiKeyWithValue": UserApiKeyWithValue,
    "UserlandAuthenticateResponse": AuthenticationResponse,
    "UserlandUser": User,
    "UserlandUserAuthenticationFactorEnrollResponse": EnrollAuthFactorResponse,
    "UserlandUserInvite": Invitation,
    "UserlandUserOrganizationMembership": OrganizationMembership,
    "VerifyEmailResponse": VerifyEmailResponse,
    "InlineAuthorizedApplication": AuthorizedApplication,
    "InlineEmailChangeConfirmation": EmailChangeConfirmation,
    "InlineSession": Session,
    "InlineUserIdentityArray": UserIdentity,
    # Newer than the extract (spec/official_sdk_10_6.json).
    "AuthkitOAuthResource": AuthkitOAuthResource,
    "RadarChallenge": RadarChallenge,
    "SendRadarSmsChallengeResponse": RadarSmsChallenge,
    "Waitlist": Waitlist,
    "WaitlistEntry": WaitlistEntry,
}

_ENVELOPE = "list envelope {object, data, list_metadata}: the pager handles it; items are "
_REQUEST = "request body, not a response"

#: Spec schema name → why no model class stands for it.
NOT_MODELLED: dict[str, str] = {
    "AuthorizedConnectApplicationList": _ENVELOPE + "InlineAuthorizedApplication",
    "FlagList": _ENVELOPE + "Flag",
    "GroupList": _ENVELOPE + "Group",
    "UserApiKeyList": _ENVELOPE + "UserApiKey",
    "UserlandUserAuthenticationFactorList": _ENVELOPE + "AuthenticationFactor",
    "UserlandUserList": _ENVELOPE + "UserlandUser",
    "ChallengeAuthenticationFactorDto": _REQUEST,
    "ConfirmEmailChangeDto": _REQUEST,
    "CreateCorsOriginDto": _REQUEST,
    "CreatePasswordResetDto": _REQUEST,
    "CreatePasswordResetTokenDto": _REQUEST,
    "CreateRedirectUriDto": _REQUEST,
    "CreateUserApiKeyDto": _REQUEST,
    "CreateUserlandMagicCodeAndReturnDto": _REQUEST,
    "CreateUserlandUserDto": _REQUEST,
    "CreateUserlandUserInviteOptionsDto": _REQUEST,
    "CreateUserlandUserOrganizationMembershipDto": _REQUEST,
    "EnrollUserlandUserAuthenticationFactorDto": _REQUEST,
    "OrganizationDomainDataDto": _REQUEST + " (nested in OrganizationDto)",
    "OrganizationDto": _REQUEST,
    "ResendUserlandUserInviteOptionsDto": _REQUEST,
    "SendEmailChangeDto": _REQUEST,
    "UpdateJwtTemplateDto": _REQUEST,
    "UpdateUserlandUserDto": _REQUEST,
    "UpdateUserlandUserOrganizationMembershipDto": _REQUEST,
    "UserlandRevokeSessionDto": _REQUEST,
    "VerifyEmailAddressDto": _REQUEST,
    "CreateAuthkitOAuthResourceDto": _REQUEST,
    "CreateWaitlistEntryDto": _REQUEST,
    "EnrollAuthenticationFactorDto": _REQUEST,
    "SendRadarSmsChallengeDto": _REQUEST,
    "InlineDeviceAuthorizationRequest": _REQUEST,
    "InlineVerifyChallengeRequest": _REQUEST,
}
