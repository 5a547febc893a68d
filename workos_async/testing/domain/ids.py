"""Object ids, timestamps and the fake's clock.

Ids look like WorkOS's: ``<prefix>_`` + 26 Crockford base32 characters (48 bits of milliseconds,
80 random bits, like a ULID). One generator serves every prefix and is strictly increasing, so
ids sort in creation order and an id is a stable cursor even after its object is deleted.
"""

from __future__ import annotations

import random
import re
import time
from typing import Any

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_MASK_80 = (1 << 80) - 1

#: An object id as WorkOS writes them (the 26-character part sorts in time order).
ID_RE = re.compile(r"^[a-z][a-z0-9_]*_[0-9A-HJKMNP-TV-Z]{26}$")


def _encode(value: int) -> str:
    """26 Crockford characters for a 128-bit value (2 leading zero bits, as in a ULID)."""
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


#: How far the fake's clock may move ahead (timestamps stay below the year 9999).
MAX_OFFSET = 100 * 365.25 * 86400


class FakeClock:
    """Wall-clock time for the fake, which tests can move forward (expiry of codes and invites)."""

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        """Seconds since the epoch, including any :meth:`advance`."""
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the fake's time forward by ``seconds`` (never backward: ids stay increasing)."""
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not seconds >= 0:
            raise ValueError(f"seconds must be a number >= 0, got {seconds!r}")
        if seconds > MAX_OFFSET - self._offset:
            raise ValueError(
                f"the fake's clock moves at most {MAX_OFFSET:.0f} s (about 100 years) forward"
            )
        self._offset += float(seconds)

    def reset(self) -> None:
        """Back to real time (only safe on an empty store: ids must keep increasing)."""
        self._offset = 0.0


class IdGenerator:
    """Strictly increasing ULID-like ids. Not thread-safe on its own: the store's lock guards it."""

    def __init__(self, clock: FakeClock, rng: random.Random) -> None:
        self._clock = clock
        self._rng = rng
        self._last = 0

    def new(self, prefix: str) -> str:
        """A new id ``<prefix>_<26 chars>``, greater than every id made or seen before."""
        value = (int(self._clock.now() * 1000) << 80) | self._rng.getrandbits(80)
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return f"{prefix}_{_encode(value)}"

    def observe(self, object_id: str) -> None:
        """Make later ids sort after ``object_id`` (used for ids given in seed data)."""
        value = 0
        for char in object_id[-26:]:
            value = value * 32 + _CROCKFORD.index(char)
        if value > self._last:
            self._last = value


_last_second: list[Any] = [None, ""]


def iso(ts: float) -> str:
    """ISO 8601 with milliseconds and ``Z``: ``2024-05-01T12:00:00.123Z``."""
    seconds, millis = divmod(int(ts * 1000), 1000)
    cache = _last_second
    if cache[0] != seconds:  # one strftime per second of timestamps
        cache[1] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        cache[0] = seconds
    return f"{cache[1]}.{millis:03d}Z"


def random_code(rng: random.Random, digits: int = 6) -> str:
    """A numeric one-time code (magic auth, email verification, email change)."""
    return f"{rng.randrange(10**digits):0{digits}d}"


def random_token(rng: random.Random, length: int = 25) -> str:
    """An opaque URL-safe token (invitation, password reset)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(length))


def parse_iso(value: str) -> float:
    """Seconds since the epoch of an API timestamp (the inverse of :func:`iso`)."""
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
