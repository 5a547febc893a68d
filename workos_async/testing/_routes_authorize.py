"""The public browser-facing routes: ``GET /user_management/authorize``,
``POST /user_management/authorize/device`` and ``GET /user_management/sessions/logout``.

``/authorize`` signs a user in at once (there is no login page) and answers 302 to
``redirect_uri?code=...&state=...``: the ``login_hint`` user, else ``fake.auth.default_user_id``,
else the oldest user. The code is single use, lives 10 minutes and remembers the PKCE
challenge. A missing or bad ``client_id``, ``redirect_uri`` or ``response_type`` is a 400
(the fake cannot safely redirect); a sign-in that cannot happen (unknown ``login_hint``, no
user, an organization the user is not in) redirects with ``error`` and
``error_description``, as WorkOS does. When redirect URIs are configured
(``POST /user_management/redirect_uris``) ``redirect_uri`` must be one of them.

``provider`` (an ``*OAuth`` name) or ``connection_id`` (SSO) set the response's
``authentication_method``; ``organization_id`` scopes the session.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode, urlsplit

from ._auth import AUTHENTICATION_METHODS, DEVICE_CODE_TTL, DEVICE_POLL_INTERVAL, SignIn
from ._errors import FakeAPIError, message_only, oauth_error
from ._router import Ctx, Reply, Router
from ._validate import F, single

AUTHORIZE_PARAMS = (
    "code_challenge_method", "code_challenge", "domain_hint", "connection_id",
    "provider_query_params", "provider_scopes", "invitation_token", "screen_hint",
    "login_hint", "provider", "prompt", "state", "organization_id", "response_type",
    "redirect_uri", "client_id",
)  # fmt: skip
PROVIDERS = ("authkit", *(m for m in AUTHENTICATION_METHODS if m.endswith("OAuth")))


def _invalid_request(description: str) -> FakeAPIError:
    return oauth_error(400, "invalid_request", description)


def _redirect(location: str, params: dict[str, str]) -> Reply:
    joiner = "&" if urlsplit(location).query else "?"
    return Reply(302, None, {"Location": f"{location}{joiner}{urlencode(params)}"})


def _query(ctx: Ctx) -> dict[str, str]:
    # provider_query_params is a deepObject map sent as provider_query_params[key]=value.
    extra = [k for k in ctx.query if k.startswith("provider_query_params[") and k.endswith("]")]
    ctx.check_query(*AUTHORIZE_PARAMS, *extra)
    out: dict[str, str] = {}
    for name in AUTHORIZE_PARAMS:
        value = single(ctx.query, name)
        if value is not None:
            out[name] = value
    return out


def _authorize(ctx: Ctx) -> Reply:
    store = ctx.store
    auth = ctx.fake.auth
    q = _query(ctx)
    client_id = q.get("client_id")
    if client_id is None:
        raise _invalid_request("client_id is required.")
    if not hmac.compare_digest(client_id, ctx.fake.client_id):
        raise oauth_error(400, "invalid_client", "Invalid client ID.")
    redirect_uri = q.get("redirect_uri")
    if redirect_uri is None:
        raise _invalid_request("redirect_uri is required.")
    parts = urlsplit(redirect_uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _invalid_request("redirect_uri must be an absolute http(s) URL.")
    configured = {r["uri"] for r in store.c_redirect_uris.records.values()}
    if configured and redirect_uri not in configured:
        raise _invalid_request("redirect_uri is not one of the environment's redirect URIs.")
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

    def refuse(error: str, description: str) -> Reply:
        return _redirect(redirect_uri, {"error": error, "error_description": description, **state})

    hint = q.get("login_hint")
    if hint is not None:
        user = store.user_by_email_lookup(hint)
        if user is None:
            return refuse("access_denied", "No user has the login_hint email.")
    else:
        user = auth.default_user()
        if user is None:
            return refuse("access_denied", "There is no user to sign in.")
    org_id = q.get("organization_id")
    if org_id is not None:
        membership = store.membership_by_pair.get((user["id"], org_id))
        record = store.c_memberships.records.get(membership) if membership else None
        if record is None or record["status"] != "active":
            return refuse("access_denied", "The user is not a member of the organization.")
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
        user_agent=ctx.request.headers.get("User-Agent"),
    )
    code = auth.new_code(sign_in, challenge, method)
    return _redirect(redirect_uri, {"code": code, **state})


def _device_authorization(ctx: Ctx) -> Reply:
    body = ctx.body({"client_id": F("string", required=True)})
    if not hmac.compare_digest(body["client_id"], ctx.fake.client_id):
        raise oauth_error(400, "invalid_client", "Invalid client ID.")
    device_code, grant = ctx.fake.auth.new_device()
    base = ctx.fake.url if ctx.fake.running else "http://127.0.0.1"
    verification_uri = f"{base}/device"
    return Reply(
        200,
        {
            "device_code": device_code,
            "user_code": grant.user_code,
            "verification_uri": verification_uri,
            "verification_uri_complete": f"{verification_uri}?{urlencode({'user_code': grant.user_code})}",
            "expires_in": DEVICE_CODE_TTL,
            "interval": DEVICE_POLL_INTERVAL,
        },
    )


def _logout(ctx: Ctx) -> Reply:
    ctx.check_query("session_id", "return_to")
    session_id = single(ctx.query, "session_id")
    if not session_id:
        raise message_only(422, "session_id is required.")
    return_to = single(ctx.query, "return_to")
    if return_to is not None:
        parts = urlsplit(return_to)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise message_only(422, "return_to must be an absolute http(s) URL.")
    store = ctx.store
    session = store.c_sessions.get(session_id)
    if session is None:
        raise message_only(422, f"Session not found: '{session_id}'.")
    if session["status"] == "active":
        store.revoke_session(session_id)
    target = return_to or ctx.fake.auth.logout_redirect
    if target is None:
        return Reply(200)
    return Reply(302, None, {"Location": target})


def register(router: Router) -> None:
    """Add the public authorize, device authorization and logout routes."""
    router.add("GET", "/user_management/authorize", _authorize, public=True)
    router.add("POST", "/user_management/authorize/device", _device_authorization, public=True)
    router.add("GET", "/user_management/sessions/logout", _logout, public=True)
