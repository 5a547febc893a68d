"""What the authentication flows remember between requests (``fake.auth``'s private tables).

Codes, pending sign-ins, refresh tokens, device grants and attempt counters, plus the signing
keys. Secrets live only here, never in a record, repr or log. Nothing here is thread-safe on
its own: the fake's lock guards it.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import Any

import attrs

from .jwt import SigningKeys

AUTHORIZATION_CODE_TTL = 10 * 60
PENDING_TOKEN_TTL = 10 * 60
DEVICE_CODE_TTL = 5 * 60
DEVICE_POLL_INTERVAL = 5
MAX_ATTEMPTS = 5
#: How many used refresh tokens and codes are remembered (to say "already used"); older
#: ones are forgotten and then refused as unknown, which keeps a long-running fake's memory
#: bounded. Either way the answer is 400 ``invalid_grant``.
USED_MEMORY = 100_000

#: The flow checks, in the order WorkOS applies them.
STAGES = ("sso", "radar", "email_verification", "mfa", "organization_selection")

AUTHENTICATION_METHODS = (
    "SSO", "Password", "Passkey", "AppleOAuth", "BitbucketOAuth", "CrossAppAuth",
    "DiscordOAuth", "ExternalAuth", "GitHubOAuth", "GitLabOAuth", "GoogleOAuth", "IntuitOAuth",
    "LinkedInOAuth", "MicrosoftOAuth", "SalesforceOAuth", "SlackOAuth",
    "VercelMarketplaceOAuth", "VercelOAuth", "XeroOAuth", "MagicAuth", "Impersonation",
    "MigratedSession",
)  # fmt: skip


@attrs.define
class SignIn:
    """A sign-in in progress: who, how, and which flow check comes next."""

    user_id: str
    authentication_method: str
    organization_id: str | None = None
    impersonator: dict[str, Any] | None = None
    ip_address: str | None = None
    user_agent: str | None = None
    invitation_id: str | None = None
    #: Index in :data:`STAGES` of the next check to run.
    next_stage: int = 0


@attrs.define
class AuthCode:
    """An authorization code: the sign-in it finishes and its PKCE challenge."""

    sign_in: SignIn
    expires_at: float
    code_challenge: str | None = attrs.field(default=None, repr=False)
    code_challenge_method: str | None = None
    used: bool = False


@attrs.define
class PendingAuth:
    """A sign-in waiting at a flow check (redeemed by a pending authentication token)."""

    sign_in: SignIn
    stage: str
    expires_at: float
    email_verification_id: str | None = None
    radar_challenge_id: str | None = None


@attrs.define
class RadarSms:
    """A code the fake "texted" for a sign-in waiting at the Radar stage."""

    code: str = attrs.field(repr=False)
    phone_number: str
    token: str = attrs.field(repr=False)
    expires_at: float
    used: bool = False


@attrs.define
class RefreshGrant:
    """What a refresh token refreshes (single use)."""

    session_id: str
    user_id: str
    organization_id: str | None
    used: bool = False


@attrs.define
class DeviceGrant:
    """A device authorization waiting for its polling client."""

    user_code: str
    expires_at: float
    used: bool = False


@attrs.define
class SessionInfo:
    """How a session was signed in (its tokens repeat it)."""

    authentication_method: str
    impersonator: dict[str, Any] | None


@attrs.define(repr=False)
class AuthState:
    """The private tables of the authentication flows."""

    keys: SigningKeys
    codes: dict[str, AuthCode] = attrs.field(factory=dict)
    pending: dict[str, PendingAuth] = attrs.field(factory=dict)
    refresh: dict[str, RefreshGrant] = attrs.field(factory=dict)
    used_refresh: deque[str] = attrs.field(factory=deque)
    refresh_counts: Counter[str] = attrs.field(factory=Counter)
    devices: dict[str, DeviceGrant] = attrs.field(factory=dict)
    sessions: dict[str, SessionInfo] = attrs.field(factory=dict)
    #: Sessions begun by a public client's PKCE exchange (no client_secret): their refresh
    #: tokens may be redeemed without a client_secret too.
    public_sessions: set[str] = attrs.field(factory=set)
    magic_attempts: Counter[str] = attrs.field(factory=Counter)
    used_magic: set[str] = attrs.field(factory=set)
    used_challenges: set[str] = attrs.field(factory=set)
    challenge_attempts: Counter[str] = attrs.field(factory=Counter)
    sms_codes: dict[str, str] = attrs.field(factory=dict)
    radar_sms: dict[str, RadarSms] = attrs.field(factory=dict)
    jwks_fetches: int = 0

    def clear(self) -> None:
        """Forget every code, token and counter (the signing keys stay)."""
        for field in attrs.fields(AuthState):
            value = getattr(self, field.name)
            if hasattr(value, "clear") and field.name != "keys":
                value.clear()
        self.jwks_fetches = 0

    def __repr__(self) -> str:
        return f"<AuthState kids={self.keys.kids!r} refresh_tokens={len(self.refresh)}>"
