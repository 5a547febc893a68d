"""Resolving a write that got no definite answer, by looking up what it would have created.

WorkOS does not de-duplicate user-management POSTs, so a create that timed out or lost its
connection is never sent again blindly. Where a natural key identifies the object, one read
tells the outcome:

==========================================  ================================================
call (method, path template)                looked up by
==========================================  ================================================
``create_user``                             ``external_id`` (else ``email``)
``create_organization_membership``          ``user_id`` + ``organization_id``
``send_invitation``                         ``email`` + ``organization_id``
``create_organization``                     ``external_id`` (without one: not resolvable)
==========================================  ================================================

The object found counts as created *by this call* only when its ``created_at`` lies within
:data:`CLOCK_SKEW` of the call (start minus the skew, up to now plus the skew) and the fields
the call sent match. Then the call returns it as if the answer had arrived; otherwise the
transport raises ``RequestInDoubtError`` carrying what the lookup found.

The transport applies this by ``(method, path template)`` (:data:`RESOLVERS`), so generated
methods stay unaware of it; :func:`resolve` is the entry point for a caller with an
``AsyncWorkOS``. ``workos_async.bulk`` shares the rule itself: :func:`created_by_call` and
:func:`matches_sent` with :data:`USER_FIELDS`, :data:`MEMBERSHIP_FIELDS` and
:data:`ORGANIZATION_FIELDS`; it makes its lookups (the same natural keys, in the same order)
through its own rate governor, so they are paced and their 429s counted with the import's.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs

from ._errors import NotFoundError, WorkOSError

if TYPE_CHECKING:
    from ._transport import Transport

#: How far apart the client's and WorkOS's clocks may be (seconds).
CLOCK_SKEW = 120.0
#: The lookup's own overall deadline (seconds), after the failed call's.
LOOKUP_DEADLINE = 15.0
_LOOKUP_OPTIONS: Any = {"deadline": LOOKUP_DEADLINE, "max_retries": 2}


@attrs.frozen
class Resolution:
    """What the lookup found: ``found`` is the created object's JSON (``None`` when the call
    did not provably create one); ``note`` says why, for the in-doubt error."""

    found: Mapping[str, Any] | None
    note: str


Resolver = Callable[["Transport", Mapping[str, Any], float], Awaitable[Resolution]]


def _segment(value: str) -> str | None:
    """A natural key as one path segment, or ``None`` when it cannot be one."""
    if not value or value in (".", ".."):
        return None
    return quote(value, safe="")


def timestamp(value: Any) -> float | None:
    """An API ``created_at`` (ISO 8601 text or a datetime) as Unix seconds; ``None`` when it is
    missing, unreadable or has no time zone."""
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, _dt.datetime) or value.tzinfo is None:
        return None
    return value.timestamp()


def created_by_call(
    created_at: Any,
    started_at: float,
    *,
    skew: float = CLOCK_SKEW,
    unknown: bool = False,
    now: float | None = None,
) -> bool:
    """THE created-by-this-call rule (the transport's and ``workos_async.bulk``'s): the
    object's ``created_at`` lies between ``started_at - skew`` and ``now + skew``.

    ``started_at`` is the wall-clock time the call (or, for bulk, the journal's ``creating``
    mark, which survives a crash) started; ``unknown`` is the answer when ``created_at`` can't
    be read."""
    at = timestamp(created_at)
    if at is None:
        return unknown
    until = (time.time() if now is None else now) + skew
    return started_at - skew <= at <= until


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def matches_sent(sent: Mapping[str, Any], obj: Any, fields: tuple[str, ...]) -> bool:
    """Whether ``obj`` (a JSON object or a model) has every value of ``fields`` the call sent
    (fields not sent, or sent as ``None``, are not compared; ``email`` ignores case)."""
    return all(
        _same(sent[f], _field(obj, f), fold=f == "email")
        for f in fields
        if f in sent and sent[f] is not None
    )


def _created_during(obj: Mapping[str, Any], started_at: float) -> bool:
    return created_by_call(obj.get("created_at"), started_at)


def _same(sent: Any, got: Any, *, fold: bool = False) -> bool:
    if fold and isinstance(sent, str) and isinstance(got, str):
        return sent.casefold() == got.casefold()
    return bool(sent == got)


def _pick(
    candidates: list[Mapping[str, Any]],
    body: Mapping[str, Any],
    fields: tuple[str, ...],
    started_at: float,
    what: str,
) -> Resolution:
    """The candidate created during the call whose sent ``fields`` match."""
    matching = [c for c in candidates if isinstance(c, Mapping) and matches_sent(body, c, fields)]
    if not matching:
        return Resolution(None, f"no {what} matching the request was found")
    fresh = [c for c in matching if _created_during(c, started_at)]
    if not fresh:
        return Resolution(None, f"a matching {what} exists but was not created during this call")
    fresh.sort(key=lambda c: str(c.get("created_at")), reverse=True)
    return Resolution(fresh[0], f"{what} {fresh[0].get('id')} was created by this call")


async def _get(transport: Transport, path: str, template: str, query: Any = None) -> Any:
    return await transport.request("GET", path, template, query, None, _LOOKUP_OPTIONS)


def _items(page: Any) -> list[Mapping[str, Any]]:
    data = page.get("data") if isinstance(page, Mapping) else None
    return [x for x in data if isinstance(x, Mapping)] if isinstance(data, list) else []


async def _by_external_id(
    transport: Transport, collection: str, template: str, external_id: str
) -> list[Mapping[str, Any]] | None:
    segment = _segment(external_id)
    if segment is None:
        return None
    try:
        found = await _get(transport, f"{collection}/external_id/{segment}", template)
    except NotFoundError:
        return []
    return [found] if isinstance(found, Mapping) else []


#: What a found user must share with the create that was sent to count as its result.
USER_FIELDS = ("email", "external_id", "first_name", "last_name")
#: The same for a membership (any status: a new one may be ``pending``).
MEMBERSHIP_FIELDS = ("user_id", "organization_id")
#: The same for an organization (its natural key is the external id).
ORGANIZATION_FIELDS = ("external_id", "name")


async def _user(transport: Transport, body: Mapping[str, Any], started_at: float) -> Resolution:
    external_id, email = body.get("external_id"), body.get("email")
    if isinstance(external_id, str):
        candidates = await _by_external_id(
            transport,
            "/user_management/users",
            "/user_management/users/external_id/{external_id}",
            external_id,
        )
        if candidates is None:
            return Resolution(None, "the external_id cannot be looked up")
    elif isinstance(email, str) and email:
        page = await _get(
            transport,
            "/user_management/users",
            "/user_management/users",
            [("email", email), ("limit", "10")],
        )
        candidates = _items(page)
    else:
        return Resolution(None, "the request has no email or external_id to look up")
    return _pick(candidates, body, USER_FIELDS, started_at, "user")


async def _membership(
    transport: Transport, body: Mapping[str, Any], started_at: float
) -> Resolution:
    user_id, organization_id = body.get("user_id"), body.get("organization_id")
    if not (isinstance(user_id, str) and isinstance(organization_id, str)):
        return Resolution(None, "the request has no user_id and organization_id to look up")
    page = await _get(
        transport,
        "/user_management/organization_memberships",
        "/user_management/organization_memberships",
        [
            ("user_id", user_id),
            ("organization_id", organization_id),
            ("statuses", "active,inactive,pending"),
            ("limit", "10"),
        ],
    )
    return _pick(_items(page), body, MEMBERSHIP_FIELDS, started_at, "organization membership")


async def _invitation(
    transport: Transport, body: Mapping[str, Any], started_at: float
) -> Resolution:
    email, organization_id = body.get("email"), body.get("organization_id")
    if not isinstance(email, str) or not email:
        return Resolution(None, "the request has no email to look up")
    query = [("email", email), ("limit", "10")]
    if isinstance(organization_id, str):
        query.append(("organization_id", organization_id))
    page = await _get(
        transport, "/user_management/invitations", "/user_management/invitations", query
    )
    candidates = [c for c in _items(page) if c.get("organization_id") == organization_id]
    return _pick(
        candidates, body, ("email", "organization_id", "inviter_user_id"), started_at, "invitation"
    )


async def _organization(
    transport: Transport, body: Mapping[str, Any], started_at: float
) -> Resolution:
    external_id = body.get("external_id")
    if not isinstance(external_id, str):
        return Resolution(None, "without an external_id the organization cannot be looked up")
    candidates = await _by_external_id(
        transport, "/organizations", "/organizations/external_id/{external_id}", external_id
    )
    if candidates is None:
        return Resolution(None, "the external_id cannot be looked up")
    return _pick(candidates, body, ORGANIZATION_FIELDS, started_at, "organization")


#: ``(method, path template)`` → the lookup that resolves an in-doubt call.
RESOLVERS: dict[tuple[str, str], Resolver] = {
    ("POST", "/user_management/users"): _user,
    ("POST", "/user_management/organization_memberships"): _membership,
    ("POST", "/user_management/invitations"): _invitation,
    ("POST", "/organizations"): _organization,
}


def has_resolver(method: str, template: str) -> bool:
    """Whether an in-doubt ``method template`` call can be resolved by a lookup."""
    return (method, template) in RESOLVERS


async def resolve(
    client: Any, method: str, template: str, body: Mapping[str, Any], started_at: float
) -> Resolution:
    """Look up whether the in-doubt call ``method template`` with ``body`` (the JSON it sent)
    created its object. ``client`` is an ``AsyncWorkOS`` (or its transport); ``started_at`` is
    the wall-clock time (``time.time()``) the call started. Never raises for a failed lookup:
    the :class:`Resolution` says what happened."""
    transport = getattr(client, "_transport", client)
    resolver = RESOLVERS.get((method, template))
    if resolver is None:
        return Resolution(None, "this call has no natural key to look it up by")
    try:
        return await resolver(transport, body, started_at)
    except WorkOSError as exc:
        return Resolution(None, f"the lookup failed ({type(exc).__name__})")
