"""Feature flags evaluated for a user."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ._base import BaseModel, model

__all__ = ["FeatureFlag"]


@model
class FeatureFlag(BaseModel):
    """A feature flag and whether it is enabled for the user (spec ``Flag``)."""

    object: str = "feature_flag"
    id: str
    slug: str
    name: str
    description: str | None
    #: The flag's owner; the spec leaves its shape open.
    owner: Mapping[str, Any] | None
    tags: list[str]
    enabled: bool
    default_value: bool
    created_at: datetime
    updated_at: datetime
