"""Clock injection: every expiry decision takes its time from a function the caller may replace."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["TimeFn"]

#: Returns the current time in seconds. For token and seal expiry this is wall-clock time
#: (``time.time``); for cache ages the JWKS cache uses ``time.monotonic`` by default.
TimeFn = Callable[[], float]
