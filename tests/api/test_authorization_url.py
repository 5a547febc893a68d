"""The request-free helpers: authorization URL (with and without PKCE), logout URL, JWKS URL,
on both clients, and PKCE itself (RFC 7636)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest

from workos_async import AsyncWorkOS, ConfigurationError, WorkOS
from workos_async._authorization_url import AuthorizationUrlWithPkce
from workos_async._pkce import (
    Pkce,
    code_challenge_s256,
    generate_code_verifier,
    generate_pkce,
    new_state,
)

BASE = "https://auth.example.test"


@pytest.fixture(params=["async", "sync"])
def um(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``user_management`` of either client; the helpers never send a request (the base URL
    does not resolve)."""
    monkeypatch.delenv("WORKOS_CLIENT_ID", raising=False)
    if request.param == "async":
        yield AsyncWorkOS(
            api_key="sk_test_x", client_id="client_abc", base_url=BASE
        ).user_management
    else:
        client = WorkOS(api_key="sk_test_x", client_id="client_abc", base_url=BASE)
        yield client.user_management
        client.close()


def query(url: str) -> dict[str, str]:
    pairs = parse_qsl(urlsplit(url).query, strict_parsing=True)
    assert len(pairs) == len(dict(pairs)), "a parameter appears twice"
    return dict(pairs)


# ---- PKCE ---------------------------------------------------------------------------------


def test_rfc7636_appendix_b_vector() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge_s256(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_generated_verifiers_are_random_and_well_formed() -> None:
    verifiers = {generate_code_verifier() for _ in range(50)}
    assert len(verifiers) == 50
    for v in verifiers:
        assert re.fullmatch(r"[A-Za-z0-9\-._~]{43,128}", v)
    assert len(generate_code_verifier(32)) == 43
    assert len(generate_code_verifier(96)) == 128
    for bad in (31, 97, True, "64"):
        with pytest.raises(ValueError, match="nbytes"):
            generate_code_verifier(bad)  # type: ignore[arg-type]


def test_challenge_is_base64url_sha256_without_padding() -> None:
    pkce = generate_pkce()
    assert isinstance(pkce, Pkce) and pkce.code_challenge_method == "S256"
    digest = hashlib.sha256(pkce.code_verifier.encode()).digest()
    assert pkce.code_challenge == base64.urlsafe_b64encode(digest).decode().rstrip("=")
    assert "=" not in pkce.code_challenge and len(pkce.code_challenge) == 43
    assert pkce.code_verifier not in repr(pkce)


def test_bad_verifiers_are_refused_without_echoing_them() -> None:
    for bad in ("short", "x" * 129, "has space" + "x" * 40, "é" * 50):
        with pytest.raises(ValueError, match="43 to 128") as caught:
            code_challenge_s256(bad)
        assert bad not in str(caught.value)
    with pytest.raises(TypeError):
        code_challenge_s256(b"x" * 50)  # type: ignore[arg-type]


def test_states_are_random() -> None:
    states = {new_state() for _ in range(50)}
    assert len(states) == 50 and all(len(s) >= 43 for s in states)


# ---- get_authorization_url ---------------------------------------------------------------


def test_minimal_authorization_url(um: Any) -> None:
    url = um.get_authorization_url(redirect_uri="https://app.test/callback", provider="authkit")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE}/user_management/authorize"
    assert query(url) == {
        "client_id": "client_abc",
        "redirect_uri": "https://app.test/callback",
        "response_type": "code",
        "provider": "authkit",
    }


def test_every_documented_parameter_goes_into_the_url(um: Any) -> None:
    url = um.get_authorization_url(
        redirect_uri="https://app.test/cb?x=1",
        organization_id="org_1",
        state="s t&ate",
        code_challenge="challenge",
        code_challenge_method="S256",
        domain_hint="example.com",
        login_hint="ada@example.com",
        screen_hint="sign-up",
        prompt="consent",
        provider_scopes=["openid", "email"],
        provider_query_params={"hd": "example.com", "access_type": "offline", "n": 2, "b": True},
        invitation_token="inv_tok",
        client_id="client_other",
    )
    assert query(url) == {
        "client_id": "client_other",
        "redirect_uri": "https://app.test/cb?x=1",
        "response_type": "code",
        "organization_id": "org_1",
        "state": "s t&ate",
        "code_challenge": "challenge",
        "code_challenge_method": "S256",
        "domain_hint": "example.com",
        "login_hint": "ada@example.com",
        "screen_hint": "sign-up",
        "prompt": "consent",
        # The spec: array, style form, explode false → comma-separated.
        "provider_scopes": "openid,email",
        # A map: one bracketed parameter per key, as WorkOS's Node SDK sends it.
        "provider_query_params[hd]": "example.com",
        "provider_query_params[access_type]": "offline",
        "provider_query_params[n]": "2",
        "provider_query_params[b]": "true",
        "invitation_token": "inv_tok",
    }
    # Spaces are %20 (RFC 3986), reserved characters are escaped.
    assert "s%20t%26ate" in url


