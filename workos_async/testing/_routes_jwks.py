"""``GET /sso/jwks/{client_id}``: the keys that sign the fake's access tokens.

Public (no API key), like WorkOS's. Another client id is a 404. Every served document counts
in ``fake.auth.jwks_fetches`` (tests of a JWKS cache assert "exactly one fetch"); rotate keys
with ``fake.rotate_signing_key()``.
"""

from __future__ import annotations

import hmac

from ._errors import FakeAPIError, not_found
from ._router import Ctx, Reply, Router
from ._tokens import CRYPTOGRAPHY_MISSING


def _jwks(ctx: Ctx) -> Reply:
    if not hmac.compare_digest(ctx.params["client_id"], ctx.fake.client_id):
        raise not_found(f"No JWKS for client '{ctx.params['client_id']}'.")
    auth = ctx.fake.auth
    try:
        document = auth.jwks()
    except ImportError:
        raise FakeAPIError(500, {"code": "server_error", "message": CRYPTOGRAPHY_MISSING}) from None
    auth.count_jwks_fetch()
    return Reply(200, document)


def register(router: Router) -> None:
    """Add the JWKS route."""
    router.add("GET", "/sso/jwks/{client_id}", _jwks, public=True)
