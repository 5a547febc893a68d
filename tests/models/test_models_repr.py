"""Secrets never show in a model's repr, nested or not; every other value does.

Each exported model is built with a distinct sample value per field, so a value in a repr can be
traced to the field that leaked it.
"""

import itertools
import types
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Union, get_args, get_origin

import attrs
import pytest

from workos_async import models
from workos_async.models import (
    AuthenticationFactorTotpEnrolled,
    AuthenticationResponse,
    MagicAuth,
    OAuthTokens,
    User,
)
from workos_async.models._base import BaseModel, StrEnum

#: (class, field) pairs that hold a secret: token, code, key, TOTP secret, or a URL carrying one.
SECRETS = {
    ("AuthenticationChallenge", "code"),
    ("AuthenticationFactorTotpEnrolled", "qr_code"),
    ("AuthenticationFactorTotpEnrolled", "secret"),
    ("AuthenticationFactorTotpEnrolled", "uri"),
    ("AuthenticationResponse", "access_token"),
    ("AuthenticationResponse", "authkit_authorization_code"),
    ("AuthenticationResponse", "refresh_token"),
    ("DeviceAuthorization", "device_code"),
    ("DeviceAuthorization", "user_code"),
    ("DeviceAuthorization", "verification_uri_complete"),
    ("EmailVerification", "code"),
    ("Invitation", "accept_invitation_url"),
    ("Invitation", "token"),
    ("MagicAuth", "code"),
    ("OAuthTokens", "access_token"),
    ("OAuthTokens", "refresh_token"),
    ("OrganizationDomain", "verification_token"),
    ("PasswordReset", "password_reset_token"),
    ("PasswordReset", "password_reset_url"),
    ("RadarChallenge", "code"),
    ("UserApiKeyWithValue", "value"),
}

MODELS = [
    getattr(models, name)
    for name in models.__all__
    if issubclass(getattr(models, name), BaseModel) and getattr(models, name) is not BaseModel
]

_counter = itertools.count()


def _strip_none(tp: Any) -> Any:
    if isinstance(tp, types.UnionType) or get_origin(tp) is Union:
        args = [a for a in get_args(tp) if a is not type(None)]
        enums = [a for a in args if isinstance(a, type) and issubclass(a, StrEnum)]
        return enums[0] if enums else args[0]
    return tp


def sample(tp: Any, tag: str, secrets: list[str]) -> Any:
    """A value of type ``tp``; strings are unique and those of secret fields land in ``secrets``."""
    tp = _strip_none(tp)
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return next(iter(tp))
    if tp is str:
        return f"sample-{tag}-{next(_counter)}"
    if tp is bool:
        return True
    if tp is int:
        return 1700000000
    if tp is float:
        return 1.5
    if tp is datetime:
        return datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    if get_origin(tp) is list:
        return [sample(get_args(tp)[0], tag + "[]", secrets)]
    if get_origin(tp) is Mapping:
        return {"key": sample(get_args(tp)[1] if get_args(tp)[1] is not Any else str, tag, secrets)}
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return build(tp, secrets)
    raise AssertionError(f"no sample for {tp!r}")


def build(cls: type, secrets: list[str]) -> Any:
    kwargs = {}
    for f in attrs.fields(cls):
        if f.name.startswith("_"):
            continue
        value = sample(f.type, f"{cls.__name__}.{f.name}", secrets)
        if (cls.__name__, f.name) in SECRETS or any(
            (base.__name__, f.name) in SECRETS for base in cls.__mro__
        ):
            secrets.append(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def test_secret_list_names_real_fields() -> None:
    by_name = {cls.__name__: cls for cls in MODELS}
    for cls_name, field in SECRETS:
        assert field in attrs.fields_dict(by_name[cls_name]), (cls_name, field)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_repr_hides_secrets_and_shows_the_rest(cls: type) -> None:
    secrets: list[str] = []
    obj = build(cls, secrets)
    text = repr(obj)
    for value in secrets:
        assert value not in text, f"{cls.__name__}: a secret leaked into the repr"
    for f in attrs.fields(cls):
        value = getattr(obj, f.name)
        if f.name.startswith("_"):
            continue
        if value in secrets:
            assert f"{f.name}='<redacted>'" in text
        elif isinstance(value, str):
            assert repr(value) in text, f"{cls.__name__}.{f.name} should show in the repr"


def test_nested_secrets_stay_hidden() -> None:
    secrets: list[str] = []
    response = build(AuthenticationResponse, secrets)
    assert isinstance(response.oauth_tokens, OAuthTokens)
    text = repr(response)
    assert response.oauth_tokens.access_token not in text
    assert response.oauth_tokens.refresh_token not in text
    assert response.access_token not in text
    assert response.user.email in text  # not a secret


def test_unset_optional_secret_shows_none() -> None:
    secrets: list[str] = []
    response = build(AuthenticationResponse, secrets)
    response.authkit_authorization_code = None
    assert "authkit_authorization_code=None" in repr(response)


def test_unknown_keys_are_not_in_the_repr() -> None:
    # The emulator adds ``sealed_session`` to /authenticate responses; it lands in ``extra``.
    secrets: list[str] = []
    response = build(AuthenticationResponse, secrets)
    response.extra = {"sealed_session": "Fe26.2*sealed-cookie-value"}
    assert "sealed-cookie-value" not in repr(response)
    assert response.extra["sealed_session"] == "Fe26.2*sealed-cookie-value"


def test_secrets_still_readable_and_compared() -> None:
    def magic(code: str) -> MagicAuth:
        when = datetime(2024, 1, 1, tzinfo=UTC)
        return MagicAuth(
            id="magic_auth_1",
            user_id="user_1",
            email="a@example.com",
            expires_at=when,
            created_at=when,
            updated_at=when,
            code=code,
        )

    one = magic("123456")
    assert one.code == "123456"
    assert "123456" not in repr(one)
    assert one == magic("123456")
    assert one != magic("654321")


def test_totp_secret_hidden_on_enrolled_factor() -> None:
    totp = AuthenticationFactorTotpEnrolled(
        issuer="Acme",
        user="a@example.com",
        secret="JBSWY3DPEHPK3PXP",
        qr_code="data:image/png;base64,AAAA",
        uri="otpauth://totp/Acme:a@example.com?secret=JBSWY3DPEHPK3PXP",
    )
    text = repr(totp)
    assert "JBSWY3DPEHPK3PXP" not in text
    assert "AAAA" not in text
    assert "issuer='Acme'" in text


def test_user_builds_with_only_required_fields() -> None:
    when = datetime(2024, 1, 1, tzinfo=UTC)
    user = User(
        id="user_1",
        first_name=None,
        last_name=None,
        profile_picture_url=None,
        email="a@example.com",
        email_verified=False,
        external_id=None,
        last_sign_in_at=None,
        created_at=when,
        updated_at=when,
    )
    assert user.object == "user"
    assert user.metadata is None and user.locale is None
    assert user.extra == {}
