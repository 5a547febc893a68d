"""One source row: its columns, how a raw mapping becomes a checked :class:`UserRow`, and the
rules it must pass before any request is sent.

A row that breaks a rule becomes an :class:`InvalidRow` carrying every reason, and costs no
request. Passwords and password hashes live only on :class:`UserRow` (hidden from its repr)
and are never copied anywhere else.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .._constants import PASSWORD_HASH_TYPES

#: The columns (CSV) / keys (JSONL, mappings) a row may have.
COLUMNS: tuple[str, ...] = (
    "email",
    "first_name",
    "last_name",
    "email_verified",
    "external_id",
    "password",
    "password_hash",
    "password_hash_type",
    "metadata",
    "organization_id",
    "organization_external_id",
    "organization_name",
    "role_slug",
    "role_slugs",
    "organizations",
)

#: Memberships one row may ask for (its own organization plus ``organizations``); a unit's
#: journal key is ``line * MAX_MEMBERSHIPS + part``.
MAX_MEMBERSHIPS = 64

#: Columns holding secrets: never journaled, reported or logged.
SECRET_COLUMNS: frozenset[str] = frozenset({"password", "password_hash"})


#: The spec's limit (``CreateUserlandUserDto.external_id``); above WorkOS's documented 64 a row
#: gets a warning, not a refusal.
MAX_EXTERNAL_ID = 128
DOCUMENTED_EXTERNAL_ID = 64
#: WorkOS's documented metadata limits (docs: "Metadata and External IDs"): up to 10 pairs,
#: keys up to 40 and values up to 600 characters, ASCII only.
MAX_METADATA_KEYS = 10
MAX_METADATA_KEY_LEN = 40
MAX_METADATA_VALUE_LEN = 600
MAX_EMAIL_LEN = 254

# Deliberately plain: one "@", no spaces, a dot in the domain, no empty labels. WorkOS is the
# final judge; this catches the typos and shifted columns that make up real-world bad rows.
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
# Known formats, checked only where the format is public and fixed.
_HASH_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "bcrypt": (
        re.compile(r"^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$"),
        "a bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters of salt and hash)",
    ),
    "argon2": (
        re.compile(r"^\$argon2(?:id|i|d)\$"),
        "an argon2 PHC string ($argon2id$/$argon2i$/$argon2d$...)",
    ),
}
_TRUE = frozenset({"true", "1", "yes", "y", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "f"})


@attrs.frozen(slots=True)
class UserRow:
    """A valid source row, ready to import. ``row_no`` counts data rows from 1."""

    row_no: int
    email: str
    first_name: str | None = None
    last_name: str | None = None
    email_verified: bool | None = None
    external_id: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    password_hash: str | None = attrs.field(default=None, repr=False)
    password_hash_type: str | None = None
    metadata: Mapping[str, str] | None = None
    organization_id: str | None = None
    organization_external_id: str | None = None
    organization_name: str | None = None
    role_slug: str | None = None
    role_slugs: tuple[str, ...] | None = None
    #: Further memberships of this row's user (the ``organizations`` column): each becomes a
    #: unit of its own (``part`` 1, 2, ...) sharing the user.
    more: tuple[Membership, ...] = ()
    #: 0 for the unit that creates (or adopts) the user; n for the row's n-th extra membership.
    part: int = 0
    #: Set on a unit that adds a membership to a user another unit creates: the line of that
    #: row (this row's own line for its extra memberships, the first occurrence's line for a
    #: repeated row naming another organization).
    user_row: int | None = None
    #: Things worth knowing that do not stop the row (an external_id over 64 characters,
    #: source fields that did not fit into metadata); reported with the row's result.
    warnings: tuple[str, ...] = ()

    @property
    def wants_membership(self) -> bool:
        """The row asks for an organization membership."""
        return (
            self.organization_id is not None
            or self.organization_external_id is not None
            or self.organization_name is not None
        )

    @property
    def key(self) -> int:
        """The unit's journal key: ``line * MAX_MEMBERSHIPS + part``."""
        return self.row_no * MAX_MEMBERSHIPS + self.part

    def units(self) -> list[UserRow]:
        """This row as units of work: itself (the user and its first membership), then one
        unit per further membership, each linked to this row's user."""
        if not self.more:
            return [self]
        out = [attrs.evolve(self, more=())]
        for n, m in enumerate(self.more, start=1):
            out.append(
                attrs.evolve(
                    self,
                    more=(),
                    part=n,
                    user_row=self.row_no,
                    organization_id=m.organization_id,
                    organization_external_id=m.organization_external_id,
                    organization_name=m.organization_name,
                    role_slug=m.role_slug,
                    role_slugs=m.role_slugs,
                )
            )
        return out

    def user_fields(self) -> dict[str, Any]:
        """The Create/Update User body fields this row gives (secrets included: for the request
        only)."""
        out: dict[str, Any] = {"email": self.email}
        for name in ("first_name", "last_name", "email_verified", "external_id", "metadata"):
            value = getattr(self, name)
            if value is not None:
                out[name] = dict(value) if name == "metadata" else value
        if self.password is not None:
            out["password"] = self.password
        if self.password_hash is not None:
            out["password_hash"] = self.password_hash
            out["password_hash_type"] = self.password_hash_type
        return out

    def public_columns(self) -> dict[str, str]:
        """The row's columns as report text, secrets left out."""
        out: dict[str, str] = {}
        for name in COLUMNS:
            if name in SECRET_COLUMNS:
                continue
            value = getattr(self, name, None)
            if value is None:
                out[name] = ""
            elif name == "metadata":
                out[name] = json.dumps(dict(value), separators=(",", ":"), ensure_ascii=False)
            elif name == "role_slugs":
                out[name] = json.dumps(list(value))
            elif isinstance(value, bool):
                out[name] = "true" if value else "false"
            else:
                out[name] = str(value)
        return out

    def fingerprint(self) -> str:
        """Identifies the row across runs (journal check on resume): email, external_id and the
        membership target. No secret goes into it."""
        key = "\x1f".join(
            (
                self.email.lower(),
                self.external_id or "",
                self.organization_id or "",
                self.organization_external_id or "",
                self.organization_name or "",
                str(self.part),
            )
        )
        return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


