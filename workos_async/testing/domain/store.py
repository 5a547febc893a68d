"""The fake's state: every object in memory, with the indexes the routes need.

Records are plain dicts in the API's JSON shape and are never changed in place: an update
stores a new dict (copy-on-write). So a record handed out for introspection is a consistent
snapshot, and another thread can read the store while the server loop writes to it. Every
read or write of the collections happens under :attr:`FakeStore.lock` (route handlers already
run under it; the public views take it themselves).

Secrets that are not part of any API response (password hashes, TOTP secrets, pending email
change codes) live in private side tables, never in the records.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .errors import missing
from .ids import FakeClock, IdGenerator, iso
from .pagination import SortedIds
from .passwords import PasswordEntry, digest_entry, entry_matches

Record = dict[str, Any]
_EMPTY = SortedIds()


class Collection:
    """Records by id, their ids in order, and secondary indexes (key → ordered ids)."""

    def __init__(
        self, prefix: str, indexes: Mapping[str, Callable[[Record], Any]] | None = None
    ) -> None:
        self.prefix = prefix
        self.records: dict[str, Record] = {}
        self.ids = SortedIds()
        self._index_keys = dict(indexes or {})
        self._indexes: dict[str, dict[Any, SortedIds]] = {name: {} for name in self._index_keys}

    def __len__(self) -> int:
        return len(self.records)

    def get(self, object_id: str) -> Record | None:
        return self.records.get(object_id)

    def require(self, object_id: str, kind: str) -> Record:
        """The record, or a 404 :class:`~.errors.DomainError` naming ``kind`` (``"User"``)."""
        record = self.records.get(object_id)
        if record is None:
            raise missing(kind, object_id)
        return record

    def require_by(self, index: Mapping[str, str], key: str, kind: str) -> Record:
        """The record whose id ``index`` maps ``key`` to (an external id), or a 404."""
        object_id = index.get(key)
        if object_id is None:
            raise missing(kind, key)
        return self.records[object_id]

    def insert(self, record: Record) -> Record:
        object_id = record["id"]
        self.records[object_id] = record
        self.ids.add(object_id)
        for name, key in self._index_keys.items():
            value = key(record)
            if value is not None:
                self._indexes[name].setdefault(value, SortedIds()).add(object_id)
        return record

    def replace(self, record: Record) -> Record:
        object_id = record["id"]
        old = self.records[object_id]
        for name, key in self._index_keys.items():
            before, after = key(old), key(record)
            if before != after:
                if before is not None:
                    self._unindex(name, before, object_id)
                if after is not None:
                    self._indexes[name].setdefault(after, SortedIds()).add(object_id)
        self.records[object_id] = record
        return record

    def update(self, object_id: str, **changes: Any) -> Record:
        """Store a changed copy of the record (never mutate a published record)."""
        return self.replace({**self.records[object_id], **changes})

    def delete(self, object_id: str) -> Record | None:
        record = self.records.pop(object_id, None)
        if record is None:
            return None
        self.ids.discard(object_id)
        for name, key in self._index_keys.items():
            value = key(record)
            if value is not None:
                self._unindex(name, value, object_id)
        return record

    def _unindex(self, name: str, value: Any, object_id: str) -> None:
        bucket = self._indexes[name].get(value)
        if bucket is not None:
            bucket.discard(object_id)
            if not bucket:
                del self._indexes[name][value]

    def index(self, name: str, value: Any) -> SortedIds:
        """Ids of the records whose ``name`` key is ``value``, ascending."""
        return self._indexes[name].get(value, _EMPTY)

    def clear(self) -> None:
        self.records.clear()
        self.ids.clear()
        for index in self._indexes.values():
            index.clear()


class RecordsView(Mapping[str, Mapping[str, Any]]):
    """A read-only, thread-safe view of one collection: ``{id: record}``.

    Values are read-only mappings of the stored records (which are never changed in place).
    """

    def __init__(self, records: Mapping[str, Record], lock: threading.RLock) -> None:
        self._records = records
        self._lock = lock

    def __getitem__(self, object_id: str) -> Mapping[str, Any]:
        with self._lock:
            return MappingProxyType(self._records[object_id])

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def __contains__(self, object_id: object) -> bool:
        with self._lock:
            return object_id in self._records

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            keys = list(self._records)
        return iter(keys)

    def values_list(self) -> list[Mapping[str, Any]]:
        """Every record, in creation order (one consistent snapshot)."""
        with self._lock:
            return [MappingProxyType(r) for r in self._records.values()]

    def __repr__(self) -> str:
        return f"<RecordsView of {len(self)} records>"


@attrs.define
class PendingEmailChange:
    """An email change waiting for its code (the code is never in an API response)."""

    new_email: str
    code: str = attrs.field(repr=False)
    expires_at: float
    created_at: float
    attempts: int = 0
    used: bool = False


#: Lifetimes of one-time objects, in seconds.
MAGIC_AUTH_TTL = 10 * 60
EMAIL_VERIFICATION_TTL = 24 * 3600
PASSWORD_RESET_TTL = 3600
EMAIL_CHANGE_TTL = 3600
SESSION_TTL = 30 * 24 * 3600


class FakeStore:
    """All objects of one fake environment.

    The dict-like attributes (``users``, ``organizations``, ``memberships``, ...) are read-only
    views keyed by id, safe to read from any thread. Change state through the API (or the
    helpers below, which apply the same rules).
    """

    def __init__(self, *, lock: threading.RLock, clock: FakeClock, rng: random.Random) -> None:
        self.lock = lock
        self.clock = clock
        self.rng = rng
        self.ids = IdGenerator(clock, rng)
        self.reset_settings()
        self._init_collections()

    def reset_settings(self) -> None:
        """Settings back to their defaults (``FakeWorkOS.reset`` does this)."""
        with self.lock:
            #: Role slugs that memberships and invitations accept.
            self.roles: set[str] = {"member", "admin"}
            #: The role a membership gets when none is given.
            self.default_role = "member"
            #: Whether ``role_slugs`` may hold more than one role.
            self.multiple_roles_enabled = True
            #: Minimum password length (shorter ones get ``password_strength_error``).
            self.password_min_length = 8

    # ----------------------------------------------------------------- collections
    def _init_collections(self) -> None:
        self.c_users = Collection("user")
        self.user_by_email: dict[str, str] = {}
        self.user_by_external_id: dict[str, str] = {}
        self._passwords: dict[str, PasswordEntry] = {}
        self.c_organizations = Collection("org")
        self.org_by_external_id: dict[str, str] = {}
        self.org_by_domain: dict[str, str] = {}
        self.c_memberships = Collection(
            "om", {"user": lambda r: r["user_id"], "org": lambda r: r["organization_id"]}
        )
        self.membership_by_pair: dict[tuple[str, str], str] = {}
        #: organization id → ids of users with a membership there (any status).
        self.org_user_ids: dict[str, SortedIds] = {}
        self.c_invitations = Collection(
            "invitation",
            {"org": lambda r: r["organization_id"], "email": lambda r: r["email"].lower()},
        )
        self.invitation_by_token: dict[str, str] = {}
        self.invitation_expiry: dict[str, float] = {}
        self.c_sessions = Collection("session", {"user": lambda r: r["user_id"]})
        self.c_magic_auths = Collection("magic_auth", {"user": lambda r: r["user_id"]})
        self.c_password_resets = Collection("password_reset", {"user": lambda r: r["user_id"]})
        self.password_reset_by_token: dict[str, str] = {}
        self.used_password_resets: set[str] = set()
        self.c_email_verifications = Collection(
            "email_verification", {"user": lambda r: r["user_id"]}
        )
        self.used_email_verifications: set[str] = set()
        self.email_changes: dict[str, PendingEmailChange] = {}
        self.c_redirect_uris = Collection("redirect_uri")
        self.c_cors_origins = Collection("cors_origin")
        self.jwt_template: Record | None = None
        #: The id of the waitlist ``default`` names, once its first entry created it.
        self.default_waitlist_id: str | None = None
        self.c_auth_factors = Collection("auth_factor", {"user": lambda r: r.get("user_id")})
        self.factor_secrets: dict[str, str] = {}
        self.c_auth_challenges = Collection(
            "auth_challenge", {"factor": lambda r: r["authentication_factor_id"]}
        )
        self.identities: dict[str, list[Record]] = {}
        self.c_authorized_apps = Collection("authorized_app", {"user": lambda r: r["_user_id"]})
        self.connected_accounts: dict[tuple[str, str], Record] = {}
        self.data_providers: dict[str, list[Record]] = {}
        self.c_feature_flags = Collection("flag", {"user": lambda r: r["_user_id"]})
        self.c_api_keys = Collection("api_key", {"user": lambda r: r["owner"]["id"]})
        self.api_key_values: dict[str, str] = {}
        self.c_groups = Collection("group", {"membership": lambda r: r["_membership_id"]})
        self.c_oauth_resources = Collection("authkit_oauth_resource")
        self.c_radar_challenges = Collection("radar_challenge")
        self.c_waitlists = Collection("waitlist")
        self.c_waitlist_entries = Collection(
            "waitlist_entry", {"waitlist": lambda r: r["waitlist_id"]}
        )

    def clear(self) -> None:
        """Drop every object (the clock and settings stay)."""
        with self.lock:
            self._init_collections()

    # ------------------------------------------------------------ read-only views
    @property
    def users(self) -> RecordsView:
        """Users by id."""
        return RecordsView(self.c_users.records, self.lock)

    @property
    def organizations(self) -> RecordsView:
        """Organizations by id."""
        return RecordsView(self.c_organizations.records, self.lock)

    @property
    def memberships(self) -> RecordsView:
        """Organization memberships by id (stored form: without the embedded ``user``)."""
        return RecordsView(self.c_memberships.records, self.lock)

    @property
    def invitations(self) -> RecordsView:
        """Invitations by id (stored form: ``state`` is not yet aged to ``expired``)."""
        return RecordsView(self.c_invitations.records, self.lock)

    @property
    def sessions(self) -> RecordsView:
        """Sessions by id."""
        return RecordsView(self.c_sessions.records, self.lock)

    @property
    def magic_auths(self) -> RecordsView:
        """Magic auth objects by id (they include the code, as the API does)."""
        return RecordsView(self.c_magic_auths.records, self.lock)

    @property
    def password_resets(self) -> RecordsView:
        """Password reset objects by id (they include the token, as the API does)."""
        return RecordsView(self.c_password_resets.records, self.lock)

    @property
    def email_verifications(self) -> RecordsView:
        """Email verification objects by id (they include the code, as the API does)."""
        return RecordsView(self.c_email_verifications.records, self.lock)

    @property
    def redirect_uris(self) -> RecordsView:
        """Redirect URIs by id."""
        return RecordsView(self.c_redirect_uris.records, self.lock)

    @property
    def cors_origins(self) -> RecordsView:
        """CORS origins by id."""
        return RecordsView(self.c_cors_origins.records, self.lock)

    @property
    def auth_factors(self) -> RecordsView:
        """Authentication factors by id (without their TOTP secrets)."""
        return RecordsView(self.c_auth_factors.records, self.lock)

    @property
    def auth_challenges(self) -> RecordsView:
        """Authentication challenges by id."""
        return RecordsView(self.c_auth_challenges.records, self.lock)

    @property
    def api_keys(self) -> RecordsView:
        """User API keys by id (without their values)."""
        return RecordsView(self.c_api_keys.records, self.lock)

    def email_change_code(self, user_id: str) -> str | None:
        """The code of ``user_id``'s pending email change (the API never returns it)."""
        with self.lock:
            change = self.email_changes.get(user_id)
            return change.code if change is not None else None

    def factor_secret(self, factor_id: str) -> str | None:
        """The TOTP secret of an enrolled factor (to compute a valid code in tests)."""
        with self.lock:
            return self.factor_secrets.get(factor_id)

    # ------------------------------------------------------------------ helpers
    def now(self) -> float:
        """The fake's time (seconds since the epoch)."""
        return self.clock.now()

    def now_iso(self) -> str:
        """The fake's time as an API timestamp."""
        return iso(self.clock.now())

    def new_id(self, prefix: str) -> str:
        """A new object id with ``prefix``."""
        return self.ids.new(prefix)

    def user_by_email_lookup(self, email: str) -> Record | None:
        """The user with ``email`` (emails match case-insensitively, as WorkOS does)."""
        with self.lock:
            user_id = self.user_by_email.get(email.lower())
            return self.c_users.records.get(user_id) if user_id else None

    # ----------------------------------------------------------------- passwords
    def set_password(self, user_id: str, password: str) -> None:
        """Store a salted digest of ``password`` for ``user_id`` (never the password)."""
        salt = self.rng.randbytes(16)
        with self.lock:
            self._passwords[user_id] = digest_entry(salt, password)

    def set_password_hash(self, user_id: str, password_hash: str, hash_type: str) -> None:
        """Store an imported password hash (checked by
        :func:`~.passwords.verify_imported_password_hash`)."""
        with self.lock:
            self._passwords[user_id] = PasswordEntry(
                salt=b"", imported_hash_type=hash_type, imported_hash=password_hash
            )

    def check_password(self, user_id: str, password: str) -> bool:
        """Whether ``password`` is ``user_id``'s password (set in plain text, or imported as a
        hash: see :func:`~.passwords.verify_imported_password_hash`)."""
        with self.lock:
            entry = self._passwords.get(user_id)
        return entry_matches(entry, password)

    def has_password(self, user_id: str) -> bool:
        """Whether ``user_id`` has a password (plaintext-set or imported hash)."""
        with self.lock:
            return user_id in self._passwords

    def password_hash_type(self, user_id: str) -> str | None:
        """The imported hash type of ``user_id``'s password, if it was imported."""
        with self.lock:
            entry = self._passwords.get(user_id)
            return entry.imported_hash_type if entry else None

    # ------------------------------------------------------------------ sessions
    def create_session(
        self,
        user_id: str,
        *,
        organization_id: str | None = None,
        auth_method: str = "password",
        ip_address: str | None = None,
        user_agent: str | None = None,
        impersonator: Mapping[str, Any] | None = None,
        expires_in: float = SESSION_TTL,
    ) -> Record:
        """Create an active session for ``user_id`` (what a successful authenticate does).

        Raises ``KeyError`` for an unknown user or organization, ``ValueError`` for a lifetime
        that is not a number of seconds in (0, 100 years].
        """
        ok = isinstance(expires_in, int | float) and not isinstance(expires_in, bool)
        if not ok or not 0 < expires_in <= 100 * 365.25 * 86400:
            raise ValueError(f"expires_in must be a number of seconds > 0, got {expires_in!r}")
        with self.lock:
            if user_id not in self.c_users.records:
                raise KeyError(f"no user {user_id!r}")
            if organization_id is not None and organization_id not in self.c_organizations.records:
                raise KeyError(f"no organization {organization_id!r}")
            now = self.now()
            record: Record = {
                "object": "session",
                "id": self.new_id("session"),
                "user_id": user_id,
                "ip_address": ip_address,
                "user_agent": user_agent,
                "auth_method": auth_method,
                "status": "active",
                "expires_at": iso(now + expires_in),
                "ended_at": None,
                "created_at": iso(now),
                "updated_at": iso(now),
            }
            if organization_id is not None:
                record["organization_id"] = organization_id
            if impersonator is not None:
                record["impersonator"] = dict(impersonator)
            return self.c_sessions.insert(record)

    def revoke_session(self, session_id: str) -> Record:
        """Mark a session revoked (``KeyError`` when unknown); returns the new record."""
        with self.lock:
            if session_id not in self.c_sessions.records:
                raise KeyError(f"no session {session_id!r}")
            now = self.now_iso()
            return self.c_sessions.update(
                session_id, status="revoked", ended_at=now, updated_at=now
            )

    def touch_sign_in(self, user_id: str) -> Record:
        """Set ``last_sign_in_at`` of ``user_id`` to now; returns the new user record."""
        with self.lock:
            return self.c_users.update(user_id, last_sign_in_at=self.now_iso())

    # ------------------------------------------------------------ user resources
    def add_identity(self, user_id: str, *, provider: str, idp_id: str) -> Record:
        """Link an OAuth identity to a user (listed by ``GET /users/{id}/identities``)."""
        record: Record = {"idp_id": idp_id, "type": "OAuth", "provider": provider}
        with self.lock:
            self._require_user(user_id)
            self.identities.setdefault(user_id, []).append(record)
        return record

    def add_authorized_application(
        self,
        user_id: str,
        *,
        name: str,
        scopes: list[str] | None = None,
        description: str | None = None,
    ) -> Record:
        """Record that ``user_id`` authorized a Connect application."""
        with self.lock:
            self._require_user(user_id)
            now = self.now_iso()
            scopes = list(scopes or [])
            record: Record = {
                "object": "authorized_connect_application",
                "id": self.new_id("authorized_app"),
                "granted_scopes": scopes,
                "application": {
                    "object": "connect_application",
                    "id": self.new_id("conn_app"),
                    "client_id": self.new_id("client"),
                    "description": description,
                    "name": name,
                    "scopes": scopes,
                    "created_at": now,
                    "updated_at": now,
                },
                "_user_id": user_id,
            }
            return self.c_authorized_apps.insert(record)

    def add_connected_account(
        self,
        user_id: str,
        slug: str,
        *,
        organization_id: str | None = None,
        scopes: list[str] | None = None,
        state: str = "connected",
    ) -> Record:
        """Create a connected account of ``user_id`` for data provider ``slug``."""
        with self.lock:
            self._require_user(user_id)
            now = self.now_iso()
            record: Record = {
                "object": "connected_account",
                "id": self.new_id("connected_account"),
                "user_id": user_id,
                "organization_id": organization_id,
                "scopes": list(scopes or []),
                "state": state,
                "created_at": now,
                "updated_at": now,
            }
            self.connected_accounts[(user_id, slug)] = record
            return record

    def add_data_provider(
        self, user_id: str, slug: str, *, name: str | None = None, ownership: str = "userland_user"
    ) -> Record:
        """Make data provider ``slug`` available to ``user_id``."""
        with self.lock:
            self._require_user(user_id)
            now = self.now_iso()
            record: Record = {
                "object": "data_provider",
                "id": self.new_id("data_provider"),
                "name": name or slug,
                "description": None,
                "slug": slug,
                "integration_type": "oauth",
                "credentials_type": "oauth",
                "scopes": None,
                "ownership": ownership,
                "created_at": now,
                "updated_at": now,
                "integrationType": "oauth",
                "credentialsType": "oauth",
                "createdAt": now,
                "updatedAt": now,
                "connected_account": None,
            }
            self.data_providers.setdefault(user_id, []).append(record)
            return record

    def add_feature_flag(
        self, user_id: str, slug: str, *, enabled: bool = True, name: str | None = None
    ) -> Record:
        """A feature flag evaluated for ``user_id``."""
        with self.lock:
            self._require_user(user_id)
            now = self.now_iso()
            record: Record = {
                "object": "feature_flag",
                "id": self.new_id("flag"),
                "slug": slug,
                "name": name or slug,
                "description": None,
                "owner": None,
                "tags": [],
                "enabled": enabled,
                "default_value": False,
                "created_at": now,
                "updated_at": now,
                "_user_id": user_id,
            }
            return self.c_feature_flags.insert(record)

    def add_membership_group(
        self, membership_id: str, *, name: str, description: str | None = None
    ) -> Record:
        """Put a membership in a group (listed by ``.../organization_memberships/{id}/groups``)."""
        with self.lock:
            membership = self.c_memberships.records.get(membership_id)
            if membership is None:
                raise KeyError(f"no organization membership {membership_id!r}")
            now = self.now_iso()
            record: Record = {
                "object": "group",
                "id": self.new_id("group"),
                "organization_id": membership["organization_id"],
                "name": name,
                "description": description,
                "created_at": now,
                "updated_at": now,
                "_membership_id": membership_id,
            }
            return self.c_groups.insert(record)

    def _require_user(self, user_id: str) -> None:
        if user_id not in self.c_users.records:
            raise KeyError(f"no user {user_id!r}")

    # ------------------------------------------------------------------ deletes
    def delete_user(self, user_id: str) -> Record | None:
        """Delete a user and everything hanging off it (memberships, sessions, factors, ...)."""
        with self.lock:
            user = self.c_users.delete(user_id)
            if user is None:
                return None
            self.user_by_email.pop(user["email"].lower(), None)
            if user.get("external_id") is not None:
                self.user_by_external_id.pop(user["external_id"], None)
            self._passwords.pop(user_id, None)
            for membership_id in list(self.c_memberships.index("user", user_id)):
                self.delete_membership(membership_id)
            for coll in (
                self.c_sessions,
                self.c_magic_auths,
                self.c_password_resets,
                self.c_email_verifications,
                self.c_auth_factors,
                self.c_authorized_apps,
                self.c_feature_flags,
                self.c_api_keys,
            ):
                for object_id in list(coll.index("user", user_id)):
                    if coll is self.c_auth_factors:
                        self.delete_auth_factor(object_id)
                    else:
                        coll.delete(object_id)
                    self.api_key_values.pop(object_id, None)
            self.email_changes.pop(user_id, None)
            self.identities.pop(user_id, None)
            self.data_providers.pop(user_id, None)
            for key in [k for k in self.connected_accounts if k[0] == user_id]:
                del self.connected_accounts[key]
            return user

    def delete_auth_factor(self, factor_id: str) -> Record | None:
        """Delete an authentication factor, its secret and its challenges."""
        with self.lock:
            record = self.c_auth_factors.delete(factor_id)
            self.factor_secrets.pop(factor_id, None)
            for challenge_id in list(self.c_auth_challenges.index("factor", factor_id)):
                self.c_auth_challenges.delete(challenge_id)
            return record

    def delete_membership(self, membership_id: str) -> Record | None:
        """Delete one organization membership (and its group links)."""
        with self.lock:
            record = self.c_memberships.delete(membership_id)
            if record is None:
                return None
            user_id, org_id = record["user_id"], record["organization_id"]
            self.membership_by_pair.pop((user_id, org_id), None)
            users = self.org_user_ids.get(org_id)
            if users is not None:
                users.discard(user_id)
            for group_id in list(self.c_groups.index("membership", membership_id)):
                self.c_groups.delete(group_id)
            return record

    def delete_organization(self, org_id: str) -> Record | None:
        """Delete an organization, its memberships and its invitations."""
        with self.lock:
            org = self.c_organizations.delete(org_id)
            if org is None:
                return None
            if org.get("external_id") is not None:
                self.org_by_external_id.pop(org["external_id"], None)
            for domain in org["domains"]:
                self.org_by_domain.pop(domain["domain"].lower(), None)
            for membership_id in list(self.c_memberships.index("org", org_id)):
                self.delete_membership(membership_id)
            self.org_user_ids.pop(org_id, None)
            for invitation_id in list(self.c_invitations.index("org", org_id)):
                invitation = self.c_invitations.delete(invitation_id)
                if invitation is not None:
                    self.invitation_by_token.pop(invitation["token"], None)
                    self.invitation_expiry.pop(invitation_id, None)
            return org

    # -------------------------------------------------------------------- dump
    def dump(self) -> dict[str, list[Record]]:
        """Every public record by collection (what ``GET /_fake/state`` returns)."""
        with self.lock:

            def public(records: Mapping[str, Record]) -> list[Record]:
                return [
                    {k: v for k, v in r.items() if not k.startswith("_")} for r in records.values()
                ]

            return {
                "users": public(self.c_users.records),
                "organizations": public(self.c_organizations.records),
                "organization_memberships": public(self.c_memberships.records),
                "invitations": public(self.c_invitations.records),
                "sessions": public(self.c_sessions.records),
                "magic_auths": public(self.c_magic_auths.records),
                "password_resets": public(self.c_password_resets.records),
                "email_verifications": public(self.c_email_verifications.records),
                "redirect_uris": public(self.c_redirect_uris.records),
                "cors_origins": public(self.c_cors_origins.records),
                "auth_factors": public(self.c_auth_factors.records),
                "auth_challenges": public(self.c_auth_challenges.records),
                "api_keys": public(self.c_api_keys.records),
                "jwt_template": [self.jwt_template] if self.jwt_template else [],
            }
