"""The blocking facade: :class:`WorkOS` runs the async client's methods on its own loop
thread, through one blocking bridge (``_bridge.py``) that the pagers, sessions and bulk's
blocking API share."""

from __future__ import annotations

from .._errors import ClientClosedError
from ._client import EventLoopBlockingError, WorkOS
from ._pager import SyncPage, SyncPager

__all__ = ["ClientClosedError", "EventLoopBlockingError", "SyncPage", "SyncPager", "WorkOS"]
