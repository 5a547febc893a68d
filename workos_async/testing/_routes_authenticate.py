"""``POST /user_management/authenticate``: the spec's eight grant types.

Every grant but ``device_code`` needs ``client_id`` (the fake's) and ``client_secret`` (one of
its API keys), else 400 ``invalid_client``; the route itself is public, as device clients
have no API key. Other missing or mistyped fields are a 422 naming them. Errors use the
spec's codes and shapes: ``invalid_credentials`` and the one-time-code errors as
``{code, message}``, the OAuth ones (``invalid_client``, ``invalid_grant``,
``invalid_request``, ``authorization_pending``, ``expired_token``, ``access_denied``,
``sso_required``) as ``{error, error_description}``. A wrong password is a 400, as the spec
says (WorkOS's emulator answers 401).

The grants and what they check:

- ``password``: the user's password (users with an imported hash never match);
- ``authorization_code``: a single-use code from ``/authorize`` (10 minutes) and its PKCE
  verifier (``S256`` or ``plain``);
- ``refresh_token``: single use with rotation; the session must be active; an
  ``organization_id`` switches the session's organization (the user needs an active
  membership there);
- ``magic-auth:code``: the newest codes of the user's Magic Auth objects; five wrong codes
  lock it;
- ``email-verification:code``, ``mfa-totp``, ``organization-selection``: redeem the
  ``pending_authentication_token`` of the matching 403 and go on with the sign-in;
- ``device_code``: a code from ``/authorize/device``, answered per ``fake.auth.device_flow``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from typing import Any

from ._auth import MAGIC_AUTH_MAX_ATTEMPTS, STAGES, FakeAuth, SignIn
from ._errors import coded, error_item, invalid_params, missing, oauth_error
from ._router import Ctx, Reply, Router
from ._validate import F

CLIENT_CONTEXT: dict[str, F] = {
    "client_id": F("string"),
    "client_secret": F("string"),
    "grant_type": F("string", required=True),
    "ip_address": F("string"),
    "device_id": F("string"),
    "user_agent": F("string"),
}

PASSWORD = "password"
CODE = "authorization_code"
REFRESH = "refresh_token"
MAGIC = "urn:workos:oauth:grant-type:magic-auth:code"
EMAIL_VERIFICATION = "urn:workos:oauth:grant-type:email-verification:code"
TOTP = "urn:workos:oauth:grant-type:mfa-totp"
ORGANIZATION_SELECTION = "urn:workos:oauth:grant-type:organization-selection"
DEVICE = "urn:ietf:params:oauth:grant-type:device_code"

SPECS: dict[str, dict[str, F]] = {
    PASSWORD: {
        "email": F("string", required=True),
        "password": F("string", required=True),
        "invitation_token": F("string"),
    },
    CODE: {
        "code": F("string", required=True),
        "code_verifier": F("string"),
        "invitation_token": F("string"),
    },
    REFRESH: {"refresh_token": F("string", required=True), "organization_id": F("string")},
    MAGIC: {
        "code": F("string", required=True),
        "email": F("string", required=True),
        "invitation_token": F("string"),
    },
    EMAIL_VERIFICATION: {
        "code": F("string", required=True),
        "pending_authentication_token": F("string", required=True),
    },
    TOTP: {
        "code": F("string", required=True),
        "pending_authentication_token": F("string", required=True),
        "authentication_challenge_id": F("string", required=True),
    },
    ORGANIZATION_SELECTION: {
        "pending_authentication_token": F("string", required=True),
        "organization_id": F("string", required=True),
    },
    DEVICE: {"device_code": F("string", required=True)},
}


def _client(ctx: Ctx, body: dict[str, Any], *, needs_secret: bool) -> None:
    client_id = body.get("client_id")
    if client_id is None or not hmac.compare_digest(client_id, ctx.fake.client_id):
        raise oauth_error(400, "invalid_client", "Invalid client ID.")
    if needs_secret:
        secret = body.get("client_secret")
        if secret is None or not any(hmac.compare_digest(secret, key) for key in ctx.fake.api_keys):
            raise oauth_error(400, "invalid_client", "Invalid client secret.")


def _sign_in(body: dict[str, Any], user_id: str, method: str) -> SignIn:
    return SignIn(
        user_id=user_id,
        authentication_method=method,
        ip_address=body.get("ip_address"),
        user_agent=body.get("user_agent"),
    )


def _auth(ctx: Ctx) -> FakeAuth:
    return ctx.fake.auth


# ------------------------------------------------------------------------------- grants
def _password(ctx: Ctx, body: dict[str, Any]) -> Reply:
    store = ctx.store
    user = store.user_by_email_lookup(body["email"])
    if user is None or not store.check_password(user["id"], body["password"]):
        raise coded(400, "invalid_credentials", "Invalid credentials.")
    sign_in = _sign_in(body, user["id"], "Password")
    if body.get("invitation_token") is not None:
        sign_in.invitation_id = _auth(ctx).check_invitation(body["invitation_token"], user["email"])
    return Reply(200, _auth(ctx).finish(sign_in))


def _pkce_matches(verifier: str, challenge: str, method: str | None) -> bool:
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        return hmac.compare_digest(computed, challenge)
    return hmac.compare_digest(verifier.encode(), challenge.encode())


def _code(ctx: Ctx, body: dict[str, Any]) -> Reply:
    auth = _auth(ctx)
    record = auth.take_code(body["code"])
    verifier = body.get("code_verifier")
    if record.code_challenge is not None:
        if verifier is None:
            raise oauth_error(400, "invalid_grant", "code_verifier is required for this code.")
        if not _pkce_matches(verifier, record.code_challenge, record.code_challenge_method):
            raise oauth_error(400, "invalid_grant", "code_verifier does not match the challenge.")
    elif verifier is not None:
        raise coded(
            400,
            "code_challenge_not_found",
            "A code_verifier was sent but the authorization had no code_challenge.",
        )
    sign_in = record.sign_in
    user = ctx.store.c_users.get(sign_in.user_id)
    if user is None:
        raise oauth_error(400, "invalid_grant", "The code's user no longer exists.")
    sign_in.ip_address = body.get("ip_address", sign_in.ip_address)
    sign_in.user_agent = body.get("user_agent", sign_in.user_agent)
    if body.get("invitation_token") is not None:
        sign_in.invitation_id = auth.check_invitation(body["invitation_token"], user["email"])
    return Reply(200, auth.finish(sign_in))


def _refresh(ctx: Ctx, body: dict[str, Any]) -> Reply:
    return Reply(200, _auth(ctx).refresh(body["refresh_token"], body.get("organization_id")))


def _magic(ctx: Ctx, body: dict[str, Any]) -> Reply:
    store = ctx.store
    auth = _auth(ctx)
    user = store.user_by_email_lookup(body["email"])
    if user is None:
        raise coded(400, "invalid_one_time_code", "The code is not valid.")
    magic = store.c_magic_auths
    ids = list(reversed(magic.index("user", user["id"]).ids))
    if not ids:
        raise coded(400, "invalid_one_time_code", "The code is not valid.")
    newest = ids[0]
    if auth.magic_attempts(newest) >= MAGIC_AUTH_MAX_ATTEMPTS:
        raise coded(
            400, "one_time_code_too_many_attempts", "Too many wrong codes: request a new one."
        )
    match = next(
        (i for i in ids if hmac.compare_digest(magic.records[i]["code"], body["code"])), None
    )
    if match is None:
        auth.magic_attempt(newest)
        raise coded(400, "invalid_one_time_code", "The code is not valid.")
    if auth.magic_used(match):
        raise coded(400, "one_time_code_previously_used", "The code was already used.")
    if auth.now() >= _timestamp(magic.records[match]["expires_at"]):
        raise coded(400, "one_time_code_expired", "The code has expired.")
    sign_in = _sign_in(body, user["id"], "MagicAuth")
    if body.get("invitation_token") is not None:
        sign_in.invitation_id = auth.check_invitation(body["invitation_token"], user["email"])
    auth.use_magic(match)
    if not user["email_verified"]:  # the code proves the address
        store.c_users.update(user["id"], email_verified=True, updated_at=store.now_iso())
    return Reply(200, auth.finish(sign_in))


def _timestamp(value: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(value).timestamp()


def _resume(ctx: Ctx, body: dict[str, Any], sign_in: SignIn) -> Reply:
    if "ip_address" in body:
        sign_in.ip_address = body["ip_address"]
    if "user_agent" in body:
        sign_in.user_agent = body["user_agent"]
    return Reply(200, _auth(ctx).finish(sign_in))


def _email_verification(ctx: Ctx, body: dict[str, Any]) -> Reply:
    store = ctx.store
    auth = _auth(ctx)
    token = body["pending_authentication_token"]
    pending = auth.take_pending(token, "email_verification")
    verification_id = pending.email_verification_id or ""
    record = store.c_email_verifications.get(verification_id)
    if record is None or not hmac.compare_digest(record["code"], body["code"]):
        raise coded(400, "invalid_one_time_code", "The code is not valid.")
    if verification_id in store.used_email_verifications:
        raise coded(400, "one_time_code_previously_used", "The code was already used.")
    if auth.now() >= _timestamp(record["expires_at"]):
        raise coded(400, "one_time_code_expired", "The code has expired.")
    store.used_email_verifications.add(verification_id)
    user_id = pending.sign_in.user_id
    if user_id in store.c_users.records:
        store.c_users.update(user_id, email_verified=True, updated_at=store.now_iso())
    auth.consume_pending(token)
    return _resume(ctx, body, pending.sign_in)


def _totp(ctx: Ctx, body: dict[str, Any]) -> Reply:
    store = ctx.store
    auth = _auth(ctx)
    token = body["pending_authentication_token"]
    pending = auth.take_pending(token, "mfa")
    challenge_id = body["authentication_challenge_id"]
    challenge = store.c_auth_challenges.get(challenge_id)
    if challenge is None:
        raise missing("Authentication challenge", challenge_id)
    factor = store.c_auth_factors.get(challenge["authentication_factor_id"])
    if factor is None or factor.get("user_id") != pending.sign_in.user_id:
        raise coded(400, "user_mismatch", "The challenge belongs to another user.")
    if auth.challenge_used(challenge_id):
        raise coded(400, "one_time_code_previously_used", "The challenge was already used.")
    if auth.challenge_attempts(challenge_id) >= MAGIC_AUTH_MAX_ATTEMPTS:
        raise coded(
            400, "one_time_code_too_many_attempts", "Too many wrong codes: create a new challenge."
        )
    if not auth.check_challenge_code(challenge, body["code"]):
        raise coded(400, "invalid_one_time_code", "The code is not valid.")
    auth.consume_pending(token)
    return _resume(ctx, body, pending.sign_in)


def _organization_selection(ctx: Ctx, body: dict[str, Any]) -> Reply:
    auth = _auth(ctx)
    token = body["pending_authentication_token"]
    pending = auth.take_pending(token, "organization_selection")
    auth.membership(pending.sign_in.user_id, body["organization_id"])
    pending.sign_in.organization_id = body["organization_id"]
    auth.consume_pending(token)
    return _resume(ctx, body, pending.sign_in)


def _device(ctx: Ctx, body: dict[str, Any]) -> Reply:
    auth = _auth(ctx)
    grant = auth.device(body["device_code"])
    if grant is None or grant.used:
        raise oauth_error(400, "invalid_grant", "The device code is not valid.")
    if auth.now() >= grant.expires_at:
        raise oauth_error(400, "expired_token", "The device code has expired.")
    if auth.device_flow == "pending":
        raise oauth_error(400, "authorization_pending", "The user has not yet approved.")
    if auth.device_flow == "deny":
        grant.used = True
        raise oauth_error(400, "access_denied", "The user denied the request.")
    user = auth.default_user()
    if user is None:
        raise oauth_error(400, "access_denied", "There is no user to approve the device.")
    grant.used = True
    sign_in = _sign_in(body, user["id"], "Password")
    sign_in.next_stage = len(STAGES)  # approved in the browser, where the checks ran
    return Reply(200, auth.finish(sign_in))


GRANTS: dict[str, Callable[[Ctx, dict[str, Any]], Reply]] = {
    PASSWORD: _password,
    CODE: _code,
    REFRESH: _refresh,
    MAGIC: _magic,
    EMAIL_VERIFICATION: _email_verification,
    TOTP: _totp,
    ORGANIZATION_SELECTION: _organization_selection,
    DEVICE: _device,
}


def _authenticate(ctx: Ctx) -> Reply:
    data = ctx.json()
    if not isinstance(data, dict):
        raise invalid_params("The request body must be a JSON object.")
    grant_type = data.get("grant_type")
    if grant_type is None:
        raise invalid_params(
            "grant_type is required.",
            [error_item("required", "grant_type is required.", "grant_type")],
        )
    if not isinstance(grant_type, str) or grant_type not in GRANTS:
        raise oauth_error(
            400,
            "invalid_request",
            f"Unsupported grant_type; use one of: {', '.join(GRANTS)}.",
        )
    body = ctx.body({**CLIENT_CONTEXT, **SPECS[grant_type]})
    _client(ctx, body, needs_secret=grant_type != DEVICE)
    return GRANTS[grant_type](ctx, body)


def register(router: Router) -> None:
    """Add ``POST /user_management/authenticate``."""
    router.add("POST", "/user_management/authenticate", _authenticate, public=True)
