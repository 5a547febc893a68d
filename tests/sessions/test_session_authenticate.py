"""Session.authenticate(), the one-shot form, bearer tokens and get_logout_url — with an
injected JWKS fetch and a fake refresh callable (no network)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from workos_async import ConfigurationError
from workos_async._errors import APIError, error_class
from workos_async.sessions import (
    AsyncSessions,
    AuthenticateSuccess,
    IronSealer,
    JWKSCache,
    NoSessionError,
    SessionCookieData,
    SessionFailure,
    SessionFailureReason,
    TokenExpiredError,
)

from .conftest import NOW, FakeClock, jwk_of, make_token

PASSWORD = "a-cookie-password-of-at-least-32-characters!"
OTHER_PASSWORD = "another-cookie-password-of-32-characters-or-more"
CLIENT_ID = "client_123"
USER = {"id": "user_01HXYZ", "email": "ada@example.com", "first_name": "Ada"}


class JWKSServer:
    """Counts fetches; ``fail`` makes them raise."""

    def __init__(self, key: rsa.RSAPrivateKey, kid: str = "key-1") -> None:
        self.document: dict[str, Any] = {"keys": [jwk_of(key, kid)]}
        self.fetches = 0
        self.fail = False

    async def __call__(self) -> dict[str, Any]:
        self.fetches += 1
        await asyncio.sleep(0)
        if self.fail:
            raise ConnectionError("jwks endpoint down")
        return self.document


class FakeRefresher:
    """A stand-in for ``authenticate_with_refresh_token`` with WorkOS's rules: single-use
    tokens rotated on every refresh, ``organization_id`` switching the token's org."""

    def __init__(self, key: rsa.RSAPrivateKey, clock: FakeClock, *, delay: float = 0.01) -> None:
        self.key = key
        self.clock = clock
        self.delay = delay
        self.calls: list[dict[str, Any]] = []
        self.valid: set[str] = set()
        self.error: BaseException | None = None
        self._ids = itertools.count(1)

    def issue(self, *, org_id: str | None = None, exp_in: float = 300) -> tuple[str, str]:
        """A fresh (access token, refresh token) pair."""
        n = next(self._ids)
        claims: dict[str, Any] = {
            "sub": USER["id"],
            "sid": f"session_{n}",
            "aud": CLIENT_ID,
            "iat": int(self.clock()) - 1,
            "exp": int(self.clock() + exp_in),
        }
        if org_id is not None:
            claims.update(org_id=org_id, role="admin", permissions=["users:write"])
        refresh = f"refresh_token_{n}_secret"
        self.valid.add(refresh)
        return make_token(self.key, claims), refresh

    async def __call__(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(kwargs)
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        token = kwargs["refresh_token"]
        if token not in self.valid:
            raise error_class(400, "invalid_grant")(status=400, code="invalid_grant")
        self.valid.discard(token)
        org = kwargs.get("organization_id")
        access, refresh = self.issue(org_id=org)
        return {
            "user": USER,
            "access_token": access,
            "refresh_token": refresh,
            "organization_id": org,
            "authentication_method": "Password",
        }


def api_error(status: int, code: str | None = None, **attrs: Any) -> APIError:
    error = error_class(status, code)(status=status, code=code, message="refused")
    for name, value in attrs.items():
        setattr(error, name, value)
    return error


def seal_cookie(access: str, refresh: str, password: str = PASSWORD, **extra: Any) -> str:
    data = SessionCookieData(access_token=access, refresh_token=refresh, user=USER, **extra)
    return IronSealer(password).seal(data.to_dict())


@pytest.fixture
def jwks_server(rsa_key: rsa.RSAPrivateKey) -> JWKSServer:
    return JWKSServer(rsa_key)


@pytest.fixture
def refresher(rsa_key: rsa.RSAPrivateKey, clock: FakeClock) -> FakeRefresher:
    return FakeRefresher(rsa_key, clock)


@pytest.fixture
def make_sessions(
    jwks_server: JWKSServer, refresher: FakeRefresher, clock: FakeClock
) -> Callable[..., AsyncSessions]:
    def make(**kwargs: Any) -> AsyncSessions:
        options: dict[str, Any] = {
            "cookie_password": PASSWORD,
            "authenticate_with_refresh_token": refresher,
            "jwks": JWKSCache(jwks_server, clock=clock),
            "client_id": CLIENT_ID,
            "logout_url": lambda sid, to: f"https://logout.test/?session_id={sid}&return_to={to}",
            "clock": clock,
        }
        options.update(kwargs)
        return AsyncSessions(**options)

    return make


async def test_a_valid_cookie_authenticates_and_needs_no_network_once_keys_are_cached(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    jwks_server: JWKSServer,
) -> None:
    sessions = make_sessions()
    access, refresh = refresher.issue(org_id="org_1")
    cookie = seal_cookie(access, refresh)

    first = await sessions.load_sealed_session(cookie).authenticate()
    assert isinstance(first, AuthenticateSuccess)
    assert first.authenticated is True and first.refreshed is False
    assert first.user_id == USER["id"]
    assert first.session_id == "session_1"
    assert first.organization_id == "org_1"
    assert first.role == "admin" and first.permissions == ("users:write",)
    assert first.has_permission("users:write") and not first.has_permission("users:delete")
    assert first.has_role("admin") and not first.has_role("owner")
    assert first.user["first_name"] == "Ada"
    assert first.access_token == access
    assert jwks_server.fetches == 1

    for _ in range(5):
        again = await sessions.authenticate_with_session_cookie(cookie)
        assert again.authenticated
    assert jwks_server.fetches == 1
    assert refresher.calls == []


async def test_no_cookie_is_no_session_cookie_provided(
    make_sessions: Callable[..., AsyncSessions], jwks_server: JWKSServer
) -> None:
    sessions = make_sessions()
    for value in (None, ""):
        result = await sessions.load_sealed_session(value).authenticate()
        assert isinstance(result, SessionFailure)
        assert result.reason is SessionFailureReason.NO_SESSION_COOKIE_PROVIDED
        assert result.code == "no_session_cookie_provided"
        assert not result.retryable and not result.sign_out
    assert jwks_server.fetches == 0


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda c: c[:-10], id="truncated"),
        pytest.param(lambda c: c[:60] + ("A" if c[60] != "A" else "B") + c[61:], id="tampered"),
        pytest.param(lambda c: "not a seal", id="garbage"),
        pytest.param(lambda c: c + "x" * 5000, id="oversized"),
        pytest.param(
            lambda c: seal_cookie("a.b.c", "r", password=OTHER_PASSWORD), id="wrong-password"
        ),
        pytest.param(lambda c: IronSealer(PASSWORD).seal({"hello": 1}), id="not-a-session"),
    ],
)
async def test_a_bad_cookie_is_invalid_session_cookie(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    jwks_server: JWKSServer,
    mangle: Callable[[str], str],
) -> None:
    sessions = make_sessions()
    access, refresh = refresher.issue()
    cookie = mangle(seal_cookie(access, refresh))
    session = sessions.load_sealed_session(cookie)
    result = await session.authenticate()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.INVALID_SESSION_COOKIE
    assert result.sign_out and not result.retryable
    # Refreshing it fails the same way, without a request.
    refreshed = await session.refresh()
    assert isinstance(refreshed, SessionFailure)
    assert refreshed.reason is SessionFailureReason.INVALID_SESSION_COOKIE
    assert refresher.calls == [] and jwks_server.fetches == 0
    # Nothing secret in what a log would show.
    for text in (repr(result), str(result.error), repr(session)):
        assert refresh not in text and access not in text and PASSWORD not in text


