"""Errors of the coordination package. Messages never hold a key, token, cookie or URL."""

from __future__ import annotations

from .._errors import WorkOSError

__all__ = ["CoordinationError", "StoreUnavailableError"]


class CoordinationError(WorkOSError):
    """Root of the coordination errors."""


class StoreUnavailableError(CoordinationError):
    """The shared store (Redis) did not answer in time and nothing can stand in for it.

    Only the server-side session store raises it (the session lives nowhere else): answer 503
    and let the client retry. The rate limiter and the refresh single-flight never raise it;
    they fall back to in-process coordination.
    """
