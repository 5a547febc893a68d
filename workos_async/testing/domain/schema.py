"""The input schemas of the operations: body fields, their JSON types and constraints.

An operation's input (a JSON object, however it arrived) is checked against its schema before
the operation runs: missing, mistyped, unknown or out-of-range values are a
:class:`~.errors.DomainError` ``invalid_request_parameters`` (422) whose ``errors`` name each
field. Also the shared value checks (email, locale, metadata limits).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from .errors import error_item, invalid

FieldType = Literal[
    "string",
    "boolean",
    "integer",
    "number",
    "object",
    "map<string,string>",
    "array<string>",
    "array<object>",
    "any",
]

_TYPE_WORDS: dict[str, str] = {
    "string": "a string",
    "boolean": "a boolean",
    "integer": "an integer",
    "number": "a number",
    "object": "an object",
    "map<string,string>": "an object of string values",
    "array<string>": "an array of strings",
    "array<object>": "an array of objects",
    "any": "a value",
}

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOCALE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$")


@attrs.frozen
class F:
    """One body field: its JSON type and constraints."""

    type: FieldType = "string"
    required: bool = False
    nullable: bool = False
    max_length: int | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None


def _type_ok(value: Any, kind: FieldType) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "map<string,string>":
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    if kind == "array<string>":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "array<object>":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    return True


def check_body(
    body: Mapping[str, Any], spec: Mapping[str, F], *, strict: bool = True
) -> dict[str, Any]:
    """Validate ``body`` against ``spec``; returns the body as a plain dict or raises a 422.

    With ``strict`` a field the spec does not know is an error too (it catches a misspelt or
    misplaced argument in the caller instead of silently ignoring it).
    """
    errors: list[dict[str, Any]] = []
    for name, field in spec.items():
        if name not in body:
            if field.required:
                errors.append(error_item("required", f"{name} is required.", name))
            continue
        value = body[name]
        if value is None:
            if not field.nullable:
                errors.append(error_item("invalid_type", f"{name} must not be null.", name))
            continue
        if not _type_ok(value, field.type):
            errors.append(
                error_item("invalid_type", f"{name} must be {_TYPE_WORDS[field.type]}.", name)
            )
            continue
        if field.max_length is not None and len(value) > field.max_length:
            errors.append(
                error_item(
                    "too_long", f"{name} must be at most {field.max_length} characters.", name
                )
            )
        if field.enum is not None and value not in field.enum:
            errors.append(
                error_item(
                    "invalid_value", f"{name} must be one of: {', '.join(field.enum)}.", name
                )
            )
        if field.minimum is not None and value < field.minimum:
            errors.append(error_item("too_small", f"{name} must be >= {field.minimum}.", name))
        if field.maximum is not None and value > field.maximum:
            errors.append(error_item("too_large", f"{name} must be <= {field.maximum}.", name))
    if strict:
        for name in body:
            if name not in spec:
                errors.append(error_item("unknown_field", f"{name} is not a known field.", name))
    if errors:
        raise invalid(" ".join(e["message"] for e in errors), errors)
    return dict(body)


def check_email(value: str, field: str = "email") -> None:
    """422 when ``value`` does not look like an email address."""
    if not EMAIL_RE.match(value):
        raise invalid(
            f"{field} must be a valid email address.",
            [error_item("invalid_email", f"{field} must be a valid email address.", field)],
        )


#: WorkOS metadata limits: at most 10 keys, keys up to 40 characters, values up to 600.
METADATA_MAX_KEYS = 10
METADATA_MAX_KEY_LENGTH = 40
METADATA_MAX_VALUE_LENGTH = 600


def metadata_problem(metadata: Mapping[str, str]) -> str | None:
    """Why ``metadata`` breaks WorkOS's limits, or ``None``."""
    if len(metadata) > METADATA_MAX_KEYS:
        return f"metadata may have at most {METADATA_MAX_KEYS} keys."
    for key, value in metadata.items():
        if len(key) > METADATA_MAX_KEY_LENGTH:
            return f"metadata keys must be at most {METADATA_MAX_KEY_LENGTH} characters."
        if len(value) > METADATA_MAX_VALUE_LENGTH:
            return f"metadata values must be at most {METADATA_MAX_VALUE_LENGTH} characters."
    return None
