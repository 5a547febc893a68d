"""Resolving a write that got no definite answer, by looking up what it would have created.

WorkOS does not de-duplicate user-management POSTs, so a create that timed out or lost its
connection is never sent again blindly. Where a natural key identifies the object, a lookup
tells the outcome:

==========================================  ================================================
call (method, path template)                looked up by
==========================================  ================================================
``create_user``                             ``external_id``; ``email`` when none was sent
                                            (or it can't be a path segment)
``create_organization_membership``          ``user_id`` + ``organization_id``
``send_invitation``                         ``email`` + ``organization_id``
``create_organization``                     ``external_id`` (without one: not resolvable)
==========================================  ================================================

The object found counts as created *by this call* only when the fields the call sent match
and its ``created_at`` lies within the clock skew of the call (start minus the skew, up to now
plus the skew). Then the call returns it as if the answer had arrived; otherwise the transport
raises ``RequestInDoubtError`` whose resolution says what the lookup found (nothing; or an
object that matches but was not created during the call, :attr:`Resolution.existing`).

This module is the one implementation, shared with ``workos_async.bulk``:

- the lookups, one finder per kind (:data:`USER`, :data:`MEMBERSHIP`, :data:`INVITATION`,
  :data:`ORGANIZATION`), each calling *resource methods* (``get_user_by_external_id``,
  ``list_users``, ...) of an ``api`` (anything with ``user_management`` and
  ``organizations``: an ``AsyncWorkOS``, bulk's client) through a ``read(fn, *args,
  **kwargs)`` the caller supplies, so what they return is the methods' models;
- the decision which found object is the call's, :func:`decide` (:func:`matches_sent` and
  :func:`created_by_call`), returning a :class:`Resolution` (``found``, ``existing``,
  ``note``);
- :func:`settle`, the two in one: what the transport and bulk's in-doubt paths call. Bulk also
  calls :func:`decide` on the user a 409 "user exists" names, and the finders for its plain
  lookups (that conflict, ``--plan``).

What differs per caller is how a read runs and the timing policy, passed in. The transport
(:func:`resolve`, by ``(method, path template)`` through :data:`KINDS`, so generated methods
stay unaware of it) reads on resources bound to its own transport with a short deadline
(:data:`LOOKUP_DEADLINE`), times the call from its start with :data:`CLOCK_SKEW`, does not
claim an object whose ``created_at`` can't be read, and returns a found model as the JSON the
method's own decoder takes (:func:`as_json`). Not here, bulk's: its governor (reads paced,
429s counted with the import's), the journal's ``creating_at`` as the call's start, its
``clock_skew`` option, ``unknown=True`` (an unreadable ``created_at`` is the row's), its
``on_conflict`` policy for :attr:`Resolution.existing`, the email fallback after a 409 "user
exists", and organizations named by id or by name (no natural key: a walk of the list).
"""

from __future__ import annotations

import datetime as _dt
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._args import path_segment
from ._errors import NotFoundError, WorkOSError

if TYPE_CHECKING:
    from ._transport import Transport

#: How far apart the client's and WorkOS's clocks may be (seconds).
CLOCK_SKEW = 120.0
#: The lookup's own overall deadline (seconds), after the failed call's.
LOOKUP_DEADLINE = 15.0
_LOOKUP_OPTIONS: Any = {"deadline": LOOKUP_DEADLINE, "max_retries": 2}

#: ``read(fn, *args, **kwargs)``: run one lookup, a resource method, the caller's way (its
#: request options, its pacing) and return what the method returns.
Read = Callable[..., Awaitable[Any]]


@attrs.frozen
class Resolution:
    """What the lookup found: ``found`` is the object the call created (as the lookup returned
    it: a model, or JSON), ``None`` when the call did not provably create one; ``existing`` is
    an object matching what the call sent that it did *not* provably create (older, or with an
    unreadable ``created_at``); ``note`` says which, for the in-doubt error."""

    found: Any | None
    note: str
    existing: Any | None = None


class NoKey(Exception):
    """The request has no natural key the lookup could use (the message says why)."""


Finder = Callable[[Read, Any, Mapping[str, Any]], Awaitable[list[Any]]]


@attrs.frozen
class Kind:
    """One resolvable create: what it makes, the fields a found object must share with the
    request, and the finder looking such objects up (``find(read, api, sent)``)."""

    what: str
    fields: tuple[str, ...]
    find: Finder


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
    """THE created-by-this-call rule: the object's ``created_at`` lies between
    ``started_at - skew`` and ``now + skew``.

    ``started_at`` is the wall-clock time the call (or, for bulk, the journal's ``creating``
    mark, which survives a crash) started; ``unknown`` is the answer when ``created_at`` can't
    be read."""
    at = timestamp(created_at)
    if at is None:
        return unknown
    until = (time.time() if now is None else now) + skew
    return started_at - skew <= at <= until