def test_unknown_enum_values_pass(um: Any) -> None:
    url = um.get_authorization_url(
        redirect_uri="myapp://cb", provider="FutureOAuth", screen_hint="sign-sideways"
    )
    assert query(url)["provider"] == "FutureOAuth"
    assert query(url)["screen_hint"] == "sign-sideways"
    assert query(url)["redirect_uri"] == "myapp://cb"


def test_one_target(um: Any) -> None:
    build = um.get_authorization_url
    with pytest.raises(ValueError, match=r"pass one of .* \(.*got none\)"):
        build(redirect_uri="https://app.test/cb")
    with pytest.raises(ValueError, match="got 'provider' and 'connection_id'"):
        build(redirect_uri="https://app.test/cb", provider="authkit", connection_id="conn_1")
    with pytest.raises(
        ValueError, match="got 'provider' and 'connection_id' and 'organization_id'"
    ):
        build(redirect_uri="https://a.test/", provider="x", connection_id="c", organization_id="o")
    assert (
        query(build(redirect_uri="https://app.test/cb", connection_id="conn_1"))["connection_id"]
        == "conn_1"
    )
    # AuthKit for one organization: provider and organization_id together (the spec and the
    # official SDK allow it).
    url = query(build(redirect_uri="https://a.test/", provider="authkit", organization_id="o"))
    assert (url["provider"], url["organization_id"]) == ("authkit", "o")


def test_max_age(um: Any) -> None:
    build = um.get_authorization_url
    assert (
        query(build(redirect_uri="https://a.test/", provider="authkit", max_age=0))["max_age"]
        == "0"
    )
    with pytest.raises(TypeError, match="max_age"):
        build(redirect_uri="https://a.test/", provider="authkit", max_age="60")
    with pytest.raises(ValueError, match="max_age"):
        build(redirect_uri="https://a.test/", provider="authkit", max_age=-1)


def test_pkce_result_reads_as_a_mapping(um: Any) -> None:
    result = um.get_authorization_url_with_pkce(redirect_uri="https://a.test/", provider="authkit")
    assert result["url"] == result.url and result["state"] == result.state
    assert dict(result) == {
        "url": result.url,
        "state": result.state,
        "code_verifier": result.code_verifier,
    }
    assert "code_verifier" not in repr(result).split("code_verifier=")[1][:3]  # still redacted
    with pytest.raises(KeyError):
        result["code_challenge"]


def test_redirect_uri_is_required_and_checked(um: Any) -> None:
    build = um.get_authorization_url
    with pytest.raises(TypeError, match="redirect_uri"):
        build(provider="authkit")
    with pytest.raises(ValueError, match="'redirect_uri' must not be empty"):
        build(redirect_uri="", provider="authkit")
    with pytest.raises(ValueError, match="'redirect_uri' must be an absolute URL"):
        build(redirect_uri="/callback", provider="authkit")
    with pytest.raises(TypeError, match="'redirect_uri' must be str"):
        build(redirect_uri=None, provider="authkit")


def test_other_bad_arguments(um: Any) -> None:
    build = um.get_authorization_url
    ok = {"redirect_uri": "https://app.test/cb", "provider": "authkit"}
    with pytest.raises(ValueError, match="'code_challenge_method' needs 'code_challenge'"):
        build(**ok, code_challenge_method="S256")
    with pytest.raises(TypeError, match="'provider_scopes' must be a list of str"):
        build(**ok, provider_scopes="openid email")
    with pytest.raises(TypeError, match="'provider_query_params' must be a mapping"):
        build(**ok, provider_query_params=[("a", "b")])
    with pytest.raises(TypeError, match=r"values of 'provider_query_params'.*key 'x'"):
        build(**ok, provider_query_params={"x": None})
    with pytest.raises(TypeError, match="'state' must be str"):
        build(**ok, state=123)
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        build(**ok, max_agee=5)


