"""Control routes for ``fake.auth`` (same API key as the other ``/_fake/`` routes), so a fake
served by ``workos-async fake-server`` can be driven from another process or language:

==================================  ====================================================
``GET /_fake/auth``                 the settings, the published ``kid`` values and the
                                    counters (``jwks_fetches``, ``refresh_requests``)
``PUT /_fake/auth``                 change settings: any of ``fake.auth``'s setting names
                                    (all applied, or none when one is refused: 422)
``POST /_fake/auth/rotate_key``     ``{"keep_old": true|false}`` → ``{"kid": ...}``
==================================  ====================================================
"""

from __future__ import annotations

from typing import Any

from ..domain.auth import FakeAuth
from ..domain.auth.settings import setting_names
from .errors import FakeAPIError
from .errors import invalid_request as _invalid
from .router import Ctx, Reply, Router

SETTINGS = setting_names()


def _state(auth: FakeAuth) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for name in SETTINGS:
        value = getattr(auth, name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = {k: list(v) if isinstance(v, tuple) else v for k, v in value.items()}
        settings[name] = value
    return {
        "settings": settings,
        "signing_kids": auth.signing_kids,
        "jwks_fetches": auth.jwks_fetches,
        "refresh_requests": auth.refresh_requests(),
    }


def _get(ctx: Ctx) -> Reply:
    return Reply(200, _state(ctx.fake.auth))


def _put(ctx: Ctx) -> Reply:
    data = ctx.body_object()
    unknown = sorted(set(data) - set(SETTINGS))
    if unknown:
        raise _invalid(
            f"Unknown setting(s): {', '.join(u[:80] for u in unknown[:10])}; known: {', '.join(SETTINGS)}."
        )
    auth = ctx.fake.auth
    before = {name: getattr(auth, name) for name in data}
    try:
        for name, value in data.items():
            setattr(auth, name, value)
    except (TypeError, ValueError) as exc:
        for name, value in before.items():
            setattr(auth, name, value)
        raise _invalid(str(exc)) from None
    return Reply(200, _state(auth))


def _rotate(ctx: Ctx) -> Reply:
    data = ctx.body_object()
    if set(data) - {"keep_old"}:
        raise _invalid('rotate_key takes only {"keep_old": true|false}.')
    keep_old = data.get("keep_old", True)
    if not isinstance(keep_old, bool):
        raise _invalid("keep_old must be true or false.")
    try:
        kid = ctx.fake.auth.rotate_signing_key(keep_old=keep_old)
    except ImportError as exc:
        raise FakeAPIError(500, {"code": "server_error", "message": str(exc)}) from None
    return Reply(200, {"kid": kid, "signing_kids": ctx.fake.auth.signing_kids})


def register_control(router: Router) -> None:
    """Add the ``/_fake/auth`` control routes."""
    router.add("GET", "/_fake/auth", _get)
    router.add("PUT", "/_fake/auth", _put)
    router.add("POST", "/_fake/auth/rotate_key", _rotate)
