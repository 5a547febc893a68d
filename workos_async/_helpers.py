"""Hand-written, request-free helpers mixed into the generated resource classes (URL builders,
PKCE). They live next to the table machinery, never inside it. Keyed by resource name.

A mixin declares ``__slots__ = ()`` and ``_config: ClientConfig``: the async resource sets
``_config`` and the blocking one exposes it as a property, so one mixin serves both.
``_stubgen.py`` names the mixins as bases in the generated stubs, so their methods are typed.
"""

from __future__ import annotations

from ._authorization_url import UserManagementUrls
from ._session_helpers import UserManagementSessions

__all__ = ["MIXINS", "UserManagementSessions", "UserManagementUrls"]

MIXINS: dict[str, tuple[type, ...]] = {
    "user_management": (UserManagementUrls, UserManagementSessions),
}
