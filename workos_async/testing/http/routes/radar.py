"""``/user_management/radar_challenges``: send a Radar SMS code (``POST``), get a Radar email
challenge (``GET .../{id}``). The rules are :mod:`workos_async.testing.domain.auth.radar`'."""

from __future__ import annotations

from ...domain.auth import radar
from ..router import Ctx, Reply, Router


def _create(ctx: Ctx) -> Reply:
    return Reply(200, radar.create_sms_challenge(ctx.auth, ctx.body(radar.CREATE_SPEC)))


def _get(ctx: Ctx) -> Reply:
    return Reply(200, radar.get_radar_challenge(ctx.auth, ctx.params["id"]))


def register(router: Router) -> None:
    """Add the Radar challenge routes."""
    router.add("POST", "/user_management/radar_challenges", _create)
    router.add("GET", "/user_management/radar_challenges/{id}", _get)
