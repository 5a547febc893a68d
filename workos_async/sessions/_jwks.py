"""An async JWKS cache: WorkOS's signing keys, fetched once and shared.

``fetch`` is injected (``AsyncSessions`` wires it to the table's ``get_jwks`` row:
``client.user_management.get_jwks``), so this module does no I/O of its own and is tested with
plain coroutines.

Behaviour:

* **single flight** — any number of concurrent callers share one in-flight fetch; the fetch
  runs as its own task, so a caller being cancelled never cancels it for the others;
* **TTL** — keys younger than ``ttl`` are used as they are, with no await on the hot path;
* **stale while revalidate** — older keys are still served at once while one background fetch
  refreshes them; if that fetch fails the old keys keep being served (public keys do not
  become wrong because the endpoint is down), and the next attempt waits ``failure_backoff``;
* **unknown ``kid``** — one forced refetch (WorkOS rotated its key), then no other forced
  refetch for ``refetch_cooldown`` seconds, so garbage ``kid`` values cannot hammer WorkOS;
* **outage ≠ invalid token** — when keys cannot be had at all (cold cache and a failing fetch,
  or an unknown ``kid`` whose refetch fails) the error is :class:`JWKSUnavailableError`, never
  an :class:`InvalidAccessTokenError`;
* **prefetch** for app start-up.

Parsing the document and building RSA keys takes microseconds and runs on the loop; nothing
here blocks it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Mapping
from typing import Any

from ._clock import TimeFn
from ._crypto import require_cryptography
from ._errors import JWKSUnavailableError
from ._jwt import DEFAULT_LEEWAY, AccessTokenClaims, ParsedToken, check_leeway, verify_parsed
from ._keyset import KeySet

__all__ = ["JWKSCache", "JWKSFetch"]

logger = logging.getLogger("workos_async.sessions")

#: Returns the JWKS document: raw body bytes/text, or the parsed JSON mapping.
JWKSFetch = Callable[[], Awaitable[bytes | str | Mapping[str, Any]]]


def _positive(value: object, name: str, *, allow_zero: bool = True) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or value < 0 or (value == 0 and not allow_zero):  # type: ignore[operator]
        raise ValueError(f"{name} must be a {'non-negative' if allow_zero else 'positive'} number")
    return float(value)  # type: ignore[arg-type]


def _retrieve(task: asyncio.Task[KeySet]) -> None:
    # A background refresh may fail with nobody awaiting it: mark its exception as seen.
    if not task.cancelled():
        task.exception()


class JWKSCache:
    """Keys for verifying access tokens, fetched through ``fetch`` and cached.

    ``ttl`` (seconds) is how long a fetched set counts as fresh; ``refetch_cooldown`` the
    minimum time between an earlier fetch and one forced by an unknown ``kid``;
    ``failure_backoff`` how long after a failed fetch no new attempt is made. ``monotonic``
    measures those ages; ``clock`` (wall-clock seconds) is what tokens are checked against.
    Both are injectable for tests.

    Create it, and use it, inside one event loop (the client's).
    """

    def __init__(
        self,
        fetch: JWKSFetch,
        *,
        ttl: float = 600.0,
        refetch_cooldown: float = 30.0,
        failure_backoff: float = 2.0,
        monotonic: TimeFn = time.monotonic,
        clock: TimeFn = time.time,
    ) -> None:
        if not callable(fetch):
            raise TypeError("fetch must be a callable returning an awaitable")
        require_cryptography()  # fail at set-up if the extra is missing
        self._fetch = fetch
        self._ttl = _positive(ttl, "ttl", allow_zero=False)
        self._cooldown = _positive(refetch_cooldown, "refetch_cooldown")
        self._backoff = _positive(failure_backoff, "failure_backoff")
        self._monotonic = monotonic
        self._clock = clock
        self._keys: KeySet | None = None
        self._fetched_at = 0.0  # monotonic time of the last successful fetch
        self._attempted_at: float | None = None  # start of the last fetch, success or not
        self._failed_at: float | None = None  # end of the last fetch, if it failed
        self._inflight: asyncio.Task[KeySet] | None = None

    def __repr__(self) -> str:
        kids = None if self._keys is None else sorted(self._keys)
        return f"JWKSCache(kids={kids!r}, ttl={self._ttl})"

    @property
    def key_set(self) -> KeySet | None:
        """The keys held now (possibly stale), or None before the first successful fetch."""
        return self._keys

    # --- fetching --------------------------------------------------------------------------

    async def _run_fetch(self) -> KeySet:
        self._attempted_at = self._monotonic()
        try:
            raw = await self._fetch()
            keys = KeySet.from_jwks(raw)
        except Exception as exc:
            self._failed_at = self._monotonic()
            logger.warning("JWKS fetch failed (%s)", type(exc).__name__)
            raise JWKSUnavailableError(
                f"signing keys could not be fetched ({type(exc).__name__})"
            ) from exc
        finally:
            self._inflight = None
        self._keys = keys
        self._fetched_at = self._monotonic()
        self._failed_at = None
        logger.debug("JWKS fetched: %d key(s)", len(keys))
        return keys

    def _start_fetch(self) -> asyncio.Task[KeySet]:
        task = self._inflight
        if task is None:
            task = asyncio.get_running_loop().create_task(self._run_fetch())
            task.add_done_callback(_retrieve)
            self._inflight = task
        return task

    async def _fetch_shared(self) -> KeySet:
        # shield: the fetch belongs to every waiter, not to the first caller.
        return await asyncio.shield(self._start_fetch())

    def _in_backoff(self, now: float) -> bool:
        return self._failed_at is not None and now - self._failed_at < self._backoff

    def _unavailable(self, now: float) -> JWKSUnavailableError:
        assert self._failed_at is not None
        wait = max(0.0, self._backoff - (now - self._failed_at))
        return JWKSUnavailableError(
            f"signing keys unavailable; next fetch in {wait:.1f} s", retry_after=wait
        )

    async def prefetch(self) -> KeySet:
        """Fetch now (sharing any fetch in flight); for app start-up.

        Raises :class:`JWKSUnavailableError` if it fails — the app may start anyway: the first
        verification will try again.
        """
        return await self._fetch_shared()

    async def get_key_set(self) -> KeySet:
        """The current keys: fresh ones at once, stale ones at once (refreshing them in the
        background), or — on a cold cache — the result of a shared fetch."""
        keys = self._keys
        now = self._monotonic()
        if keys is not None:
            if now - self._fetched_at >= self._ttl and not self._in_backoff(now):
                self._start_fetch()
            return keys
        if self._inflight is None and self._in_backoff(now):
            raise self._unavailable(now)
        return await self._fetch_shared()

    async def _keys_for(self, kid: str | None) -> KeySet:
        keys = await self.get_key_set()
        if keys.key_for(kid) is not None:
            return keys
        # Unknown kid: maybe WorkOS rotated keys since our fetch. Join a fetch in flight, or
        # force one if the cooldown allows; otherwise the kid is simply unknown.
        if self._inflight is not None:
            return await self._fetch_shared()
        now = self._monotonic()
        if self._in_backoff(now):
            # We cannot tell a rotated key from a bad one while the endpoint is failing.
            raise self._unavailable(now)
        if self._attempted_at is None or now - self._attempted_at >= self._cooldown:
            return await self._fetch_shared()
        return keys

    async def verify(
        self,
        token: str,
        *,
        client_id: str | None = None,
        issuer: str | Collection[str] | None = None,
        leeway: float = DEFAULT_LEEWAY,
    ) -> AccessTokenClaims:
        """Verify an access token with the cached keys (see ``verify_access_token``).

        No await happens when the keys are fresh and know the token's ``kid``. A malformed
        token or a refused ``alg`` fails before any fetch. Raises
        :class:`InvalidAccessTokenError` subclasses for bad tokens and
        :class:`JWKSUnavailableError` when the keys cannot be had.
        """
        slack = check_leeway(leeway)
        parsed = ParsedToken(token)
        keys = self._keys
        if (
            keys is None
            or self._monotonic() - self._fetched_at >= self._ttl
            or keys.key_for(parsed.kid) is None
        ):
            keys = await self._keys_for(parsed.kid)
        return verify_parsed(
            parsed, keys, client_id=client_id, issuer=issuer, leeway=slack, clock=self._clock
        )

    def invalidate(self) -> None:
        """Forget the keys; the next use fetches again."""
        self._keys = None
        self._fetched_at = 0.0

    async def aclose(self) -> None:
        """Cancel a fetch in flight (for shutdown). The cache stays usable."""
        task = self._inflight
        if task is not None:
            task.cancel()
            await asyncio.wait((task,))  # never raises: the outcome stays in the task
            self._inflight = None
