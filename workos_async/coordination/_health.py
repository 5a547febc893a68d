"""Whether the shared store is usable: one warning when it goes away, one line when it is back.

Shared by every Redis component of one coordinator, so an outage logs one warning, not one per
request. After a failure the store is skipped for ``retry_interval`` seconds; then the next
call tries it again (recovery is automatic).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

__all__ = ["StoreHealth", "logger"]

logger = logging.getLogger("workos_async.coordination")


class StoreHealth:
    """Tracks outages of one store (see the module docstring)."""

    def __init__(
        self,
        name: str = "redis",
        *,
        retry_interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if isinstance(retry_interval, bool) or not isinstance(retry_interval, int | float):
            raise TypeError("retry_interval must be a number of seconds")
        if retry_interval < 0:
            raise ValueError("retry_interval must not be negative")
        self.name = name
        self.retry_interval = float(retry_interval)
        self._monotonic = monotonic
        self._down = False
        self._skip_until = 0.0
        #: Failed store calls (for tests and metrics).
        self.failures = 0
        #: Outages seen (each logged once).
        self.outages = 0

    def __repr__(self) -> str:
        return f"StoreHealth({self.name!r}, down={self._down}, outages={self.outages})"

    @property
    def down(self) -> bool:
        """Whether the last call to the store failed."""
        return self._down

    def usable(self) -> bool:
        """Whether to try the store now (up, or down for ``retry_interval`` already)."""
        return not self._down or self._monotonic() >= self._skip_until

    def failed(self, error: BaseException) -> None:
        """A call failed: skip the store for a while; warn once per outage."""
        self.failures += 1
        self._skip_until = self._monotonic() + self.retry_interval
        if not self._down:
            self._down = True
            self.outages += 1
            # The error's type only: its message may hold the store's address or credentials.
            logger.warning(
                "%s unavailable (%s): falling back to in-process coordination until it is "
                "back (server-side sessions answer 503 meanwhile)",
                self.name,
                type(error).__name__,
            )

    def succeeded(self) -> None:
        """A call worked: the store is back if it was down."""
        if self._down:
            self._down = False
            logger.warning("%s is back: shared coordination resumed", self.name)
