"""``SignedInUser``: the signed-in user as a typed object — the ``User`` model, the
organization, role and permissions — for a session cookie and for a ``Bearer`` token alike
(a token carries no profile: it is fetched from WorkOS, one ``get_user`` per request).

No ``from __future__ import annotations``: FastAPI reads the dependency's signature at
runtime, and its default names a per-``AuthKit`` dependency.
"""

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import attrs
from fastapi import Depends

from .._converter import StructureError, structure
from ..models import User
from ..sessions import AuthenticateSuccess

if TYPE_CHECKING:
    from ..starlette import AuthKit

__all__ = ["SignedInUser", "signed_in_user_dependency"]


@attrs.frozen(kw_only=True)
class SignedInUser:
    """The signed-in user of a request (``Depends(authkit.current_user)``)."""

    #: The user's profile (from the cookie; fetched from WorkOS for a ``Bearer`` token).
    user: User
    #: The verified session: claims, token expiry, impersonator...
    session: AuthenticateSuccess = attrs.field(repr=False)

    @property
    def id(self) -> str:
        return self.user.id

    @property
    def organization_id(self) -> str | None:
        return self.session.organization_id

    @property
    def role(self) -> str | None:
        return self.session.role

    @property
    def roles(self) -> tuple[str, ...]:
        return self.session.roles

    @property
    def permissions(self) -> tuple[str, ...]:
        return self.session.permissions

    def has_permission(self, permission: str) -> bool:
        """Whether the session grants ``permission``."""
        return self.session.has_permission(permission)

    def has_role(self, role: str) -> bool:
        """Whether ``role`` is the session's role or one of its roles."""
        return self.session.has_role(role)


def _profile(session: AuthenticateSuccess) -> User | None:
    if not session.user or session.user.get("id") != session.user_id:
        return None
    try:
        return structure(dict(session.user), User)
    except (StructureError, ValueError, TypeError):
        return None  # an older or partial profile: fetched instead


def signed_in_user_dependency(
    authkit: "AuthKit", require_user: Callable[..., Awaitable[AuthenticateSuccess]]
) -> Callable[..., Awaitable[SignedInUser]]:
    """``authkit.current_user``: the :class:`SignedInUser`, or ``require_user``'s answers."""

    async def current_user(
        session: AuthenticateSuccess = Depends(require_user),
    ) -> SignedInUser:
        """The signed-in user with their ``User`` profile."""
        profile = _profile(session)
        if profile is None:
            profile = await authkit.client.user_management.get_user(session.user_id)
        return SignedInUser(user=profile, session=session)

    return current_user
