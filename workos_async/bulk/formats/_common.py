"""What the providers' readers share: a JSON-or-CSV export read record by record,
streaming JSON documents, fitting free-form attributes into WorkOS metadata, splitting display
names."""

from __future__ import annotations

import abc
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..rows import (
    MAX_METADATA_KEY_LEN,
    MAX_METADATA_KEYS,
    MAX_METADATA_VALUE_LEN,
    SourceRecord,
    UnreadableRecord,
)
from ..sources import SourceError, _not_utf8, csv_records, jsonl_objects, open_text

_CHUNK = 1 << 16
_WS = " \t\r\n"


def iter_json_records(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """``(line, object)`` for each record of a JSON export, streamed (flat memory):

    - a JSON array of objects (``[{...}, {...}]``),
    - an object wrapping one (``{"users": [...]}``, ``{"Users": [...]}``): the first array,
    - JSON lines (one object per line; what Auth0's export job writes).

    ``line`` is the line each object starts on.
    """
    with open(path, encoding="utf-8-sig") as fh:
        try:
            head = fh.read(_CHUNK)
        except UnicodeDecodeError as exc:
            raise SourceError(f"source: {os.fspath(path)!r} is not UTF-8 ({exc.reason})") from None
        stripped = head.lstrip(_WS)
        if not stripped:
            return
        if stripped[0] == "{":
            # One object per line, or one object wrapping the array?
            first_line, _, rest = stripped.partition("\n")
            try:
                value = json.loads(first_line)
            except ValueError:
                pass  # an object spanning lines: a wrapper document
            else:
                if rest.strip() or not _wraps_users(value):
                    fh.close()
                    yield from jsonl_objects(path)
                    return
        yield from _array_items(fh, head, path)


def _wraps_users(value: Any) -> bool:
    """A one-line document like ``{"users": [{...}]}`` (not a user record of its own)."""
    return isinstance(value, dict) and any(
        k.lower() == "users" and isinstance(v, list) for k, v in value.items()
    )


def _array_items(fh: Any, buf: str, path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    decoder = json.JSONDecoder()
    start = buf.find("[")
    while start < 0:
        more = _read(fh, path)
        if not more:
            raise SourceError(f"source: {os.fspath(path)!r}: no JSON array of users found")
        buf += more
        start = buf.find("[")
    line = 1 + buf.count("\n", 0, start)
    pos = start + 1
    eof = False
    while True:
        # Skip separators, counting lines.
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                if buf[pos] == "\n":
                    line += 1
                pos += 1
            if pos < len(buf) or eof:
                break
            more = _read(fh, path)
            eof = not more
            buf, pos = buf[pos:] + more, 0
        if pos >= len(buf):
            raise SourceError(f"source: {os.fspath(path)!r} ends inside the array (truncated?)")
        if buf[pos] == "]":
            return
        try:
            value, end = decoder.raw_decode(buf, pos)
        except json.JSONDecodeError as exc:
            if eof:
                raise SourceError(
                    f"source: {os.fspath(path)!r} line {line}: not valid JSON ({exc.msg})"
                ) from None
            more = _read(fh, path)
            eof = not more
            buf, pos = buf[pos:] + more, 0
            continue
        yield line, value
        line += buf.count("\n", pos, end)
        pos = end
        if pos > _CHUNK:
            buf, pos = buf[pos:], 0


def _read(fh: Any, path: str | os.PathLike[str]) -> str:
    try:
        data: str = fh.read(_CHUNK)
    except UnicodeDecodeError as exc:
        raise SourceError(f"source: {os.fspath(path)!r} is not UTF-8 ({exc.reason})") from None
    return data


def _flatten(prefix: str, value: Any, out: list[tuple[str, Any]]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, out)
    else:
        out.append((prefix, value))


def fit_metadata(*parts: Any) -> tuple[dict[str, str], list[str]]:
    """Flatten nested attribute objects (``{"a": {"b": 1}}`` → ``a.b = "1"``) into WorkOS
    metadata within its limits (10 keys; keys <= 40, values <= 600 characters; ASCII). What
    does not fit is left out and named in the returned notes (the row's warnings)."""
    pairs: list[tuple[str, Any]] = []
    for part in parts:
        if isinstance(part, Mapping):
            _flatten("", part, pairs)
    out: dict[str, str] = {}
    dropped: list[str] = []
    for key, value in pairs:
        if value is None:
            continue
        text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
        shown = ascii(key[:MAX_METADATA_KEY_LEN])
        if len(key) > MAX_METADATA_KEY_LEN or not key.isascii() or not key:
            dropped.append(f"{shown} (key too long or not ASCII)")
        elif len(text) > MAX_METADATA_VALUE_LEN or not text.isascii():
            dropped.append(f"{shown} (value over {MAX_METADATA_VALUE_LEN} characters or not ASCII)")
        elif key in out:
            dropped.append(f"{shown} (repeated key)")
        elif len(out) >= MAX_METADATA_KEYS:
            dropped.append(f"{shown} (over {MAX_METADATA_KEYS} keys)")
        else:
            out[key] = text
    notes = ["metadata: left out " + ", ".join(dropped)] if dropped else []
    return out, notes


def split_name(name: Any) -> tuple[str | None, str | None]:
    """``"Ada King Lovelace"`` → ``("Ada", "King Lovelace")``; not a name (empty, an email
    address) → ``(None, None)``."""
    if not isinstance(name, str):
        return None, None
    name = name.strip()
    if not name or "@" in name:
        return None, None
    first, _, last = name.partition(" ")
    return first, (last.strip() or None)


def split_list(value: Any) -> list[str]:
    """A list cell: a JSON array, or values separated by ``|``, ``,``, ``;`` or spaces."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if not isinstance(value, str) or not value.strip():
        return []
    text = value.strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list):
            return [str(v).strip() for v in items if str(v).strip()]
    for sep in "|,;":
        text = text.replace(sep, " ")
    return text.split()


def as_bool(value: Any) -> bool | None:
    """``true``/``false`` from a bool or text; ``None`` when neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def count(records: Iterable[Any]) -> int:
    """How many records an iterator yields."""
    return sum(1 for _ in records)


class JsonOrCsvExport(abc.ABC):
    """A provider's export that is JSON (``.json``/``.jsonl``/``.ndjson``) or CSV (a header
    row), told from the extension, mapped user by user with ``map_user``: the reading, line
    numbering and refusals (non-UTF-8 bytes, non-object records) the readers share."""

    #: CSV headers are matched lower-cased (else only stripped).
    lowercase_headers = False

    def __init__(self, path: str | os.PathLike[str]) -> None:
        if not os.path.isfile(path):
            raise FileNotFoundError(f"source: no such file: {os.fspath(path)!r}")
        self.path = path
        self.is_json = Path(path).suffix.lower() in (".json", ".jsonl", ".ndjson")

    @staticmethod
    @abc.abstractmethod
    def map_user(user: dict[str, Any]) -> SourceRecord:
        """One user of the export as a row."""

    def _raw(self) -> Iterator[tuple[int, Any]]:
        if self.is_json:
            yield from iter_json_records(self.path)
            return
        with open_text(self.path) as fh:
            records = csv_records(fh, self.path)
            try:
                _, header = next(records)
            except StopIteration:
                return
            header = [h.strip().lower() if self.lowercase_headers else h.strip() for h in header]
            for line, cells in records:
                bad = _not_utf8(cells)
                if bad is not None:
                    yield line, UnreadableRecord(bad)
                else:
                    yield line, dict(zip(header, cells, strict=False))

    def count_rows(self) -> int:
        return count(self._raw())

    def numbered_rows(self) -> Iterator[tuple[int, Any]]:
        for line, user in self._raw():
            if isinstance(user, UnreadableRecord):
                yield line, user
            elif not isinstance(user, dict):
                yield line, UnreadableRecord("expected a JSON object")
            else:
                yield line, self.map_user(user)
