"""An app's Users API on top of WorkOS, authenticated with ``workos_async.fastapi``.

The app keeps two facts of its own in each user's WorkOS ``metadata``: ``avatar_url`` (a
picture the user chose; without one the WorkOS profile picture is shown) and
``onboarded_at`` (when the user finished onboarding).

=======  =============================  ==========================================
method   path                           who
=======  =============================  ==========================================
GET      /                              anyone (a page: signed in or not)
GET      /api/users/me                  the signed-in user
GET      /api/users/{id}                the user themself, or ``users:read``
PATCH    /api/users/{id}                the user themself, or ``users:write``
DELETE   /api/users/{id}                ``users:delete`` (not oneself)
POST     /api/users/me/onboarding       the signed-in user, once
POST     /api/users/me/avatar/reset     the signed-in user
GET      /login, /callback; POST /logout  sign-in routes (``AuthKit``)
=======  =============================  ==========================================

Run it (``pip install 'workos-async[fastapi]' uvicorn``)::

    export WORKOS_API_KEY=sk_test_... WORKOS_CLIENT_ID=client_...
    export WORKOS_COOKIE_PASSWORD=$(python -c "import secrets; print(secrets.token_urlsafe(32))")
    export WORKOS_REDIRECT_URI=http://localhost:8000/callback
    COOKIE_SECURE=0 uvicorn examples.fastapi_app.app:app --port 8000   # http on localhost only

or against the fake WorkOS: ``workos-async fake-server`` and ``WORKOS_BASE_URL``.
"""

# No ``from __future__ import annotations``: FastAPI reads the dependency annotations of the
# routes below at runtime, and they name local aliases.
import html
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from workos_async import AsyncWorkOS
from workos_async.fastapi import AuthKit, install_exception_handlers
from workos_async.models import User
from workos_async.sessions import AuthenticateSuccess

AVATAR_KEY = "avatar_url"
ONBOARDED_KEY = "onboarded_at"


class UserOut(BaseModel):
    """A user as this app shows it: the SDK's ``User`` (not a copy: its schema is in
    ``/openapi.json``) and what this app adds from its metadata."""

    user: User
    #: The picture to show: the user's own choice, else their WorkOS profile picture.
    avatar_url: str | None
    onboarded: bool
    onboarded_at: str | None

    @classmethod
    def of(cls, user: User) -> "UserOut":
        metadata: Mapping[str, str] = user.metadata or {}
        onboarded_at = metadata.get(ONBOARDED_KEY) or None
        return cls(
            user=user,
            avatar_url=metadata.get(AVATAR_KEY) or user.profile_picture_url,
            onboarded=onboarded_at is not None,
            onboarded_at=onboarded_at,
        )


class UserUpdate(BaseModel):
    """What ``PATCH /api/users/{id}`` may change (fields left out are kept)."""

    model_config = ConfigDict(extra="forbid")

    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, min_length=1, max_length=100)
    avatar_url: HttpUrl | None = None
    locale: str | None = Field(default=None, min_length=2, max_length=16)


class Onboarding(BaseModel):
    """What onboarding asks for."""

    model_config = ConfigDict(extra="forbid")

    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)


