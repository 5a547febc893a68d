"""Environment settings: redirect URIs, CORS origins and the JWT template.

- ``POST /user_management/redirect_uris`` → 201; the first one becomes the default; a
  duplicate is 400 ``{message}``, a URI without scheme and host 422 ``{message}``.
- ``POST /user_management/cors_origins`` → 201; a duplicate is 409 ``{code, message}``, an
  origin that is not ``scheme://host[:port]`` 422 ``{message, errors}``.
- ``GET`` / ``PUT /user_management/jwt_template``: ``content`` is a JSON object as a string
  (422 ``invalid_request_parameters`` otherwise). The environment starts with ``"{}"``.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from ._errors import FakeAPIError, coded, error_item, invalid_params, message_only
from ._router import Ctx, Reply, Router
from ._store import Record
from ._validate import F

DEFAULT_JWT_TEMPLATE = "{}"


def _create_redirect_uri(ctx: Ctx) -> Reply:
    store = ctx.store
    uri: str = ctx.body({"uri": F("string", required=True)})["uri"]
    parts = urlsplit(uri)
    if not parts.scheme or not (parts.netloc or parts.scheme not in ("http", "https")):
        raise message_only(422, f"uri must be an absolute URI with a scheme; got {uri!r}.")
    if any(r["uri"] == uri for r in store.c_redirect_uris.records.values()):
        raise message_only(400, f"The redirect URI {uri} already exists.")
    now = store.now_iso()
    record: Record = {
        "object": "redirect_uri",
        "id": store.new_id("redirect_uri"),
        "uri": uri,
        "default": not store.c_redirect_uris.records,
        "created_at": now,
        "updated_at": now,
    }
    return Reply(201, store.c_redirect_uris.insert(record))


def _create_cors_origin(ctx: Ctx) -> Reply:
    store = ctx.store
    origin: str = ctx.body({"origin": F("string", required=True)})["origin"]
    parts = urlsplit(origin)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.path not in ("", "/")
        or parts.query
    ):
        raise FakeAPIError(
            422,
            {
                "message": f"origin must look like scheme://host[:port]; got {origin!r}.",
                "errors": [error_item("invalid_origin", "not an origin.", "origin")],
            },
        )
    normalized = f"{parts.scheme}://{parts.netloc}".lower()
    if any(r["origin"].lower() == normalized for r in store.c_cors_origins.records.values()):
        raise coded(409, "duplicate_cors_origin", f"The CORS origin {normalized} already exists.")
    now = store.now_iso()
    record: Record = {
        "object": "cors_origin",
        "id": store.new_id("cors_origin"),
        "origin": normalized,
        "created_at": now,
        "updated_at": now,
    }
    return Reply(201, store.c_cors_origins.insert(record))


def _template(ctx: Ctx) -> Record:
    store = ctx.store
    if store.jwt_template is None:
        now = store.now_iso()
        store.jwt_template = {
            "object": "jwt_template",
            "content": DEFAULT_JWT_TEMPLATE,
            "created_at": now,
            "updated_at": now,
        }
    return store.jwt_template


def _get_jwt_template(ctx: Ctx) -> Reply:
    return Reply(200, _template(ctx))


def _update_jwt_template(ctx: Ctx) -> Reply:
    content: str = ctx.body({"content": F("string", required=True)})["content"]
    try:
        parsed = json.loads(content)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise invalid_params(
            "content must be a JSON object, as a string.",
            [error_item("invalid_value", "not a JSON object.", "content")],
        )
    template = _template(ctx)
    ctx.store.jwt_template = {**template, "content": content, "updated_at": ctx.store.now_iso()}
    return Reply(200, ctx.store.jwt_template)


def register(router: Router) -> None:
    """Add the redirect URI, CORS origin and JWT template routes."""
    router.add("POST", "/user_management/redirect_uris", _create_redirect_uri)
    router.add("POST", "/user_management/cors_origins", _create_cors_origin)
    router.add("GET", "/user_management/jwt_template", _get_jwt_template)
    router.add("PUT", "/user_management/jwt_template", _update_jwt_template)
