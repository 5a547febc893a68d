"""The blocking facade: :class:`WorkOS` runs the async client's methods on its own loop
thread (one anyio ``BlockingPortal`` per client, for the client's whole life)."""

from __future__ import annotations

from ._client import EventLoopBlockingError, WorkOS
from ._pager import SyncPage, SyncPager

__all__ = ["EventLoopBlockingError", "SyncPage", "SyncPager", "WorkOS"]
