"""WorkOS sessions for FastAPI apps (the ``fastapi`` extra)::

    from typing import Annotated
    from fastapi import Depends, FastAPI
    from workos_async import AsyncWorkOS
    from workos_async.fastapi import AuthKit, install_exception_handlers
    from workos_async.sessions import AuthenticateSuccess

    authkit = AuthKit()                              # WORKOS_* read when the app starts
    app = FastAPI(lifespan=authkit.lifespan)         # the client, warm-up, JWKS prefetch
    authkit.install(app)                             # middleware, /login, /callback, /logout
    install_exception_handlers(app)                  # NotFoundError -> 404, 429 -> 503, ...

    CurrentUser = Annotated[AuthenticateSuccess, Depends(authkit.require_user)]
    WorkOSClient = Annotated[AsyncWorkOS, Depends(authkit.get_client)]

    @app.get("/api/me")
    async def me(user: CurrentUser, workos: WorkOSClient) -> User:
        return await workos.user_management.get_user(user.user_id)

The Starlette parts (middleware, routes, ``authenticate_request``, cookies) live in
:mod:`workos_async.starlette` and are re-exported here; this package adds the dependencies
(``_dependencies``), the OpenAPI answers of protected routes (``_openapi``), the router and
``install`` (``_authkit``) and the SDK-error handlers (``_exception_handlers``).
"""

from __future__ import annotations

try:
    import fastapi  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "workos_async.fastapi needs FastAPI: pip install 'workos-async[fastapi]'"
    ) from exc

from ..starlette import (
    AuthKitMiddleware,
    RequestAuth,
    delete_cookie_header,
    safe_return_path,
    set_cookie_header,
)
from ._authkit import AuthKit
from ._dependencies import BEARER_SCHEME, COOKIE_SCHEME
from ._exception_handlers import error_response, install_exception_handlers
from ._signed_in_user import SignedInUser

__all__ = [
    "BEARER_SCHEME",
    "COOKIE_SCHEME",
    "AuthKit",
    "AuthKitMiddleware",
    "RequestAuth",
    "SignedInUser",
    "delete_cookie_header",
    "error_response",
    "install_exception_handlers",
    "safe_return_path",
    "set_cookie_header",
]
