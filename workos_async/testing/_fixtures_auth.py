"""The ``workos_sign_in`` pytest fixture: a signed-in session of the fake for your app's
tests — the sealed ``wos-session`` cookie and the ``Bearer`` access token of a user::

    def test_me(client, workos_sign_in):             # client: your app's TestClient
        ada = workos_sign_in("ada@example.com", organization="Acme", role="admin")
        assert client.get("/api/me", cookies=ada.cookies).json()["id"] == ada.user_id
        assert client.get("/api/me", headers=ada.bearer_headers).status_code == 200

Registered by :mod:`workos_async.testing.pytest_plugin`. Uses only the fake's public API
(``seed``, ``auth.sign_in``) and imports nothing heavy until the fixture runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from workos_async.testing import FakeWorkOS

__all__ = ["SignedInSession", "sign_in", "workos_sign_in"]


class SignedInSession:
    """A session of the fake: the user, the tokens, and the cookie sealed with your app's
    cookie password."""

    __slots__ = ("access_token", "cookie", "cookie_name", "organization_id", "response", "user_id")

    def __init__(
        self, *, user_id: str, cookie: str, cookie_name: str, response: Mapping[str, Any]
    ) -> None:
        self.user_id = user_id
        #: The sealed session: the value of the ``wos-session`` cookie.
        self.cookie = cookie
        self.cookie_name = cookie_name
        self.access_token: str = response["access_token"]
        self.organization_id: str | None = response.get("organization_id")
        #: The fake's authenticate response (``user``, ``access_token``, ``refresh_token``...).
        self.response = response

    def __repr__(self) -> str:
        return f"<SignedInSession user_id={self.user_id!r}>"

    @property
    def cookies(self) -> dict[str, str]:
        """``{cookie_name: cookie}``, for ``client.get(..., cookies=...)``."""
        return {self.cookie_name: self.cookie}

    @property
    def cookie_headers(self) -> dict[str, str]:
        """A ``Cookie`` header carrying the session."""
        return {"Cookie": f"{self.cookie_name}={self.cookie}"}

    @property
    def bearer_headers(self) -> dict[str, str]:
        """An ``Authorization: Bearer <access token>`` header."""
        return {"Authorization": f"Bearer {self.access_token}"}


def sign_in(
    fake: FakeWorkOS,
    email: str = "user@example.com",
    *,
    user_id: str | None = None,
    organization: str | None = None,
    role: str | None = None,
    cookie_password: str | None = None,
    cookie_name: str = "wos-session",
) -> SignedInSession:
    """Sign a user of ``fake`` in: an existing one (``user_id``) or a new one (``email``),
    in a new ``organization`` (by name) with ``role`` when given. The cookie is sealed with
    ``cookie_password`` (default ``WORKOS_COOKIE_PASSWORD``)."""
    from workos_async.sessions import COOKIE_PASSWORD_ENV, AsyncSessions

    password = cookie_password or os.environ.get(COOKIE_PASSWORD_ENV)
    if not password:
        raise ValueError(
            f"workos_sign_in needs cookie_password=... (or {COOKIE_PASSWORD_ENV}): "
            "the one your app seals cookies with"
        )
    if role is not None and organization is None:
        raise ValueError("a role needs an organization")
    seed: dict[str, list[dict[str, Any]]] = {}
    if user_id is None:
        seed["users"] = [{"email": email}]
    if organization is not None:
        seed["organizations"] = [{"name": organization}]
        member: dict[str, Any] = {"organization_name": organization}
        member.update({"user_id": user_id} if user_id else {"user_email": email})
        if role is not None:
            member["role_slug"] = role
        seed["memberships"] = [member]
    created = fake.seed(seed) if seed else {}
    if user_id is None:
        (user_id,) = created["users"]
    org_id = created["organizations"][0] if organization is not None else None
    response = fake.auth.sign_in(user_id, organization_id=org_id)
    cookie = AsyncSessions(cookie_password=password).seal_session_from_authentication_response(
        response
    )
    return SignedInSession(
        user_id=user_id, cookie=cookie, cookie_name=cookie_name, response=response
    )


@pytest.fixture
def workos_sign_in(workos_fake: FakeWorkOS) -> Callable[..., SignedInSession]:
    """``workos_sign_in(email="user@example.com", *, user_id=None, organization=None,
    role=None, cookie_password=None, cookie_name="wos-session")``: a
    :class:`SignedInSession` of ``workos_fake`` (its ``cookies``, ``cookie_headers`` and
    ``bearer_headers`` go on your requests)."""

    def factory(email: str = "user@example.com", **options: Any) -> SignedInSession:
        return sign_in(workos_fake, email, **options)

    return factory
