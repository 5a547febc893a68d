"""``fake.auth``: the settings, keys, counters and Python helpers of the authentication flows.

The flows themselves are functions in this package, one job a module: :mod:`.grants` (the
authenticate grants), :mod:`.signin` (flow checks, session), :mod:`.tokens` (access and
refresh tokens), :mod:`.codes` (authorization and device codes), :mod:`.mfa` (challenges),
:mod:`.browser` (authorize, logout, JWKS). They take this object, which holds the settings
(:class:`~.settings.AuthSettings`), the private tables (:class:`~.state.AuthState`) and the
store.

Everything runs under the fake's lock (route handlers already hold it; the public methods
take it). Secrets (codes, refresh tokens, pending tokens) live only in the private tables and
never in a repr or a log.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..store import FakeStore
from .codes import new_code
from .jwt import SigningKeys
from .mfa import new_sms_code, totp_code
from .settings import AuthSettings
from .signin import finish
from .state import AUTHENTICATION_METHODS, STAGES, AuthState, DeviceGrant, SignIn

__all__ = ["FakeAuth", "SignIn", "totp_code"]


@attrs.define(repr=False, slots=False)
class FakeAuth(AuthSettings):
    """Settings and state of the authentication flows of one ``FakeWorkOS`` (``fake.auth``).

    The settings are :class:`~.settings.AuthSettings`' attributes (checked on assignment;
    :meth:`reset` restores them). ``base_url`` tells the fake's URL (``None``: not serving),
    for the tokens' default issuer.
    """

    store: FakeStore = attrs.field(kw_only=True)
    client_id: str = attrs.field(kw_only=True)
    _base_url: Callable[[], str | None] = attrs.field(kw_only=True, alias="base_url")
    state: AuthState = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.state = AuthState(SigningKeys(lambda: self.store.new_id("sso_oidc_key_pair")))

    def __repr__(self) -> str:
        return f"<FakeAuth kids={self.state.keys.kids!r} refresh_tokens={len(self.state.refresh)}>"

    @property
    def _lock(self) -> Any:
        return self.store.lock

    def now(self) -> float:
        """The fake's time."""
        return self.store.now()

    def issuer_value(self) -> str:
        """The tokens' ``iss``: :attr:`issuer`, else the fake's URL."""
        if self.issuer is not None:
            return self.issuer
        return self._base_url() or "http://127.0.0.1"

    # ----------------------------------------------------------------- public helpers
    def reset(self) -> None:
        """Settings back to their defaults; codes, tokens and counters dropped.

        The signing keys stay (tokens signed before still verify against the JWKS).
        """
        with self._lock:
            self.reset_settings()
            self.state.clear()

    @property
    def jwks_fetches(self) -> int:
        """How many JWKS documents ``GET /sso/jwks/{client_id}`` served since the last reset."""
        with self._lock:
            return self.state.jwks_fetches

    def refresh_requests(self, refresh_token: str | None = None) -> int:
        """How many ``refresh_token`` grants presented ``refresh_token`` (any outcome), or all
        refresh grants when it is ``None``."""
        with self._lock:
            counts = self.state.refresh_counts
            return sum(counts.values()) if refresh_token is None else counts[refresh_token]

    @property
    def signing_kids(self) -> list[str]:
        """The ``kid`` of every published signing key, current first."""
        with self._lock:
            return self.state.keys.kids

    def rotate_signing_key(self, *, keep_old: bool = True) -> str:
        """Sign new tokens with a new key; keep publishing the old ones (``keep_old``) or not.

        Returns the new key's ``kid``. Tokens signed by a dropped key no longer verify.
        """
        if not isinstance(keep_old, bool):
            raise TypeError("keep_old must be a bool")
        with self._lock:
            return self.state.keys.rotate(keep_old=keep_old)

    def jwks(self) -> dict[str, Any]:
        """The JWKS document the fake serves (does not count as a fetch)."""
        with self._lock:
            return self.state.keys.jwks()

    def sign_token(self, claims: Mapping[str, Any], *, kid: str | None = None) -> str:
        """Sign arbitrary ``claims`` with the current key (or published key ``kid``): for tests
        of tokens the flows would never issue (expired, wrong issuer, odd claims)."""
        if not isinstance(claims, Mapping):
            raise TypeError("claims must be a mapping")
        with self._lock:
            return self.state.keys.sign(claims, kid=kid)

    def totp_code(self, factor_id: str) -> str:
        """The current TOTP code of an enrolled factor, at the fake's time."""
        with self._lock:
            secret = self.store.factor_secrets.get(factor_id)
            if secret is None:
                raise KeyError(f"no TOTP factor {factor_id!r}")
            return totp_code(secret, self.now())

    def sms_code(self, challenge_id: str) -> str:
        """The code the fake "texted" for an SMS challenge (no SMS is sent)."""
        with self._lock:
            code = self.state.sms_codes.get(challenge_id)
            if code is None:
                raise KeyError(f"no SMS challenge {challenge_id!r}")
            return code

    def radar_sms_code(self, verification_id: str) -> str:
        """The code the fake "texted" for a Radar SMS challenge (no SMS is sent)."""
        with self._lock:
            sms = self.state.radar_sms.get(verification_id)
            if sms is None:
                raise KeyError(f"no Radar SMS challenge {verification_id!r}")
            return sms.code

    def new_sms_code(self, challenge_id: str) -> None:
        """Make a new SMS code for a challenge (what challenging an SMS factor does)."""
        with self._lock:
            new_sms_code(self, challenge_id)

    def new_device(self) -> tuple[str, DeviceGrant]:
        """A device code and its grant (what the device authorization does)."""
        from .codes import new_device

        with self._lock:
            return new_device(self)

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
            self._require_user(user_id)
            if (
                organization_id is not None
                and organization_id not in self.store.c_organizations.records
            ):
                raise KeyError(f"no organization {organization_id!r}")
            self._require_method(authentication_method)
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
            return new_code(self, sign_in, code_challenge, code_challenge_method)

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
            self._require_user(user_id)
            self._require_method(authentication_method)
            sign_in = SignIn(
                user_id=user_id,
                authentication_method=authentication_method,
                organization_id=organization_id,
                next_stage=len(STAGES),
            )
            return finish(self, sign_in)

    def _require_user(self, user_id: str) -> None:
        if user_id not in self.store.c_users.records:
            raise KeyError(f"no user {user_id!r}")

    @staticmethod
    def _require_method(authentication_method: str) -> None:
        if authentication_method not in AUTHENTICATION_METHODS:
            raise ValueError(f"unknown authentication_method {authentication_method!r}")
