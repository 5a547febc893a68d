"""Error replies in the spec's body shapes.

WorkOS sends three shapes: ``{message}`` (most 404s), ``{code, message, errors?}`` (400, 403,
409, 422, 429) and the OAuth form ``{error, error_description}``. Route handlers raise
:class:`FakeAPIError`; the server turns it into the reply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class FakeAPIError(Exception):
    """Raised by a route handler to answer with an error status and body."""

    def __init__(
        self, status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(
            f"{status}: {body.get('code') or body.get('error') or ''} {body.get('message', '')}"
        )
        self.status = status
        self.body: dict[str, Any] = dict(body)
        self.headers = headers


def error_item(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """One entry of an ``errors`` array."""
    item: dict[str, Any] = {"code": code, "message": message}
    if field is not None:
        item["field"] = field
    return item


def coded(
    status: int,
    code: str,
    message: str,
    errors: Sequence[Mapping[str, Any]] | None = None,
    **extra: Any,
) -> FakeAPIError:
    """``{code, message, errors?}``, the shape of 400/403/409/422/429 errors."""
    body: dict[str, Any] = {"code": code, "message": message}
    if errors:
        body["errors"] = [dict(e) for e in errors]
    body.update(extra)
    return FakeAPIError(status, body)


def bad_request(
    code: str, message: str, errors: Sequence[Mapping[str, Any]] | None = None
) -> FakeAPIError:
    """400 ``{code, message, errors?}``."""
    return coded(400, code, message, errors)


def invalid_params(message: str, errors: Sequence[Mapping[str, Any]] | None = None) -> FakeAPIError:
    """422 ``invalid_request_parameters``: a field is missing, of the wrong type or out of range."""
    return coded(422, "invalid_request_parameters", message, errors)


def not_found(message: str) -> FakeAPIError:
    """404 ``{message}`` (the spec's shape for a missing resource)."""
    return FakeAPIError(404, {"message": message})


def message_only(status: int, message: str) -> FakeAPIError:
    """``{message}`` with any status (the spec documents it for some 400/401/409/422s)."""
    return FakeAPIError(status, {"message": message})


def oauth_error(status: int, error: str, description: str) -> FakeAPIError:
    """The OAuth form ``{error, error_description}``."""
    return FakeAPIError(status, {"error": error, "error_description": description})


def missing(kind: str, object_id: str) -> FakeAPIError:
    """404 for an object looked up by id: ``User not found: 'user_01...'``."""
    return not_found(f"{kind} not found: '{object_id}'.")
