"""Providers' exports as row sources (``--from auth0|clerk|firebase|cognito``)."""

from __future__ import annotations

import os
from typing import Any


def provider_source(fmt: str, path: str | os.PathLike[str], **options: Any) -> Any:
    """The :class:`~workos_async.bulk.sources.NumberedSource` reading ``path`` as ``fmt``."""
    raise ValueError(f"format: {fmt!r} is not supported yet")