@attrs.frozen(slots=True)
class Membership:
    """One organization a row's user joins: by id, external id or name, with its roles."""

    organization_id: str | None = None
    organization_external_id: str | None = None
    organization_name: str | None = None
    role_slug: str | None = None
    role_slugs: tuple[str, ...] | None = None


@attrs.frozen(slots=True)
class InvalidRow:
    """A row that failed validation: no request is sent for it."""

    row_no: int
    #: Every rule the row broke, in column order.
    reasons: tuple[str, ...]
    #: The row's non-secret columns as given (for the report).
    columns: Mapping[str, str]

    @property
    def code(self) -> str:
        """A machine-readable code for the first reason."""
        return "invalid_row"


class SourceRecord(dict[str, Any]):
    """A raw row mapped from a provider's export: the columns, plus ``notes`` about what the
    mapping had to leave out or change (they become the row's warnings)."""

    __slots__ = ("notes",)

    def __init__(self, columns: Mapping[str, Any], notes: Sequence[str] = ()) -> None:
        super().__init__(columns)
        self.notes = tuple(notes)


@attrs.frozen(slots=True)
class UnreadableRecord:
    """A source record that could not be parsed at all; ``reason`` says why (never quoting its
    text, which may hold a password)."""

    reason: str


def _text(value: Any) -> str | None:
    """A cell as stripped text; empty means "not given"."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return str(value)


def _raw_public(raw: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in COLUMNS:
        if name in SECRET_COLUMNS:
            continue
        value = raw.get(name)
        if value is None:
            out[name] = ""
        elif isinstance(value, str):
            out[name] = value
        else:
            try:
                out[name] = json.dumps(value, ensure_ascii=False)
            except (TypeError, ValueError):
                out[name] = repr(value)
    return out


def _parse_bool(value: Any, errors: list[str]) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = _text(value)
    if text is None:
        return None
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    errors.append("email_verified: expected true or false")
    return None


def _parse_metadata(value: Any, errors: list[str]) -> dict[str, str] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except ValueError:
            errors.append("metadata: not valid JSON")
            return None
    if not isinstance(value, Mapping):
        errors.append("metadata: expected a JSON object")
        return None
    out: dict[str, str] = {}
    if len(value) > MAX_METADATA_KEYS:
        errors.append(f"metadata: {len(value)} keys, at most {MAX_METADATA_KEYS} allowed")
    for key, item in value.items():
        if not isinstance(key, str) or not key:
            errors.append("metadata: keys must be non-empty strings")
            continue
        if (
            type(item) is str
            and len(key) <= MAX_METADATA_KEY_LEN
            and len(item) <= MAX_METADATA_VALUE_LEN
            and key.isascii()
            and item.isascii()
        ):
            out[key] = item  # the common case, kept fast
            continue
        shown = ascii(key[:MAX_METADATA_KEY_LEN])
        if len(key) > MAX_METADATA_KEY_LEN:
            errors.append(
                f"metadata: key {shown}... is {len(key)} characters, "
                f"at most {MAX_METADATA_KEY_LEN} allowed"
            )
        if not key.isascii():
            errors.append(f"metadata: key {shown} is not ASCII (WorkOS allows ASCII only)")
        if not isinstance(item, str):
            errors.append(f"metadata: value of {shown} must be a string")
            continue
        if len(item) > MAX_METADATA_VALUE_LEN:
            errors.append(
                f"metadata: value of {shown} is {len(item)} characters, "
                f"at most {MAX_METADATA_VALUE_LEN} allowed"
            )
        if not item.isascii():
            errors.append(f"metadata: value of {shown} is not ASCII (WorkOS allows ASCII only)")
        out[key] = item
    return out


def _parse_slugs(value: Any, errors: list[str]) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                errors.append("role_slugs: not a valid JSON array")
                return None
        else:
            value = [part.strip() for part in text.split(",")]
    if not isinstance(value, Sequence) or isinstance(value, str):
        errors.append("role_slugs: expected a list of role slugs")
        return None
    slugs = tuple(value)
    if not slugs or not all(isinstance(s, str) and s for s in slugs):
        errors.append("role_slugs: expected a non-empty list of non-empty strings")
        return None
    return slugs


def _parse_organizations(value: Any, errors: list[str]) -> tuple[Membership, ...]:
    """The ``organizations`` list column: a JSON array of organization ids or of objects
    ``{"id" | "external_id" | "name": ..., "role_slug" | "role_slugs": ...}``, or ids
    separated by ``|`` (CSV)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                errors.append("organizations: not a valid JSON array")
                return ()
        else:
            value = [part.strip() for part in text.split("|") if part.strip()]
    if not isinstance(value, Sequence) or isinstance(value, str):
        errors.append("organizations: expected a list")
        return ()
    out: list[Membership] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            out.append(Membership(organization_id=item.strip()))
            continue
        if not isinstance(item, Mapping):
            errors.append("organizations: each item is an organization id or an object")
            return ()
        refs = {k: item.get(k) for k in ("id", "external_id", "name") if item.get(k)}
        if len(refs) != 1 or not all(isinstance(v, str) for v in refs.values()):
            errors.append("organizations: each object names one of id, external_id, name")
            return ()
        slug = item.get("role_slug")
        slugs = _parse_slugs(item.get("role_slugs"), errors)
        out.append(
            Membership(
                organization_id=refs.get("id"),
                organization_external_id=refs.get("external_id"),
                organization_name=refs.get("name"),
                role_slug=slug if isinstance(slug, str) and slug else None,
                role_slugs=slugs,
            )
        )
    if len(out) >= MAX_MEMBERSHIPS:
        errors.append(f"organizations: at most {MAX_MEMBERSHIPS - 1} per row")
        return ()
    keys = [(m.organization_id, m.organization_external_id, m.organization_name) for m in out]
    if len(set(keys)) != len(keys):
        errors.append("organizations: an organization appears twice")
    return tuple(out)


