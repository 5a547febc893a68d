"""``Limit``: a rate as ``requests`` per ``window`` seconds - the one type the bulk importer's
governor and the shared rate limiter (``workos_async.coordination``) both describe WorkOS's
limits with. No imports beyond attrs: the importer does not load the coordination package."""

from __future__ import annotations

import attrs


def check_positive(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a positive number")
    return float(value)


@attrs.frozen
class Limit:
    """``requests`` per ``window`` seconds."""

    requests: int
    window: float

    def __attrs_post_init__(self) -> None:
        if isinstance(self.requests, bool) or not isinstance(self.requests, int):
            raise TypeError("Limit.requests must be an int")
        if self.requests <= 0:
            raise ValueError("Limit.requests must be positive")
        check_positive("Limit.window", self.window)

    @property
    def per_second(self) -> float:
        return self.requests / self.window
