"""Multi-factor authentication: factors, the enrolled factor with its TOTP secret, and
challenges."""

from datetime import datetime

from ._base import BaseModel, StrEnum, model, secret_field

__all__ = [
    "AuthenticationChallenge",
    "AuthenticationChallengeVerifyResponse",
    "AuthenticationFactor",
    "AuthenticationFactorEnrolled",
    "AuthenticationFactorSms",
    "AuthenticationFactorTotp",
    "AuthenticationFactorTotpEnrolled",
    "AuthenticationFactorType",
    "EnrollAuthFactorResponse",
]


class AuthenticationFactorType(StrEnum):
    """The kind of an authentication factor."""

    GENERIC_OTP = "generic_otp"
    SMS = "sms"
    TOTP = "totp"
    WEBAUTHN = "webauthn"


@model
class AuthenticationFactorSms(BaseModel):
    """The SMS details of a factor."""

    phone_number: str


@model
class AuthenticationFactorTotp(BaseModel):
    """The TOTP details of a factor, without its secret."""

    issuer: str
    #: The account name shown in the authenticator app.
    user: str


@model
class AuthenticationFactorTotpEnrolled(BaseModel):
    """The TOTP details returned once, at enrollment, with the shared secret."""

    issuer: str
    #: The account name shown in the authenticator app.
    user: str
    #: The base32 shared secret.
    secret: str = secret_field()
    #: A data URL of a QR code that encodes ``uri``.
    qr_code: str = secret_field()
    #: The ``otpauth://`` URI, which contains the secret.
    uri: str = secret_field()


@model
class AuthenticationFactor(BaseModel):
    """An authentication factor enrolled for a user."""

    object: str = "authentication_factor"
    id: str
    type: AuthenticationFactorType | str
    user_id: str | None = None
    sms: AuthenticationFactorSms | None = None
    totp: AuthenticationFactorTotp | None = None
    created_at: datetime
    updated_at: datetime


@model
class AuthenticationFactorEnrolled(BaseModel):
    """A newly enrolled factor, holding its TOTP secret (returned only by enrollment)."""

    object: str = "authentication_factor"
    id: str
    type: AuthenticationFactorType | str
    user_id: str | None = None
    sms: AuthenticationFactorSms | None = None
    totp: AuthenticationFactorTotpEnrolled | None = None
    created_at: datetime
    updated_at: datetime


@model
class AuthenticationChallenge(BaseModel):
    """A challenge issued against a factor, to be verified with a one-time code."""

    object: str = "authentication_challenge"
    id: str
    expires_at: datetime | None = None
    #: The one-time code, present only for some factor types.
    code: str | None = secret_field(default=None)
    authentication_factor_id: str
    created_at: datetime
    updated_at: datetime


@model
class AuthenticationChallengeVerifyResponse(BaseModel):
    """The result of verifying a challenge's code."""

    challenge: AuthenticationChallenge
    valid: bool


@model
class EnrollAuthFactorResponse(BaseModel):
    """The response of enrolling a factor: the factor and its first challenge (spec
    ``UserlandUserAuthenticationFactorEnrollResponse``)."""

    authentication_factor: AuthenticationFactorEnrolled
    authentication_challenge: AuthenticationChallenge
