"""``install_exception_handlers(app)``: the SDK's errors, escaping a route, become answers
that say what happened to the app's caller — never WorkOS's message or request details.

=====================================  =====  ===========================================
error                                  status  body ``{"error": ...}``
=====================================  =====  ===========================================
``NotFoundError`` (404)                404    ``not_found``
``ConflictError`` (409)                409    ``conflict``
``UnprocessableEntityError`` (422)     422    ``invalid_request`` (+ WorkOS's ``code``)
``BadRequestError`` (400)              400    ``invalid_request`` (+ WorkOS's ``code``)
``RateLimitExceededError`` (429)       503    ``workos_unavailable``, ``Retry-After``
``ServerError`` (5xx)                  502    ``workos_unavailable``
``WorkOSConnectionError`` (no answer,  502    ``workos_unavailable``
in doubt, timeout)
other ``APIError`` (401, 403, ...)     500    ``workos_error``: the app's configuration
=====================================  =====  ===========================================
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .._errors import (
    APIError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    RateLimitExceededError,
    ServerError,
    UnprocessableEntityError,
    WorkOSConnectionError,
)

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["error_response", "install_exception_handlers"]

logger = logging.getLogger("workos_async.fastapi")


def error_response(exc: Exception) -> Response:
    """The response for one of the SDK's errors (see the module's table)."""
    if isinstance(exc, WorkOSConnectionError):
        logger.warning("WorkOS did not answer (%s)", type(exc).__name__)
        return JSONResponse({"error": "workos_unavailable"}, status_code=502)
    if not isinstance(exc, APIError):
        raise TypeError(f"not an SDK error: {type(exc).__name__}")
    body: dict[str, object]
    if isinstance(exc, NotFoundError):
        return JSONResponse({"error": "not_found"}, status_code=404)
    if isinstance(exc, ConflictError):
        return JSONResponse({"error": "conflict"}, status_code=409)
    if isinstance(exc, UnprocessableEntityError | BadRequestError):
        body = {"error": "invalid_request"}
        if exc.code:
            body["code"] = exc.code
        return JSONResponse(body, status_code=exc.status)
    if isinstance(exc, RateLimitExceededError):
        wait = exc.retry_after
        retry_after = str(max(1, math.ceil(wait))) if wait else "1"
        return JSONResponse(
            {"error": "workos_unavailable"},
            status_code=503,
            headers={"Retry-After": retry_after},
        )
    if isinstance(exc, ServerError) or exc.status >= 500:
        logger.warning("WorkOS answered %s (request_id=%s)", exc.status, exc.request_id)
        return JSONResponse({"error": "workos_unavailable"}, status_code=502)
    logger.error("WorkOS refused the app's request: %s", exc)
    return JSONResponse({"error": "workos_error"}, status_code=500)


async def _handle(request: Request, exc: Exception) -> Response:
    return error_response(exc)


def install_exception_handlers(app: Starlette) -> None:
    """Register handlers for :class:`~workos_async.APIError` and
    :class:`~workos_async.WorkOSConnectionError` on a FastAPI or Starlette app."""
    app.add_exception_handler(APIError, _handle)
    app.add_exception_handler(WorkOSConnectionError, _handle)
