"""Radar challenges: the email or SMS code Radar asks for before a risky sign-in goes on."""

from datetime import datetime

from ._base import BaseModel, model, secret_field

__all__ = ["RadarChallenge", "RadarSmsChallenge"]


@model
class RadarChallenge(BaseModel):
    """A Radar email challenge (``get_radar_challenge``)."""

    object: str = "radar_challenge"
    id: str
    type: str = "email"
    user_id: str
    email: str
    #: The one-time code (a secret: redacted in ``repr``).
    code: str = secret_field()
    expires_at: datetime
    created_at: datetime
    updated_at: datetime


@model
class RadarSmsChallenge(BaseModel):
    """The SMS code Radar sent (``create_radar_challenge``): pass ``verification_id`` and
    ``phone_number`` to ``authenticate_with_radar_sms_challenge``."""

    verification_id: str
    phone_number: str
