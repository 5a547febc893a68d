"""Secret values that keep their content but never show it: ``repr`` is redacted.

Error reporters (Sentry, ``traceback.TracebackException(..., capture_locals=True)``) print the
``repr`` of every local of every frame. Holding the API key and encoded request bodies in these
types keeps them out of such reports while they still work as the ``str`` / ``bytes`` they are.
"""

from __future__ import annotations

from typing import Any


class Secret(str):
    """A ``str`` whose ``repr`` is ``'<redacted>'`` (its value is unchanged: ``str(s)``,
    comparisons, concatenation and encoding behave as for the plain string)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"

    def __reduce__(self) -> Any:
        # Pickling a secret would write it out: it pickles as the redacted placeholder.
        return (str, ("<redacted>",))


class SecretBytes(bytes):
    """``bytes`` (an encoded request body) whose ``repr`` does not show the content."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} bytes redacted>"

    def __reduce__(self) -> Any:
        return (bytes, (b"",))
