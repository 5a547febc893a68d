"""What a ``wos-session`` cookie holds, in the shape WorkOS's JavaScript kits use.

The Node SDK (``sealSessionDataFromAuthenticationResponse``) seals::

    {"accessToken", "refreshToken", "user", "impersonator"?, "organizationId"?,
     "authenticationMethod"?}

and authkit-nextjs seals the first four. ``user`` is the Node SDK's *camelCase* User
(``firstName``, ``emailVerified``, ``profilePictureUrl``, ``createdAt``, ...); ``impersonator``
is ``{"email", "reason"}``. The official Python SDK's Fernet cookies hold the same data with
snake_case keys (``access_token``, ...). :meth:`SessionCookieData.from_dict` reads both;
:meth:`SessionCookieData.to_dict` writes the kits' camelCase so a Next.js front end sharing the
cookie can read it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["Impersonator", "SessionCookieData", "camel_keys", "snake_keys"]

_CAMEL_BOUNDARY = re.compile(r"_([a-z0-9])")
_SNAKE_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


# Cached: every authenticated request converts the same dozen user keys (a regex each cost
# a quarter of authenticate()).
@functools.lru_cache(maxsize=1024)
def _camel(name: str) -> str:
    return _CAMEL_BOUNDARY.sub(lambda m: m.group(1).upper(), name)


@functools.lru_cache(maxsize=1024)
def _snake(name: str) -> str:
    return _SNAKE_BOUNDARY.sub(lambda m: "_" + m.group(1).lower(), name)


def camel_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Top-level keys to camelCase (``first_name`` -> ``firstName``); values untouched.

    Only the top level: nested mappings such as ``metadata`` hold the app's own keys.
    """
    return {_camel(key): value for key, value in data.items()}


def snake_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Top-level keys to snake_case (``firstName`` -> ``first_name``); values untouched."""
    return {_snake(key): value for key, value in data.items()}


def _redacted(value: object) -> str:
    return "None" if value is None else "'<redacted>'"


@attrs.frozen(kw_only=True)
class Impersonator:
    """The WorkOS dashboard user acting as the session's user."""

    email: str
    reason: str | None = None


def _opt_str(data: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise ValueError(f"session field {key!r} must be a string")
            return value
    return None


@attrs.frozen(kw_only=True)
class SessionCookieData:
    """The decoded content of a session cookie. Tokens are redacted from the repr.

    ``user`` is kept in the API's snake_case shape (as the client's ``User`` model uses it);
    :meth:`to_dict` converts it to the kits' camelCase.
    """

    access_token: str = attrs.field(repr=_redacted)
    refresh_token: str = attrs.field(repr=_redacted)
    user: Mapping[str, Any] = attrs.field(factory=dict)
    impersonator: Impersonator | None = None
    organization_id: str | None = None
    authentication_method: str | None = None

    @classmethod
    def from_dict(cls, data: object) -> SessionCookieData:
        """Read an unsealed cookie: the kits' camelCase or the official Python SDK's snake_case.

        ``ValueError`` (naming the field, never its value) when a token is missing or a field
        has the wrong type.
        """
        if not isinstance(data, Mapping):
            raise ValueError("session data must be a JSON object")
        access_token = _opt_str(data, "accessToken", "access_token")
        refresh_token = _opt_str(data, "refreshToken", "refresh_token")
        if not access_token:
            raise ValueError("session data has no access token")
        if not refresh_token:
            raise ValueError("session data has no refresh token")
        user = data.get("user")
        if user is None:
            user = {}
        if not isinstance(user, Mapping):
            raise ValueError("session field 'user' must be an object")
        impersonator: Impersonator | None = None
        raw_imp = data.get("impersonator")
        if raw_imp is not None:
            if not isinstance(raw_imp, Mapping) or not isinstance(raw_imp.get("email"), str):
                raise ValueError("session field 'impersonator' must be an object with an email")
            reason = raw_imp.get("reason")
            impersonator = Impersonator(
                email=raw_imp["email"], reason=reason if isinstance(reason, str) else None
            )
        return cls(
            access_token=access_token,
            refresh_token=refresh_token,
            user=snake_keys(user),
            impersonator=impersonator,
            organization_id=_opt_str(data, "organizationId", "organization_id"),
            authentication_method=_opt_str(data, "authenticationMethod", "authentication_method"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The camelCase JSON object the Node SDK and authkit-nextjs seal (optional keys only
        when set)."""
        out: dict[str, Any] = {
            "accessToken": self.access_token,
            "refreshToken": self.refresh_token,
            "user": camel_keys(self.user),
        }
        if self.impersonator is not None:
            out["impersonator"] = {
                "email": self.impersonator.email,
                "reason": self.impersonator.reason,
            }
        if self.organization_id is not None:
            out["organizationId"] = self.organization_id
        if self.authentication_method is not None:
            out["authenticationMethod"] = self.authentication_method
        return out
