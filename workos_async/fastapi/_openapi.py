"""Protected routes document their 401, 403 and 503 answers in ``/openapi.json``: FastAPI
lists a route's security schemes but knows nothing of what a dependency may raise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._dependencies import BEARER_SCHEME, COOKIE_SCHEME

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["document_auth_responses"]

_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "object",
            "properties": {
                "error": {"type": "string"},
                "reason": {"type": "string"},
                "missing_permissions": {"type": "array", "items": {"type": "string"}},
                "required_roles": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["error"],
        }
    },
}


def _response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR_SCHEMA}}}


def add_auth_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add 401 and 503 to every operation secured by the WorkOS schemes, and 403 to those
    that need a permission or a role (a scope on the requirement). Edits ``schema``."""
    ours = {COOKIE_SCHEME, BEARER_SCHEME}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            requirements = [
                r for r in operation.get("security", ()) if isinstance(r, dict) and ours & set(r)
            ]
            if not requirements:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", _response("Not signed in (no or invalid session)"))
            responses.setdefault(
                "503", _response("Authentication unavailable (WorkOS down); see Retry-After")
            )
            if any(scopes for r in requirements for scopes in r.values()):
                responses.setdefault("403", _response("Signed in without the permission or role"))
    return schema


def document_auth_responses(app: FastAPI) -> None:
    """Make ``app.openapi()`` add the authentication answers (once, on first build)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_auth_responses(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
