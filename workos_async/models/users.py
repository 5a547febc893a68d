"""Users and what hangs off one: linked identities, email verification, email change, password
reset and Magic Auth codes, and the ``{user}`` wrappers some endpoints return."""

from collections.abc import Mapping
from datetime import datetime

from ._base import BaseModel, StrEnum, model, secret_field

__all__ = [
    "EmailChange",
    "EmailChangeConfirmation",
    "EmailVerification",
    "IdentityProvider",
    "MagicAuth",
    "PasswordReset",
    "ResetPasswordResponse",
    "SendVerificationEmailResponse",
    "User",
    "UserIdentity",
    "VerifyEmailResponse",
]


@model
class User(BaseModel):
    """A user of your application (spec ``UserlandUser``)."""

    object: str = "user"
    id: str
    first_name: str | None
    last_name: str | None
    #: The full name, when set (``None`` when unset or omitted).
    name: str | None = None
    profile_picture_url: str | None
    email: str
    email_verified: bool
    #: Your own identifier for the user.
    external_id: str | None
    #: Free-form string pairs you attached to the user; ``None`` when the response omits it.
    metadata: Mapping[str, str] | None = None
    #: ``None`` until the user first signs in.
    last_sign_in_at: datetime | None
    #: ``None`` when unset or omitted.
    locale: str | None = None
    created_at: datetime
    updated_at: datetime
    #: Only on the ``create_user`` response when Radar assessed the sign-up: pass it on to
    #: ``authenticate_with_password`` / ``authenticate_with_magic_auth``.
    radar_auth_attempt_id: str | None = None


class IdentityProvider(StrEnum):
    """The OAuth provider of a linked identity.

    The spec spells GitHub ``GithubOAuth`` here but ``GitHubOAuth`` in
    :class:`~workos_async.models.AuthenticationMethod`; both are kept as documented."""

    APPLE_OAUTH = "AppleOAuth"
    BITBUCKET_OAUTH = "BitbucketOAuth"
    DISCORD_OAUTH = "DiscordOAuth"
    GITHUB_OAUTH = "GithubOAuth"
    GITLAB_OAUTH = "GitLabOAuth"
    GOOGLE_OAUTH = "GoogleOAuth"
    INTUIT_OAUTH = "IntuitOAuth"
    LINKEDIN_OAUTH = "LinkedInOAuth"
    MICROSOFT_OAUTH = "MicrosoftOAuth"
    SALESFORCE_OAUTH = "SalesforceOAuth"
    SLACK_OAUTH = "SlackOAuth"
    VERCEL_MARKETPLACE_OAUTH = "VercelMarketplaceOAuth"
    VERCEL_OAUTH = "VercelOAuth"
    XERO_OAUTH = "XeroOAuth"


@model
class UserIdentity(BaseModel):
    """An OAuth identity linked to a user: one item of the bare ``identities`` array."""

    #: The user's id at the identity provider.
    idp_id: str
    type: str = "OAuth"
    provider: IdentityProvider | str


@model
class EmailVerification(BaseModel):
    """A pending email-verification code sent to a user."""

    object: str = "email_verification"
    id: str
    user_id: str
    email: str
    expires_at: datetime
    created_at: datetime
    updated_at: datetime
    #: The one-time code the user must enter.
    code: str = secret_field()


@model
class EmailChange(BaseModel):
    """A requested change of a user's email address, awaiting confirmation."""

    object: str = "email_change"
    user: User
    new_email: str
    expires_at: datetime
    created_at: datetime


@model
class EmailChangeConfirmation(BaseModel):
    """The result of confirming an email change (spec ``InlineEmailChangeConfirmation``)."""

    object: str = "email_change_confirmation"
    user: User


@model
class PasswordReset(BaseModel):
    """A password-reset request for a user."""

    object: str = "password_reset"
    id: str
    user_id: str
    email: str
    expires_at: datetime
    created_at: datetime
    password_reset_token: str = secret_field()
    #: The reset link; it carries the token, so it is redacted too.
    password_reset_url: str = secret_field()


@model
class MagicAuth(BaseModel):
    """A Magic Auth one-time sign-in code sent to an email address."""

    object: str = "magic_auth"
    id: str
    user_id: str
    email: str
    expires_at: datetime
    created_at: datetime
    updated_at: datetime
    #: The one-time code the user must enter.
    code: str = secret_field()


@model
class SendVerificationEmailResponse(BaseModel):
    """The response of sending a verification email: the user it was sent to."""

    user: User


@model
class VerifyEmailResponse(BaseModel):
    """The response of confirming an email-verification code: the now verified user."""

    user: User


@model
class ResetPasswordResponse(BaseModel):
    """The response of confirming a password reset: the user whose password changed."""

    user: User