def field(obj: Any, name: str) -> Any:
    """``obj[name]`` of a JSON object, ``obj.name`` of a model (``None`` when absent)."""
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def matches_sent(sent: Mapping[str, Any], obj: Any, fields: tuple[str, ...]) -> bool:
    """Whether ``obj`` (a JSON object or a model) has every value of ``fields`` the call sent
    (fields not sent, or sent as ``None``, are not compared; ``email`` ignores case)."""
    return all(
        _same(sent[f], field(obj, f), fold=f == "email")
        for f in fields
        if f in sent and sent[f] is not None
    )


def _same(sent: Any, got: Any, *, fold: bool = False) -> bool:
    if fold and isinstance(sent, str) and isinstance(got, str):
        return sent.casefold() == got.casefold()
    return bool(sent == got)


def as_json(obj: Any) -> Any:
    """A found object as the API's JSON (what a method's decoder takes): a model's
    ``to_dict()``; JSON as it is."""
    to_dict = getattr(obj, "to_dict", None)
    return to_dict() if callable(to_dict) else obj


def _moment(seconds: float | None) -> str:
    """Unix seconds as ISO 8601 text for a note (``unknown``: none, or not a finite time)."""
    if seconds is None or not math.isfinite(seconds):
        return "unknown"
    return _dt.datetime.fromtimestamp(seconds, _dt.UTC).isoformat()


def decide(
    kind: Kind,
    candidates: list[Any],
    sent: Mapping[str, Any],
    started_at: float,
    *,
    skew: float = CLOCK_SKEW,
    unknown: bool = False,
) -> Resolution:
    """Which of ``candidates`` (what ``kind.find`` returned) the call sending ``sent`` created:
    the newest one whose sent ``kind.fields`` match and that :func:`created_by_call` (with
    ``skew`` and ``unknown``) allows."""
    what = kind.what
    matching = [c for c in candidates if matches_sent(sent, c, kind.fields)]
    if not matching:
        return Resolution(None, f"no {what} matching the request was found")
    ours = [
        c
        for c in matching
        if created_by_call(field(c, "created_at"), started_at, skew=skew, unknown=unknown)
    ]
    if ours:
        ours.sort(key=lambda c: timestamp(field(c, "created_at")) or float("-inf"), reverse=True)
        return Resolution(ours[0], f"{what} {field(ours[0], 'id')} was created by this call")
    other = matching[0]
    at = timestamp(field(other, "created_at"))
    if at is None:
        note = (
            f"{what} {field(other, 'id')} matches the request, but its created_at can't be "
            "read: whether this call created it is unknown"
        )
    else:
        note = (
            f"{what} {field(other, 'id')} matches the request but was not created during this "
            f"call (created {_moment(at)}; the call started {_moment(started_at)})"
        )
    return Resolution(None, note, existing=other)


async def settle(
    kind: Kind,
    read: Read,
    api: Any,
    sent: Mapping[str, Any],
    started_at: float,
    *,
    skew: float = CLOCK_SKEW,
    unknown: bool = False,
) -> Resolution:
    """Look up (``kind.find`` through ``read`` on ``api``) and :func:`decide` what the in-doubt
    create sending ``sent`` made. Errors of ``read`` propagate."""
    try:
        candidates = await kind.find(read, api, sent)
    except NoKey as missing:
        return Resolution(None, str(missing))
    return decide(kind, candidates, sent, started_at, skew=skew, unknown=unknown)


# -- the finders: one per kind, one order -------------------------------------------------


def _path_key(value: Any) -> str | None:
    """A natural key that the resource methods accept as a path segment (their own check)."""
    if not isinstance(value, str):
        return None
    try:
        path_segment(value, "external_id", "lookup")
    except ValueError:
        return None
    return value


async def _get_one(read: Read, fn: Callable[..., Any], key: str) -> list[Any]:
    try:
        return [await read(fn, key)]
    except NotFoundError:
        return []


async def find_users(read: Read, api: Any, sent: Mapping[str, Any]) -> list[Any]:
    """Users that a create sending ``sent`` could have made: the one with its ``external_id``,
    else (none sent, or not usable in a path) those with its ``email``."""
    um = api.user_management
    external_id = _path_key(sent.get("external_id"))
    if external_id is not None:
        # A miss is final: a user with the email but another external_id is not this create's.
        return await _get_one(read, um.get_user_by_external_id, external_id)
    email = sent.get("email")
    if isinstance(email, str) and email:
        page = await read(um.list_users, email=email, limit=10)
        return list(page.data)
    raise NoKey("the request has no email or external_id to look up")


