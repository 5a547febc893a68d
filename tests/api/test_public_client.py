"""A public client (``client_id`` only, no API key: the official SDK's ``is_public``): the PKCE
code exchange and the refresh go without ``client_secret`` or ``Authorization``; every other
call is a ``ConfigurationError`` before any request. Both clients, against the fake."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from workos_async import AsyncWorkOS, ConfigurationError, WorkOS
from workos_async.testing import FakeWorkOS

REDIRECT = "http://localhost:3000/callback"


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKOS_API_KEY", raising=False)
    monkeypatch.delenv("WORKOS_CLIENT_ID", raising=False)


async def _sign_in_code(url: str) -> str:
    """What a browser at AuthKit brings back to the redirect URI."""
    async with aiohttp.ClientSession() as browser, browser.get(url, allow_redirects=False) as r:
        return parse_qs(urlsplit(r.headers["Location"]).query)["code"][0]


def _unauthenticated(fake: FakeWorkOS) -> None:
    """The last request carried neither the API key nor a client_secret."""
    last = fake.requests[-1]
    assert "client_secret" not in last.body
    assert "authorization" not in {k.lower() for k in last.headers}


async def test_pkce_exchange_and_refresh_async(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    user = await workos_client.user_management.create_user(email="ada@example.com")
    async with AsyncWorkOS(client_id=workos_fake.client_id, base_url=workos_fake.url) as public:
        um = public.user_management
        login = um.get_authorization_url_with_pkce(
            redirect_uri=REDIRECT, provider="authkit", login_hint="ada@example.com"
        )
        exchanged = await um.authenticate_with_code_pkce(
            code=await _sign_in_code(login["url"]), code_verifier=login["code_verifier"]
        )
        assert exchanged.user.id == user.id
        _unauthenticated(workos_fake)
        refreshed = await um.authenticate_with_refresh_token(refresh_token=exchanged.refresh_token)
        assert refreshed.user.id == user.id and refreshed.refresh_token != exchanged.refresh_token
        _unauthenticated(workos_fake)
        again = await um.authenticate_with_refresh_token(refresh_token=refreshed.refresh_token)
        assert again.user.id == user.id


async def test_every_other_call_is_refused_before_any_request(workos_fake: FakeWorkOS) -> None:
    before = len(workos_fake.requests)
    async with AsyncWorkOS(client_id=workos_fake.client_id, base_url=workos_fake.url) as public:
        um = public.user_management
        with pytest.raises(ConfigurationError, match=r"No API key: GET /user_management/users"):
            await um.get_user("user_01")
        with pytest.raises(ConfigurationError, match="public client"):
            await um.list_users()
        with pytest.raises(ConfigurationError, match=r"authenticate_with_password\(\)"):
            await um.authenticate_with_password(email="a@example.com", password="pw-123456789")
        with pytest.raises(ConfigurationError, match="public client"):
            await public.organizations.get_organization("org_01")
    assert len(workos_fake.requests) == before


async def test_a_refresh_needs_the_secret_unless_the_sign_in_was_public(
    workos_client: AsyncWorkOS, workos_fake: FakeWorkOS
) -> None:
    """The fake accepts a secretless refresh only of a session a public PKCE exchange began."""
    user = await workos_client.user_management.create_user(email="ada@example.com")
    confidential = workos_fake.auth.sign_in(user.id)
    async with AsyncWorkOS(client_id=workos_fake.client_id, base_url=workos_fake.url) as public:
        with pytest.raises(Exception) as refused:
            await public.user_management.authenticate_with_refresh_token(
                refresh_token=confidential["refresh_token"]
            )
    assert getattr(refused.value, "status", None) == 400
    assert "invalid_client" in str(refused.value)


def test_pkce_exchange_and_refresh_sync(
    workos_sync_client: WorkOS, workos_fake: FakeWorkOS
) -> None:
    import asyncio

    user = workos_sync_client.user_management.create_user(email="ada@example.com")
    with WorkOS(client_id=workos_fake.client_id, base_url=workos_fake.url) as public:
        um = public.user_management
        login = um.get_authorization_url_with_pkce(
            redirect_uri=REDIRECT, provider="authkit", login_hint="ada@example.com"
        )
        code = asyncio.run(_sign_in_code(login["url"]))
        exchanged = um.authenticate_with_code_pkce(code=code, code_verifier=login["code_verifier"])
        _unauthenticated(workos_fake)
        refreshed = um.authenticate_with_refresh_token(refresh_token=exchanged.refresh_token)
        assert refreshed.user.id == user.id
        _unauthenticated(workos_fake)
        with pytest.raises(ConfigurationError, match="public client"):
            um.get_user(user.id)


def test_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    # No key and no client id: the "No API key" error as before.
    with pytest.raises(ConfigurationError, match="No API key"):
        AsyncWorkOS()
    # An empty key given is a mistake, not a request for a public client.
    with pytest.raises(ConfigurationError, match="No API key"):
        AsyncWorkOS(api_key="", client_id="client_1")
    # is_public=True ignores WORKOS_API_KEY and refuses an explicit key.
    monkeypatch.setenv("WORKOS_API_KEY", "sk_test_in_the_environment")
    client = AsyncWorkOS(client_id="client_1", is_public=True)
    assert client._config.is_public and client._config.api_key is None
    with pytest.raises(ConfigurationError, match="takes no api_key"):
        AsyncWorkOS(client_id="client_1", api_key="sk_test_x", is_public=True)
    with pytest.raises(ConfigurationError, match="needs a client id"):
        AsyncWorkOS(is_public=True)
    with pytest.raises(ConfigurationError, match="is_public must be a bool"):
        AsyncWorkOS(client_id="client_1", is_public="yes")  # type: ignore[arg-type]
    # With the key in the environment, client_id=... alone is a keyed client.
    assert not AsyncWorkOS(client_id="client_1")._config.is_public
