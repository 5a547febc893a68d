"""Duplicate emails / external_ids within one source, in flat memory.

A Python ``dict`` of a million strings costs ~100 MB; this keeps 64-bit fingerprints in an
open-addressing table inside one ``array('Q')`` (8 bytes a slot, at most two thirds full) with
the line number of each key's first row in a parallel ``array('I')`` (4 bytes), so a million
rows with both keys take ~50 MB. Two different keys sharing a 64-bit fingerprint is a
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
    """A growable map of 64-bit fingerprints to a 32-bit value (linear probing, load factor
    <= 2/3); the value is the line a key was first seen on."""

    def __init__(self, capacity: int = 1 << 14) -> None:
        size = 1
        while size < capacity * 2:
            size <<= 1
        self._table = array("Q", bytes(8 * size))
        self._values = array("I", bytes(4 * size))
        self._mask = size - 1
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, fp: int, value: int = 0) -> bool:
        """Add ``fp`` with ``value``; ``False`` when it was already there (value unchanged)."""
        return self.first(fp, value) is None

    def get(self, fp: int) -> int | None:
        """The value ``fp`` was added with, or ``None``."""
        table, mask = self._table, self._mask
        i = fp & mask
        while True:
            slot = table[i]
            if slot == _EMPTY:
                return None
            if slot == fp:
                return self._values[i]
            i = (i + 1) & mask

    def first(self, fp: int, value: int) -> int | None:
        """Add ``fp`` with ``value`` and return ``None``; or, when ``fp`` was already there,
        return the value it was added with."""
        table, mask = self._table, self._mask
        i = fp & mask
        while True:
            slot = table[i]
            if slot == _EMPTY:
                break
            if slot == fp:
                return self._values[i]
            i = (i + 1) & mask
        table[i] = fp
        self._values[i] = value
        self._count += 1
        if self._count * 3 > mask * 2:
            self._grow()
        return None

    def _grow(self) -> None:
        old, old_values = self._table, self._values
        size = len(old) * 2
        self._table = table = array("Q", bytes(8 * size))
        self._values = values = array("I", bytes(4 * size))
        self._mask = mask = size - 1
        for j, fp in enumerate(old):
            if fp != _EMPTY:
                i = fp & mask
                while table[i] != _EMPTY:
                    i = (i + 1) & mask
                table[i] = fp
                values[i] = old_values[j]


_HAS_EXTERNAL_ID = 1 << 31
_LINE = _HAS_EXTERNAL_ID - 1


class DuplicateIndex:
    """Remembers the emails (case-insensitively) and external_ids seen so far.

    An email's value is the line of its first row, with the top bit set when that row had an
    external_id: with the external_id's own entry, that tells a repeat of the same user (same
    email, same external_id or none) from a clash, without a key of its own.
    """

    def __init__(self) -> None:
        self._seen = FingerprintSet()

    def check(self, email: str, external_id: str | None, row_no: int = 0) -> list[str]:
        """Record the row's keys (first seen on line ``row_no``); return a reason for each one
        already seen in the source, naming the line of its first occurrence.

        A third copy is flagged against the first one too.
        """
        return self.check_row(email, external_id, row_no, linkable=False)[0]

    def check_row(
        self, email: str, external_id: str | None, row_no: int, *, linkable: bool
    ) -> tuple[list[str], int | None]:
        """Like :meth:`check`, but a ``linkable`` row repeating a user exactly (same email and
        external_id) is no duplicate: returns ``([], first line)`` for it."""
        line = row_no & _LINE
        seen = self._seen
        reasons: list[str] = []
        value = line | (_HAS_EXTERNAL_ID if external_id is not None else 0)
        first = seen.first(_fingerprint("e:", email.lower()), value)
        if first is not None:
            first_line = first & _LINE
            if linkable:
                if external_id is None:
                    same = not first & _HAS_EXTERNAL_ID
                else:
                    same = seen.get(_fingerprint("x:", external_id)) == first_line
                if same:
                    return [], first_line
            reasons.append(f"email: duplicate within the source (first on line {first_line})")
        if external_id is not None:
            first = seen.first(_fingerprint("x:", external_id), line)
            if first is not None:
                reasons.append(f"external_id: duplicate within the source (first on line {first})")
        return reasons, None
