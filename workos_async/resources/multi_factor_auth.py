# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The async ``multi_factor_auth`` resource: :class:`AsyncMultiFactorAuth`, generated from the table.

Each method is one row of ``workos_async/_endpoints.py`` written out: checks that fail
before any request, the path, query and body, and the call into the transport.
"""

from __future__ import annotations

from typing import Any, Literal

from .._args import check_str, path_segment
from .._config import RequestOptions
from .._pagination import AsyncPager
from .._responses import model_decoder
from ..models import AuthenticationFactor, AuthenticationFactorEnrolled, EnrollAuthFactorResponse
from ._base import AsyncResource, placed
from .user_management import AsyncUserManagement

__all__ = ["AsyncMultiFactorAuth", "Order"]

#: The documented values of ``order`` (other strings pass too).
Order = Literal["normal", "desc", "asc"]

_DECODE_AUTHENTICATION_FACTOR_ENROLLED = model_decoder(AuthenticationFactorEnrolled)


class AsyncMultiFactorAuth(AsyncResource):
    """``AsyncWorkOS().multi_factor_auth``: one method per ``multi_factor_auth`` row of the endpoint
    table.
    """

    __slots__ = ()

    async def enroll_factor(
        self,
        *,
        type: Literal["totp", "sms"] | str,
        phone_number: str | None = None,
        totp_issuer: str | None = None,
        totp_user: str | None = None,
        user_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> AuthenticationFactorEnrolled:
        """Enroll a standalone MFA factor (WorkOS's MFA API: TOTP or SMS, optionally for a user); challenge it with challenge_factor.

        ``POST /auth/factors/enroll``

        Args:
            type (str, required): The kind of factor. One of: totp, sms.
            phone_number (str, optional): For type 'sms': where codes are texted.
            totp_issuer (str, optional): For type 'totp': the issuer shown in the app.
            totp_user (str, optional): For type 'totp': the account name shown in the app.
            user_id (str, optional): The user the factor belongs to (optional).
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        body: dict[str, Any] = {}
        body["type"] = check_str("enroll_factor", "type", type)
        if phone_number is not None:
            body["phone_number"] = check_str("enroll_factor", "phone_number", phone_number)
        if totp_issuer is not None:
            body["totp_issuer"] = check_str("enroll_factor", "totp_issuer", totp_issuer)
        if totp_user is not None:
            body["totp_user"] = check_str("enroll_factor", "totp_user", totp_user)
        if user_id is not None:
            body["user_id"] = check_str("enroll_factor", "user_id", user_id)
        result: AuthenticationFactorEnrolled = await self._transport.request(
            "POST",
            "/auth/factors/enroll",
            "/auth/factors/enroll",
            None,
            body,
            request_options,
            False,
            _DECODE_AUTHENTICATION_FACTOR_ENROLLED,
        )
        return result

    def list_user_auth_factors(
        self,
        userland_user_id: str,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[AuthenticationFactor]:
        """List a user's MFA factors.

        ``GET /user_management/users/{userland_user_id}/auth_factors``

        The same call as ``client.user_management.list_auth_factors`` (``userland_user_id`` is its ``user_id``),
        whose docstring documents the arguments.
        """
        path_segment(userland_user_id, "userland_user_id", "list_user_auth_factors")
        return self._peer(AsyncUserManagement).list_auth_factors(
            userland_user_id,
            limit=limit,
            before=before,
            after=after,
            order=order,
            max_items=max_items,
            request_options=request_options,
        )

    async def create_user_auth_factor(
        self,
        userland_user_id: str,
        *,
        type: Literal["totp"] | str,
        totp_issuer: str | None = None,
        totp_user: str | None = None,
        totp_secret: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> EnrollAuthFactorResponse:
        """Enroll an MFA factor for a user; returns the factor and a first challenge.

        ``POST /user_management/users/{userland_user_id}/auth_factors``

        The same call as ``client.user_management.enroll_auth_factor`` (``userland_user_id`` is its ``user_id``),
        whose docstring documents the arguments.
        """
        path_segment(userland_user_id, "userland_user_id", "create_user_auth_factor")
        return await self._peer(AsyncUserManagement).enroll_auth_factor(
            userland_user_id,
            type=type,
            totp_issuer=totp_issuer,
            totp_user=totp_user,
            totp_secret=totp_secret,
            request_options=request_options,
        )

    get_factor = placed(AsyncUserManagement.get_factor, AsyncUserManagement)

    delete_factor = placed(AsyncUserManagement.delete_factor, AsyncUserManagement)

    challenge_factor = placed(AsyncUserManagement.challenge_factor, AsyncUserManagement)

    verify_challenge = placed(AsyncUserManagement.verify_challenge, AsyncUserManagement)
