"""Environment settings: redirect URIs, CORS origins, the JWT template and the AuthKit OAuth
resources.

- a redirect URI: the first one becomes the default; a
  duplicate is 400 ``{message}``, a URI without scheme and host 422 ``{message}``.
- a CORS origin: a duplicate is 409 ``{code, message}``, an
  origin that is not ``scheme://host[:port]`` 422 ``{message, errors}``.
- the JWT template: ``content`` is a JSON object as a string
  (422 ``invalid_request_parameters`` otherwise). The environment starts with ``"{}"``.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from .errors import Problem, coded, error_item, invalid, message_only
from .pagination import PageParams, list_page
from .store import FakeStore, Record

DEFAULT_JWT_TEMPLATE = "{}"


def create_redirect_uri(store: FakeStore, uri: str) -> Record:
    """Add a redirect URI (the first one is the default)."""
    parts = urlsplit(uri)
    if not parts.scheme or not (parts.netloc or parts.scheme not in ("http", "https")):
        raise message_only(
            Problem.INVALID, f"uri must be an absolute URI with a scheme; got {uri!r}."
        )
    if any(r["uri"] == uri for r in store.c_redirect_uris.records.values()):
        raise message_only(Problem.REJECTED, f"The redirect URI {uri} already exists.")
    now = store.now_iso()
    record: Record = {
        "object": "redirect_uri",
        "id": store.new_id("redirect_uri"),
        "uri": uri,
        "default": not store.c_redirect_uris.records,
        "created_at": now,
        "updated_at": now,
    }
    return store.c_redirect_uris.insert(record)


def create_cors_origin(store: FakeStore, origin: str) -> Record:
    """Add a CORS origin (``scheme://host[:port]``, stored lower case)."""
    parts = urlsplit(origin)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.path not in ("", "/")
        or parts.query
    ):
        raise message_only(
            Problem.INVALID,
            f"origin must look like scheme://host[:port]; got {origin!r}.",
            [error_item("invalid_origin", "not an origin.", "origin")],
        )
    normalized = f"{parts.scheme}://{parts.netloc}".lower()
    if any(r["origin"].lower() == normalized for r in store.c_cors_origins.records.values()):
        raise coded(
            Problem.CONFLICT,
            "duplicate_cors_origin",
            f"The CORS origin {normalized} already exists.",
        )
    now = store.now_iso()
    record: Record = {
        "object": "cors_origin",
        "id": store.new_id("cors_origin"),
        "origin": normalized,
        "created_at": now,
        "updated_at": now,
    }
    return store.c_cors_origins.insert(record)


def jwt_template(store: FakeStore) -> Record:
    """The environment's JWT template (``"{}"`` until one is set)."""
    if store.jwt_template is None:
        now = store.now_iso()
        store.jwt_template = {
            "object": "jwt_template",
            "content": DEFAULT_JWT_TEMPLATE,
            "created_at": now,
            "updated_at": now,
        }
    return store.jwt_template


def update_jwt_template(store: FakeStore, content: str) -> Record:
    """Set the template's ``content`` (a JSON object, as a string)."""
    try:
        parsed = json.loads(content)
    except (ValueError, RecursionError):  # deep nesting too
        parsed = None
    if not isinstance(parsed, dict):
        raise invalid(
            "content must be a JSON object, as a string.",
            [error_item("invalid_value", "not a JSON object.", "content")],
        )
    template = jwt_template(store)
    store.jwt_template = {**template, "content": content, "updated_at": store.now_iso()}
    return store.jwt_template


def list_redirect_uris(store: FakeStore, params: PageParams) -> Record:
    """The redirect URIs, one page."""
    return list_page(params, store.c_redirect_uris.ids.ids, store.c_redirect_uris.records)


def delete_redirect_uri(store: FakeStore, uri_id: str) -> None:
    """Remove a redirect URI (404 when unknown)."""
    store.c_redirect_uris.require(uri_id, "RedirectUri")
    store.c_redirect_uris.delete(uri_id)


def list_cors_origins(store: FakeStore, params: PageParams) -> Record:
    """The CORS origins, one page."""
    return list_page(params, store.c_cors_origins.ids.ids, store.c_cors_origins.records)


def create_oauth_resource(store: FakeStore, uri: str, default: bool | None) -> Record:
    """Add an AuthKit OAuth resource; ``default`` makes it the only default one."""
    parts = urlsplit(uri)
    if not parts.scheme or not parts.netloc:
        raise message_only(Problem.INVALID, f"uri must be an absolute URI; got {uri!r}.")
    resources = store.c_oauth_resources
    if any(r["uri"] == uri for r in resources.records.values()):
        raise message_only(Problem.REJECTED, f"The OAuth resource {uri} already exists.")
    now = store.now_iso()
    if default:
        for other in [r for r in resources.records.values() if r["default"]]:
            resources.update(other["id"], default=False, updated_at=now)
    record: Record = {
        "object": "authkit_oauth_resource",
        "id": store.new_id("authkit_oauth_resource"),
        "uri": uri,
        "default": bool(default),
        "created_at": now,
        "updated_at": now,
    }
    return resources.insert(record)


def list_oauth_resources(store: FakeStore, params: PageParams) -> Record:
    """The AuthKit OAuth resources, one page."""
    return list_page(params, store.c_oauth_resources.ids.ids, store.c_oauth_resources.records)


def delete_oauth_resource(store: FakeStore, resource_id: str) -> None:
    """Remove an AuthKit OAuth resource (404 when unknown)."""
    store.c_oauth_resources.require(resource_id, "AuthkitOAuthResource")
    store.c_oauth_resources.delete(resource_id)
