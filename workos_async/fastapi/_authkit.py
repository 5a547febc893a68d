"""``AuthKit`` for FastAPI: the Starlette integration plus its dependencies, its router and
``install(app)``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cached_property
from typing import TYPE_CHECKING

from ..sessions import AuthenticateSuccess
from ..starlette import AuthKit as StarletteAuthKit
from ..starlette import AuthKitMiddleware
from . import _dependencies
from ._dependencies import UserDependency
from ._openapi import document_auth_responses
from ._signed_in_user import SignedInUser, signed_in_user_dependency

if TYPE_CHECKING:
    from fastapi import APIRouter, FastAPI

    from .._client import AsyncWorkOS

__all__ = ["AuthKit"]


class AuthKit(StarletteAuthKit):
    """:class:`workos_async.starlette.AuthKit` (same arguments) with FastAPI dependencies:

    * ``require_user``: the signed-in :class:`AuthenticateSuccess`, or 401 (API) / a
      redirect to sign-in (page) / 503 (outage);
    * ``optional_user``: the user or ``None``;
    * ``current_user``: the signed-in :class:`SignedInUser` (the ``User`` model, organization,
      role, permissions), for a cookie or a ``Bearer`` token;
    * ``require_permission(...)`` / ``require_role(...)``: the user, or 403;
    * ``get_client``: the app's :class:`AsyncWorkOS`
      (``Annotated[AsyncWorkOS, Depends(authkit.get_client)]``).

    The user dependencies declare the cookie and ``Bearer`` security schemes, so
    ``/openapi.json`` lists them and Swagger UI shows *Authorize*.
    """

    # Built on first use (not in ``__init__``, whose signature stays the Starlette one), then
    # the same function every time: FastAPI computes a dependency once per request by identity.

    @cached_property
    def _user_dependencies(
        self,
    ) -> tuple[UserDependency, Callable[..., Awaitable[AuthenticateSuccess | None]]]:
        return _dependencies.user_dependencies(self)

    @property
    def require_user(self) -> UserDependency:
        """Dependency: the signed-in :class:`AuthenticateSuccess`, or 401 (API) / a redirect
        to sign-in (page) / 503 (outage)."""
        return self._user_dependencies[0]

    @property
    def optional_user(self) -> Callable[..., Awaitable[AuthenticateSuccess | None]]:
        """Dependency: the signed-in user, or ``None`` (an outage counts as signed out)."""
        return self._user_dependencies[1]

    @cached_property
    def current_user(self) -> Callable[..., Awaitable[SignedInUser]]:
        """Dependency: the :class:`SignedInUser` (``User`` model, organization, role,
        permissions), for a cookie or a ``Bearer`` token; ``require_user``'s answers
        otherwise."""
        return signed_in_user_dependency(self, self.require_user)

    def require_permission(self, *permissions: str) -> UserDependency:
        """Dependency factory: the user, who must hold every one of ``permissions`` (403
        otherwise)."""
        return _dependencies.require_permission(self.require_user, *permissions)

    def require_role(self, *roles: str) -> UserDependency:
        """Dependency factory: the user, whose role (or one of whose roles) must be one of
        ``roles`` (403 otherwise)."""
        return _dependencies.require_role(self.require_user, *roles)

    def get_client(self) -> AsyncWorkOS:
        """Dependency: the app's client (from the lifespan or the constructor)."""
        return self.client

    @property
    def router(self) -> APIRouter:
        """The sign-in routes as a FastAPI router (``app.include_router(authkit.router)``)."""
        from fastapi import APIRouter

        router = APIRouter(include_in_schema=False)
        router.add_api_route(self.login_path, self.login, methods=["GET"], name="workos_login")
        router.add_api_route(
            self.callback_path, self.callback, methods=["GET"], name="workos_callback"
        )
        router.add_api_route(self.logout_path, self.logout, methods=["POST"], name="workos_logout")
        return router

    def install(self, app: FastAPI) -> None:
        """Add the middleware and the sign-in routes to a FastAPI app, and document the
        401/403/503 answers of protected routes in its OpenAPI schema (the lifespan is yours
        to pass: ``FastAPI(lifespan=authkit.lifespan)``)."""
        app.add_middleware(AuthKitMiddleware, authkit=self)
        app.include_router(self.router)
        document_auth_responses(app)
