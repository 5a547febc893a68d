"""``workos_async.testing``: an in-process fake of the WorkOS User Management API.

Real state in memory, the spec's status codes, error bodies and cursors, WorkOS-like rate
limits and fault injection; usable in-process, in a thread, over HTTP from other processes
(``workos-async fake-server``) and through the pytest plugin's fixtures::

    from workos_async.testing import FakeWorkOS, Fault

    async with FakeWorkOS() as fake:
        fake.faults.add(Fault(method="POST", path="/user_management/users", status=500, count=2))
        ...  # point AsyncWorkOS(api_key=fake.api_key, base_url=fake.url) at it

Two layers: ``domain/`` (the store and the operations, no HTTP) and ``http/`` (routes,
router, the handler runner, faults, rate limits, request log). See ``docs/testing.md``.
"""

from __future__ import annotations

from ._fake import FakeWorkOS, ThreadedFake
from .domain.auth import FakeAuth
from .domain.errors import DomainError, Problem
from .domain.ids import FakeClock
from .domain.store import FakeStore, RecordsView
from .http.errors import FakeAPIError
from .http.faults import Fault, FaultKind, FaultSet
from .http.log import CounterSnapshot, LoggedRequest
from .http.ratelimit import RateLimits
from .http.router import Ctx, Reply, Route, Router

__all__ = [
    "CounterSnapshot",
    "Ctx",
    "DomainError",
    "FakeAPIError",
    "FakeAuth",
    "FakeClock",
    "FakeStore",
    "FakeWorkOS",
    "Fault",
    "FaultKind",
    "FaultSet",
    "LoggedRequest",
    "Problem",
    "RateLimits",
    "RecordsView",
    "Reply",
    "Route",
    "Router",
    "ThreadedFake",
]
