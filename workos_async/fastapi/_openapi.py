"""Protected routes document their 401, 403 and 503 answers in ``/openapi.json``: FastAPI
lists a route's security schemes but knows nothing of what a dependency may raise. Each
dependency records what it may answer; the hook reads that from each route's dependencies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


#: Set on a dependency function: the status codes (as strings) it may answer with.
ANSWERS_ATTR = "__workos_answers__"


def mark_answers(dependency: Any, *statuses: str) -> None:
    """Record that ``dependency`` may answer with ``statuses`` (read by the schema hook)."""
    setattr(dependency, ANSWERS_ATTR, frozenset(statuses))


def _answers(dependant: Any) -> set[str]:
    found = set(getattr(dependant.call, ANSWERS_ATTR, ()))
    for sub in dependant.dependencies:
        found |= _answers(sub)
    return found


_DESCRIPTIONS = {
    "401": "Not signed in (no or invalid session)",
    "403": "Signed in without the permission or role",
    "503": "Authentication unavailable (WorkOS down); see Retry-After",
}


def add_auth_responses(app: FastAPI, schema: dict[str, Any]) -> dict[str, Any]:
    """Add to each operation the answers its WorkOS dependencies may give: 401 and 503 for
    ``require_user`` and what builds on it, 403 for ``require_permission`` /
    ``require_role`` (``optional_user`` adds none). Edits ``schema``."""
    from fastapi.routing import APIRoute

    paths = schema.get("paths", {})
    for route in app.routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        answers = _answers(route.dependant)
        if not answers:
            continue
        for method in route.methods or ():
            operation = paths.get(route.path_format, {}).get(method.lower())
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(answers):
                responses.setdefault(status, _response(_DESCRIPTIONS[status]))
    return schema


def document_auth_responses(app: FastAPI) -> None:
    """Make ``app.openapi()`` add the authentication answers (once, on first build)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_auth_responses(app, build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
