"""The authentication flows of the fake (no HTTP here): see :mod:`.fake_auth`."""

from __future__ import annotations

from .fake_auth import FakeAuth
from .mfa import totp_code
from .state import SignIn

__all__ = ["FakeAuth", "SignIn", "totp_code"]
