"""What a successful sign-in does, whichever grant started it (:func:`finish`):

1. the flow checks, in WorkOS's order, each switched on by a setting: ``sso_required`` (400),
   ``email_verification_required``, ``mfa_enrollment`` / ``mfa_challenge`` and
   ``organization_selection_required`` (403). Each 403 carries a
   ``pending_authentication_token`` that the matching grant redeems; the chain then goes on
   from the next check;
2. a session in the store and ``last_sign_in_at`` set (an invitation named by the sign-in is
   accepted);
3. the tokens (:func:`.tokens.issue`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import DomainError, Problem, Style, coded
from ..ids import random_token
from ..invitations import accept, state_of
from ..one_time import new_email_verification
from ..store import SESSION_TTL, Record
from .access import active_memberships, membership
from .state import PENDING_TOKEN_TTL, STAGES, USED_MEMORY, PendingAuth, SessionInfo, SignIn
from .tokens import issue, require_keys

if TYPE_CHECKING:
    from .fake_auth import FakeAuth

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


def session_auth_method(authentication_method: str) -> str:
    """The session record's ``auth_method`` for a response's ``authentication_method``."""
    if authentication_method.endswith("OAuth"):
        return "oauth"
    return _SESSION_METHODS.get(authentication_method, "unknown")


def finish(auth: FakeAuth, sign_in: SignIn) -> dict[str, Any]:
    """Run the remaining flow checks, then create the session and issue the tokens."""
    require_keys(auth)
    while sign_in.next_stage < len(STAGES):
        stage = STAGES[sign_in.next_stage]
        sign_in.next_stage += 1
        _check(auth, stage, sign_in)
    store = auth.store
    if sign_in.user_id not in store.c_users.records:  # deleted while the sign-in was pending
        raise coded(
            Problem.REJECTED, "invalid_pending_authentication_token", "The user no longer exists."
        )
    org_id = sign_in.organization_id
    if org_id is not None:
        membership(auth, sign_in.user_id, org_id)
    elif auth.auto_select_organization and sign_in.impersonator is None:
        active = active_memberships(auth, sign_in.user_id)
        if len(active) == 1:
            org_id = active[0]["organization_id"]
    if sign_in.invitation_id is not None:
        org_id = _accept_invitation(auth, sign_in.invitation_id, sign_in.user_id) or org_id
    session = store.create_session(
        sign_in.user_id,
        organization_id=org_id,
        auth_method=session_auth_method(sign_in.authentication_method),
        ip_address=sign_in.ip_address,
        user_agent=sign_in.user_agent,
        impersonator=sign_in.impersonator,
        expires_in=SESSION_TTL,
    )
    auth.state.sessions[session["id"]] = SessionInfo(
        sign_in.authentication_method, sign_in.impersonator
    )
    user = store.touch_sign_in(sign_in.user_id)
    return issue(auth, user, session["id"], org_id)


def _accept_invitation(auth: FakeAuth, invitation_id: str, user_id: str) -> str | None:
    """Accept the invitation for ``user_id`` if it is still pending; its organization id."""
    store = auth.store
    record = store.c_invitations.records.get(invitation_id)
    if record is None or state_of(store, record) != "pending":
        return None
    org_id: str | None = accept(store, invitation_id, user_id)["organization_id"]
    return org_id


# ------------------------------------------------------------------------- pending tokens
def pending_token(auth: FakeAuth, sign_in: SignIn, stage: str, **extra: Any) -> str:
    """A token that resumes ``sign_in`` after ``stage`` (10 minutes, one use)."""
    pending = auth.state.pending
    token = random_token(auth.store.rng, 25)
    now = auth.now()
    if len(pending) > USED_MEMORY:
        for old in [t for t, p in pending.items() if now >= p.expires_at]:
            del pending[old]
    pending[token] = PendingAuth(
        sign_in=sign_in, stage=stage, expires_at=now + PENDING_TOKEN_TTL, **extra
    )
    return token


def take_pending(auth: FakeAuth, token: str, stage: str) -> PendingAuth:
    """The pending sign-in waiting at ``stage`` (400 when unknown, used, expired or for
    another step). Not consumed: the grant pops it once its step succeeds."""
    pending = auth.state.pending.get(token)
    if pending is None or pending.stage != stage or auth.now() >= pending.expires_at:
        raise coded(
            Problem.REJECTED,
            "invalid_pending_authentication_token",
            "The pending authentication token is not valid for this step.",
        )
    return pending


# ----------------------------------------------------------------------------- the checks
def _step(code: str, message: str, token: str, **details: Any) -> DomainError:
    return coded(
        Problem.STEP_REQUIRED, code, message, pending_authentication_token=token, **details
    )


def _check(auth: FakeAuth, stage: str, sign_in: SignIn) -> None:
    if sign_in.authentication_method == "Impersonation":
        return
    user = auth.store.c_users.records[sign_in.user_id]
    if stage == "sso":
        _check_sso(auth, sign_in, user)
    elif stage == "radar":
        from .radar import check_radar  # radar resumes through this module

        check_radar(auth, sign_in, user)
    elif stage == "email_verification":
        _check_email_verification(auth, sign_in, user)
    elif stage == "mfa":
        _check_mfa(auth, sign_in, user)
    elif stage == "organization_selection":
        _check_organization_selection(auth, sign_in, user)


def _check_sso(auth: FakeAuth, sign_in: SignIn, user: Record) -> None:
    if auth.sso_required_connection_ids and sign_in.authentication_method != "SSO":
        raise DomainError(
            Problem.REJECTED,
            "The user must sign in with SSO.",
            code="sso_required",
            style=Style.OAUTH,
            email=user["email"],
            connection_ids=list(auth.sso_required_connection_ids),
        )


def _check_email_verification(auth: FakeAuth, sign_in: SignIn, user: Record) -> None:
    if auth.require_email_verification and not user["email_verified"]:
        verification_id = new_email_verification(auth.store, user)["id"]
        token = pending_token(
            auth, sign_in, "email_verification", email_verification_id=verification_id
        )
        raise _step(
            "email_verification_required",
            "Email ownership must be verified before authentication.",
            token,
            email=user["email"],
            email_verification_id=verification_id,
        )


def _check_mfa(auth: FakeAuth, sign_in: SignIn, user: Record) -> None:
    if not auth.require_mfa or sign_in.authentication_method == "SSO":
        return
    factors = auth.store.c_auth_factors
    totp = [
        factors.records[i]
        for i in factors.index("user", user["id"]).ids
        if factors.records[i]["type"] == "totp"
    ]
    token = pending_token(auth, sign_in, "mfa")
    if not totp:
        raise _step(
            "mfa_enrollment",
            "The user must enroll in MFA to finish authenticating.",
            token,
            user=user,
        )
    raise _step(
        "mfa_challenge",
        "The user must complete an MFA challenge to finish authenticating.",
        token,
        authentication_factors=[{"id": f["id"], "type": f["type"]} for f in totp],
        user=user,
    )


def _check_organization_selection(auth: FakeAuth, sign_in: SignIn, user: Record) -> None:
    if not auth.require_organization_selection or sign_in.organization_id is not None:
        return
    active = active_memberships(auth, user["id"])
    if not active:
        return
    orgs = auth.store.c_organizations.records
    token = pending_token(auth, sign_in, "organization_selection")
    raise _step(
        "organization_selection_required",
        "The user must choose an organization to finish authenticating.",
        token,
        organizations=[
            {"id": m["organization_id"], "name": orgs[m["organization_id"]]["name"]}
            for m in active
            if m["organization_id"] in orgs
        ],
        user=user,
    )
