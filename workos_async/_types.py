"""Small shared types."""

from __future__ import annotations

from typing import Final, final


@final
class NotGiven:
    """The default of arguments where ``None`` means something (send JSON ``null``, e.g. to
    clear a field): an argument left at ``NOT_GIVEN`` is not sent at all."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
