"""Application-level configuration and OAuth applications: redirect URIs, CORS origins, the JWT
template, and the Connect applications a user has authorized."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ._base import BaseModel, model

__all__ = [
    "AuthkitOAuthResource",
    "AuthorizedApplication",
    "ConnectApplication",
    "CorsOrigin",
    "JwtTemplate",
    "RedirectUri",
]


@model
class ConnectApplication(BaseModel):
    """A WorkOS Connect (OAuth) application."""

    object: str = "connect_application"
    id: str
    client_id: str
    description: str | None
    name: str
    scopes: list[str]
    #: ``"oauth"`` or ``"m2m"`` (the official SDK 10.6's field); ``None`` when omitted.
    application_type: str | None = None
    #: OAuth applications: the allowed redirect URIs (``{uri, default}`` items).
    redirect_uris: list[Mapping[str, Any]] | None = None
    #: OAuth applications: whether the code exchange needs PKCE.
    uses_pkce: bool | None = None
    #: OAuth applications: a first-party application (no consent screen).
    is_first_party: bool | None = None
    created_at: datetime
    updated_at: datetime


@model
class AuthorizedApplication(BaseModel):
    """A Connect application a user has granted access to (spec
    ``InlineAuthorizedApplication``)."""

    object: str = "authorized_connect_application"
    id: str
    granted_scopes: list[str]
    oauth_resource: str | None = None
    application: ConnectApplication


@model
class RedirectUri(BaseModel):
    """An allowed redirect URI of the environment."""

    object: str = "redirect_uri"
    id: str
    uri: str
    #: Whether this is the environment's default redirect URI.
    default: bool
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    created_at: str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    updated_at: str


@model
class CorsOrigin(BaseModel):
    """An allowed CORS origin of the environment (spec ``CorsOriginResponse``)."""

    object: str = "cors_origin"
    id: str
    origin: str
    created_at: datetime
    updated_at: datetime


@model
class JwtTemplate(BaseModel):
    """The environment's access-token (JWT) template."""

    object: str = "jwt_template"
    #: The template source.
    content: str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    created_at: str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    updated_at: str


@model
class AuthkitOAuthResource(BaseModel):
    """An AuthKit OAuth resource indicator (RFC 8707): an API that access tokens can be
    issued for."""

    object: str = "authkit_oauth_resource"
    id: str
    #: The resource's URI (the ``resource`` parameter of the authorization request).
    uri: str
    #: Whether tokens are issued for this resource when none is asked for.
    default: bool
    #: A timestamp string.
    created_at: str
    #: A timestamp string.
    updated_at: str
