"""Duplicate emails / external_ids within one source, in flat memory.

A Python ``set`` of a million strings costs ~100 MB; this keeps 64-bit fingerprints in an
open-addressing table inside one ``array('Q')`` (8 bytes a slot, at most half full), so a
million rows with both keys take ~32 MB. Two different keys sharing a 64-bit fingerprint is a
~1e-8 event per million rows; it would flag one row as a duplicate, never let one through.
"""

from __future__ import annotations

from array import array

_EMPTY = 0
_MASK64 = (1 << 64) - 1


def _fingerprint(kind: str, value: str) -> int:
    # Python's own (SipHash, per-process salted) string hash: 64 bits, and an order of
    # magnitude cheaper than a hashlib digest. Only compared within one process.
    return (hash(kind + value) & _MASK64) or 1  # 0 marks an empty slot


class FingerprintSet:
    """A growable set of 64-bit fingerprints (linear probing, load factor <= 1/2)."""

    def __init__(self, capacity: int = 1 << 14) -> None:
        size = 1
        while size < capacity * 2:
            size <<= 1
        self._table = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, fp: int) -> bool:
        """Add ``fp``; ``False`` when it was already there."""
        table, mask = self._table, self._mask
        i = fp & mask
        while True:
            slot = table[i]
            if slot == _EMPTY:
                break
            if slot == fp:
                return False
            i = (i + 1) & mask
        table[i] = fp
        self._count += 1
        if self._count * 2 > mask:
            self._grow()
        return True

    def _grow(self) -> None:
        old = self._table
        size = len(old) * 2
        self._table = table = array("Q", bytes(8 * size))
        self._mask = mask = size - 1
        for fp in old:
            if fp != _EMPTY:
                i = fp & mask
                while table[i] != _EMPTY:
                    i = (i + 1) & mask
                table[i] = fp


class DuplicateIndex:
    """Remembers the emails (case-insensitively) and external_ids seen so far."""

    def __init__(self) -> None:
        self._seen = FingerprintSet()

    def check(self, email: str, external_id: str | None) -> list[str]:
        """Record the row's keys; return a reason for each one already seen in the source.

        A duplicate row's keys are recorded too, so a third copy is also flagged.
        """
        reasons: list[str] = []
        if not self._seen.add(_fingerprint("e:", email.lower())):
            reasons.append("email: duplicate within the source")
        if external_id is not None and not self._seen.add(_fingerprint("x:", external_id)):
            reasons.append("external_id: duplicate within the source")
        return reasons
