"""The sign-in routes: ``GET /login`` (PKCE, the state sealed into a short-lived cookie),
``GET /callback`` (state check, code exchange, the session cookie), ``POST /logout``
(same-origin only)."""

from __future__ import annotations

import hmac
import logging
from contextlib import suppress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from .._errors import APIError, ConfigurationError, WorkOSConnectionError
from ..coordination.errors import StoreUnavailableError
from ..sessions import NoSessionError, SealError, SealTooLargeError
from ._return_path import safe_return_path

if TYPE_CHECKING:
    from ._authkit import AuthKit

__all__ = ["callback", "is_same_origin", "login", "logout"]

logger = logging.getLogger("workos_async.starlette")

#: Why the verifier cookie is missing when the app runs on plain http with Secure cookies.
_INSECURE_HINT = (
    "the sign-in cookie is Secure and this request came over plain http, so the browser did "
    "not send it back: serve the app over https, or use cookie_secure=False for "
    "http://localhost development"
)
_TOO_LARGE_HINT = (
    "the session (tokens and user profile) does not fit in a 4096-byte cookie, usually "
    "because the role carries many permissions: keep sessions server-side with "
    "AuthKit(session_store=RedisSessionStore(...)) (the cookie then holds only an id; see "
    "'Large sessions and several workers' in docs/fastapi.md), or give the role fewer "
    "permissions"
)
_STORE_DOWN_HINT = "the session store did not answer; try again in a moment"


def _insecure(authkit: AuthKit, request: Request) -> bool:
    return authkit.cookie_secure and request.url.scheme == "http"


async def login(authkit: AuthKit, request: Request) -> Response:
    """``GET /login[?return_to=/path][&screen_hint=sign-up]``: redirect to WorkOS with PKCE;
    the state, the verifier and the return path go into a sealed 10-minute cookie."""
    redirect_uri = authkit.redirect_uri
    if not redirect_uri:
        raise ConfigurationError(
            f"AuthKit needs redirect_uri (or WORKOS_REDIRECT_URI) for {authkit.login_path}"
        )
    if _insecure(authkit, request):
        logger.warning("sign-in over plain http with cookie_secure=True: %s", _INSECURE_HINT)
    params = request.query_params
    screen_hint = params.get("screen_hint")
    auth = authkit.client.user_management.get_authorization_url_with_pkce(
        redirect_uri=redirect_uri,
        provider=authkit.provider,
        screen_hint=screen_hint if screen_hint in ("sign-up", "sign-in") else None,
    )
    verifier = authkit.sessions.sealer(authkit.cookie_password).seal(
        {
            "state": auth.state,
            "codeVerifier": auth.code_verifier,
            "returnTo": safe_return_path(params.get("return_to"), authkit.after_sign_in_path),
        },
        ttl=authkit.verifier_max_age,
    )
    response = RedirectResponse(auth.url, status_code=302)
    response.headers.append("set-cookie", authkit.verifier_cookie_header(verifier))
    response.headers["cache-control"] = "no-store"
    return response


def _callback_error(
    authkit: AuthKit, status: int, error: str, *, clear_session: bool = False, **extra: Any
) -> Response:
    response = JSONResponse({"error": error, **extra}, status_code=status)
    response.headers.append("set-cookie", authkit.delete_verifier_cookie_header())
    if clear_session:
        response.headers.append("set-cookie", authkit.delete_session_cookie_header())
    response.headers["cache-control"] = "no-store"
    return response


