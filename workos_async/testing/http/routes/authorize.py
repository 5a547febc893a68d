"""The public browser-facing routes: ``GET /user_management/authorize``,
``POST /user_management/authorize/device``, ``GET /user_management/sessions/logout`` and
``GET /sso/jwks/{client_id}``. The flows are :mod:`workos_async.testing.domain.auth.browser`'.
"""

from __future__ import annotations

from ...domain.auth import browser
from ...domain.schema import F
from ..router import Ctx, Reply, Router


def _authorize(ctx: Ctx) -> Reply:
    # provider_query_params is a deepObject map sent as provider_query_params[key]=value.
    extra = [k for k in ctx.query if k.startswith("provider_query_params[") and k.endswith("]")]
    ctx.check_query(*browser.AUTHORIZE_PARAMS, *extra)
    params: dict[str, str] = {}
    for name in browser.AUTHORIZE_PARAMS:
        value = ctx.single(name)
        if value is not None:
            params[name] = value
    location = browser.authorize(ctx.auth, params, ctx.request.headers.get("User-Agent"))
    return Reply(302, None, {"Location": location})


def _device_authorization(ctx: Ctx) -> Reply:
    body = ctx.body({"client_id": F("string", required=True)})
    base = ctx.fake.url if ctx.fake.running else "http://127.0.0.1"
    return Reply(200, browser.authorize_device(ctx.auth, body["client_id"], base))


def _logout(ctx: Ctx) -> Reply:
    ctx.check_query("session_id", "return_to")
    target = browser.logout(ctx.auth, ctx.single("session_id"), ctx.single("return_to"))
    return Reply(200) if target is None else Reply(302, None, {"Location": target})


def _jwks(ctx: Ctx) -> Reply:
    return Reply(200, browser.serve_jwks(ctx.auth, ctx.params["client_id"]))


def register(router: Router) -> None:
    """Add the public authorize, device authorization, logout and JWKS routes."""
    router.add("GET", "/user_management/authorize", _authorize, public=True)
    router.add("POST", "/user_management/authorize/device", _device_authorization, public=True)
    router.add("GET", "/user_management/sessions/logout", _logout, public=True)
    router.add("GET", "/sso/jwks/{client_id}", _jwks, public=True)
