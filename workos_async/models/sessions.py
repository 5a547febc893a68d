"""A user's sessions, and the impersonator record shared with authentication responses."""

from datetime import datetime

from ._base import BaseModel, StrEnum, model

__all__ = ["Impersonator", "Session", "SessionAuthMethod", "SessionStatus"]


@model
class Impersonator(BaseModel):
    """The admin who is impersonating the user, when a session was started that way."""

    email: str
    reason: str | None


class SessionAuthMethod(StrEnum):
    """How a session was authenticated."""

    CROSS_APP_AUTH = "cross_app_auth"
    EXTERNAL_AUTH = "external_auth"
    IMPERSONATION = "impersonation"
    MAGIC_CODE = "magic_code"
    MIGRATED_SESSION = "migrated_session"
    OAUTH = "oauth"
    PASSKEY = "passkey"
    PASSWORD = "password"
    SSO = "sso"
    UNKNOWN = "unknown"


class SessionStatus(StrEnum):
    """The state of a session."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@model
class Session(BaseModel):
    """One of a user's sessions (spec ``InlineSession``)."""

    object: str = "session"
    id: str
    #: Present only for impersonation sessions.
    impersonator: Impersonator | None = None
    ip_address: str | None
    #: Present only when the session is scoped to an organization.
    organization_id: str | None = None
    user_agent: str | None
    user_id: str
    auth_method: SessionAuthMethod | str
    status: SessionStatus | str
    expires_at: datetime
    #: ``None`` while the session is active.
    ended_at: datetime | None
    created_at: datetime
    updated_at: datetime
