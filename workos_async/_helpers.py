"""Hand-written, request-free helpers of the resource classes (URL builders, PKCE), keyed by
resource name. They live next to the generated classes, never inside them.

A mixin declares ``__slots__ = ()`` and ``_config: ClientConfig``: the async resource sets
``_config`` and the blocking one exposes it as a property, so one mixin serves both. The
renderer (``_codegen/``) names the mixins as bases of the generated classes
(``resources/<resource>.py``, ``sync/resources/<resource>.py``) and the API reference
documents their public methods.
"""

from __future__ import annotations

from ._authorization_url import UserManagementUrls
from ._session_helpers import UserManagementSessions

__all__ = ["MIXINS", "UserManagementSessions", "UserManagementUrls"]

MIXINS: dict[str, tuple[type, ...]] = {
    "user_management": (UserManagementUrls, UserManagementSessions),
}
