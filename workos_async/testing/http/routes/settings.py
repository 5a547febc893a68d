"""Environment settings: ``POST /user_management/redirect_uris`` (201),
``POST /user_management/cors_origins`` (201), ``GET`` / ``PUT /user_management/jwt_template``.

The rules are :mod:`workos_async.testing.domain.environment`'.
"""

from __future__ import annotations

from ...domain import environment as env
from ...domain.schema import F
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


def register(router: Router) -> None:
    """Add the redirect URI, CORS origin and JWT template routes."""
    router.add("POST", "/user_management/redirect_uris", _redirect_uri)
    router.add("POST", "/user_management/cors_origins", _cors_origin)
    router.add("GET", "/user_management/jwt_template", call(env.jwt_template))
    router.add("PUT", "/user_management/jwt_template", _update_jwt_template)
