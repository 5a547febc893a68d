"""WorkOS sessions for Starlette apps (the ``starlette`` extra; FastAPI apps use
:mod:`workos_async.fastapi`, built on this)::

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from workos_async.starlette import AuthKit, AuthKitMiddleware

    authkit = AuthKit(redirect_uri="https://app.example.com/callback")  # + WORKOS_* env vars
    app = Starlette(
        routes=[*authkit.routes(), ...],       # /login, /callback, POST /logout
        middleware=[Middleware(AuthKitMiddleware, authkit=authkit)],
        lifespan=authkit.lifespan,             # configuration, the client, the JWKS prefetch
    )

    async def me(request):
        result = await authkit.authenticate_request(request)   # AuthenticateSuccess | failure

One job per module: ``_cookies`` (``Set-Cookie`` values), ``_return_path`` (no open
redirect), ``_request_auth`` (one request's authentication), ``_middleware`` (pure ASGI,
writes cookie changes into any response), ``_routes`` (sign-in routes), ``_authkit``
(settings, client, lifespan).
"""

from __future__ import annotations

try:
    import starlette  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "workos_async.starlette needs Starlette: pip install 'workos-async[starlette]'"
    ) from exc

from ._authkit import DEFAULT_COOKIE_MAX_AGE, REDIRECT_URI_ENV, AuthKit
from ._cookies import SameSite, delete_cookie_header, set_cookie_header
from ._middleware import AuthKitMiddleware
from ._request_auth import SCOPE_KEY, RequestAuth
from ._return_path import safe_return_path
from ._routes import is_same_origin

__all__ = [
    "DEFAULT_COOKIE_MAX_AGE",
    "REDIRECT_URI_ENV",
    "SCOPE_KEY",
    "AuthKit",
    "AuthKitMiddleware",
    "RequestAuth",
    "SameSite",
    "delete_cookie_header",
    "is_same_origin",
    "safe_return_path",
    "set_cookie_header",
]
