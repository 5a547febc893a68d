"""Response models of the WorkOS User Management API, as attrs classes, by topic."""

from ._base import BaseModel, StrEnum
from .applications import (
    AuthorizedApplication,
    ConnectApplication,
    CorsOrigin,
    JwtTemplate,
    RedirectUri,
)
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

__all__ = [
    "AuthorizedApplication",
    "BaseModel",
    "ConnectApplication",
    "CorsOrigin",
    "EmailChange",
    "EmailChangeConfirmation",
    "EmailVerification",
    "IdentityProvider",
    "Impersonator",
    "JwtTemplate",
    "MagicAuth",
    "PasswordReset",
    "RedirectUri",
    "ResetPasswordResponse",
    "SendVerificationEmailResponse",
    "Session",
    "SessionAuthMethod",
    "SessionStatus",
    "StrEnum",
    "User",
    "UserIdentity",
    "VerifyEmailResponse",
]
