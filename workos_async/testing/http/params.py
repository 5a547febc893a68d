"""Query parameters: one value per name, no unknown names, the pagination parameters.

A repeated parameter, an unknown one (when the fake is strict) or a bad page parameter is a
422 ``invalid_request_parameters`` naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..domain.errors import error_item, invalid
from ..domain.ids import ID_RE
from ..domain.pagination import DEFAULT_LIMIT, MAX_LIMIT, ORDERS, PageParams

PAGE_PARAMS: tuple[str, ...] = ("before", "after", "limit", "order")


def check_query(query: Mapping[str, Any], allowed: Iterable[str], *, strict: bool = True) -> None:
    """422 for a query parameter the operation does not take (with ``strict``)."""
    if not strict:
        return
    allowed_set = set(allowed)
    unknown = sorted({k for k in query if k not in allowed_set})
    if unknown:
        raise invalid(
            f"Unknown query parameter(s): {', '.join(unknown)}.",
            [error_item("unknown_parameter", f"{k} is not a known parameter.", k) for k in unknown],
        )


def single(query: Any, name: str) -> str | None:
    """The one value of query parameter ``name`` (422 when it is repeated)."""
    values = query.getall(name, ())
    if not values:
        return None
    if len(values) > 1:
        raise invalid(
            f"{name} was given {len(values)} times; give it once.",
            [error_item("repeated", f"{name} must be given once.", name)],
        )
    value: str = values[0]
    return value


def parse_page_params(query: Any) -> PageParams:
    """Read ``before``/``after``/``limit``/``order``; 422 ``invalid_request_parameters`` if bad."""
    errors: list[dict[str, Any]] = []
    raw_limit = single(query, "limit")
    limit = DEFAULT_LIMIT
    if raw_limit is not None:
        try:
            limit = int(raw_limit)
        except ValueError:  # also a number too long to convert
            errors.append(error_item("invalid_type", "limit must be an integer.", "limit"))
        else:
            if not 1 <= limit <= MAX_LIMIT:
                errors.append(
                    error_item("out_of_range", f"limit must be between 1 and {MAX_LIMIT}.", "limit")
                )
    order = single(query, "order") or "desc"
    if order not in ORDERS:
        errors.append(
            error_item("invalid_value", "order must be one of: normal, desc, asc.", "order")
        )
    cursors: dict[str, str | None] = {}
    for name in ("before", "after"):
        value = single(query, name)
        if value is not None and not ID_RE.match(value):
            errors.append(error_item("invalid_cursor", f"{name} must be an object id.", name))
        cursors[name] = value or None
    if errors:
        raise invalid(" ".join(e["message"] for e in errors), errors)
    return PageParams(
        limit=limit,
        order=order,  # type: ignore[arg-type]
        before=cursors["before"],
        after=cursors["after"],
    )
