"""Hand-written, request-free helpers mixed into the generated resource classes (URL builders,
PKCE). They live next to the table machinery, never inside it. Keyed by resource name."""

from __future__ import annotations

MIXINS: dict[str, tuple[type, ...]] = {}