async def find_memberships(read: Read, api: Any, sent: Mapping[str, Any]) -> list[Any]:
    """The memberships (any status: a new one may be ``pending``) of the sent ``user_id`` in
    the sent ``organization_id``."""
    user_id, organization_id = sent.get("user_id"), sent.get("organization_id")
    if not (isinstance(user_id, str) and isinstance(organization_id, str)):
        raise NoKey("the request has no user_id and organization_id to look up")
    lister = api.user_management.list_organization_memberships
    key = {"user_id": user_id, "organization_id": organization_id}
    after: str | None = None
    while True:
        # Both filters (one short page where the server combines them, as the spec, our fake
        # and the emulator do), matched here and paged on: still right if one were ignored.
        kwargs: dict[str, Any] = {
            **key,
            "statuses": ["active", "inactive", "pending"],
            "limit": 100,
        }
        if after is not None:
            kwargs["after"] = after
        page = await read(lister, **kwargs)
        found = [m for m in page.data if matches_sent(key, m, MEMBERSHIP_FIELDS)]
        after = getattr(getattr(page, "list_metadata", None), "after", None)
        if found or not after or not page.data:
            return found


async def find_invitations(read: Read, api: Any, sent: Mapping[str, Any]) -> list[Any]:
    """Invitations to the sent ``email`` in the sent ``organization_id`` (or in none)."""
    email, organization_id = sent.get("email"), sent.get("organization_id")
    if not isinstance(email, str) or not email:
        raise NoKey("the request has no email to look up")
    kwargs: dict[str, Any] = {"email": email, "limit": 10}
    if isinstance(organization_id, str):
        kwargs["organization_id"] = organization_id
    page = await read(api.user_management.list_invitations, **kwargs)
    return [c for c in page.data if field(c, "organization_id") == organization_id]


async def find_organizations(read: Read, api: Any, sent: Mapping[str, Any]) -> list[Any]:
    """The organization with the sent ``external_id`` (its only natural key)."""
    sent_id = sent.get("external_id")
    if not isinstance(sent_id, str):
        raise NoKey("without an external_id the organization cannot be looked up")
    external_id = _path_key(sent_id)
    if external_id is None:
        raise NoKey("the external_id cannot be looked up")
    return await _get_one(read, api.organizations.get_organization_by_external_id, external_id)


#: What a found user must share with the create that was sent to count as its result.
USER_FIELDS = ("email", "external_id", "first_name", "last_name")
#: The same for a membership (any status: a new one may be ``pending``).
MEMBERSHIP_FIELDS = ("user_id", "organization_id")
#: The same for an invitation.
INVITATION_FIELDS = ("email", "organization_id", "inviter_user_id")
#: The same for an organization (its natural key is the external id).
ORGANIZATION_FIELDS = ("external_id", "name")

USER = Kind("user", USER_FIELDS, find_users)
MEMBERSHIP = Kind("organization membership", MEMBERSHIP_FIELDS, find_memberships)
INVITATION = Kind("invitation", INVITATION_FIELDS, find_invitations)
ORGANIZATION = Kind("organization", ORGANIZATION_FIELDS, find_organizations)

#: ``(method, path template)`` → the kind of object an in-doubt call would have created.
KINDS: dict[tuple[str, str], Kind] = {
    ("POST", "/user_management/users"): USER,
    ("POST", "/user_management/organization_memberships"): MEMBERSHIP,
    ("POST", "/user_management/invitations"): INVITATION,
    ("POST", "/organizations"): ORGANIZATION,
}


def has_resolver(method: str, template: str) -> bool:
    """Whether an in-doubt ``method template`` call can be resolved by a lookup."""
    return (method, template) in KINDS


class _Resources:
    """The lookup's resources, bound to the failed call's own transport."""

    def __init__(self, transport: Transport) -> None:
        # Imported here: the resource modules import the transport, which imports this one.
        from .resources.organizations import AsyncOrganizations
        from .resources.user_management import AsyncUserManagement

        self.user_management = AsyncUserManagement(transport)
        self.organizations = AsyncOrganizations(transport)


async def _lookup_read(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The transport's reads: its own retries, within :data:`LOOKUP_DEADLINE`."""
    return await fn(*args, request_options=_LOOKUP_OPTIONS, **kwargs)


async def resolve(
    client: Any, method: str, template: str, body: Mapping[str, Any], started_at: float
) -> Resolution:
    """Look up whether the in-doubt call ``method template`` with ``body`` (the JSON it sent)
    created its object. ``client`` is an ``AsyncWorkOS`` (or its transport); ``started_at`` is
    the wall-clock time (``time.time()``) the call started. Never raises for a failed lookup:
    the :class:`Resolution` says what happened."""
    kind = KINDS.get((method, template))
    if kind is None:
        return Resolution(None, "this call has no natural key to look it up by")
    transport = getattr(client, "_transport", client)
    try:
        return await settle(kind, _lookup_read, _Resources(transport), body, started_at)
    except WorkOSError as exc:
        return Resolution(None, f"the lookup failed ({type(exc).__name__})")
