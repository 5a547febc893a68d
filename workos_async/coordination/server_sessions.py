"""Server-side sessions: the cookie holds a sealed random id; the session lives in a store.

For sessions too large for a 4 KB cookie (many permissions, large JWT templates)::

    vault = ServerSideSessions(RedisSessionStore(redis), cookie_password=PASSWORD)
    cookie = await vault.create(data)          # set it as the wos-session cookie (~250 bytes)
    data = await vault.load(cookie)            # SessionCookieData, or None
    await vault.update(cookie, new_data)       # after a refresh: same cookie, new tokens
    await vault.delete(cookie)                 # logout: the session is gone everywhere

The cookie is an iron seal of 32 random bytes; the store's key is a SHA-256 digest of them (a
reader of the store cannot turn keys into cookies), and the value is sealed with the cookie
password together with its key, so a value copied under another key does not open.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping
from typing import Any

from ..sessions._codec import b64url_decode, b64url_encode
from ..sessions._errors import SealError
from ..sessions._iron import IronSealer, Passwords
from ..sessions._payload import SessionCookieData
from .local_sessions import check_ttl
from .protocols import SessionStore

__all__ = ["ServerSideSessions"]

logger = logging.getLogger("workos_async.coordination")

#: Room for big sessions; the store, not a browser, holds them.
_VALUE_MAX_SIZE = 1 << 20
#: Longest cookie that may be an id (an id's seal is about 250 characters).
_ID_COOKIE_MAX_SIZE = 512


def _session_data(data: SessionCookieData | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(data, SessionCookieData):
        return data.to_dict()
    if isinstance(data, Mapping):
        return SessionCookieData.from_dict(data).to_dict()  # validates
    raise TypeError(f"data must be a SessionCookieData or a mapping, not {type(data).__name__}")


class ServerSideSessions:
    """Sessions kept in a :class:`SessionStore`, behind an opaque sealed id in the cookie.

    Args:
        store: Where sessions live (:class:`RedisSessionStore`, or :class:`LocalSessionStore`
            for one process).
        cookie_password: The cookie password (at least 32 characters, or a mapping for
            rotation, as for sealed cookies).
        ttl: Seconds a session lives after it was last written.
    """

    def __init__(
        self, store: SessionStore, cookie_password: Passwords, *, ttl: float = 7 * 86400.0
    ) -> None:
        if not isinstance(store, SessionStore):
            raise TypeError("store must be a SessionStore")
        self._store = store
        self._ttl = check_ttl(ttl)
        self._cookies = IronSealer(cookie_password)
        self._values = IronSealer(cookie_password, max_size=_VALUE_MAX_SIZE)

    def __repr__(self) -> str:
        return f"ServerSideSessions(store={self._store!r}, ttl={self._ttl})"

    def _key(self, cookie: str | None) -> bytes | None:
        # An id's seal is ~250 characters; a sealed cookie session is far longer: skip it.
        if not cookie or len(cookie) > _ID_COOKIE_MAX_SIZE:
            return None
        try:
            opened = self._cookies.unseal(cookie)
            raw = b64url_decode(opened["sid"]) if isinstance(opened, dict) else b""
        except (SealError, ValueError, KeyError, TypeError):
            return None
        if len(raw) != 32:
            return None
        return hashlib.sha256(b"workos-async session\x00" + raw).digest()

    def names_session(self, cookie: str | None) -> bool:
        """Whether ``cookie`` is a sealed id made by :meth:`create` with this password (no
        I/O; a sealed cookie session is not)."""
        return self._key(cookie) is not None

    async def _write(self, key: bytes, data: SessionCookieData | Mapping[str, Any]) -> None:
        value = self._values.seal({"k": key.hex(), "d": _session_data(data)})
        await self._store.put(key, value.encode(), self._ttl)

    async def create(self, data: SessionCookieData | Mapping[str, Any]) -> str:
        """Store a new session; returns the cookie value that names it."""
        raw = os.urandom(32)
        cookie = self._cookies.seal({"sid": b64url_encode(raw)})
        key = self._key(cookie)
        assert key is not None
        await self._write(key, data)
        return cookie

    async def load(self, cookie: str | None) -> SessionCookieData | None:
        """The session a cookie names; ``None`` when the cookie is missing, does not open, or
        its session expired or was deleted. Raises :class:`StoreUnavailableError` when the
        store does not answer."""
        key = self._key(cookie)
        if key is None:
            return None
        value = await self._store.get(key)
        if value is None:
            return None
        try:
            opened = self._values.unseal(value.decode())
            if not isinstance(opened, dict) or opened.get("k") != key.hex():
                raise ValueError("bound to another key")
            return SessionCookieData.from_dict(opened["d"])
        except (SealError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            logger.warning("a stored session did not open (%s)", type(exc).__name__)
            return None

    async def update(self, cookie: str, data: SessionCookieData | Mapping[str, Any]) -> bool:
        """Replace the session a cookie names (and renew its TTL); ``False`` when the cookie
        does not open (then nothing is written)."""
        key = self._key(cookie)
        if key is None:
            return False
        await self._write(key, data)
        return True

    async def delete(self, cookie: str | None) -> bool:
        """Logout: remove the session a cookie names; whether there was one."""
        key = self._key(cookie)
        if key is None:
            return False
        return await self._store.delete(key)
