"""``fake.auth``: settings and state of the fake's authentication flows.

What a successful sign-in does, whichever grant started it (:meth:`FakeAuth.finish`):

1. the flow checks, in WorkOS's order, each switched on by a setting: ``sso_required`` (400),
   ``email_verification_required``, ``mfa_enrollment`` / ``mfa_challenge`` and
   ``organization_selection_required`` (403). Each 403 carries a
   ``pending_authentication_token`` that the matching grant redeems; the chain then goes on
   from the next check;
2. a session in the store (``store.create_session``) and ``last_sign_in_at`` set;
3. an RS256 access token with WorkOS's claims and a single-use refresh token.

Everything here runs under the fake's lock (route handlers already hold it; the public
methods take it). Secrets (codes, refresh tokens, pending tokens) live only in this object's
private tables and never in a repr or a log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._errors import FakeAPIError, coded, oauth_error
from ._ids import iso, random_code, random_token
from ._store import EMAIL_VERIFICATION_TTL, SESSION_TTL, Record
from ._tokens import CRYPTOGRAPHY_MISSING, SigningKeys

if TYPE_CHECKING:
    from ._server import FakeWorkOS

__all__ = ["AUTHORIZATION_CODE_TTL", "PENDING_TOKEN_TTL", "FakeAuth", "SignIn", "totp_code"]

AUTHORIZATION_CODE_TTL = 10 * 60
PENDING_TOKEN_TTL = 10 * 60
DEVICE_CODE_TTL = 5 * 60
DEVICE_POLL_INTERVAL = 5
MAGIC_AUTH_MAX_ATTEMPTS = 5
#: How many used refresh tokens and codes are remembered (to say "already used"); older
#: ones are forgotten and then refused as unknown, which keeps a long-running fake's memory
#: bounded. Either way the answer is 400 ``invalid_grant``.
USED_MEMORY = 100_000

#: The flow checks, in the order WorkOS applies them.
STAGES = ("sso", "email_verification", "mfa", "organization_selection")

#: ``authentication_method`` (response enum) → the session's ``auth_method``.
_SESSION_METHODS = {
    "Password": "password",
    "MagicAuth": "magic_code",
    "SSO": "sso",
    "Passkey": "passkey",
    "Impersonation": "impersonation",
    "MigratedSession": "migrated_session",
    "CrossAppAuth": "cross_app_auth",
    "ExternalAuth": "external_auth",
}
AUTHENTICATION_METHODS = (
    "SSO", "Password", "Passkey", "AppleOAuth", "BitbucketOAuth", "CrossAppAuth",
    "DiscordOAuth", "ExternalAuth", "GitHubOAuth", "GitLabOAuth", "GoogleOAuth", "IntuitOAuth",
    "LinkedInOAuth", "MicrosoftOAuth", "SalesforceOAuth", "SlackOAuth",
    "VercelMarketplaceOAuth", "VercelOAuth", "XeroOAuth", "MagicAuth", "Impersonation",
    "MigratedSession",
)  # fmt: skip

DeviceFlow = Literal["approve", "pending", "deny"]


def session_auth_method(authentication_method: str) -> str:
    """The session record's ``auth_method`` for a response's ``authentication_method``."""
    if authentication_method.endswith("OAuth"):
        return "oauth"
    return _SESSION_METHODS.get(authentication_method, "unknown")


def totp_code(secret: str, at: float, *, digits: int = 6, period: int = 30) -> str:
    """The RFC 6238 TOTP code (HMAC-SHA1) of a base32 ``secret`` at time ``at``."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    mac = hmac.new(key, int(at // period).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def _timestamp(value: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(value).timestamp()


# ------------------------------------------------------------------------- settings checks
def _bool(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"auth.{attribute.name} must be a bool, got {type(value).__name__}")