@pytest.mark.parametrize("kind", ["async", "sync"])
def test_client_id_comes_from_the_client_or_the_argument(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKOS_CLIENT_ID", raising=False)
    client: AsyncWorkOS | WorkOS = (
        AsyncWorkOS(api_key="sk_test_x", base_url=BASE)
        if kind == "async"
        else WorkOS(api_key="sk_test_x", base_url=BASE)
    )
    try:
        um = client.user_management
        with pytest.raises(
            ConfigurationError, match=r"get_authorization_url\(\) needs a client id"
        ):
            um.get_authorization_url(redirect_uri="https://a.test/", provider="authkit")
        with pytest.raises(ConfigurationError, match=r"get_jwks_url\(\) needs a client id"):
            um.get_jwks_url()
        url = um.get_authorization_url(
            redirect_uri="https://a.test/", provider="authkit", client_id="client_x"
        )
        assert query(url)["client_id"] == "client_x"
        assert um.get_jwks_url("client_x") == f"{BASE}/sso/jwks/client_x"
        monkeypatch.setenv("WORKOS_CLIENT_ID", "client_env")
    finally:
        if isinstance(client, WorkOS):
            client.close()
    async_client = AsyncWorkOS(api_key="sk_test_x", base_url=BASE)
    assert async_client.user_management.get_jwks_url() == f"{BASE}/sso/jwks/client_env"


# ---- with PKCE ------------------------------------------------------------------------------


def test_pkce_url_carries_the_challenge_of_the_returned_verifier(um: Any) -> None:
    result = um.get_authorization_url_with_pkce(
        redirect_uri="https://app.test/cb", provider="authkit", login_hint="ada@example.com"
    )
    assert isinstance(result, AuthorizationUrlWithPkce)
    params = query(result.url)
    assert params["code_challenge"] == code_challenge_s256(result.code_verifier)
    assert params["code_challenge_method"] == "S256"
    assert params["state"] == result.state
    assert params["login_hint"] == "ada@example.com"
    assert params["provider"] == "authkit"
    assert 43 <= len(result.code_verifier) <= 128
    assert result.code_verifier not in repr(result)
    assert result.code_verifier not in result.url


def test_pkce_values_are_fresh_each_time(um: Any) -> None:
    first = um.get_authorization_url_with_pkce(redirect_uri="https://a.test/", provider="authkit")
    second = um.get_authorization_url_with_pkce(redirect_uri="https://a.test/", provider="authkit")
    assert first.state != second.state
    assert first.code_verifier != second.code_verifier


def test_pkce_keeps_a_given_state_and_checks_targets(um: Any) -> None:
    result = um.get_authorization_url_with_pkce(
        redirect_uri="https://a.test/", organization_id="org_1", state="mine"
    )
    assert result.state == "mine" and query(result.url)["state"] == "mine"
    with pytest.raises(ValueError, match="pass one of"):
        um.get_authorization_url_with_pkce(redirect_uri="https://a.test/")


# ---- logout and JWKS ---------------------------------------------------------------------


def test_logout_url(um: Any) -> None:
    url = um.get_logout_url("session_01", return_to="https://app.test/bye?x=1")
    parts = urlsplit(url)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE}/user_management/sessions/logout"
    )
    assert parse_qs(parts.query) == {
        "session_id": ["session_01"],
        "return_to": ["https://app.test/bye?x=1"],
    }
    # Keyword form, as the official SDK spells it; return_to is optional.
    assert query(um.get_logout_url(session_id="session_01")) == {"session_id": "session_01"}
    with pytest.raises(ValueError, match="'session_id' must not be empty"):
        um.get_logout_url("")


def test_jwks_url(um: Any) -> None:
    assert um.get_jwks_url() == f"{BASE}/sso/jwks/client_abc"
    assert um.get_jwks_url("client x?") == f"{BASE}/sso/jwks/client%20x%3F"
    for bad in ("a/b", "..", ""):
        with pytest.raises(ValueError, match="'client_id'"):
            um.get_jwks_url(bad)