async def test_an_expired_token_is_invalid_jwt_with_the_expiry_error(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    access, refresh = refresher.issue(exp_in=60)
    cookie = seal_cookie(access, refresh)
    clock.advance(60)  # exp is strict: expired at now >= exp
    result = await sessions.load_sealed_session(cookie).authenticate()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.INVALID_JWT
    assert isinstance(result.error, TokenExpiredError)
    assert result.sign_out and not result.retryable


async def test_a_token_signed_by_another_key_is_invalid_jwt(
    make_sessions: Callable[..., AsyncSessions], other_rsa_key: rsa.RSAPrivateKey
) -> None:
    sessions = make_sessions()
    forged = make_token(
        other_rsa_key, {"sub": "user_x", "sid": "s", "exp": int(NOW) + 60, "iat": int(NOW)}
    )
    result = await sessions.load_sealed_session(seal_cookie(forged, "r")).authenticate()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.INVALID_JWT


async def test_a_jwks_outage_on_a_cold_cache_is_retryable_not_invalid(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    jwks_server: JWKSServer,
) -> None:
    sessions = make_sessions()
    jwks_server.fail = True
    access, refresh = refresher.issue()
    result = await sessions.load_sealed_session(seal_cookie(access, refresh)).authenticate()
    assert isinstance(result, SessionFailure)
    assert result.reason is SessionFailureReason.JWKS_UNAVAILABLE
    assert result.retryable and not result.sign_out
    # authenticate_or_refresh does not burn the refresh token over an outage.
    again = await sessions.load_sealed_session(
        seal_cookie(access, refresh)
    ).authenticate_or_refresh()
    assert isinstance(again, SessionFailure) and again.retryable
    assert refresher.calls == []


async def test_a_jwks_outage_with_warm_keys_still_authenticates(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    jwks_server: JWKSServer,
    clock: FakeClock,
) -> None:
    monotonic = FakeClock(0.0)
    cache = JWKSCache(jwks_server, ttl=1, clock=clock, monotonic=monotonic)
    sessions = make_sessions(jwks=cache)
    access, refresh = refresher.issue()
    cookie = seal_cookie(access, refresh)
    assert (await sessions.load_sealed_session(cookie).authenticate()).authenticated
    jwks_server.fail = True
    monotonic.advance(10)  # the keys are stale now; every refetch fails
    for _ in range(3):
        assert (await sessions.load_sealed_session(cookie).authenticate()).authenticated
        await asyncio.sleep(0.01)
    assert jwks_server.fetches >= 2


async def test_bearer_tokens(
    make_sessions: Callable[..., AsyncSessions],
    refresher: FakeRefresher,
    rsa_key: rsa.RSAPrivateKey,
) -> None:
    sessions = make_sessions()
    access, _ = refresher.issue(org_id="org_9")
    ok = await sessions.authenticate_access_token(access)
    assert isinstance(ok, AuthenticateSuccess)
    assert ok.organization_id == "org_9" and ok.user == {}
    missing = await sessions.authenticate_access_token(None)
    assert isinstance(missing, SessionFailure)
    assert missing.reason is SessionFailureReason.NO_SESSION_COOKIE_PROVIDED
    bad = await sessions.authenticate_access_token("not.a.token")
    assert isinstance(bad, SessionFailure) and bad.reason is SessionFailureReason.INVALID_JWT
    # An M2M token (no sid) is not a signed-in user.
    m2m = make_token(rsa_key, {"sub": "client_x", "exp": int(NOW) + 60, "iat": int(NOW)})
    not_user = await sessions.authenticate_access_token(m2m)
    assert isinstance(not_user, SessionFailure)
    assert not_user.reason is SessionFailureReason.INVALID_JWT
    claims = await sessions.verify_access_token(access)
    assert claims.org_id == "org_9"


async def test_get_logout_url_uses_the_session_id_even_when_expired(
    make_sessions: Callable[..., AsyncSessions], refresher: FakeRefresher, clock: FakeClock
) -> None:
    sessions = make_sessions()
    access, refresh = refresher.issue(exp_in=10)
    clock.advance(3600)
    session = sessions.load_sealed_session(seal_cookie(access, refresh))
    url = session.get_logout_url(return_to="https://app.test/bye")
    assert url == "https://logout.test/?session_id=session_1&return_to=https://app.test/bye"
    with pytest.raises(NoSessionError) as caught:
        sessions.load_sealed_session(None).get_logout_url()
    assert caught.value.reason is SessionFailureReason.NO_SESSION_COOKIE_PROVIDED
    with pytest.raises(NoSessionError) as caught:
        sessions.load_sealed_session("garbage").get_logout_url()
    assert caught.value.reason is SessionFailureReason.INVALID_SESSION_COOKIE


def test_cookie_password_comes_from_the_argument_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WORKOS_COOKIE_PASSWORD", raising=False)
    sessions = AsyncSessions(client_id=CLIENT_ID)
    with pytest.raises(ConfigurationError, match="WORKOS_COOKIE_PASSWORD"):
        sessions.load_sealed_session("x")
    with pytest.raises(ValueError, match="32"):
        AsyncSessions(cookie_password="short")
    monkeypatch.setenv("WORKOS_COOKIE_PASSWORD", PASSWORD)
    assert repr(sessions.load_sealed_session("x")) == "<Session sealed>"
    with pytest.raises(TypeError, match="sealed_session"):
        sessions.load_sealed_session(b"bytes")  # type: ignore[arg-type]


def test_seal_session_from_authentication_response_writes_the_kits_format(
    refresher: FakeRefresher,
) -> None:
    sessions = AsyncSessions(cookie_password=PASSWORD, client_id=CLIENT_ID)
    access, refresh = refresher.issue()
    sealed = sessions.seal_session_from_authentication_response(
        {
            "user": USER,
            "access_token": access,
            "refresh_token": refresh,
            "impersonator": {"email": "admin@example.com", "reason": "support"},
            "authentication_method": "Password",
        }
    )
    raw = IronSealer(PASSWORD).unseal(sealed)
    assert raw["accessToken"] == access and raw["refreshToken"] == refresh
    assert raw["user"]["firstName"] == "Ada"
    assert raw["impersonator"] == {"email": "admin@example.com", "reason": "support"}
    assert raw["authenticationMethod"] == "Password"
    with pytest.raises(ValueError, match="access token"):
        sessions.seal_session_from_authentication_response({"refresh_token": "r"})