def _encodable(text: str) -> bool:
    """Can ``text`` be sent as UTF-8? (JSON escapes can smuggle in lone surrogates.)"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_str(name: str, value: Any, errors: list[str]) -> str | None:
    if type(value) is str:  # the common case, kept fast (a million rows in a dry run)
        value = value.strip()
        if not value.isascii() and not _encodable(value):
            errors.append(f"{name}: not valid Unicode (a lone surrogate)")
            return None
        return value or None
    if value is None:
        return None
    if (value is not None and not isinstance(value, (str, int))) or isinstance(value, bool):
        errors.append(f"{name}: expected text")
        return None
    return _text(value)


def parse_row(row_no: int, raw: Mapping[str, Any]) -> UserRow | InvalidRow:
    """Check one raw row (a CSV record, a JSONL object or a caller's mapping) against every
    per-row rule. Duplicates across rows are :class:`DuplicateIndex`'s job."""
    errors: list[str] = []
    if isinstance(raw, UnreadableRecord):
        return InvalidRow(row_no, (raw.reason,), {})
    if not isinstance(raw, Mapping):
        return InvalidRow(row_no, (f"expected a mapping, got {type(raw).__name__}",), {})
    unknown = [k for k in raw if k not in _COLUMN_SET]
    if unknown:
        errors.append("unknown field(s): " + ", ".join(sorted(str(k) for k in unknown)))

    email = _check_str("email", raw.get("email"), errors)
    if email is None:
        if not any(e.startswith("email") for e in errors):
            errors.append("email: required")
    elif len(email) > MAX_EMAIL_LEN or not _EMAIL_RE.match(email):
        errors.append("email: not a valid email address")
    first_name = _check_str("first_name", raw.get("first_name"), errors)
    last_name = _check_str("last_name", raw.get("last_name"), errors)
    email_verified = _parse_bool(raw.get("email_verified"), errors)
    external_id = _check_str("external_id", raw.get("external_id"), errors)
    notes = getattr(raw, "notes", None)
    warnings: list[str] = list(notes) if notes else []
    if external_id is not None and len(external_id) > DOCUMENTED_EXTERNAL_ID:
        if len(external_id) > MAX_EXTERNAL_ID:
            errors.append(
                f"external_id: {len(external_id)} characters, at most {MAX_EXTERNAL_ID} allowed"
            )
        else:
            warnings.append(
                f"external_id: {len(external_id)} characters; WorkOS documents at most "
                f"{DOCUMENTED_EXTERNAL_ID} (the API accepts {MAX_EXTERNAL_ID})"
            )
    # Secrets: never echoed back in a reason, only named.
    password = raw.get("password")
    password_hash = raw.get("password_hash")
    if password is not None and (not isinstance(password, str) or not _encodable(password)):
        errors.append("password: expected text")
        password = None
    if password_hash is not None and (
        not isinstance(password_hash, str) or not _encodable(password_hash)
    ):
        errors.append("password_hash: expected text")
        password_hash = None
    password = password or None
    password_hash = (password_hash or "").strip() or None
    hash_type = _check_str("password_hash_type", raw.get("password_hash_type"), errors)
    if password is not None and (password_hash is not None or hash_type is not None):
        errors.append("password and password_hash: give one or the other, not both")
    if hash_type is not None and hash_type not in PASSWORD_HASH_TYPES:
        errors.append(
            f"password_hash_type: {hash_type[:40]!r} is not one of "
            + ", ".join(PASSWORD_HASH_TYPES)
        )
    elif password_hash is not None and hash_type is None:
        errors.append("password_hash_type: required with password_hash")
    elif hash_type is not None and password_hash is None:
        errors.append("password_hash: required with password_hash_type")
    elif hash_type is not None and password_hash is not None and hash_type in _HASH_FORMATS:
        pattern, described = _HASH_FORMATS[hash_type]
        if not pattern.match(password_hash):
            errors.append(f"password_hash: not {described}")
    metadata = _parse_metadata(raw.get("metadata"), errors)

    org_id = _check_str("organization_id", raw.get("organization_id"), errors)
    org_ext = _check_str("organization_external_id", raw.get("organization_external_id"), errors)
    org_name = _check_str("organization_name", raw.get("organization_name"), errors)
    if (org_id is not None) + (org_ext is not None) + (org_name is not None) > 1:
        errors.append(
            "organization_id, organization_external_id, organization_name: give one, not several"
        )
    role_slug = _check_str("role_slug", raw.get("role_slug"), errors)
    role_slugs = _parse_slugs(raw.get("role_slugs"), errors)
    if role_slug is not None and role_slugs is not None:
        errors.append("role_slug and role_slugs: give one, not both")
    orgs_cell = raw.get("organizations")
    more = _parse_organizations(orgs_cell, errors) if orgs_cell is not None else ()
    if (role_slug is not None or role_slugs is not None) and (
        org_id is None and org_ext is None and org_name is None
    ):
        errors.append("role_slug/role_slugs: need organization_id, _external_id or _name")
    if more and org_id is None and org_ext is None and org_name is None:
        first, more = more[0], more[1:]
        org_id, org_ext, org_name = (
            first.organization_id,
            first.organization_external_id,
            first.organization_name,
        )
        role_slug, role_slugs = first.role_slug, first.role_slugs

    if errors or email is None:
        return InvalidRow(row_no, tuple(errors), _raw_public(raw))
    return UserRow(
        row_no=row_no,
        email=email,
        first_name=first_name,
        last_name=last_name,
        email_verified=email_verified,
        external_id=external_id,
        password=password,
        password_hash=password_hash,
        password_hash_type=hash_type,
        metadata=metadata,
        organization_id=org_id,
        organization_external_id=org_ext,
        organization_name=org_name,
        role_slug=role_slug,
        role_slugs=role_slugs,
        more=more,
        warnings=tuple(warnings),
    )


_COLUMN_SET = frozenset(COLUMNS)


class RowValidator:
    """Every validation rule, per row and across rows (duplicate emails / external_ids).

    Feed rows in source order; the first copy of a key is valid, later copies are not and
    name the line of the first — except a repeat of the same user (same email, same
    external_id) naming an organization: that row adds a membership to the first row's user
    (``user_row``).
    """

    def __init__(self) -> None:
        from .dedupe import DuplicateIndex

        self._dupes = DuplicateIndex()

    def check(self, row_no: int, raw: Any) -> UserRow | InvalidRow:
        """Validate one row."""
        parsed = parse_row(row_no, raw)
        if isinstance(parsed, InvalidRow):
            # Only valid rows claim their keys: a corrected copy later in the file may import.
            return parsed
        dupes, first = self._dupes.check_row(
            parsed.email, parsed.external_id, row_no, linkable=parsed.wants_membership
        )
        if dupes:
            return InvalidRow(row_no, tuple(dupes), parsed.public_columns())
        if first is not None:
            # The same user again, naming another organization: one more membership.
            return attrs.evolve(parsed, user_row=first)
        return parsed
