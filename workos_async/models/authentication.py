"""Authentication: the tokens-and-user response of ``/authenticate``, device authorization, and
the JSON Web Key Set that signs access tokens."""

import attrs

from ._base import BaseModel, StrEnum, model, secret_field
from .sessions import Impersonator
from .users import User

__all__ = [
    "AuthenticationMethod",
    "AuthenticationResponse",
    "DeviceAuthorization",
    "JsonWebKey",
    "Jwks",
    "OAuthTokens",
]


class AuthenticationMethod(StrEnum):
    """How the user authenticated, as reported by ``/authenticate``."""

    SSO = "SSO"
    PASSWORD = "Password"
    PASSKEY = "Passkey"
    APPLE_OAUTH = "AppleOAuth"
    BITBUCKET_OAUTH = "BitbucketOAuth"
    CROSS_APP_AUTH = "CrossAppAuth"
    DISCORD_OAUTH = "DiscordOAuth"
    EXTERNAL_AUTH = "ExternalAuth"
    GITHUB_OAUTH = "GitHubOAuth"
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
    MAGIC_AUTH = "MagicAuth"
    IMPERSONATION = "Impersonation"
    MIGRATED_SESSION = "MigratedSession"


@model
class OAuthTokens(BaseModel):
    """The upstream OAuth provider's tokens, when the provider returns them."""

    provider: str
    refresh_token: str = secret_field()
    access_token: str = secret_field()
    #: Expiry of ``access_token`` as Unix epoch seconds.
    expires_at: int
    scopes: list[str]


@model
class AuthenticationResponse(BaseModel):
    """A successful authentication: the user and their tokens (spec
    ``UserlandAuthenticateResponse``)."""

    user: User
    #: Present when the session is scoped to an organization.
    organization_id: str | None = None
    #: A code to hand to AuthKit, present for some flows.
    authkit_authorization_code: str | None = secret_field(default=None)
    #: A signed JWT (RS256) valid for a short time.
    access_token: str = secret_field()
    refresh_token: str = secret_field()
    authentication_method: AuthenticationMethod | str | None = None
    #: Present when an admin is impersonating the user.
    impersonator: Impersonator | None = None
    oauth_tokens: OAuthTokens | None = None
    # Set by the client (``session={"seal_session": True, ...}``), never a response key: not an
    # API field (no ``to_dict`` key); unset on a decoded object until sealed.
    _sealed_session: str | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @property
    def sealed_session(self) -> str | None:
        """The ``wos-session`` cookie value sealed from this response when the call was given
        ``session={"seal_session": True, ...}`` (WorkOS's Node SDK's ``sealedSession``), else
        ``None``."""
        sealed: str | None = getattr(self, "_sealed_session", None)
        return sealed


@model
class DeviceAuthorization(BaseModel):
    """The start of an OAuth device-authorization flow (spec ``DeviceAuthorizationResponse``)."""

    #: Exchanged for tokens at ``/authenticate`` once the user approves.
    device_code: str = secret_field()
    #: The short code the user types at ``verification_uri``.
    user_code: str = secret_field()
    verification_uri: str
    #: ``verification_uri`` with the user code filled in, so it is redacted too.
    verification_uri_complete: str | None = secret_field(default=None)
    #: Seconds until ``device_code`` expires.
    expires_in: float
    #: Minimum seconds between polls of ``/authenticate``.
    interval: float | None = None


@model
class JsonWebKey(BaseModel):
    """One public RSA signing key of a JWKS."""

    alg: str = "RS256"
    kty: str = "RSA"
    use: str = "sig"
    #: The X.509 certificate chain (base64 DER).
    x5c: list[str]
    #: RSA modulus (base64url).
    n: str
    #: RSA exponent (base64url).
    e: str
    kid: str
    #: The SHA-256 certificate thumbprint. The wire key is ``x5t#S256``, which is not a Python
    #: name: ``metadata["json_key"]`` gives the key to read and write.
    x5t_s256: str = attrs.field(metadata={"json_key": "x5t#S256"})


@model
class Jwks(BaseModel):
    """A JSON Web Key Set (spec ``JwksResponse``)."""

    keys: list[JsonWebKey]
