"""Access and refresh tokens: what a finished sign-in or a refresh answers.

Access tokens are RS256 JWTs (:mod:`.jwt`) with WorkOS's claims; refresh tokens are opaque,
single use and rotate on every refresh (the session stays the same).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import Problem, coded, oauth_error
from ..ids import parse_iso, random_token
from ..store import Record
from .access import membership
from .jwt import CRYPTOGRAPHY_MISSING
from .state import USED_MEMORY, RefreshGrant, SessionInfo

if TYPE_CHECKING:
    from .fake_auth import FakeAuth


def require_keys(auth: FakeAuth) -> None:
    """A signing key exists (made now if needed), before any state changes: without
    ``cryptography`` a sign-in fails whole, with an error that says what to install."""
    try:
        auth.state.keys.current  # noqa: B018
    except ImportError:
        raise coded(Problem.UNAVAILABLE, "server_error", CRYPTOGRAPHY_MISSING) from None


def issue(auth: FakeAuth, user: Record, session_id: str, org_id: str | None) -> dict[str, Any]:
    """The authenticate response for ``session_id``: a new access and refresh token."""
    state = auth.state
    info = state.sessions.get(session_id) or SessionInfo("Password", None)
    require_keys(auth)
    access_token = state.keys.sign(claims(auth, user["id"], session_id, org_id, info))
    refresh_token = random_token(auth.store.rng, 40)
    state.refresh[refresh_token] = RefreshGrant(session_id, user["id"], org_id)
    body: dict[str, Any] = {"user": user}
    if org_id is not None:
        body["organization_id"] = org_id
    body["access_token"] = access_token
    body["refresh_token"] = refresh_token
    body["authentication_method"] = info.authentication_method
    if info.impersonator is not None:
        body["impersonator"] = dict(info.impersonator)
    return body


def refresh(auth: FakeAuth, token: str, organization_id: str | None) -> dict[str, Any]:
    """The ``refresh_token`` grant: rotate a single-use refresh token."""
    state = auth.state
    state.refresh_counts[token] += 1
    require_keys(auth)
    grant = state.refresh.get(token)
    if grant is None:
        raise oauth_error("invalid_grant", "The refresh token is not valid.")
    if grant.used:
        raise oauth_error("invalid_grant", "The refresh token has already been used.")
    store = auth.store
    session = store.c_sessions.get(grant.session_id)
    if (
        session is None
        or session["status"] != "active"
        or auth.now() >= parse_iso(session["expires_at"])
    ):
        raise oauth_error("invalid_grant", "The session has ended.")
    user = store.c_users.get(grant.user_id)
    if user is None:
        raise oauth_error("invalid_grant", "The user no longer exists.")
    org_id = organization_id if organization_id is not None else grant.organization_id
    if org_id is not None:
        membership(auth, grant.user_id, org_id)
    grant.used = True
    state.used_refresh.append(token)
    if len(state.used_refresh) > USED_MEMORY:
        forgotten = state.used_refresh.popleft()
        state.refresh.pop(forgotten, None)
        state.refresh_counts.pop(forgotten, None)
    if org_id != session.get("organization_id"):
        changes: dict[str, Any] = {"updated_at": store.now_iso()}
        record = {k: v for k, v in session.items() if k != "organization_id"}
        if org_id is not None:
            changes["organization_id"] = org_id
        store.c_sessions.replace({**record, **changes})
    return issue(auth, user, grant.session_id, org_id)


def _roles(auth: FakeAuth, user_id: str, org_id: str) -> list[str]:
    store = auth.store
    membership_id = store.membership_by_pair.get((user_id, org_id))
    record = store.c_memberships.records.get(membership_id) if membership_id else None
    if record is None:  # defensive: finish() and refresh() check the membership first
        return [store.default_role]
    return [r["slug"] for r in record.get("roles") or [record["role"]]]


def claims(
    auth: FakeAuth, user_id: str, session_id: str, org_id: str | None, info: SessionInfo
) -> dict[str, Any]:
    """The access token's claims (custom claims first: WorkOS's own win)."""
    store = auth.store
    now = auth.now()
    out: dict[str, Any] = dict(auth.custom_claims)
    out.update(
        iss=auth.issuer_value(),
        sub=user_id,
        sid=session_id,
        jti=store.new_id("jti")[4:],
        iat=int(now),
        exp=int(now + auth.access_token_ttl),
    )
    if auth.audience is not None:
        out["aud"] = auth.audience
    if org_id is not None:
        roles = _roles(auth, user_id, org_id)
        permissions: list[str] = []
        for role in roles:
            for permission in auth.role_permissions.get(role, ()):
                if permission not in permissions:
                    permissions.append(permission)
        out.update(org_id=org_id, role=roles[0], roles=roles, permissions=permissions)
        entitlements = auth.entitlements.get(org_id)
        if entitlements:
            out["entitlements"] = list(entitlements)
    flags = store.c_feature_flags
    enabled = [
        flags.records[i]["slug"]
        for i in flags.index("user", user_id).ids
        if flags.records[i]["enabled"]
    ]
    if enabled:
        out["feature_flags"] = enabled
    if info.impersonator is not None:
        out["act"] = {"sub": info.impersonator["email"]}
    return out
