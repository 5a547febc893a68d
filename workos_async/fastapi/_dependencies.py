"""FastAPI dependencies over an :class:`~workos_async.starlette.AuthKit`: the signed-in user
(``require_user``, ``optional_user``, ``require_permission``, ``require_role``), each
declaring its security schemes so ``/openapi.json`` lists them and Swagger UI shows
*Authorize*.

No ``from __future__ import annotations`` here: FastAPI reads these functions' signatures at
runtime, and their defaults name per-``AuthKit`` security schemes.
"""

import math
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from ..sessions import AuthenticateSuccess, SessionFailure
from ..starlette import AuthKit as StarletteAuthKit
from ._openapi import mark_answers

__all__ = [
    "BEARER_SCHEME",
    "COOKIE_SCHEME",
    "UserDependency",
    "deny",
    "require_permission",
    "require_role",
    "user_dependencies",
]

#: The names the schemes have under ``components.securitySchemes``.
COOKIE_SCHEME = "WorkOSSessionCookie"
BEARER_SCHEME = "WorkOSBearer"

UserDependency = Callable[..., Awaitable[AuthenticateSuccess]]


def deny(authkit: StarletteAuthKit, request: Request, failure: SessionFailure) -> HTTPException:
    """The answer to a request without a usable session: 503 (outage, with ``Retry-After``),
    a redirect to sign-in (a browser asking for a page), or 401."""
    if failure.retryable:
        wait = failure.retry_after
        retry_after = str(max(1, math.ceil(wait))) if wait else "1"
        return HTTPException(
            503,
            detail={"error": "authentication_unavailable", "reason": failure.code},
            headers={"Retry-After": retry_after},
        )
    if authkit.wants_redirect(request):
        return HTTPException(303, headers={"Location": authkit.sign_in_url(request)})
    return HTTPException(
        401,
        detail={"error": "not_authenticated", "reason": failure.code},
        headers={"WWW-Authenticate": 'Bearer realm="workos"'},
    )


def security_schemes(authkit: StarletteAuthKit) -> tuple[APIKeyCookie, HTTPBearer]:
    """The session cookie and the ``Bearer`` access token as FastAPI security schemes (they
    only document: the middleware's :class:`RequestAuth` does the checking)."""
    cookie = APIKeyCookie(
        name=authkit.cookie_name,
        scheme_name=COOKIE_SCHEME,
        description="The sealed WorkOS session cookie, set by the sign-in routes.",
        auto_error=False,
    )
    bearer = HTTPBearer(
        scheme_name=BEARER_SCHEME,
        bearerFormat="JWT",
        description="A WorkOS access token.",
        auto_error=False,
    )
    return cookie, bearer


def user_dependencies(
    authkit: StarletteAuthKit,
) -> tuple[UserDependency, Callable[..., Awaitable[AuthenticateSuccess | None]]]:
    """``(require_user, optional_user)`` for ``authkit``."""
    cookie_scheme, bearer_scheme = security_schemes(authkit)

    async def require_user(
        request: Request,
        _cookie: str | None = Security(cookie_scheme),
        _bearer: HTTPAuthorizationCredentials | None = Security(bearer_scheme),
    ) -> AuthenticateSuccess:
        """The signed-in user, or 401 (API) / a redirect to sign-in (page) / 503 (outage)."""
        result = await authkit.authenticate_request(request)
        if isinstance(result, SessionFailure):
            raise deny(authkit, request, result)
        return result

    async def optional_user(
        request: Request,
        _cookie: str | None = Security(cookie_scheme),
        _bearer: HTTPAuthorizationCredentials | None = Security(bearer_scheme),
    ) -> AuthenticateSuccess | None:
        """The signed-in user, or ``None`` (an outage counts as signed out)."""
        result = await authkit.authenticate_request(request)
        return result if isinstance(result, AuthenticateSuccess) else None

    mark_answers(require_user, "401", "503")
    return require_user, optional_user


def _names(kind: str, values: tuple[str, ...]) -> tuple[str, ...]:
    if not values or not all(isinstance(v, str) and v for v in values):
        raise ValueError(f"require_{kind} needs one or more non-empty {kind} names")
    return tuple(values)


def require_permission(require_user: UserDependency, *permissions: str) -> UserDependency:
    """A dependency: the user, who must hold every one of ``permissions`` (403 otherwise)."""
    wanted = _names("permission", permissions)

    async def dependency(
        user: AuthenticateSuccess = Security(require_user, scopes=list(wanted)),
    ) -> AuthenticateSuccess:
        missing = [p for p in wanted if p not in user.permissions]
        if missing:
            raise HTTPException(403, detail={"error": "forbidden", "missing_permissions": missing})
        return user

    mark_answers(dependency, "403")
    return dependency


def require_role(require_user: UserDependency, *roles: str) -> UserDependency:
    """A dependency: the user, whose role (or one of whose roles) must be one of ``roles``
    (403 otherwise)."""
    wanted = _names("role", roles)

    async def dependency(
        user: AuthenticateSuccess = Security(require_user, scopes=[f"role:{r}" for r in wanted]),
    ) -> AuthenticateSuccess:
        if not any(user.has_role(role) for role in wanted):
            raise HTTPException(403, detail={"error": "forbidden", "required_roles": wanted})
        return user

    mark_answers(dependency, "403")
    return dependency
