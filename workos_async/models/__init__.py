"""Response models of the WorkOS User Management API, as attrs classes, by topic."""

from ._base import BaseModel, StrEnum
from .api_keys import UserApiKey, UserApiKeyOwner, UserApiKeyWithValue
from .applications import (
    AuthkitOAuthResource,
    AuthorizedApplication,
    ConnectApplication,
    CorsOrigin,
    JwtTemplate,
    RedirectUri,
)
from .authentication import (
    AuthenticationMethod,
    AuthenticationResponse,
    DeviceAuthorization,
    JsonWebKey,
    Jwks,
    OAuthTokens,
)
from .data_providers import (
    ConnectedAccount,
    ConnectedAccountState,
    DataProvider,
    DataProviderList,
    DataProviderOwnership,
)
from .feature_flags import FeatureFlag
from .invitations import Invitation, InvitationState
from .memberships import Group, OrganizationMembership, OrganizationMembershipStatus, SlimRole
from .mfa import (
    AuthenticationChallenge,
    AuthenticationChallengeVerifyResponse,
    AuthenticationFactor,
    AuthenticationFactorEnrolled,
    AuthenticationFactorSms,
    AuthenticationFactorTotp,
    AuthenticationFactorTotpEnrolled,
    AuthenticationFactorType,
    EnrollAuthFactorResponse,
)
from .organizations import (
    Organization,
    OrganizationDomain,
    OrganizationDomainState,
    OrganizationDomainVerificationStrategy,
)
from .radar import RadarChallenge, RadarSmsChallenge
from .sessions import Impersonator, Session, SessionAuthMethod, SessionStatus
from .users import (
    EmailChange,
    EmailChangeConfirmation,
    EmailVerification,
    IdentityProvider,
    MagicAuth,
    PasswordReset,
    ResetPasswordResponse,
    SendVerificationEmailResponse,
    User,
    UserIdentity,
    VerifyEmailResponse,
)
from .waitlists import Waitlist, WaitlistEntry, WaitlistEntryState

__all__ = [
    "AuthenticationChallenge",
    "AuthenticationChallengeVerifyResponse",
    "AuthenticationFactor",
    "AuthenticationFactorEnrolled",
    "AuthenticationFactorSms",
    "AuthenticationFactorTotp",
    "AuthenticationFactorTotpEnrolled",
    "AuthenticationFactorType",
    "AuthenticationMethod",
    "AuthenticationResponse",
    "AuthkitOAuthResource",
    "AuthorizedApplication",
    "BaseModel",
    "ConnectApplication",
    "ConnectedAccount",
    "ConnectedAccountState",
    "CorsOrigin",
    "DataProvider",
    "DataProviderList",
    "DataProviderOwnership",
    "DeviceAuthorization",
    "EmailChange",
    "EmailChangeConfirmation",
    "EmailVerification",
    "EnrollAuthFactorResponse",
    "FeatureFlag",
    "Group",
    "IdentityProvider",
    "Impersonator",
    "Invitation",
    "InvitationState",
    "JsonWebKey",
    "Jwks",
    "JwtTemplate",
    "MagicAuth",
    "OAuthTokens",
    "Organization",
    "OrganizationDomain",
    "OrganizationDomainState",
    "OrganizationDomainVerificationStrategy",
    "OrganizationMembership",
    "OrganizationMembershipStatus",
    "PasswordReset",
    "RadarChallenge",
    "RadarSmsChallenge",
    "RedirectUri",
    "ResetPasswordResponse",
    "SendVerificationEmailResponse",
    "Session",
    "SessionAuthMethod",
    "SessionStatus",
    "SlimRole",
    "StrEnum",
    "User",
    "UserApiKey",
    "UserApiKeyOwner",
    "UserApiKeyWithValue",
    "UserIdentity",
    "VerifyEmailResponse",
    "Waitlist",
    "WaitlistEntry",
    "WaitlistEntryState",
]
