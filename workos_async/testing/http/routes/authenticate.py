"""``POST /user_management/authenticate``: the spec's eight grant types (public: device
clients have no API key). The grants are :mod:`workos_async.testing.domain.auth.grants`'."""

from __future__ import annotations

from ...domain.auth.grants import authenticate
from ..router import Ctx, Reply, Router


def _authenticate(ctx: Ctx) -> Reply:
    body = ctx.body_object()
    return Reply(200, authenticate(ctx.auth, body, ctx.fake.api_keys, strict=ctx.fake.strict))


def register(router: Router) -> None:
    """Add ``POST /user_management/authenticate``."""
    router.add("POST", "/user_management/authenticate", _authenticate, public=True)
