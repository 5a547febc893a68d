"""The browser-facing steps: authorize, device authorization, logout, and the JWKS.

:func:`authorize` signs a user in at once (there is no login page) and answers where to
redirect: ``redirect_uri?code=...&state=...``. The user is the ``login_hint`` user, else
``fake.auth.default_user_id``, else the oldest user. A missing or bad ``client_id``,
``redirect_uri`` or ``response_type`` is a 400 (the fake cannot safely redirect); a sign-in
that cannot happen (unknown ``login_hint``, no user, an organization the user is not in)
redirects with ``error`` and ``error_description``, as WorkOS does. When redirect URIs are
configured ``redirect_uri`` must be one of them. ``provider`` (an ``*OAuth`` name) or
``connection_id`` (SSO) set the response's ``authentication_method``; ``organization_id``
scopes the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from ..errors import DomainError, Problem, message_only, not_found, oauth_error
from ..secrets import same_secret
from .codes import default_user, new_code, new_device
from .state import AUTHENTICATION_METHODS, DEVICE_CODE_TTL, DEVICE_POLL_INTERVAL, SignIn
from .tokens import require_keys

if TYPE_CHECKING:
    from .fake_auth import FakeAuth

AUTHORIZE_PARAMS = (
    "code_challenge_method", "code_challenge", "domain_hint", "connection_id",
    "provider_query_params", "provider_scopes", "invitation_token", "screen_hint",
    "login_hint", "provider", "prompt", "state", "organization_id", "response_type",
    "redirect_uri", "client_id",
)  # fmt: skip
PROVIDERS = ("authkit", *(m for m in AUTHENTICATION_METHODS if m.endswith("OAuth")))


def _invalid_request(description: str) -> DomainError:
    return oauth_error("invalid_request", description)


def _safe_url(url: str) -> bool:
    """An absolute http(s) URL without spaces or control characters (it goes in a header)."""
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a bad IPv6 host
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def with_query(location: str, params: Mapping[str, str]) -> str:
    """``location`` with ``params`` added to its query."""
    joiner = "&" if urlsplit(location).query else "?"
    return f"{location}{joiner}{urlencode(params)}"


def _check_client_id(auth: FakeAuth, client_id: str | None) -> None:
    if client_id is None:
        raise _invalid_request("client_id is required.")
    if not same_secret(client_id, auth.client_id):
        raise oauth_error("invalid_client", "Invalid client ID.")


def _redirect_uri(auth: FakeAuth, redirect_uri: str | None) -> str:
    if redirect_uri is None:
        raise _invalid_request("redirect_uri is required.")
    if not _safe_url(redirect_uri):
        raise _invalid_request("redirect_uri must be an absolute http(s) URL.")
    configured = {r["uri"] for r in auth.store.c_redirect_uris.records.values()}
    if configured and redirect_uri not in configured:
        raise _invalid_request("redirect_uri is not one of the environment's redirect URIs.")
    return redirect_uri


def authorize(auth: FakeAuth, q: Mapping[str, str], user_agent: str | None) -> str:
    """Where ``/authorize`` with parameters ``q`` redirects (a code, or an ``error``)."""
    _check_client_id(auth, q.get("client_id"))
    redirect_uri = _redirect_uri(auth, q.get("redirect_uri"))
    response_type = q.get("response_type")
    if response_type is None:
        raise _invalid_request("response_type is required.")
    if response_type != "code":
        raise _invalid_request("response_type must be 'code'.")
    method = q.get("code_challenge_method")
    challenge = q.get("code_challenge")
    if method is not None and method not in ("S256", "plain"):
        raise _invalid_request("code_challenge_method must be 'S256' or 'plain'.")
    if method is not None and challenge is None:
        raise _invalid_request("code_challenge_method was given without a code_challenge.")
    provider = q.get("provider")
    if provider is not None and provider not in PROVIDERS:
        raise _invalid_request(f"Unknown provider {provider!r}.")
    state = {"state": q["state"]} if "state" in q else {}

    def refuse(description: str) -> str:
        return with_query(
            redirect_uri,
            {"error": "access_denied", "error_description": description, **state},
        )

    store = auth.store
    hint = q.get("login_hint")
    user = store.user_by_email_lookup(hint) if hint is not None else default_user(auth)
    if user is None:
        return refuse(
            "No user has the login_hint email."
            if hint is not None
            else "There is no user to sign in."
        )
    org_id = q.get("organization_id")
    if org_id is not None:
        membership = store.membership_by_pair.get((user["id"], org_id))
        record = store.c_memberships.records.get(membership) if membership else None
        if record is None or record["status"] != "active":
            return refuse("The user is not a member of the organization.")
    if provider is not None and provider != "authkit":
        authentication_method = provider
    elif q.get("connection_id") is not None:
        authentication_method = "SSO"
    else:
        authentication_method = "Password"
    sign_in = SignIn(
        user_id=user["id"],
        authentication_method=authentication_method,
        organization_id=org_id,
        user_agent=user_agent,
    )
    code = new_code(auth, sign_in, challenge, method)
    return with_query(redirect_uri, {"code": code, **state})


def authorize_device(auth: FakeAuth, client_id: str, base_url: str) -> dict[str, Any]:
    """A device authorization: ``device_code``, ``user_code``, where to approve it."""
    _check_client_id(auth, client_id)
    device_code, grant = new_device(auth)
    verification_uri = f"{base_url}/device"
    return {
        "device_code": device_code,
        "user_code": grant.user_code,
        "verification_uri": verification_uri,
        "verification_uri_complete": with_query(verification_uri, {"user_code": grant.user_code}),
        "expires_in": DEVICE_CODE_TTL,
        "interval": DEVICE_POLL_INTERVAL,
    }


def logout(auth: FakeAuth, session_id: str | None, return_to: str | None) -> str | None:
    """Revoke the session; where to redirect (``None``: no redirect)."""
    if not session_id:
        raise message_only(Problem.INVALID, "session_id is required.")
    if return_to is not None and not _safe_url(return_to):
        raise message_only(Problem.INVALID, "return_to must be an absolute http(s) URL.")
    store = auth.store
    session = store.c_sessions.get(session_id)
    if session is None:
        raise message_only(Problem.INVALID, f"Session not found: '{session_id}'.")
    if session["status"] == "active":
        store.revoke_session(session_id)
    return return_to or auth.logout_redirect


def serve_jwks(auth: FakeAuth, client_id: str) -> dict[str, Any]:
    """The JWKS document for ``client_id`` (404 for another client); counts a fetch."""
    if not same_secret(client_id, auth.client_id):
        raise not_found(f"No JWKS for client '{client_id}'.")
    require_keys(auth)
    document = auth.state.keys.jwks()
    auth.state.jwks_fetches += 1
    return document