def _positive(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not value > 0:
        raise ValueError(f"auth.{attribute.name} must be a number > 0, got {value!r}")


def _opt_str(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise TypeError(f"auth.{attribute.name} must be a non-empty string or None")


def _str_lists(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, list | tuple) and all(isinstance(s, str) for s in v)
        for k, v in value.items()
    ):
        raise TypeError(f"auth.{attribute.name} must map strings to lists of strings")


def _strs(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(s, str) and s for s in value):
        raise TypeError(f"auth.{attribute.name} must be a sequence of non-empty strings")


def _claims(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise TypeError(f"auth.{attribute.name} must be a mapping with string keys")


def _device_flow(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("approve", "pending", "deny"):
        raise ValueError(f"auth.device_flow must be 'approve', 'pending' or 'deny', got {value!r}")


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


# --------------------------------------------------------------------------- state records
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
    sign_in: SignIn
    expires_at: float
    code_challenge: str | None = attrs.field(default=None, repr=False)
    code_challenge_method: str | None = None
    used: bool = False


@attrs.define
class PendingAuth:
    sign_in: SignIn
    stage: str
    expires_at: float
    email_verification_id: str | None = None


@attrs.define
class RefreshGrant:
    session_id: str
    user_id: str
    organization_id: str | None
    used: bool = False


@attrs.define
class DeviceGrant:
    user_code: str
    expires_at: float
    used: bool = False


@attrs.define
class SessionInfo:
    authentication_method: str
    impersonator: dict[str, Any] | None


_SETTING = {"setting": True}


@attrs.define(repr=False)
class FakeAuth:
    """Settings and state of the authentication flows of one :class:`FakeWorkOS` (``fake.auth``).

    Settings (plain attributes, checked on assignment; :meth:`reset` restores them):

    - ``access_token_ttl``: seconds an access token lives (default 300, as at WorkOS);
    - ``issuer``: the tokens' ``iss`` (default: the fake's URL); ``audience``: an ``aud``
      claim (default: none);
    - ``default_user_id``: who ``/authorize`` without ``login_hint`` and the device flow sign
      in (default: the oldest user);
    - ``auto_select_organization``: a user with exactly one active membership gets a session
      in that organization (default ``True``);
    - ``require_email_verification``: a user whose email is not verified gets 403
      ``email_verification_required`` (not for Magic Auth, which proves the email);
    - ``require_mfa``: 403 ``mfa_enrollment`` (no TOTP factor) or ``mfa_challenge`` (not for
      SSO or impersonation);
    - ``require_organization_selection``: a user with at least one active membership gets 403
      ``organization_selection_required`` unless the sign-in already names an organization;
    - ``sso_required_connection_ids``: when not empty, sign-ins other than SSO get 400
      ``sso_required`` listing them;
    - ``role_permissions``: role slug → permissions put in the token; ``entitlements``:
      organization id → entitlements; ``custom_claims``: added to every token (like a JWT
      template; WorkOS's own claims win);
    - ``device_flow``: ``"approve"`` (at once), ``"pending"`` (``authorization_pending``) or
      ``"deny"`` (``access_denied``);
    - ``logout_redirect``: where logout without ``return_to`` redirects (default: no
      redirect, 200).
    """

    _fake: FakeWorkOS = attrs.field(alias="fake")
    access_token_ttl: float = attrs.field(default=300.0, validator=_positive, metadata=_SETTING)
    issuer: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)
    audience: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)
    default_user_id: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)
    auto_select_organization: bool = attrs.field(default=True, validator=_bool, metadata=_SETTING)
    require_email_verification: bool = attrs.field(
        default=False, validator=_bool, metadata=_SETTING
    )
    require_mfa: bool = attrs.field(default=False, validator=_bool, metadata=_SETTING)
    require_organization_selection: bool = attrs.field(
        default=False, validator=_bool, metadata=_SETTING
    )
    sso_required_connection_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, validator=_strs, metadata=_SETTING
    )
    role_permissions: Mapping[str, Sequence[str]] = attrs.field(
        factory=dict, validator=_str_lists, metadata=_SETTING
    )
    entitlements: Mapping[str, Sequence[str]] = attrs.field(
        factory=dict, validator=_str_lists, metadata=_SETTING
    )
    custom_claims: Mapping[str, Any] = attrs.field(
        factory=dict, validator=_claims, metadata=_SETTING
    )
    device_flow: DeviceFlow = attrs.field(
        default="approve", validator=_device_flow, metadata=_SETTING
    )
    logout_redirect: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)

    _keys: SigningKeys = attrs.field(init=False)
    _codes: dict[str, AuthCode] = attrs.field(init=False, factory=dict)
    _pending: dict[str, PendingAuth] = attrs.field(init=False, factory=dict)
    _refresh: dict[str, RefreshGrant] = attrs.field(init=False, factory=dict)
    _used_refresh: deque[str] = attrs.field(init=False, factory=deque)
    _refresh_counts: Counter[str] = attrs.field(init=False, factory=Counter)
    _devices: dict[str, DeviceGrant] = attrs.field(init=False, factory=dict)
    _sessions: dict[str, SessionInfo] = attrs.field(init=False, factory=dict)
    _magic_attempts: Counter[str] = attrs.field(init=False, factory=Counter)
    _used_magic: set[str] = attrs.field(init=False, factory=set)
    _used_challenges: set[str] = attrs.field(init=False, factory=set)
    _challenge_attempts: Counter[str] = attrs.field(init=False, factory=Counter)
    _sms_codes: dict[str, str] = attrs.field(init=False, factory=dict)
    _jwks_fetches: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        self._keys = SigningKeys(lambda: self._fake.store.new_id("sso_oidc_key_pair"))

    def __repr__(self) -> str:
        return f"<FakeAuth kids={self._keys.kids!r} refresh_tokens={len(self._refresh)}>"

    @property
    def _lock(self) -> Any:
        return self._fake.store.lock

    # ----------------------------------------------------------------- public helpers
    def reset(self) -> None:
        """Settings back to their defaults; codes, tokens and counters dropped.

        The signing keys stay (tokens signed before still verify against the JWKS).
        """
        with self._lock:
            for field in attrs.fields(FakeAuth):
                if field.metadata.get("setting"):
                    factory = getattr(field.default, "factory", None)
                    value = factory() if factory is not None else field.default
                    setattr(self, field.name, value)
            self._codes.clear()
            self._pending.clear()
            self._refresh.clear()
            self._used_refresh.clear()
            self._refresh_counts.clear()
            self._devices.clear()
            self._sessions.clear()
            self._magic_attempts.clear()
            self._used_magic.clear()
            self._used_challenges.clear()
            self._challenge_attempts.clear()
            self._sms_codes.clear()
            self._jwks_fetches = 0

    @property
    def jwks_fetches(self) -> int:
        """How many JWKS documents ``GET /sso/jwks/{client_id}`` served since the last reset."""
        with self._lock:
            return self._jwks_fetches

    def refresh_requests(self, refresh_token: str | None = None) -> int:
        """How many ``refresh_token`` grants presented ``refresh_token`` (any outcome), or all
        refresh grants when it is ``None``."""
        with self._lock:
            if refresh_token is None:
                return sum(self._refresh_counts.values())
            return self._refresh_counts[refresh_token]

    @property
    def signing_kids(self) -> list[str]:
        """The ``kid`` of every published signing key, current first."""
        with self._lock:
            return self._keys.kids

    def rotate_signing_key(self, *, keep_old: bool = True) -> str:
        """Sign new tokens with a new key; keep publishing the old ones (``keep_old``) or not.

        Returns the new key's ``kid``. Tokens signed by a dropped key no longer verify.
        """
        if not isinstance(keep_old, bool):
            raise TypeError("keep_old must be a bool")
        with self._lock:
            return self._keys.rotate(keep_old=keep_old)

    def jwks(self) -> dict[str, Any]:
        """The JWKS document the fake serves (does not count as a fetch)."""
        with self._lock:
            return self._keys.jwks()

    def sign_token(self, claims: Mapping[str, Any], *, kid: str | None = None) -> str:
        """Sign arbitrary ``claims`` with the current key (or published key ``kid``): for tests
        of tokens the flows would never issue (expired, wrong issuer, odd claims)."""
        if not isinstance(claims, Mapping):
            raise TypeError("claims must be a mapping")
        with self._lock:
            return self._keys.sign(claims, kid=kid)

    def totp_code(self, factor_id: str) -> str:
        """The current TOTP code of an enrolled factor, at the fake's time."""
        with self._lock:
            secret = self._fake.store.factor_secrets.get(factor_id)
            if secret is None:
                raise KeyError(f"no TOTP factor {factor_id!r}")
            return totp_code(secret, self._fake.clock.now())

    def create_authorization_code(
        self,
        user_id: str,
        *,
        organization_id: str | None = None,
        authentication_method: str = "Password",
        impersonator: Mapping[str, Any] | None = None,
        code_challenge: str | None = None,
        code_challenge_method: str | None = None,
    ) -> str:
        """An authorization code as ``/authorize`` would redirect with (single use, 10 min).

        ``impersonator`` (``{"email", "reason"}``) makes it an impersonation sign-in: the
        response carries ``impersonator`` and the token an ``act`` claim.
        """
        with self._lock:
            store = self._fake.store
            if user_id not in store.c_users.records:
                raise KeyError(f"no user {user_id!r}")
            if organization_id is not None and organization_id not in store.c_organizations.records:
                raise KeyError(f"no organization {organization_id!r}")
            if authentication_method not in AUTHENTICATION_METHODS:
                raise ValueError(f"unknown authentication_method {authentication_method!r}")
            if code_challenge_method not in (None, "S256", "plain"):
                raise ValueError("code_challenge_method must be 'S256', 'plain' or None")
            method = authentication_method
            if impersonator is not None:
                if not isinstance(impersonator.get("email"), str):
                    raise ValueError("impersonator needs an 'email'")
                method = "Impersonation"
            sign_in = SignIn(
                user_id=user_id,
                authentication_method=method,
                organization_id=organization_id,
                impersonator=(
                    {"email": impersonator["email"], "reason": impersonator.get("reason")}
                    if impersonator is not None
                    else None
                ),
            )
            return self.new_code(sign_in, code_challenge, code_challenge_method)

    def sign_in(
        self,
        user_id: str,
        *,
        organization_id: str | None = None,
        authentication_method: str = "Password",
    ) -> dict[str, Any]:
        """Sign ``user_id`` in from Python, skipping the flow checks: the authenticate
        response (``user``, ``access_token``, ``refresh_token``, ...) of a new session."""
        with self._lock:
            store = self._fake.store
            if user_id not in store.c_users.records:
                raise KeyError(f"no user {user_id!r}")
            if authentication_method not in AUTHENTICATION_METHODS:
                raise ValueError(f"unknown authentication_method {authentication_method!r}")
            sign_in = SignIn(
                user_id=user_id,
                authentication_method=authentication_method,
                organization_id=organization_id,
                next_stage=len(STAGES),
            )
            return self.finish(sign_in)

    # ------------------------------------------------------- used by the route modules
    def count_jwks_fetch(self) -> None:
        self._jwks_fetches += 1

    def now(self) -> float:
        return self._fake.clock.now()

    def issuer_value(self) -> str:
        if self.issuer is not None:
            return self.issuer
        return self._fake.url if self._fake.running else "http://127.0.0.1"

    def new_code(
        self, sign_in: SignIn, challenge: str | None = None, challenge_method: str | None = None
    ) -> str:
        code = random_token(self._fake.store.rng, 32)
        if challenge is not None and challenge_method is None:
            challenge_method = "plain"  # RFC 7636 4.3: the default
        self._prune_codes()
        self._codes[code] = AuthCode(
            sign_in=sign_in,
            expires_at=self.now() + AUTHORIZATION_CODE_TTL,
            code_challenge=challenge,
            code_challenge_method=challenge_method if challenge is not None else None,
        )
        return code

    def _prune_codes(self) -> None:
        if len(self._codes) > USED_MEMORY:
            now = self.now()
            for code in [c for c, r in self._codes.items() if r.used or now >= r.expires_at]:
                del self._codes[code]

    def take_code(self, code: str) -> AuthCode:
        """The code's record, now used; 400 ``invalid_grant`` if unknown, used or expired."""
        record = self._codes.get(code)
        if record is None:
            raise oauth_error(400, "invalid_grant", "The code is not valid.")
        if record.used:
            raise oauth_error(400, "invalid_grant", "The code has already been used.")
        record.used = True
        if self.now() >= record.expires_at:
            raise oauth_error(400, "invalid_grant", "The code has expired.")
        return record

    def take_pending(self, token: str, stage: str) -> PendingAuth:
        """The pending sign-in waiting at ``stage`` (400 when unknown, used, expired or for
        another step). Not consumed: :meth:`consume_pending` once the step succeeds."""
        pending = self._pending.get(token)
        if pending is None or pending.stage != stage or self.now() >= pending.expires_at:
            raise coded(
                400,
                "invalid_pending_authentication_token",
                "The pending authentication token is not valid for this step.",
            )
        return pending

    def consume_pending(self, token: str) -> None:
        self._pending.pop(token, None)

    def new_device(self) -> tuple[str, DeviceGrant]:
        rng = self._fake.store.rng
        device_code = random_token(rng, 40)
        letters = "BCDFGHJKLMNPQRSTVWXZ"
        user_code = "".join(rng.choice(letters) for _ in range(8))
        grant = DeviceGrant(
            user_code=f"{user_code[:4]}-{user_code[4:]}", expires_at=self.now() + DEVICE_CODE_TTL
        )
        self._devices[device_code] = grant
        return device_code, grant

    def device(self, device_code: str) -> DeviceGrant | None:
        return self._devices.get(device_code)

    def default_user(self) -> Record | None:
        """The user ``/authorize`` and the device flow sign in without a hint."""
        store = self._fake.store
        if self.default_user_id is not None:
            return store.c_users.get(self.default_user_id)
        ids = store.c_users.ids.ids
        return store.c_users.records[ids[0]] if ids else None

    def magic_attempt(self, magic_id: str) -> int:
        self._magic_attempts[magic_id] += 1
        return self._magic_attempts[magic_id]

    def magic_attempts(self, magic_id: str) -> int:
        return self._magic_attempts[magic_id]

    def magic_used(self, magic_id: str) -> bool:
        return magic_id in self._used_magic

    def use_magic(self, magic_id: str) -> None:
        self._used_magic.add(magic_id)

    def sms_code(self, challenge_id: str) -> str:
        """The code the fake "texted" for an SMS challenge (no SMS is sent)."""
        with self._lock:
            code = self._sms_codes.get(challenge_id)
            if code is None:
                raise KeyError(f"no SMS challenge {challenge_id!r}")
            return code

    def new_sms_code(self, challenge_id: str) -> None:
        self._sms_codes[challenge_id] = random_code(self._fake.store.rng)

    def challenge_used(self, challenge_id: str) -> bool:
        return challenge_id in self._used_challenges

    def challenge_attempts(self, challenge_id: str) -> int:
        return self._challenge_attempts[challenge_id]

    def check_challenge_code(self, challenge: Record, code: str) -> bool:
        """Whether ``code`` answers ``challenge`` (TOTP: one 30 s step either way, as
        authenticator apps drift; SMS: the code kept for it). A wrong code counts an attempt;
        a right one uses the challenge up."""
        challenge_id = challenge["id"]
        secret = self._fake.store.factor_secrets.get(challenge["authentication_factor_id"])
        now = self.now()
        if secret is not None:
            valid = any(hmac.compare_digest(totp_code(secret, now + d), code) for d in (-30, 0, 30))
        else:
            sms = self._sms_codes.get(challenge_id)
            expires = challenge.get("expires_at")
            valid = (
                sms is not None
                and hmac.compare_digest(sms, code)
                and (expires is None or now < _timestamp(expires))
            )
        if valid:
            self._used_challenges.add(challenge_id)
        else:
            self._challenge_attempts[challenge_id] += 1
        return valid

    # ------------------------------------------------------------------- the sign-in
    def active_memberships(self, user_id: str) -> list[Record]:
        store = self._fake.store
        records = store.c_memberships.records
        return [
            records[i]
            for i in store.c_memberships.index("user", user_id).ids
            if records[i]["status"] == "active"
        ]

    def membership(self, user_id: str, organization_id: str) -> Record:
        """The active membership; 400 when the organization or the membership is missing."""
        store = self._fake.store
        if organization_id not in store.c_organizations.records:
            raise coded(
                400, "organization_not_found", f"Organization not found: '{organization_id}'."
            )
        membership_id = store.membership_by_pair.get((user_id, organization_id))
        record = store.c_memberships.records.get(membership_id) if membership_id else None
        if record is None or record["status"] != "active":
            raise coded(
                400,
                "organization_membership_not_found",
                "The user is not an active member of the organization.",
            )
        return record

    def finish(self, sign_in: SignIn) -> dict[str, Any]:
        """Run the remaining flow checks, then create the session and issue the tokens."""
        self._require_keys()
        while sign_in.next_stage < len(STAGES):
            stage = STAGES[sign_in.next_stage]
            sign_in.next_stage += 1
            self._check(stage, sign_in)
        store = self._fake.store
        user = store.c_users.get(sign_in.user_id)
        if user is None:  # deleted while the sign-in was pending
            raise coded(400, "invalid_pending_authentication_token", "The user no longer exists.")
        org_id = sign_in.organization_id
        if org_id is not None:
            self.membership(sign_in.user_id, org_id)
        elif self.auto_select_organization and sign_in.impersonator is None:
            active = self.active_memberships(sign_in.user_id)
            if len(active) == 1:
                org_id = active[0]["organization_id"]
        if sign_in.invitation_id is not None:
            org_id = self._accept_invitation(sign_in.invitation_id, sign_in.user_id) or org_id
        session = store.create_session(
            sign_in.user_id,
            organization_id=org_id,
            auth_method=session_auth_method(sign_in.authentication_method),
            ip_address=sign_in.ip_address,
            user_agent=sign_in.user_agent,
            impersonator=sign_in.impersonator,
            expires_in=SESSION_TTL,
        )
        self._sessions[session["id"]] = SessionInfo(
            sign_in.authentication_method, sign_in.impersonator
        )
        user = store.touch_sign_in(sign_in.user_id)
        return self.issue(user, session["id"], org_id)

    def issue(self, user: Record, session_id: str, org_id: str | None) -> dict[str, Any]:
        """The authenticate response for ``session_id``: a new access and refresh token."""
        info = self._sessions.get(session_id) or SessionInfo("Password", None)
        self._require_keys()
        access_token = self._keys.sign(self._claims(user["id"], session_id, org_id, info))
        refresh_token = random_token(self._fake.store.rng, 40)
        self._refresh[refresh_token] = RefreshGrant(session_id, user["id"], org_id)
        body: dict[str, Any] = {"user": user}
        if org_id is not None:
            body["organization_id"] = org_id
        body["access_token"] = access_token
        body["refresh_token"] = refresh_token
        body["authentication_method"] = info.authentication_method
        if info.impersonator is not None:
            body["impersonator"] = dict(info.impersonator)
        return body

    def refresh(self, token: str, organization_id: str | None) -> dict[str, Any]:
        """The ``refresh_token`` grant: rotate a single-use refresh token."""
        self._refresh_counts[token] += 1
        self._require_keys()
        grant = self._refresh.get(token)
        if grant is None:
            raise oauth_error(400, "invalid_grant", "The refresh token is not valid.")
        if grant.used:
            raise oauth_error(400, "invalid_grant", "The refresh token has already been used.")
        store = self._fake.store
        session = store.c_sessions.get(grant.session_id)
        if session is None or session["status"] != "active" or self._expired(session):
            raise oauth_error(400, "invalid_grant", "The session has ended.")
        user = store.c_users.get(grant.user_id)
        if user is None:
            raise oauth_error(400, "invalid_grant", "The user no longer exists.")
        org_id = organization_id if organization_id is not None else grant.organization_id
        if org_id is not None:
            self.membership(grant.user_id, org_id)
        grant.used = True
        self._used_refresh.append(token)
        if len(self._used_refresh) > USED_MEMORY:
            forgotten = self._used_refresh.popleft()
            self._refresh.pop(forgotten, None)
            self._refresh_counts.pop(forgotten, None)
        if org_id != session.get("organization_id"):
            changes: dict[str, Any] = {"updated_at": store.now_iso()}
            record = {k: v for k, v in session.items() if k != "organization_id"}
            if org_id is not None:
                changes["organization_id"] = org_id
            store.c_sessions.replace({**record, **changes})
        return self.issue(user, grant.session_id, org_id)

    def _require_keys(self) -> None:
        """A signing key exists (made now if needed), before any state changes: without
        ``cryptography`` a sign-in fails whole, with a 500 that says what to install."""
        try:
            self._keys.current  # noqa: B018
        except ImportError:
            raise FakeAPIError(
                500, {"code": "server_error", "message": CRYPTOGRAPHY_MISSING}
            ) from None

    def _expired(self, record: Record) -> bool:
        return self.now() >= _timestamp(record["expires_at"])

    def _claims(
        self, user_id: str, session_id: str, org_id: str | None, info: SessionInfo
    ) -> dict[str, Any]:
        store = self._fake.store
        now = self.now()
        claims: dict[str, Any] = {k: v for k, v in self.custom_claims.items()}
        claims.update(
            iss=self.issuer_value(),
            sub=user_id,
            sid=session_id,
            jti=store.new_id("jti")[4:],
            iat=int(now),
            exp=int(now + self.access_token_ttl),
        )
        if self.audience is not None:
            claims["aud"] = self.audience
        if org_id is not None:
            membership_id = store.membership_by_pair.get((user_id, org_id))
            membership = store.c_memberships.records.get(membership_id) if membership_id else None
            if membership is not None:
                roles = [r["slug"] for r in membership.get("roles") or [membership["role"]]]
            else:  # defensive: finish() and refresh() check the membership first
                roles = [store.default_role]
            permissions: list[str] = []
            for role in roles:
                for permission in self.role_permissions.get(role, ()):
                    if permission not in permissions:
                        permissions.append(permission)
            claims.update(org_id=org_id, role=roles[0], roles=roles, permissions=permissions)
            entitlements = self.entitlements.get(org_id)
            if entitlements:
                claims["entitlements"] = list(entitlements)
        flags = store.c_feature_flags
        enabled = [
            flags.records[i]["slug"]
            for i in flags.index("user", user_id).ids
            if flags.records[i]["enabled"]
        ]
        if enabled:
            claims["feature_flags"] = enabled
        if info.impersonator is not None:
            claims["act"] = {"sub": info.impersonator["email"]}
        return claims

    # ------------------------------------------------------------------- flow checks
    def _pending_token(self, sign_in: SignIn, stage: str, **extra: Any) -> str:
        token = random_token(self._fake.store.rng, 25)
        # Redeeming it re-runs nothing before ``stage``: the chain resumes after it.
        if len(self._pending) > USED_MEMORY:
            now = self.now()
            for old in [t for t, p in self._pending.items() if now >= p.expires_at]:
                del self._pending[old]
        self._pending[token] = PendingAuth(
            sign_in=sign_in, stage=stage, expires_at=self.now() + PENDING_TOKEN_TTL, **extra
        )
        return token

    def _check(self, stage: str, sign_in: SignIn) -> None:
        store = self._fake.store
        user = store.c_users.records[sign_in.user_id]
        method = sign_in.authentication_method
        if method == "Impersonation":
            return
        if stage == "sso":
            if self.sso_required_connection_ids and method != "SSO":
                raise FakeAPIError(
                    400,
                    {
                        "error": "sso_required",
                        "error_description": "The user must sign in with SSO.",
                        "email": user["email"],
                        "connection_ids": list(self.sso_required_connection_ids),
                    },
                )
        elif stage == "email_verification":
            if self.require_email_verification and not user["email_verified"]:
                verification_id = self._new_email_verification(user)
                token = self._pending_token(sign_in, stage, email_verification_id=verification_id)
                raise coded(
                    403,
                    "email_verification_required",
                    "Email ownership must be verified before authentication.",
                    pending_authentication_token=token,
                    email=user["email"],
                    email_verification_id=verification_id,
                )
        elif stage == "mfa":
            if self.require_mfa and method != "SSO":
                factors = [
                    store.c_auth_factors.records[i]
                    for i in store.c_auth_factors.index("user", user["id"]).ids
                    if store.c_auth_factors.records[i]["type"] == "totp"
                ]
                token = self._pending_token(sign_in, stage)
                if not factors:
                    raise coded(
                        403,
                        "mfa_enrollment",
                        "The user must enroll in MFA to finish authenticating.",
                        pending_authentication_token=token,
                        user=user,
                    )
                raise coded(
                    403,
                    "mfa_challenge",
                    "The user must complete an MFA challenge to finish authenticating.",
                    pending_authentication_token=token,
                    authentication_factors=[{"id": f["id"], "type": f["type"]} for f in factors],
                    user=user,
                )
        elif (
            stage == "organization_selection"
            and self.require_organization_selection
            and sign_in.organization_id is None
        ):
            active = self.active_memberships(user["id"])
            if active:
                orgs = store.c_organizations.records
                token = self._pending_token(sign_in, stage)
                raise coded(
                    403,
                    "organization_selection_required",
                    "The user must choose an organization to finish authenticating.",
                    pending_authentication_token=token,
                    organizations=[
                        {"id": m["organization_id"], "name": orgs[m["organization_id"]]["name"]}
                        for m in active
                        if m["organization_id"] in orgs
                    ],
                    user=user,
                )

    def _new_email_verification(self, user: Record) -> str:
        """An EmailVerification with a code, as WorkOS sends with the 403 (readable by id)."""
        store = self._fake.store
        now = store.now()
        record: Record = {
            "object": "email_verification",
            "id": store.new_id("email_verification"),
            "user_id": user["id"],
            "email": user["email"],
            "expires_at": iso(now + EMAIL_VERIFICATION_TTL),
            "created_at": iso(now),
            "updated_at": iso(now),
            "code": random_code(store.rng),
        }
        store.c_email_verifications.insert(record)
        return str(record["id"])

    def check_invitation(self, token: str, email: str) -> str:
        """The id of the pending invitation with ``token`` for ``email`` (400 otherwise)."""
        from ._routes_invitations import state_of

        store = self._fake.store
        invitation_id = store.invitation_by_token.get(token)
        record = store.c_invitations.records.get(invitation_id) if invitation_id else None
        if record is None or state_of(store, record) != "pending":
            raise oauth_error(400, "invitation_invalid", "The invitation token is not valid.")
        if record["email"].lower() != email.lower():
            raise oauth_error(
                400,
                "invitation_cannot_be_used_for_email",
                "The invitation was sent to another email address.",
            )
        return str(record["id"])

    def _accept_invitation(self, invitation_id: str, user_id: str) -> str | None:
        """Accept the invitation for ``user_id``; returns its organization id, if any."""
        from ._routes_memberships import create_membership

        store = self._fake.store
        record = store.c_invitations.records.get(invitation_id)
        if record is None or record["state"] != "pending":
            return None
        org_id: str | None = record["organization_id"]
        if org_id is not None and org_id in store.c_organizations.records:
            existing = store.membership_by_pair.get((user_id, org_id))
            status = store.c_memberships.records[existing]["status"] if existing else None
            if status == "pending" and existing is not None:
                store.c_memberships.update(existing, status="active", updated_at=store.now_iso())
            elif status != "active":
                body: dict[str, Any] = {"user_id": user_id, "organization_id": org_id}
                if record.get("role_slug") is not None:
                    body["role_slug"] = record["role_slug"]
                create_membership(store, body)
        now = store.now_iso()
        store.c_invitations.update(
            invitation_id,
            state="accepted",
            accepted_at=now,
            accepted_user_id=user_id,
            updated_at=now,
        )
        return org_id
