"""API keys that belong to a user."""

from datetime import datetime

from ._base import BaseModel, model, secret_field

__all__ = ["UserApiKey", "UserApiKeyOwner", "UserApiKeyWithValue"]


@model
class UserApiKeyOwner(BaseModel):
    """Who owns an API key: a user within an organization."""

    type: str = "user"
    id: str
    organization_id: str


@model
class UserApiKey(BaseModel):
    """A user's API key, without its value."""

    object: str = "api_key"
    id: str
    owner: UserApiKeyOwner
    name: str
    #: A masked form of the key, safe to show.
    obfuscated_value: str
    #: ``None`` until the key is first used.
    last_used_at: datetime | None
    permissions: list[str]
    created_at: datetime
    updated_at: datetime


@model
class UserApiKeyWithValue(UserApiKey):
    """A newly created API key, holding its value (returned only once, by creation)."""

    #: The API key itself.
    value: str = secret_field()