async def callback(authkit: AuthKit, request: Request) -> Response:
    """``GET /callback?code=...&state=...``: check ``state`` against the sealed verifier
    cookie (constant time), exchange the code with its PKCE verifier, set the session cookie
    and redirect to the return path. The verifier cookie is deleted whatever happens; a bad
    state is 400 and sets no session; a session too large for a cookie is 500
    ``session_too_large`` with both cookies deleted. With ``session_store`` the session is
    stored and the cookie holds its sealed id; a store that does not answer is 503
    ``session_store_unavailable`` (sign in again)."""
    params = request.query_params
    if params.get("error"):
        # WorkOS's own error code (e.g. access_denied): a short, printable token.
        reason = "".join(ch for ch in params["error"][:64] if ch.isalnum() or ch in "_-.")
        return _callback_error(authkit, 400, "authorization_failed", reason=reason)
    code, state = params.get("code"), params.get("state")
    sealed = request.cookies.get(authkit.verifier_cookie_name)
    if not sealed and code and state and _insecure(authkit, request):
        logger.warning("sign-in callback without its cookie: %s", _INSECURE_HINT)
        return _callback_error(authkit, 400, "invalid_state", hint=_INSECURE_HINT)
    if not code or not state or not sealed:
        return _callback_error(authkit, 400, "invalid_state")
    sealer = authkit.sessions.sealer(authkit.cookie_password)
    try:
        saved = sealer.unseal(sealed)
    except SealError:
        return _callback_error(authkit, 400, "invalid_state")
    expected = saved.get("state") if isinstance(saved, dict) else None
    verifier = saved.get("codeVerifier") if isinstance(saved, dict) else None
    if not isinstance(expected, str) or not isinstance(verifier, str):
        return _callback_error(authkit, 400, "invalid_state")
    if not hmac.compare_digest(state.encode(), expected.encode()):
        logger.info("sign-in callback with a state that does not match")
        return _callback_error(authkit, 400, "invalid_state")
    client_host = request.client.host if request.client else None
    try:
        response = await authkit.client.user_management.authenticate_with_code(
            code=code,
            code_verifier=verifier,
            ip_address=client_host,
            user_agent=request.headers.get("user-agent"),
        )
    except WorkOSConnectionError:
        return _callback_error(authkit, 503, "authentication_unavailable")
    except APIError as exc:
        if exc.status >= 500 or exc.status in (408, 429):
            return _callback_error(authkit, 503, "authentication_unavailable")
        logger.info("sign-in code exchange refused (%s %s)", exc.status, exc.code)
        return _callback_error(authkit, 400, "authentication_failed", reason=exc.code)
    try:
        cookie = await authkit.sessions.session_cookie_from_authentication_response(
            response, cookie_password=authkit.cookie_password
        )
    except StoreUnavailableError:
        # The code is spent: the user must sign in again once the store is back.
        return _callback_error(
            authkit, 503, "session_store_unavailable", clear_session=True, hint=_STORE_DOWN_HINT
        )
    except SealTooLargeError as exc:
        logger.error("sign-in session is %d bytes: %s", exc.size, _TOO_LARGE_HINT)
        return _callback_error(
            authkit, 500, "session_too_large", clear_session=True, hint=_TOO_LARGE_HINT
        )
    return_to = safe_return_path(saved.get("returnTo"), authkit.after_sign_in_path)
    redirect = RedirectResponse(return_to, status_code=303)
    redirect.headers.append("set-cookie", authkit.session_cookie_header(cookie))
    redirect.headers.append("set-cookie", authkit.delete_verifier_cookie_header())
    redirect.headers["cache-control"] = "no-store"
    return redirect


def is_same_origin(authkit: AuthKit, request: Request) -> bool:
    """Whether a state-changing request comes from this site: ``Sec-Fetch-Site`` is
    ``same-origin`` or ``none`` (typed by the user), and ``Origin``, when sent, is this host
    or one of ``trusted_origins``. A request with neither header (not a browser) passes."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    origin = origin.strip().rstrip("/").lower()
    if origin in authkit.trusted_origins:
        return True
    host = request.headers.get("host", "").lower()
    # The host only: behind a TLS proxy the app may see http while the browser sent https.
    return bool(host) and origin != "null" and urlsplit(origin).netloc == host


async def logout(authkit: AuthKit, request: Request) -> Response:
    """``POST /logout``: delete the session cookie and redirect to WorkOS's logout URL for the
    session (which ends it and comes back to ``logout_return_to``); without a session, to
    ``after_sign_out_path``. A cross-site request is 403 and changes nothing. A server-side
    session is deleted from the store first (a store that does not answer is 503
    ``session_store_unavailable`` and changes nothing: the session must not outlive the
    sign-out)."""
    if not is_same_origin(authkit, request):
        logger.info("cross-site sign-out refused")
        response: Response = JSONResponse({"error": "cross_site_request"}, status_code=403)
        response.headers["cache-control"] = "no-store"
        return response
    cookie = request.cookies.get(authkit.cookie_name)
    target: str = authkit.after_sign_out_path
    if cookie:
        session = await authkit.sessions.load_session(
            cookie, cookie_password=authkit.cookie_password
        )
        try:
            if session.store_unavailable:
                raise StoreUnavailableError("the session store did not answer")
            with suppress(NoSessionError):
                target = session.get_logout_url(return_to=authkit.logout_return_to)
            await session.discard()
        except StoreUnavailableError:
            logger.info("sign-out refused: the session store did not answer")
            unavailable = JSONResponse(
                {"error": "session_store_unavailable", "hint": _STORE_DOWN_HINT},
                status_code=503,
                headers={"Retry-After": "1", "cache-control": "no-store"},
            )
            return unavailable
    response = RedirectResponse(target, status_code=303)
    response.headers.append("set-cookie", authkit.delete_session_cookie_header())
    response.headers["cache-control"] = "no-store"
    return response
