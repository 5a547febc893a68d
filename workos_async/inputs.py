"""The official ``workos`` SDK's small input types, as our own types of the same names:
``create_user(password=PasswordHashed(password_hash=..., password_hash_type="bcrypt"))``,
``create_organization_membership(..., role=RoleMultiple(role_slugs=["admin", "billing"]))``.

Each spreads its fields into the request body (the renderer's ``Param.spread``): the flat
arguments they stand for (``password_hash=``, ``role_slugs=``, ...) keep working, and giving a
field both ways is a ``ValueError`` naming the two. No I/O; secrets are redacted in ``repr``.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from typing import Any

import attrs

from ._args import check_str, check_str_sequence
from ._secret import Secret

__all__ = ["PasswordHashed", "PasswordPlaintext", "RoleMultiple", "RoleSingle", "SpreadInput"]


def _redacted(_: object) -> str:
    return "'<redacted>'"


class SpreadInput(abc.ABC):
    """A small input type whose fields go into the request body."""

    __slots__ = ()

    @abc.abstractmethod
    def body_fields(self, method: str, name: str) -> dict[str, Any]:
        """The body fields (wire name → checked value) this input stands for; ``None`` fields
        are left out."""


@attrs.frozen
class PasswordPlaintext(SpreadInput):
    """A plaintext password: the body's ``password`` (as the flat ``password="..."``)."""

    password: str | None = attrs.field(repr=_redacted)

    def body_fields(self, method: str, name: str) -> dict[str, Any]:
        if self.password is None:
            return {}
        return {"password": Secret(check_str(method, f"{name}.password", self.password))}


@attrs.frozen
class PasswordHashed(SpreadInput):
    """An imported password hash: the body's ``password_hash``, ``password_hash_type`` and
    ``password_salt_position`` (as the flat arguments of those names)."""

    password_hash: str = attrs.field(repr=_redacted)
    password_hash_type: str
    password_salt_position: str | None = None

    def body_fields(self, method: str, name: str) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "password_hash": Secret(check_str(method, f"{name}.password_hash", self.password_hash)),
            "password_hash_type": check_str(
                method, f"{name}.password_hash_type", self.password_hash_type
            ),
        }
        if self.password_salt_position is not None:
            fields["password_salt_position"] = check_str(
                method, f"{name}.password_salt_position", self.password_salt_position
            )
        return fields


@attrs.frozen
class RoleSingle(SpreadInput):
    """One role: the body's ``role_slug`` (as the flat ``role_slug=``)."""

    role_slug: str

    def body_fields(self, method: str, name: str) -> dict[str, Any]:
        return {"role_slug": check_str(method, f"{name}.role_slug", self.role_slug)}


@attrs.frozen
class RoleMultiple(SpreadInput):
    """Several roles: the body's ``role_slugs`` (as the flat ``role_slugs=``)."""

    role_slugs: Sequence[str]

    def body_fields(self, method: str, name: str) -> dict[str, Any]:
        return {"role_slugs": check_str_sequence(method, f"{name}.role_slugs", self.role_slugs)}
