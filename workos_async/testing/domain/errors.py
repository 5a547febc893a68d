"""Domain errors: what an operation refuses, in WorkOS's words, without any HTTP.

An operation raises :class:`DomainError` with a :class:`Problem` (what kind of refusal it is),
WorkOS's error ``code`` and a message; the HTTP layer (``testing/http/render.py``) turns the
problem into a status and the error into one of WorkOS's three body shapes: ``{message}``,
``{code, message, errors?}`` or the OAuth ``{error, error_description}``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any


class Problem(enum.Enum):
    """The kind of refusal (the HTTP layer maps each to a status)."""

    #: A field is missing, of the wrong type or out of range (422).
    INVALID = "invalid"
    #: A well-formed request the rules refuse (400).
    REJECTED = "rejected"
    #: The object does not exist (404).
    NOT_FOUND = "not_found"
    #: It clashes with the state (409).
    CONFLICT = "conflict"
    #: The sign-in needs another step first (403).
    STEP_REQUIRED = "step_required"
    #: Too many wrong attempts (429).
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    #: The fake cannot do it in this installation (500: an optional dependency is missing).
    UNAVAILABLE = "unavailable"


class Style(enum.Enum):
    """Which of WorkOS's error body shapes the refusal takes."""

    CODED = "coded"  # {code, message, errors?, ...}
    MESSAGE = "message"  # {message, errors?}
    OAUTH = "oauth"  # {error, error_description, ...}


class DomainError(Exception):
    """An operation's refusal: a problem, WorkOS's code, a message, details."""

    def __init__(
        self,
        problem: Problem,
        message: str,
        *,
        code: str | None = None,
        style: Style = Style.CODED,
        errors: Sequence[Mapping[str, Any]] | None = None,
        **details: Any,
    ) -> None:
        super().__init__(f"{problem.value}: {code or ''} {message}")
        self.problem = problem
        self.message = message
        self.code = code
        self.style = style if code is not None or style is Style.MESSAGE else Style.MESSAGE
        self.errors = [dict(e) for e in errors] if errors else []
        self.details = details


def error_item(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """One entry of an ``errors`` array."""
    item: dict[str, Any] = {"code": code, "message": message}
    if field is not None:
        item["field"] = field
    return item


def coded(
    problem: Problem,
    code: str,
    message: str,
    errors: Sequence[Mapping[str, Any]] | None = None,
    **details: Any,
) -> DomainError:
    """``{code, message, errors?, ...details}``."""
    return DomainError(problem, message, code=code, errors=errors, **details)


def rejected(
    code: str, message: str, errors: Sequence[Mapping[str, Any]] | None = None
) -> DomainError:
    """A 400 ``{code, message, errors?}``."""
    return coded(Problem.REJECTED, code, message, errors)


def invalid(message: str, errors: Sequence[Mapping[str, Any]] | None = None) -> DomainError:
    """A 422 ``invalid_request_parameters``: a field is missing, mistyped or out of range."""
    return coded(Problem.INVALID, "invalid_request_parameters", message, errors)


def message_only(
    problem: Problem, message: str, errors: Sequence[Mapping[str, Any]] | None = None
) -> DomainError:
    """``{message, errors?}`` (the shape the spec documents for some refusals)."""
    return DomainError(problem, message, style=Style.MESSAGE, errors=errors)


def not_found(message: str) -> DomainError:
    """A 404 ``{message}``."""
    return message_only(Problem.NOT_FOUND, message)


def missing(kind: str, object_id: str) -> DomainError:
    """A 404 for an object looked up by id: ``User not found: 'user_01...'``."""
    return not_found(f"{kind} not found: '{object_id}'.")


def oauth_error(code: str, description: str, **details: Any) -> DomainError:
    """A 400 in the OAuth form ``{error, error_description, ...details}``."""
    return DomainError(Problem.REJECTED, description, code=code, style=Style.OAUTH, **details)


def describe(exc: DomainError) -> str:
    """One line for a person: ``message (code, error codes...)`` (seed errors use it)."""
    codes = [e.get("code") for e in exc.errors]
    detail = ", ".join(str(c) for c in [exc.code, *codes] if c)
    return f"{exc.message} ({detail})" if detail else exc.message
