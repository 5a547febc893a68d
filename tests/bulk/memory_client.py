"""A hand-written in-memory client double for the engine's state-machine tests.

It mimics the parts of ``AsyncWorkOS`` the importer calls, with WorkOS's conflict answers,
and a ``faults`` hook: a callable ``(operation, kwargs) -> str | None`` that can make a call
fail *before* it is applied (``"reset_before"``, ``"500"``, ``"429"``) or *after*
(``"reset_after"``, ``"500_after"``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from workos_async import (
    ConflictError,
    NotFoundError,
    RateLimitExceededError,
    ServerError,
    WorkOSConnectionError,
)

Fault = Callable[[str, dict[str, Any]], "str | None"]


class MemoryStore:
    def __init__(self) -> None:
        self.users: dict[str, SimpleNamespace] = {}
        self.memberships: dict[str, SimpleNamespace] = {}
        self.orgs: dict[str, SimpleNamespace] = {}
        self.calls: list[str] = []
        self._ids = itertools.count(1)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):026d}"

    def add_org(self, external_id: str | None = None) -> str:
        org_id = self.new_id("org")
        self.orgs[org_id] = SimpleNamespace(id=org_id, external_id=external_id)
        return org_id

    def add_user(self, email: str, external_id: str | None = None) -> str:
        uid = self.new_id("user")
        self.users[uid] = SimpleNamespace(
            id=uid, email=email, external_id=external_id, fields={"email": email}
        )
        return uid


class _UserManagement:
    def __init__(self, client: MemoryClient) -> None:
        self._c = client

    async def create_user(self, **kw: Any) -> Any:
        kw.pop("request_options", None)
        s = self._c.store
        self._c.before("create_user", kw)
        email = kw["email"]
        for u in s.users.values():
            if u.email.lower() == email.lower() or (
                kw.get("external_id") and u.external_id == kw.get("external_id")
            ):
                raise ConflictError(status=409, code="user_already_exists", message="exists")
        uid = s.add_user(email, kw.get("external_id"))
        s.users[uid].fields = dict(kw)
        self._c.after("create_user", kw)
        return s.users[uid]

    async def update_user(self, id: str, **kw: Any) -> Any:
        kw.pop("request_options", None)
        self._c.before("update_user", kw)
        user = self._c.store.users[id]
        user.fields.update(kw)
        user.updated = True
        if "external_id" in kw:
            user.external_id = kw["external_id"]
        self._c.after("update_user", kw)
        return user

    async def get_user_by_external_id(self, external_id: str, **kw: Any) -> Any:
        self._c.before("get_user_by_external_id", kw)
        for u in self._c.store.users.values():
            if u.external_id == external_id:
                return u
        raise NotFoundError(status=404, code="not_found", message="User not found")

    async def list_users(self, *, email: str, limit: int = 10, **kw: Any) -> Any:
        self._c.before("list_users", kw)
        data = [u for u in self._c.store.users.values() if u.email == email][:limit]
        return SimpleNamespace(data=data)

    async def create_organization_membership(self, **kw: Any) -> Any:
        kw.pop("request_options", None)
        s = self._c.store
        self._c.before("create_organization_membership", kw)
        for m in s.memberships.values():
            if m.user_id == kw["user_id"] and m.organization_id == kw["organization_id"]:
                raise ConflictError(status=409, code="conflict", message="exists")
        mid = s.new_id("om")
        s.memberships[mid] = SimpleNamespace(
            id=mid, user_id=kw["user_id"], organization_id=kw["organization_id"], kw=kw
        )
        self._c.after("create_organization_membership", kw)
        return s.memberships[mid]

    async def list_organization_memberships(self, **kw: Any) -> Any:
        self._c.before("list_organization_memberships", kw)
        data = [
            m
            for m in self._c.store.memberships.values()
            if m.user_id == kw["user_id"]
            and m.organization_id == kw.get("organization_id", m.organization_id)
        ]
        return SimpleNamespace(data=data)


class _Organizations:
    def __init__(self, client: MemoryClient) -> None:
        self._c = client

    async def get_organization(self, id: str, **kw: Any) -> Any:
        self._c.before("get_organization", kw)
        org = self._c.store.orgs.get(id)
        if org is None:
            raise NotFoundError(status=404, code="not_found", message="Organization not found")
        return org

    async def get_organization_by_external_id(self, external_id: str, **kw: Any) -> Any:
        self._c.before("get_organization_by_external_id", kw)
        for o in self._c.store.orgs.values():
            if o.external_id == external_id:
                return o
        raise NotFoundError(status=404, code="not_found", message="Organization not found")


class MemoryClient:
    def __init__(self, store: MemoryStore | None = None, faults: Fault | None = None) -> None:
        self.store = store or MemoryStore()
        self.faults = faults
        self.user_management = _UserManagement(self)
        self.organizations = _Organizations(self)
        self.request_options: list[Any] = []

    def _fault(self, op: str, kw: dict[str, Any]) -> str | None:
        return self.faults(op, kw) if self.faults else None

    def before(self, op: str, kw: dict[str, Any]) -> None:
        self.store.calls.append(op)
        self._pending_after: str | None = None
        fault = self._fault(op, kw)
        if fault == "reset_before":
            raise WorkOSConnectionError("connection reset")
        if fault == "500":
            raise ServerError(status=500, code="server_error", message="boom")
        if fault == "429":
            err = RateLimitExceededError(status=429, code="rate_limit_exceeded", message="slow")
            err.retry_after = 0.01
            raise err
        if fault is not None and fault.endswith("_after"):
            self._pending_after = fault

    def after(self, op: str, kw: dict[str, Any]) -> None:
        fault = getattr(self, "_pending_after", None)
        self._pending_after = None
        if fault == "reset_after":
            raise WorkOSConnectionError("connection reset after apply")
        if fault == "500_after":
            raise ServerError(status=500, code="server_error", message="boom after apply")
