"""``authenticate``: the spec's eight grant types, and the two Radar grants (``radar.py``).

Every grant but ``device_code`` needs ``client_id`` (the fake's) and ``client_secret`` (one of
its API keys), else 400 ``invalid_client``. Errors use the spec's codes and shapes:
``invalid_credentials`` and the one-time-code errors as ``{code, message}``, the OAuth ones
(``invalid_client``, ``invalid_grant``, ``invalid_request``, ``authorization_pending``,
``expired_token``, ``access_denied``, ``sso_required``) as ``{error, error_description}``. A
wrong password is a 400, as the spec says (WorkOS's emulator answers 401).

- ``password``: the user's password (an imported hash goes through
  :func:`~..passwords.verify_imported_password_hash`);
- ``authorization_code``: a single-use code and its PKCE verifier (:mod:`.codes`); with a
  ``code_verifier`` the ``client_secret`` may be left out (a public client's PKCE exchange);
- ``refresh_token``: single use with rotation (:mod:`.tokens`); without ``client_secret`` only
  for a session begun by a public client's PKCE exchange;
- ``magic-auth:code``: the newest codes of the user's Magic Auth objects; five wrong codes
  lock it;
- ``email-verification:code``, ``mfa-totp``, ``organization-selection``: redeem the
  ``pending_authentication_token`` of the matching 403 and go on with the sign-in;
- ``device_code``: a code from the device authorization, per ``fake.auth.device_flow``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..errors import DomainError, Problem, coded, error_item, invalid, oauth_error
from ..factors import get_challenge
from ..ids import parse_iso
from ..invitations import check_token_for_email
from ..one_time import mark_verified
from ..schema import F, check_body
from ..secrets import same_secret
from ..store import Record
from .access import membership
from .codes import approve_device, redeem_code
from .mfa import check_challenge_code, refuse_exhausted
from .radar import redeem_email as redeem_radar_email
from .radar import redeem_sms as redeem_radar_sms
from .signin import finish, take_pending
from .state import MAX_ATTEMPTS, STAGES, SignIn
from .tokens import refresh

if TYPE_CHECKING:
    from .fake_auth import FakeAuth

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
RADAR_EMAIL = "urn:workos:oauth:grant-type:radar-email-challenge:code"
RADAR_SMS = "urn:workos:oauth:grant-type:radar-sms-challenge:code"

_CODE = F("string", required=True)
_PENDING = F("string", required=True)
#: Radar context the official SDK 10.6 sends (WorkOS's API): accepted, not judged.
_RADAR = {"signals_id": F("string"), "radar_auth_attempt_id": F("string")}
SPECS: dict[str, dict[str, F]] = {
    PASSWORD: {"email": _CODE, "password": _CODE, "invitation_token": F("string"), **_RADAR},
    CODE: {
        "code": _CODE,
        "code_verifier": F("string"),
        "invitation_token": F("string"),
        "signals_id": F("string"),
    },
    REFRESH: {"refresh_token": _CODE, "organization_id": F("string")},
    MAGIC: {
        "code": _CODE,
        "email": _CODE,
        "invitation_token": F("string"),
        "radar_auth_attempt_id": F("string"),
    },
    EMAIL_VERIFICATION: {"code": _CODE, "pending_authentication_token": _PENDING},
    TOTP: {
        "code": _CODE,
        "pending_authentication_token": _PENDING,
        "authentication_challenge_id": _CODE,
    },
    ORGANIZATION_SELECTION: {"pending_authentication_token": _PENDING, "organization_id": _CODE},
    DEVICE: {"device_code": _CODE},
    RADAR_EMAIL: {
        "code": _CODE,
        "radar_challenge_id": _CODE,
        "pending_authentication_token": _PENDING,
    },
    RADAR_SMS: {
        "code": _CODE,
        "pending_authentication_token": _PENDING,
        "verification_id": F("string"),
        "phone_number": F("string"),
    },
}


def check_client(
    auth: FakeAuth, client_id: Any, secret: Any, api_keys: Iterable[str], *, needs_secret: bool
) -> None:
    """400 ``invalid_client`` unless ``client_id`` is the fake's and, when ``needs_secret``,
    ``secret`` one of its API keys."""
    if not isinstance(client_id, str) or not same_secret(client_id, auth.client_id):
        raise oauth_error("invalid_client", "Invalid client ID.")
    if needs_secret and (
        not isinstance(secret, str) or not any(same_secret(secret, k) for k in api_keys)
    ):
        raise oauth_error("invalid_client", "Invalid client secret.")


def _sign_in(body: dict[str, Any], user_id: str, method: str) -> SignIn:
    return SignIn(
        user_id=user_id,
        authentication_method=method,
        ip_address=body.get("ip_address"),
        user_agent=body.get("user_agent"),
    )


def _with_invitation(auth: FakeAuth, sign_in: SignIn, body: dict[str, Any], user: Record) -> None:
    if body.get("invitation_token") is not None:
        sign_in.invitation_id = check_token_for_email(
            auth.store, body["invitation_token"], user["email"]
        )


def _one_time(code: str, message: str) -> DomainError:
    return coded(Problem.REJECTED, code, message)


# ------------------------------------------------------------------------------- grants
def _password(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    store = auth.store
    user = store.user_by_email_lookup(body["email"])
    if user is None or not store.check_password(user["id"], body["password"]):
        raise coded(Problem.REJECTED, "invalid_credentials", "Invalid credentials.")
    sign_in = _sign_in(body, user["id"], "Password")
    _with_invitation(auth, sign_in, body, user)
    return finish(auth, sign_in)


def _code(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    sign_in = redeem_code(auth, body["code"], body.get("code_verifier"))
    user = auth.store.c_users.get(sign_in.user_id)
    if user is None:
        raise oauth_error("invalid_grant", "The code's user no longer exists.")
    sign_in.ip_address = body.get("ip_address", sign_in.ip_address)
    sign_in.user_agent = body.get("user_agent", sign_in.user_agent)
    _with_invitation(auth, sign_in, body, user)
    return finish(auth, sign_in)


def _refresh(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    return refresh(auth, body["refresh_token"], body.get("organization_id"))


def _magic(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    store = auth.store
    state = auth.state
    user = store.user_by_email_lookup(body["email"])
    magic = store.c_magic_auths
    ids = list(reversed(magic.index("user", user["id"]).ids)) if user is not None else []
    if user is None or not ids:
        raise _one_time("invalid_one_time_code", "The code is not valid.")
    newest = ids[0]
    if state.magic_attempts[newest] >= MAX_ATTEMPTS:
        raise _one_time(
            "one_time_code_too_many_attempts", "Too many wrong codes: request a new one."
        )
    match = next((i for i in ids if same_secret(body["code"], magic.records[i]["code"])), None)
    if match is None:
        state.magic_attempts[newest] += 1
        raise _one_time("invalid_one_time_code", "The code is not valid.")
    if match in state.used_magic:
        raise _one_time("one_time_code_previously_used", "The code was already used.")
    if auth.now() >= parse_iso(magic.records[match]["expires_at"]):
        raise _one_time("one_time_code_expired", "The code has expired.")
    sign_in = _sign_in(body, user["id"], "MagicAuth")
    _with_invitation(auth, sign_in, body, user)
    state.used_magic.add(match)
    if not user["email_verified"]:  # the code proves the address
        mark_verified(store, user["id"])
    return finish(auth, sign_in)


def _resume(auth: FakeAuth, body: dict[str, Any], token: str, sign_in: SignIn) -> dict[str, Any]:
    auth.state.pending.pop(token, None)
    if "ip_address" in body:
        sign_in.ip_address = body["ip_address"]
    if "user_agent" in body:
        sign_in.user_agent = body["user_agent"]
    return finish(auth, sign_in)


def _email_verification(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    store = auth.store
    token = body["pending_authentication_token"]
    pending = take_pending(auth, token, "email_verification")
    verification_id = pending.email_verification_id or ""
    record = store.c_email_verifications.get(verification_id)
    if record is None or not same_secret(body["code"], record["code"]):
        raise _one_time("invalid_one_time_code", "The code is not valid.")
    if verification_id in store.used_email_verifications:
        raise _one_time("one_time_code_previously_used", "The code was already used.")
    if auth.now() >= parse_iso(record["expires_at"]):
        raise _one_time("one_time_code_expired", "The code has expired.")
    store.used_email_verifications.add(verification_id)
    user_id = pending.sign_in.user_id
    if user_id in store.c_users.records:
        mark_verified(store, user_id)
    return _resume(auth, body, token, pending.sign_in)


def _totp(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    store = auth.store
    token = body["pending_authentication_token"]
    pending = take_pending(auth, token, "mfa")
    challenge_id = body["authentication_challenge_id"]
    challenge = get_challenge(store, challenge_id)
    factor = store.c_auth_factors.get(challenge["authentication_factor_id"])
    if factor is None or factor.get("user_id") != pending.sign_in.user_id:
        raise _one_time("user_mismatch", "The challenge belongs to another user.")
    if challenge_id in auth.state.used_challenges:
        raise _one_time("one_time_code_previously_used", "The challenge was already used.")
    refuse_exhausted(auth, challenge_id)
    if not check_challenge_code(auth, challenge, body["code"]):
        raise _one_time("invalid_one_time_code", "The code is not valid.")
    return _resume(auth, body, token, pending.sign_in)


def _organization_selection(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    token = body["pending_authentication_token"]
    pending = take_pending(auth, token, "organization_selection")
    membership(auth, pending.sign_in.user_id, body["organization_id"])
    pending.sign_in.organization_id = body["organization_id"]
    return _resume(auth, body, token, pending.sign_in)


def _device(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    user = approve_device(auth, body["device_code"])
    sign_in = _sign_in(body, user["id"], "Password")
    sign_in.next_stage = len(STAGES)  # approved in the browser, where the checks ran
    return finish(auth, sign_in)


def _radar_email(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    sign_in = redeem_radar_email(auth, body)
    return _resume(auth, body, body["pending_authentication_token"], sign_in)


def _radar_sms(auth: FakeAuth, body: dict[str, Any]) -> dict[str, Any]:
    sign_in = redeem_radar_sms(auth, body)
    return _resume(auth, body, body["pending_authentication_token"], sign_in)


GRANTS: dict[str, Callable[[FakeAuth, dict[str, Any]], dict[str, Any]]] = {
    PASSWORD: _password,
    CODE: _code,
    REFRESH: _refresh,
    MAGIC: _magic,
    EMAIL_VERIFICATION: _email_verification,
    TOTP: _totp,
    ORGANIZATION_SELECTION: _organization_selection,
    DEVICE: _device,
    RADAR_EMAIL: _radar_email,
    RADAR_SMS: _radar_sms,
}


def authenticate(
    auth: FakeAuth, data: dict[str, Any], api_keys: Iterable[str], *, strict: bool = True
) -> dict[str, Any]:
    """Run the grant ``data["grant_type"]`` names: the authenticate response."""
    grant_type = data.get("grant_type")
    if grant_type is None:
        raise invalid(
            "grant_type is required.",
            [error_item("required", "grant_type is required.", "grant_type")],
        )
    if not isinstance(grant_type, str) or grant_type not in GRANTS:
        raise oauth_error(
            "invalid_request", f"Unsupported grant_type; use one of: {', '.join(GRANTS)}."
        )
    body = check_body(data, {**CLIENT_CONTEXT, **SPECS[grant_type]}, strict=strict)
    secretless = body.get("client_secret") is None
    # A PKCE exchange proves the client with its verifier (public clients: no secret); the
    # session it begins stays a public client's, whose refreshes need no secret either.
    public_code = grant_type == CODE and body.get("code_verifier") is not None
    check_client(
        auth,
        body.get("client_id"),
        body.get("client_secret"),
        api_keys,
        needs_secret=grant_type != DEVICE
        and not public_code
        and not (grant_type == REFRESH and secretless and _public_refresh(auth, body)),
    )
    result = GRANTS[grant_type](auth, body)
    if public_code and secretless:
        _mark_public(auth, result)  # its rotated refresh tokens keep the session id
    return result


def _public_refresh(auth: FakeAuth, body: dict[str, Any]) -> bool:
    """Whether the refresh token belongs to a session a public client began."""
    grant = auth.state.refresh.get(body.get("refresh_token") or "")
    return grant is not None and grant.session_id in auth.state.public_sessions


def _mark_public(auth: FakeAuth, result: dict[str, Any]) -> None:
    grant = auth.state.refresh.get(result.get("refresh_token") or "")
    if grant is not None:
        auth.state.public_sessions.add(grant.session_id)
