"""Environment settings: ``/user_management/redirect_uris`` (list, create 201, delete),
``/user_management/cors_origins`` (list, create 201), ``GET`` / ``PUT
/user_management/jwt_template``, ``/user_management/authkit_oauth_resources`` (list, create
201, delete).

The rules are :mod:`workos_async.testing.domain.environment`'.
"""

from __future__ import annotations

from collections.abc import Callable

from ...domain import environment as env
from ...domain.pagination import PageParams
from ...domain.schema import F
from ...domain.store import FakeStore, Record
from ..router import Ctx, Reply, Router, call


def _one(name: str, ctx: Ctx) -> str:
    value: str = ctx.body({name: F("string", required=True)})[name]
    return value


def _redirect_uri(ctx: Ctx) -> Reply:
    return Reply(201, env.create_redirect_uri(ctx.store, _one("uri", ctx)))


def _cors_origin(ctx: Ctx) -> Reply:
    return Reply(201, env.create_cors_origin(ctx.store, _one("origin", ctx)))


def _update_jwt_template(ctx: Ctx) -> Reply:
    return Reply(200, env.update_jwt_template(ctx.store, _one("content", ctx)))


def _oauth_resource(ctx: Ctx) -> Reply:
    body = ctx.body({"uri": F("string", required=True), "default": F("boolean")})
    return Reply(201, env.create_oauth_resource(ctx.store, body["uri"], body.get("default")))


def _listing(operation: Callable[[FakeStore, PageParams], Record]) -> Callable[[Ctx], Reply]:
    def handler(ctx: Ctx) -> Reply:
        return Reply(200, operation(ctx.store, ctx.page()))

    handler.__name__ = handler.__qualname__ = operation.__name__
    return handler


def register(router: Router) -> None:
    """Add the redirect URI, CORS origin, JWT template and OAuth resource routes."""
    router.add("GET", "/user_management/redirect_uris", _listing(env.list_redirect_uris))
    router.add("POST", "/user_management/redirect_uris", _redirect_uri)
    router.add("DELETE", "/user_management/redirect_uris/{id}", call(env.delete_redirect_uri, "id"))
    router.add("GET", "/user_management/cors_origins", _listing(env.list_cors_origins))
    router.add("POST", "/user_management/cors_origins", _cors_origin)
    oauth = "/user_management/authkit_oauth_resources"
    router.add("GET", oauth, _listing(env.list_oauth_resources))
    router.add("POST", oauth, _oauth_resource)
    router.add("DELETE", oauth + "/{id}", call(env.delete_oauth_resource, "id"))
    router.add("GET", "/user_management/jwt_template", call(env.jwt_template))
    router.add("PUT", "/user_management/jwt_template", _update_jwt_template)
