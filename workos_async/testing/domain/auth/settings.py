"""The settings of the authentication flows (``fake.auth.require_mfa = True``, ...).

:class:`AuthSettings` holds them as attributes checked on assignment; ``FakeAuth`` inherits
them, and :func:`setting_names` lists them (the ``/_fake/auth`` control route reads and writes
these names).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs

DeviceFlow = Literal["approve", "pending", "deny"]
#: The longest duration a setting accepts (about 31 years): times stay representable.
MAX_SECONDS = 1e9


def _bool(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"auth.{attribute.name} must be a bool, got {type(value).__name__}")


def _positive(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not 0 < value <= MAX_SECONDS:
        raise ValueError(
            f"auth.{attribute.name} must be a number > 0 and <= {MAX_SECONDS}, got {value!r}"
        )


def _opt_str(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise TypeError(f"auth.{attribute.name} must be a non-empty string or None")
    if value is not None and any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise ValueError(f"auth.{attribute.name} must not hold control characters")


def _str_lists(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, list | tuple) and all(isinstance(s, str) for s in v)
        for k, v in value.items()
    ):
        raise TypeError(f"auth.{attribute.name} must map strings to lists of strings")


def _strs(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(s, str) and s for s in value):
        raise TypeError(f"auth.{attribute.name} must be a sequence of non-empty strings")


def _claims(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise TypeError(f"auth.{attribute.name} must be a mapping with string keys")


def _device_flow(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("approve", "pending", "deny"):
        raise ValueError(f"auth.device_flow must be 'approve', 'pending' or 'deny', got {value!r}")


def _radar(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in (None, "email", "sms"):
        raise ValueError(f"auth.radar_challenge must be None, 'email' or 'sms', got {value!r}")


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


_SETTING = {"setting": True}


@attrs.define(repr=False, slots=False)
class AuthSettings:
    """The settings (plain attributes, checked on assignment; ``reset`` restores them):

    - ``access_token_ttl``: seconds an access token lives (default 300, as at WorkOS);
    - ``issuer``: the tokens' ``iss`` (default: the fake's URL); ``audience``: an ``aud``
      claim (default: none);
    - ``default_user_id``: who ``/authorize`` without ``login_hint`` and the device flow sign
      in (default: the oldest user);
    - ``auto_select_organization``: a user with exactly one active membership gets a session
      in that organization (default ``True``);
    - ``require_email_verification``: a user whose email is not verified gets 403
      ``email_verification_required`` (not for Magic Auth, which proves the email);
    - ``require_mfa``: 403 ``mfa_enrollment`` (no TOTP factor) or ``mfa_challenge`` (not for
      SSO or impersonation);
    - ``require_organization_selection``: a user with at least one active membership gets 403
      ``organization_selection_required`` unless the sign-in already names an organization;
    - ``radar_challenge``: ``"email"`` or ``"sms"``: password and Magic Auth sign-ins get 403
      ``radar_challenge`` (see ``radar.py``; default ``None``: no challenge);
    - ``sso_required_connection_ids``: when not empty, sign-ins other than SSO get 400
      ``sso_required`` listing them;
    - ``role_permissions``: role slug → permissions put in the token; ``entitlements``:
      organization id → entitlements; ``custom_claims``: added to every token (like a JWT
      template; WorkOS's own claims win);
    - ``device_flow``: ``"approve"`` (at once), ``"pending"`` (``authorization_pending``) or
      ``"deny"`` (``access_denied``);
    - ``logout_redirect``: where logout without ``return_to`` redirects (default: no
      redirect, 200).
    """

    access_token_ttl: float = attrs.field(default=300.0, validator=_positive, metadata=_SETTING)
    issuer: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)
    audience: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)
    default_user_id: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)
    auto_select_organization: bool = attrs.field(default=True, validator=_bool, metadata=_SETTING)
    require_email_verification: bool = attrs.field(
        default=False, validator=_bool, metadata=_SETTING
    )
    require_mfa: bool = attrs.field(default=False, validator=_bool, metadata=_SETTING)
    require_organization_selection: bool = attrs.field(
        default=False, validator=_bool, metadata=_SETTING
    )
    radar_challenge: Literal["email", "sms"] | None = attrs.field(
        default=None, validator=_radar, metadata=_SETTING
    )
    sso_required_connection_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, validator=_strs, metadata=_SETTING
    )
    role_permissions: Mapping[str, Sequence[str]] = attrs.field(
        factory=dict, validator=_str_lists, metadata=_SETTING
    )
    entitlements: Mapping[str, Sequence[str]] = attrs.field(
        factory=dict, validator=_str_lists, metadata=_SETTING
    )
    custom_claims: Mapping[str, Any] = attrs.field(
        factory=dict, validator=_claims, metadata=_SETTING
    )
    device_flow: DeviceFlow = attrs.field(
        default="approve", validator=_device_flow, metadata=_SETTING
    )
    logout_redirect: str | None = attrs.field(default=None, validator=_opt_str, metadata=_SETTING)

    def reset_settings(self) -> None:
        """Every setting back to its default."""
        for field in attrs.fields(AuthSettings):
            factory = getattr(field.default, "factory", None)
            setattr(self, field.name, factory() if factory is not None else field.default)


def setting_names() -> tuple[str, ...]:
    """The names of the settings, in declaration order."""
    return tuple(f.name for f in attrs.fields(AuthSettings))
