"""``workos_async.testing``: an in-process fake of the WorkOS User Management API.

Real state in memory, the spec's status codes, error bodies and cursors, WorkOS-like rate
limits and fault injection; usable in-process, in a thread, over HTTP from other processes
(``workos-async fake-server``) and through the pytest plugin's fixtures::

    from workos_async.testing import FakeWorkOS, Fault

    async with FakeWorkOS() as fake:
        fake.faults.add(Fault(method="POST", path="/user_management/users", status=500, count=2))
        ...  # point AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) at it

See ``docs/testing.md``.
"""

from __future__ import annotations

from ._auth import FakeAuth
from ._errors import FakeAPIError
from ._faults import Fault, FaultKind, FaultSet
from ._ids import FakeClock
from ._log import CounterSnapshot, LoggedRequest
from ._ratelimit import RateLimits
from ._router import Ctx, Reply, Route, Router
from ._server import FakeWorkOS, ThreadedFake
from ._store import FakeStore, RecordsView

__all__ = [
    "CounterSnapshot",
    "Ctx",
    "FakeAPIError",
    "FakeAuth",
    "FakeClock",
    "FakeStore",
    "FakeWorkOS",
    "Fault",
    "FaultKind",
    "FaultSet",
    "LoggedRequest",
    "RateLimits",
    "RecordsView",
    "Reply",
    "Route",
    "Router",
    "ThreadedFake",
]
