"""Waitlists and their entries.

- ``default`` names the environment's default waitlist: created by its first entry, a 404
  before that (as WorkOS documents).
- an email is on a waitlist at most once (400 ``{code, message}`` otherwise).
- approve: any entry (a denied one too) becomes ``approved`` with ``approved_at``; deny: only
  a ``pending`` entry (400 ``invalid_state`` otherwise).
"""

from __future__ import annotations

from typing import Any

from .errors import Problem, coded, missing
from .pagination import PageParams, list_page
from .schema import F, check_email
from .store import FakeStore, Record

DEFAULT = "default"

ENTRY_SPEC: dict[str, F] = {
    "email": F("string", required=True),
    "additional_fields": F("map<string,string>"),
    "send_confirmation_email": F("boolean"),
}
STATES = ("pending", "approved", "denied")


def _waitlist_id(store: FakeStore, waitlist_id: str, *, create: bool = False) -> str:
    if waitlist_id == DEFAULT:
        found = store.default_waitlist_id
        if found is None:
            if not create:
                raise missing("Waitlist", waitlist_id)
            now = store.now_iso()
            found = store.new_id("waitlist")
            store.c_waitlists.insert(
                {"object": "waitlist", "id": found, "created_at": now, "updated_at": now}
            )
            store.default_waitlist_id = found
        return found
    store.c_waitlists.require(waitlist_id, "Waitlist")
    return waitlist_id


def list_waitlists(store: FakeStore, params: PageParams) -> Record:
    """Every waitlist (one page)."""
    return list_page(params, store.c_waitlists.ids.ids, store.c_waitlists.records)


def get_waitlist(store: FakeStore, waitlist_id: str) -> Record:
    """A waitlist, by id or ``default``."""
    return store.c_waitlists.records[_waitlist_id(store, waitlist_id)]


def create_entry(store: FakeStore, waitlist_id: str, body: dict[str, Any]) -> Record:
    """Add an email to a waitlist (``default`` is created on first use)."""
    email: str = body["email"]
    check_email(email)
    found = _waitlist_id(store, waitlist_id, create=True)
    entries = store.c_waitlist_entries
    for entry_id in entries.index("waitlist", found).ids:
        if entries.records[entry_id]["email"].lower() == email.lower():
            raise coded(Problem.REJECTED, "entry_exists", f"{email} is already on the waitlist.")
    now = store.now_iso()
    record: Record = {
        "object": "waitlist_entry",
        "id": store.new_id("waitlist_entry"),
        "waitlist_id": found,
        "email": email,
        "state": "pending",
        "additional_fields": dict(body.get("additional_fields") or {}),
        "approved_at": None,
        "created_at": now,
        "updated_at": now,
    }
    return entries.insert(record)


def list_entries(
    store: FakeStore,
    waitlist_id: str,
    params: PageParams,
    state: str | None,
    email: str | None,
) -> Record:
    """The entries of a waitlist, filtered by ``state`` and exact ``email``."""
    found = _waitlist_id(store, waitlist_id)
    records = store.c_waitlist_entries.records

    def keep(entry_id: str) -> bool:
        entry = records[entry_id]
        return (state is None or entry["state"] == state) and (
            email is None or entry["email"].lower() == email.lower()
        )

    ids = store.c_waitlist_entries.index("waitlist", found).ids
    return list_page(params, ids, records, keep)


def approve_entry(store: FakeStore, entry_id: str) -> Record:
    """Approve an entry (a denied one too)."""
    entry = store.c_waitlist_entries.require(entry_id, "WaitlistEntry")
    now = store.now_iso()
    return store.c_waitlist_entries.update(
        entry["id"], state="approved", approved_at=now, updated_at=now
    )


def deny_entry(store: FakeStore, entry_id: str) -> Record:
    """Deny a pending entry (``invalid_state`` otherwise)."""
    entry = store.c_waitlist_entries.require(entry_id, "WaitlistEntry")
    if entry["state"] != "pending":
        raise coded(Problem.REJECTED, "invalid_state", "Only a pending entry can be denied.")
    return store.c_waitlist_entries.update(entry["id"], state="denied", updated_at=store.now_iso())


def delete_entry(store: FakeStore, entry_id: str) -> None:
    """Remove an entry."""
    store.c_waitlist_entries.require(entry_id, "WaitlistEntry")
    store.c_waitlist_entries.delete(entry_id)
