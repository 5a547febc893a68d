"""Error replies: the HTTP layer's own (:class:`FakeAPIError`) and the rendering of the
domain's refusals (:func:`render_domain_error`) into WorkOS's three body shapes:
``{message}``, ``{code, message, errors?}`` and the OAuth ``{error, error_description}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.errors import DomainError, Problem, Style

#: The status of each kind of refusal.
STATUS: dict[Problem, int] = {
    Problem.INVALID: 422,
    Problem.REJECTED: 400,
    Problem.NOT_FOUND: 404,
    Problem.CONFLICT: 409,
    Problem.STEP_REQUIRED: 403,
    Problem.TOO_MANY_ATTEMPTS: 429,
    Problem.UNAVAILABLE: 500,
}


class FakeAPIError(Exception):
    """Raised by a route handler to answer with an error status and body (the HTTP layer's
    own errors: 401, 404 for no route, 400 for an unreadable body, 429, ...)."""

    def __init__(
        self, status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(
            f"{status}: {body.get('code') or body.get('error') or ''} {body.get('message', '')}"
        )
        self.status = status
        self.body: dict[str, Any] = dict(body)
        self.headers = headers


def message_only(status: int, message: str) -> FakeAPIError:
    """``{message}`` with any status."""
    return FakeAPIError(status, {"message": message})


def invalid_request(message: str) -> FakeAPIError:
    """422 ``invalid_request_parameters`` without field errors."""
    return FakeAPIError(422, {"code": "invalid_request_parameters", "message": message})


def bad_body(message: str) -> FakeAPIError:
    """400 ``invalid_request_body``: the body cannot be read as a JSON value."""
    return FakeAPIError(400, {"code": "invalid_request_body", "message": message})


def render_domain_error(exc: DomainError) -> tuple[int, dict[str, Any]]:
    """The status and body of a domain refusal."""
    body: dict[str, Any]
    if exc.style is Style.OAUTH:
        body = {"error": exc.code, "error_description": exc.message}
    elif exc.style is Style.MESSAGE:
        body = {"message": exc.message}
    else:
        body = {"code": exc.code, "message": exc.message}
    if exc.errors:
        body["errors"] = exc.errors
    body.update(exc.details)
    return STATUS[exc.problem], body
