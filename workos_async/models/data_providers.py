"""Data integrations: the providers a user can connect, and a user's connected account."""

from collections.abc import Mapping
from typing import Any

from ._base import BaseModel, StrEnum, model

__all__ = [
    "ConnectedAccount",
    "ConnectedAccountState",
    "DataProvider",
    "DataProviderList",
    "DataProviderOwnership",
]


class ConnectedAccountState(StrEnum):
    """The state of a connected account."""

    CONNECTED = "connected"
    NEEDS_REAUTHORIZATION = "needs_reauthorization"
    DISCONNECTED = "disconnected"


@model
class ConnectedAccount(BaseModel):
    """A user's or organization's connection to a data provider."""

    object: str = "connected_account"
    id: str
    user_id: str | None
    organization_id: str | None
    scopes: list[str]
    state: ConnectedAccountState | str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    created_at: str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    updated_at: str


class DataProviderOwnership(StrEnum):
    """Whether a data provider is connected per user or per organization."""

    USERLAND_USER = "userland_user"
    ORGANIZATION = "organization"


@model
class DataProvider(BaseModel):
    """A data provider available to a user: one item of ``DataProviderList``."""

    object: str = "data_provider"
    id: str
    name: str
    description: str | None
    slug: str
    integration_type: str
    credentials_type: str
    scopes: list[str] | None
    ownership: DataProviderOwnership | str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    created_at: str
    #: A timestamp string (the spec gives this field no ``date-time`` format).
    updated_at: str
    #: Deprecated camelCase copy of ``integration_type``, still required by the spec.
    integrationType: str
    #: Deprecated camelCase copy of ``credentials_type``, still required by the spec.
    credentialsType: str
    #: Deprecated camelCase copy of ``created_at``, still required by the spec.
    createdAt: str
    #: Deprecated camelCase copy of ``updated_at``, still required by the spec.
    updatedAt: str
    #: The user's connection, if any; the spec leaves its shape open.
    connected_account: Mapping[str, Any] | None


@model
class DataProviderList(BaseModel):
    """The data providers of a user: ``{object: "list", data}`` with no cursors, so not a page
    (spec ``DataIntegrationsListResponse``)."""

    object: str = "list"
    data: list[DataProvider]
