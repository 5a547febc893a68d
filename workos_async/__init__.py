"""workos_async: an async-first client for the WorkOS User Management API.

    from workos_async import AsyncWorkOS
    async with AsyncWorkOS() as workos:          # WORKOS_API_KEY from the environment
        user = await workos.user_management.get_user("user_01...")

The blocking facade over the same code is :class:`WorkOS` (imported lazily). Response models
live in :mod:`workos_async.models`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._client import AsyncWorkOS
from ._config import ClientOptions, InsecureBaseUrlWarning, RequestOptions, Timeout
from ._errors import (
    APIError,
    ApplicationConsentRequiredError,
    AuthenticationError,
    AuthenticationFlowError,
    AuthenticationMethodNotAllowedError,
    AuthorizationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    ConflictError,
    DeadlineExceededError,
    EmailPasswordAuthDisabledError,
    EmailVerificationRequiredError,
    InvalidHeaderError,
    MfaChallengeError,
    MfaEnrollmentError,
    NotFoundError,
    OrganizationAuthenticationMethodsRequiredError,
    OrganizationAuthMethodsRequiredError,
    OrganizationSelectionRequiredError,
    PasskeyProgressiveEnrollmentError,
    RadarChallengeError,
    RadarSignUpChallengeError,
    RateLimitExceededError,
    RedirectError,
    RequestInDoubtError,
    ResponseDecodeError,
    ResponseTooLargeError,
    ServerError,
    SsoRequiredError,
    UnprocessableEntityError,
    WorkOSConnectionError,
    WorkOSError,
    WorkOSTimeoutError,
)
from ._hooks import CallEvent
from ._pagination import AsyncPager, ListMetadata, Page, PaginationError
from ._request_ids import request_id_of
from ._session_helpers import SessionOptions
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__
from .inputs import PasswordHashed, PasswordPlaintext, RoleMultiple, RoleSingle

#: The official SDK's name of :class:`AsyncWorkOS` (the same class).
AsyncWorkOSClient = AsyncWorkOS

if TYPE_CHECKING:
    from ._authorization_url import AuthorizationUrlWithPkce
    from .sync import EventLoopBlockingError, SyncPager, WorkOS

    WorkOSClient = WorkOS

__all__ = [
    "NOT_GIVEN",
    "APIError",
    "ApplicationConsentRequiredError",
    "AsyncPager",
    "AsyncWorkOS",
    "AsyncWorkOSClient",
    "AuthenticationError",
    "AuthenticationFlowError",
    "AuthenticationMethodNotAllowedError",
    "AuthorizationError",
    "AuthorizationUrlWithPkce",
    "BadRequestError",
    "CallEvent",
    "ClientClosedError",
    "ClientOptions",
    "ConfigurationError",
    "ConflictError",
    "DeadlineExceededError",
    "EmailPasswordAuthDisabledError",
    "EmailVerificationRequiredError",
    "EventLoopBlockingError",
    "InsecureBaseUrlWarning",
    "InvalidHeaderError",
    "ListMetadata",
    "MfaChallengeError",
    "MfaEnrollmentError",
    "NotFoundError",
    "NotGiven",
    "OrganizationAuthMethodsRequiredError",
    "OrganizationAuthenticationMethodsRequiredError",
    "OrganizationSelectionRequiredError",
    "Page",
    "PaginationError",
    "PasskeyProgressiveEnrollmentError",
    "PasswordHashed",
    "PasswordPlaintext",
    "RadarChallengeError",
    "RadarSignUpChallengeError",
    "RateLimitExceededError",
    "RedirectError",
    "RequestInDoubtError",
    "RequestOptions",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RoleMultiple",
    "RoleSingle",
    "ServerError",
    "SessionOptions",
    "SsoRequiredError",
    "SyncPager",
    "Timeout",
    "UnprocessableEntityError",
    "WorkOS",
    "WorkOSClient",
    "WorkOSConnectionError",
    "WorkOSError",
    "WorkOSTimeoutError",
    "__version__",
    "request_id_of",
]


def __getattr__(name: str) -> Any:
    # The sync facade and the URL helpers pull in the endpoint machinery: pay on use.
    if name in ("WorkOS", "SyncPager", "EventLoopBlockingError", "WorkOSClient"):
        from . import sync

        # WorkOSClient: the official SDK's name of WorkOS (the same class).
        return getattr(sync, "WorkOS" if name == "WorkOSClient" else name)
    if name == "AuthorizationUrlWithPkce":  # pulls in the endpoint machinery: on demand
        from ._authorization_url import AuthorizationUrlWithPkce

        return AuthorizationUrlWithPkce
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