def create_app(authkit: AuthKit | None = None) -> FastAPI:
    """The app. ``authkit`` defaults to one configured from the environment (read when the
    app starts)."""
    if authkit is None:
        authkit = AuthKit(cookie_secure=os.environ.get("COOKIE_SECURE", "1") != "0")
    kit = authkit

    # The client, its warm-up and the JWKS prefetch; closed at shutdown.
    app = FastAPI(title="Users API", lifespan=kit.lifespan)
    kit.install(app)  # the cookie middleware, /login, /callback, /logout, OpenAPI security
    install_exception_handlers(app)  # NotFoundError -> 404, 422 -> 422, WorkOS down -> 502

    CurrentUser = Annotated[AuthenticateSuccess, Depends(kit.require_user)]
    MaybeUser = Annotated[AuthenticateSuccess | None, Depends(kit.optional_user)]
    WorkOS = Annotated[AsyncWorkOS, Depends(kit.get_client)]

    def may(actor: AuthenticateSuccess, user_id: str, permission: str) -> bool:
        return actor.user_id == user_id or actor.has_permission(permission)

    @app.get("/", response_class=HTMLResponse)
    async def home(actor: MaybeUser) -> str:
        if actor is None:
            return '<p>Signed out. <a href="/login">Sign in</a></p>'
        email = html.escape(str(actor.user.get("email", actor.user_id)))
        return (
            f"<p>Signed in as {email}.</p>"
            '<form method="post" action="/logout"><button>Sign out</button></form>'
        )

    @app.get("/api/users/me")
    async def get_me(actor: CurrentUser, workos: WorkOS) -> UserOut:
        return UserOut.of(await workos.user_management.get_user(actor.user_id))

    @app.get("/api/users/{user_id}")
    async def get_user(user_id: str, actor: CurrentUser, workos: WorkOS) -> UserOut:
        if not may(actor, user_id, "users:read"):
            raise HTTPException(403, detail="not allowed to read this user")
        return UserOut.of(await workos.user_management.get_user(user_id))

    @app.patch("/api/users/{user_id}")
    async def update_user(
        user_id: str, changes: UserUpdate, actor: CurrentUser, workos: WorkOS
    ) -> UserOut:
        if not may(actor, user_id, "users:write"):
            raise HTTPException(403, detail="not allowed to change this user")
        given = changes.model_dump(exclude_unset=True)
        if not given:
            raise HTTPException(422, detail="nothing to change")
        kwargs: dict[str, Any] = {
            k: v for k, v in given.items() if k in ("first_name", "last_name", "locale")
        }
        if "avatar_url" in given:
            current = await workos.user_management.get_user(user_id)
            metadata = dict(current.metadata or {})
            if changes.avatar_url is None:
                metadata.pop(AVATAR_KEY, None)
            else:
                metadata[AVATAR_KEY] = str(changes.avatar_url)
            kwargs["metadata"] = metadata
        return UserOut.of(await workos.user_management.update_user(user_id, **kwargs))

    @app.delete("/api/users/{user_id}", status_code=204)
    async def delete_user(
        user_id: str,
        actor: Annotated[AuthenticateSuccess, Depends(kit.require_permission("users:delete"))],
        workos: WorkOS,
    ) -> Response:
        if user_id == actor.user_id:
            raise HTTPException(409, detail="you cannot delete yourself")
        await workos.user_management.delete_user(user_id)
        return Response(status_code=204)

    @app.post("/api/users/me/onboarding")
    async def finish_onboarding(form: Onboarding, actor: CurrentUser, workos: WorkOS) -> UserOut:
        user = await workos.user_management.get_user(actor.user_id)
        metadata = dict(user.metadata or {})
        if metadata.get(ONBOARDED_KEY):
            raise HTTPException(409, detail="onboarding is already finished")
        metadata[ONBOARDED_KEY] = datetime.now(UTC).isoformat(timespec="seconds")
        updated = await workos.user_management.update_user(
            actor.user_id,
            first_name=form.first_name,
            last_name=form.last_name,
            metadata=metadata,
        )
        return UserOut.of(updated)

    @app.post("/api/users/me/avatar/reset")
    async def reset_avatar(actor: CurrentUser, workos: WorkOS) -> UserOut:
        user = await workos.user_management.get_user(actor.user_id)
        metadata = dict(user.metadata or {})
        if AVATAR_KEY not in metadata:
            return UserOut.of(user)
        del metadata[AVATAR_KEY]
        return UserOut.of(
            await workos.user_management.update_user(actor.user_id, metadata=metadata)
        )

    return app


def __getattr__(name: str) -> Any:
    # ``uvicorn examples.fastapi_app.app:app``: built on first access, so importing the module
    # (tests) needs no environment.
    if name == "app":
        return create_app()
    raise AttributeError(name)
