"""Authorization codes (with PKCE) and device codes.

An authorization code finishes a sign-in that ``/authorize`` (or
``fake.auth.create_authorization_code``) started: single use (a failed attempt uses it up),
10 minutes, with an optional PKCE challenge (``S256`` or ``plain``, the default method). A
device code waits for the polling client and is answered per ``fake.auth.device_flow``.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from ..errors import Problem, coded, oauth_error
from ..ids import random_token
from ..secrets import same_secret
from ..store import Record
from .state import (
    AUTHORIZATION_CODE_TTL,
    DEVICE_CODE_TTL,
    USED_MEMORY,
    AuthCode,
    DeviceGrant,
    SignIn,
)

if TYPE_CHECKING:
    from .fake_auth import FakeAuth


def new_code(
    auth: FakeAuth,
    sign_in: SignIn,
    challenge: str | None = None,
    challenge_method: str | None = None,
) -> str:
    """A new authorization code for ``sign_in``."""
    codes = auth.state.codes
    code = random_token(auth.store.rng, 32)
    if challenge is not None and challenge_method is None:
        challenge_method = "plain"  # RFC 7636 4.3: the default
    now = auth.now()
    if len(codes) > USED_MEMORY:
        for old in [c for c, r in codes.items() if r.used or now >= r.expires_at]:
            del codes[old]
    codes[code] = AuthCode(
        sign_in=sign_in,
        expires_at=now + AUTHORIZATION_CODE_TTL,
        code_challenge=challenge,
        code_challenge_method=challenge_method if challenge is not None else None,
    )
    return code


def _pkce_matches(verifier: str, challenge: str, method: str | None) -> bool:
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("utf-8", "surrogatepass")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        return same_secret(computed, challenge)
    return same_secret(verifier, challenge)


def redeem_code(auth: FakeAuth, code: str, verifier: str | None) -> SignIn:
    """The sign-in of an authorization code, now used; 400 ``invalid_grant`` if the code is
    unknown, used or expired or the PKCE verifier does not match."""
    record = auth.state.codes.get(code)
    if record is None:
        raise oauth_error("invalid_grant", "The code is not valid.")
    if record.used:
        raise oauth_error("invalid_grant", "The code has already been used.")
    record.used = True
    if auth.now() >= record.expires_at:
        raise oauth_error("invalid_grant", "The code has expired.")
    if record.code_challenge is not None:
        if verifier is None:
            raise oauth_error("invalid_grant", "code_verifier is required for this code.")
        if not _pkce_matches(verifier, record.code_challenge, record.code_challenge_method):
            raise oauth_error("invalid_grant", "code_verifier does not match the challenge.")
    elif verifier is not None:
        raise coded(
            Problem.REJECTED,
            "code_challenge_not_found",
            "A code_verifier was sent but the authorization had no code_challenge.",
        )
    return record.sign_in


def new_device(auth: FakeAuth) -> tuple[str, DeviceGrant]:
    """A device code and its grant (``user_code`` like ``BCDF-GHJK``, 5 minutes)."""
    rng = auth.store.rng
    device_code = random_token(rng, 40)
    letters = "BCDFGHJKLMNPQRSTVWXZ"
    user_code = "".join(rng.choice(letters) for _ in range(8))
    grant = DeviceGrant(
        user_code=f"{user_code[:4]}-{user_code[4:]}", expires_at=auth.now() + DEVICE_CODE_TTL
    )
    auth.state.devices[device_code] = grant
    return device_code, grant


def default_user(auth: FakeAuth) -> Record | None:
    """The user ``/authorize`` and the device flow sign in without a hint."""
    users = auth.store.c_users
    if auth.default_user_id is not None:
        return users.get(auth.default_user_id)
    ids = users.ids.ids
    return users.records[ids[0]] if ids else None


def approve_device(auth: FakeAuth, device_code: str) -> Record:
    """The user who approved the device, per ``auth.device_flow`` (the OAuth device errors
    otherwise); the code is used up once approved or denied."""
    grant = auth.state.devices.get(device_code)
    if grant is None or grant.used:
        raise oauth_error("invalid_grant", "The device code is not valid.")
    if auth.now() >= grant.expires_at:
        raise oauth_error("expired_token", "The device code has expired.")
    if auth.device_flow == "pending":
        raise oauth_error("authorization_pending", "The user has not yet approved.")
    if auth.device_flow == "deny":
        grant.used = True
        raise oauth_error("access_denied", "The user denied the request.")
    user = default_user(auth)
    if user is None:
        raise oauth_error("access_denied", "There is no user to approve the device.")
    grant.used = True
    return user
