"""Providers' exports as row sources (``--from auth0|clerk|firebase|cognito``).

Each reader streams its export (flat memory), numbers rows by the line each record starts on,
and maps every record to the importer's columns; what the mapping had to leave out or change
(metadata that did not fit, a password that can't be carried over) becomes the row's warnings.
The mappings are documented in ``docs/bulk-import/<provider>.md``.
"""

from __future__ import annotations

import os
from typing import Any

from .auth0 import Auth0Export
from .clerk import ClerkExport
from .cognito import CognitoExport
from .firebase import FirebaseExport, FirebaseHashConfig
from .org_mapping import WithOrganizations

__all__ = [
    "Auth0Export",
    "ClerkExport",
    "CognitoExport",
    "FirebaseExport",
    "FirebaseHashConfig",
    "WithOrganizations",
    "provider_source",
]


def provider_source(
    fmt: str,
    path: str | os.PathLike[str],
    *,
    org_mapping: str | os.PathLike[str] | None = None,
    **options: Any,
) -> Any:
    """The reader for ``fmt`` (``auth0``, ``clerk``, ``firebase``, ``cognito``) over ``path``;
    ``options`` are the reader's keywords (``password_hashes=``, ``hash_config=``);
    ``org_mapping``: a CSV of memberships to join in (:class:`WithOrganizations`)."""
    readers: dict[str, Any] = {
        "auth0": Auth0Export,
        "clerk": ClerkExport,
        "firebase": FirebaseExport,
        "cognito": CognitoExport,
    }
    reader = readers.get(fmt)
    if reader is None:
        raise ValueError(f"format: {fmt!r} is not a provider ({', '.join(readers)})")
    try:
        source = reader(path, **options)
    except TypeError as exc:
        raise ValueError(f"--from {fmt}: {exc}") from None
    return source if org_mapping is None else WithOrganizations(source, org_mapping)
