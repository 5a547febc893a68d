"""Code written for the official ``workos`` SDK runs here after an import swap.

Each snippet is user-management code as the official SDK's README (``workos==10.6.0``) and
WorkOS's Python docs and guides write it, kept verbatim apart from the values; the test swaps
``from workos import`` for ``from workos_async import`` and runs it against the fake (its API
key and client id are the snippets' example ones; ``WORKOS_BASE_URL`` points at it).
What does not run is a departure of ``docs/official-sdk-map.toml``.
"""

from __future__ import annotations

import asyncio
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

from workos_async.testing import FakeWorkOS

API_KEY = "sk_example_123456789"
CLIENT_ID = "client_123456789"
COOKIE_PASSWORD = "<a 32+ character password for the session cookie>"


def swap_import(source: str) -> str:
    """The migration: only the import changes."""
    swapped = source.replace("from workos import ", "from workos_async import ")
    assert swapped != source, "a snippet must import from workos"
    return swapped


def run(source: str, **values: Any) -> dict[str, Any]:
    namespace: dict[str, Any] = dict(values)
    exec(compile(swap_import(textwrap.dedent(source)), "<snippet>", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeWorkOS]:
    fake = FakeWorkOS(api_key=API_KEY, client_id=CLIENT_ID)
    handle = fake.run_in_thread()
    try:
        yield fake
    finally:
        handle.stop()


@pytest.fixture
def fake(fake_server: FakeWorkOS, monkeypatch: pytest.MonkeyPatch) -> FakeWorkOS:
    fake_server.reset()
    monkeypatch.setenv("WORKOS_BASE_URL", fake_server.url)
    monkeypatch.delenv("WORKOS_API_KEY", raising=False)
    monkeypatch.delenv("WORKOS_CLIENT_ID", raising=False)
    return fake_server


# The official SDK's README: Quick Start (its organization calls that are here) and Error
# Handling, verbatim.
README_QUICK_START_AND_ERRORS = """
from workos import WorkOSClient

client = WorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")

# Create an organization
org = client.organizations.create_organization(name="Acme Corp")
print(org.id)

from workos import NotFoundError, RateLimitExceededError

try:
    client.organizations.get_organization("org_nonexistent")
except NotFoundError as e:
    print(f"Not found: {e.message}")
    print(f"Request ID: {e.request_id}")
    not_found = e
except RateLimitExceededError as e:
    print(f"Retry after: {e.retry_after} seconds")
client.close()
"""


def test_readme_quick_start_and_error_handling(fake: FakeWorkOS) -> None:
    ns = run(README_QUICK_START_AND_ERRORS)
    assert ns["org"].name == "Acme Corp"
    assert ns["org"].id in fake.store.organizations
    assert ns["not_found"].status_code == 404 and ns["not_found"].request_id


# The README's async client, with the organization call that is here.
README_ASYNC = """
from workos import AsyncWorkOSClient

async def main():
    async_client = AsyncWorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")
    org = await async_client.organizations.create_organization(name="Acme Corp")
    await async_client.close()
    return org
"""


def test_readme_async_client(fake: FakeWorkOS) -> None:
    ns = run(README_ASYNC)
    org = asyncio.run(ns["main"]())
    assert org.id in fake.store.organizations


# WorkOS's User Management guide and reference (Python tab): users, AuthKit sign-in, sessions.
DOCS_USERS_AND_AUTHKIT = """
from workos import WorkOSClient

workos_client = WorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")

user = workos_client.user_management.create_user(
    email="marcelina@example.com",
    password="i8uv6g34kd490s",
    first_name="Marcelina",
    last_name="Davis",
    name="Marcelina Davis",
    email_verified=False,
)
user = workos_client.user_management.update_user(user.id, name="Marcelina Hoeger")
print(user.name)

authorization_url = workos_client.user_management.get_authorization_url(
    provider="authkit",
    redirect_uri="https://your-app.com/callback",
)

pkce = workos_client.user_management.get_authorization_url_with_pkce(
    provider="authkit",
    redirect_uri="https://your-app.com/callback",
)
url = pkce["url"]
code_verifier = pkce["code_verifier"]

auth_response = workos_client.user_management.authenticate_with_password(
    email="marcelina@example.com",
    password="i8uv6g34kd490s",
    ip_address="192.0.2.1",
    user_agent="Mozilla/5.0",
)
print(auth_response.user.email, auth_response.access_token is not None)
"""


def test_docs_users_and_authkit(fake: FakeWorkOS) -> None:
    ns = run(DOCS_USERS_AND_AUTHKIT)
    assert ns["user"].name == "Marcelina Hoeger"
    assert ns["authorization_url"].startswith(fake.url + "/user_management/authorize?")
    assert "provider=authkit" in ns["authorization_url"]
    assert "code_challenge=" in ns["url"] and len(ns["code_verifier"]) >= 43
    assert ns["auth_response"].user.id == ns["user"].id
    ns["workos_client"].close()


# Sealed sessions, as the official SDK's session docs write them (cookie from the login).
DOCS_SEALED_SESSION = """
from workos import WorkOSClient

workos_client = WorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")

session = workos_client.user_management.load_sealed_session(
    session_data=session_cookie,
    cookie_password=cookie_password,
)
auth_response = session.authenticate()
if auth_response.authenticated:
    signed_in_user = auth_response.user_id
else:
    signed_in_user = None
    reason = auth_response.reason

check = workos_client.user_management.authenticate_with_session_cookie(
    session_data=session_cookie,
    cookie_password=cookie_password,
)
"""


def test_docs_sealed_session(fake: FakeWorkOS) -> None:
    from workos_async import WorkOS

    with WorkOS(api_key=API_KEY, client_id=CLIENT_ID) as client:
        user = client.user_management.create_user(email="ada@example.com", password="p4ssw0rd!x")
        response = client.user_management.authenticate_with_password(
            email="ada@example.com", password="p4ssw0rd!x"
        )
        cookie = client.sessions.seal_session_from_authentication_response(
            response, cookie_password=COOKIE_PASSWORD
        )
    ns = run(DOCS_SEALED_SESSION, session_cookie=cookie, cookie_password=COOKIE_PASSWORD)
    assert ns["signed_in_user"] == user.id
    assert ns["check"].authenticated
    ns = run(DOCS_SEALED_SESSION, session_cookie="", cookie_password=COOKIE_PASSWORD)
    assert ns["signed_in_user"] is None and ns["reason"] == "no_session_cookie_provided"
    ns["workos_client"].close()


# Organization memberships and MFA where the official SDK has them.
DOCS_MEMBERSHIPS_AND_MFA = """
from workos import WorkOSClient

workos_client = WorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")

organization_membership = workos_client.organization_membership.create_organization_membership(
    organization_id=organization_id,
    user_id=user_id,
)
print([role.slug for role in organization_membership.roles or [organization_membership.role]])
memberships = workos_client.organization_membership.list_organization_memberships(
    user_id=user_id,
)
active = [membership.id for membership in memberships]
organization_membership = workos_client.organization_membership.deactivate_organization_membership(
    organization_membership.id
)

response = workos_client.mfa.create_user_auth_factor(
    user_id,
    type="totp",
    totp_issuer="Foo Corp",
    totp_user="bob@foo-corp.com",
)
factors = workos_client.multi_factor_auth.list_user_auth_factors(user_id)
factor = workos_client.mfa.get_factor(response.authentication_factor.id)
challenge = workos_client.mfa.challenge_factor(factor.id)
"""


def test_docs_memberships_and_mfa(fake: FakeWorkOS) -> None:
    from workos_async import WorkOS

    with WorkOS(api_key=API_KEY, client_id=CLIENT_ID) as client:
        org = client.organizations.create_organization(name="Foo Corp")
        user = client.user_management.create_user(email="bob@foo-corp.com")
    ns = run(DOCS_MEMBERSHIPS_AND_MFA, organization_id=org.id, user_id=user.id)
    assert ns["organization_membership"].status == "inactive"
    assert ns["active"] == [ns["organization_membership"].id]
    assert [f.id for f in ns["factors"]] == [ns["factor"].id]
    assert ns["challenge"].authentication_factor_id == ns["factor"].id
    ns["workos_client"].close()


# The official SDK's README: Pagination, verbatim (print() goes to pytest's capture).
README_PAGINATION = """
from workos import WorkOSClient

client = WorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")

# Iterate through all pages automatically
for user in client.user_management.list_users().auto_paging_iter():
    print(user.email)

# Or work with a single page
page = client.user_management.list_users(limit=10)
print(page.data)        # List of items on this page
print(page.has_more())  # Whether more pages exist
print(page.after)       # Cursor for the next page
"""


def test_readme_pagination(fake: FakeWorkOS, capsys: pytest.CaptureFixture[str]) -> None:
    from workos_async import WorkOS

    with WorkOS(api_key=API_KEY, client_id=CLIENT_ID) as setup:
        for i in range(12):
            setup.user_management.create_user(email=f"user{i:02d}@example.com")
    ns = run(README_PAGINATION)
    printed = capsys.readouterr().out.splitlines()
    assert len([line for line in printed if line.endswith("@example.com")]) == 12
    assert len(ns["page"].data) == 10 and ns["page"].has_more() and ns["page"].after
    ns["client"].close()


# The async client's page, as WorkOS's docs write it for user management.
DOCS_ASYNC_PAGINATION = """
from workos import AsyncWorkOSClient

async def main():
    workos_client = AsyncWorkOSClient(api_key="sk_example_123456789", client_id="client_123456789")
    page = await workos_client.user_management.list_users(limit=2)
    first = [user.email async for user in page]
    everyone = [user.email async for user in page.auto_paging_iter()]
    more = page.has_more()
    await workos_client.close()
    return first, everyone, more
"""


def test_docs_async_pagination(fake: FakeWorkOS) -> None:
    from workos_async import WorkOS

    with WorkOS(api_key=API_KEY, client_id=CLIENT_ID) as setup:
        for i in range(3):
            setup.user_management.create_user(email=f"user{i}@example.com")
    first, everyone, more = asyncio.run(run(DOCS_ASYNC_PAGINATION)["main"]())
    assert len(first) == 2 and more
    assert sorted(everyone) == ["user0@example.com", "user1@example.com", "user2@example.com"]
