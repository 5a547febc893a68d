"""Transport behaviour against a real socket: retries, Retry-After, idempotency keys, error
shapes, unreadable bodies, headers, and no secret in any message."""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any, cast

import pytest

from workos_async import (
    AsyncWorkOS,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    EmailVerificationRequiredError,
    NotFoundError,
    RateLimitExceededError,
    ResponseDecodeError,
    ServerError,
    SsoRequiredError,
    UnprocessableEntityError,
    WorkOSConnectionError,
    WorkOSTimeoutError,
)
from workos_async._config import RequestOptions

from .conftest import API_KEY, USER
from .scripted_server import ScriptedServer, raw, reset, respond, stall, truncated


async def test_get_sends_auth_and_user_agent(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(respond(200, USER))
    user = await client.user_management.get_user("user_01")
    assert user.id == "user_01"
    sent = server.received[0]
    assert sent.headers["Authorization"] == f"Bearer {API_KEY}"
    assert sent.headers["User-Agent"].startswith("workos-async/")
    assert " python/3." in sent.headers["User-Agent"] and " aiohttp/" in sent.headers["User-Agent"]
    assert "Idempotency-Key" not in sent.headers


async def test_429_retry_after_seconds_is_honoured(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(
        respond(
            429, {"code": "rate_limit_exceeded", "message": "slow down"}, **{"Retry-After": "0.2"}
        )
    )
    server.add(respond(200, USER))
    started = time.monotonic()
    user = await client.user_management.get_user("user_01")
    assert user.email == "ada@example.com"
    assert time.monotonic() - started >= 0.19  # waited what the server asked
    assert len(server.received) == 2


async def test_429_retry_after_http_date(client: AsyncWorkOS, server: ScriptedServer) -> None:
    when = email.utils.formatdate(time.time() + 1, usegmt=True)
    server.add(
        respond(429, {"code": "rate_limit_exceeded", "message": "x"}, **{"Retry-After": when})
    )
    server.add(respond(200, USER))
    started = time.monotonic()
    await client.user_management.get_user("user_01")
    # An HTTP date has one-second resolution: anything from just above 0 up to ~1 s is right.
    assert 0.0 < time.monotonic() - started < 2.5
    assert len(server.received) == 2


async def test_retry_after_above_cap_raises_at_once(server: ScriptedServer) -> None:
    server.add(
        respond(429, {"code": "rate_limit_exceeded", "message": "x"}, **{"Retry-After": "120"})
    )
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, max_retry_after=5) as c:
        with pytest.raises(RateLimitExceededError) as info:
            await c.user_management.get_user("user_01")
    assert info.value.retry_after == 120.0
    assert info.value.status == 429 and info.value.code == "rate_limit_exceeded"
    assert len(server.received) == 1


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
async def test_transient_statuses_are_retried(
    client: AsyncWorkOS, server: ScriptedServer, status: int
) -> None:
    server.add(respond(status, {"message": "try again"}), respond(200, USER))
    user = await client.user_management.get_user("user_01")
    assert user.id == "user_01"
    assert len(server.received) == 2


async def test_5xx_gives_up_after_max_retries(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(*[respond(503, {"message": "down"})] * 3)
    with pytest.raises(ServerError) as info:
        await client.user_management.get_user("user_01")
    assert info.value.status == 503
    assert info.value.request_id == "req_3"
    assert len(server.received) == 3  # 1 + max_retries=2


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (404, NotFoundError),
        (422, UnprocessableEntityError),
    ],
)
async def test_client_errors_are_not_retried(
    client: AsyncWorkOS, server: ScriptedServer, status: int, cls: type
) -> None:
    server.add(respond(status, {"message": "nope", "code": "some_code"}), respond(200, USER))
    with pytest.raises(cls):
        await client.user_management.get_user("user_01")
    assert len(server.received) == 1


async def test_connection_reset_is_retried(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(reset(), respond(200, USER))
    user = await client.user_management.get_user("user_01")
    assert user.id == "user_01"
    assert len(server.received) == 2


async def test_connection_reset_every_time_raises_connection_error(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    # aiohttp itself re-sends an idempotent request once when a reused keep-alive connection
    # turns out dead, so the server may see more than our 1 + max_retries attempts.
    server.add(*[reset()] * 8)
    with pytest.raises(WorkOSConnectionError) as info:
        await client.user_management.get_user("user_01")
    assert not isinstance(info.value, WorkOSTimeoutError)
    assert 3 <= len(server.received) <= 6


async def test_timeout_is_retried_then_raised(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workos_async._retry.INITIAL_DELAY", 0.001)
    server.add(stall(1.0), respond(200, USER))
    async with AsyncWorkOS(api_key=API_KEY, base_url=server.url, timeout=0.2, max_retries=1) as c:
        user = await c.user_management.get_user("user_01")
        assert user.id == "user_01"
        server.add(stall(1.0), stall(1.0))
        with pytest.raises(WorkOSTimeoutError):
            await c.user_management.get_user("user_01")


async def test_per_call_options_override_retries_and_timeout(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(respond(503, {"message": "down"}), respond(200, USER))
    with pytest.raises(ServerError):
        await client.user_management.get_user("user_01", request_options={"max_retries": 0})
    server.script.clear()
    server.add(stall(1.0))
    with pytest.raises(WorkOSTimeoutError):
        await client.user_management.get_user(
            "user_01", request_options={"timeout": 0.1, "max_retries": 0}
        )


async def test_extra_headers_per_call(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(respond(200, USER))
    await client.user_management.get_user(
        "user_01", request_options={"extra_headers": {"X-Trace": "t1"}}
    )
    assert server.received[0].headers["X-Trace"] == "t1"


async def test_bad_request_options_fail_before_sending(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    with pytest.raises(TypeError, match="unknown key"):
        await client.user_management.get_user("user_01", request_options=cast(Any, {"retries": 1}))
    with pytest.raises(ValueError, match="max_retries"):
        await client.user_management.get_user("user_01", request_options={"max_retries": -1})
    assert server.received == []


async def test_post_idempotency_key_is_the_same_on_every_attempt(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    # Blind retries of a POST are opt-in (retry_non_idempotent).
    blind: RequestOptions = {"retry_non_idempotent": True}
    server.add(respond(500, {"message": "x"}), reset(), respond(201, USER))
    await client.user_management.create_user(email="ada@example.com", request_options=blind)
    keys = [r.headers.get("Idempotency-Key") for r in server.received]
    assert len(keys) == 3 and keys[0] and len(set(keys)) == 1
    # A second call gets a new key.
    server.add(respond(201, USER))
    await client.user_management.create_user(email="ada@example.com")
    assert server.received[-1].headers["Idempotency-Key"] != keys[0]


async def test_idempotency_key_given_per_call(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(respond(201, USER))
    await client.user_management.create_user(
        email="a@b.co", request_options={"idempotency_key": "import-row-7"}
    )
    assert server.received[0].headers["Idempotency-Key"] == "import-row-7"


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"message": "User not found"}, None, "User not found"),
        ({"code": "not_found", "message": "User not found"}, "not_found", "User not found"),
        ({"error": "invalid_grant", "error_description": "expired"}, "invalid_grant", "expired"),
    ],
)
async def test_three_error_body_shapes(
    client: AsyncWorkOS,
    server: ScriptedServer,
    body: dict[str, str],
    code: str | None,
    message: str,
) -> None:
    server.add(respond(404, body))
    with pytest.raises(NotFoundError) as info:
        await client.user_management.get_user("user_01")
    err = info.value
    assert (err.status, err.code, err.message, err.request_id) == (404, code, message, "req_1")
    assert err.body == body
    assert "GET /user_management/users/{id}" in str(err)


async def test_field_errors_are_kept(client: AsyncWorkOS, server: ScriptedServer) -> None:
    errors = [{"code": "email_not_available", "message": "taken"}]
    server.add(
        respond(
            400, {"code": "user_creation_error", "message": "Could not create", "errors": errors}
        )
    )
    with pytest.raises(BadRequestError) as info:
        await client.user_management.create_user(email="a@b.co")
    assert info.value.code == "user_creation_error"
    assert list(info.value.errors) == errors


async def test_auth_flow_errors_get_their_classes(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(
        respond(
            403,
            {
                "code": "email_verification_required",
                "message": "verify",
                "pending_authentication_token": "ptok_SECRET",
                "email": "a@b.co",
                "email_verification_id": "ev_1",
            },
        ),
        respond(
            400,
            {
                "error": "sso_required",
                "error_description": "use SSO",
                "connection_ids": ["conn_1"],
                "email": "a@b.co",
            },
        ),
    )
    with pytest.raises(EmailVerificationRequiredError) as info:
        await client.user_management.get_user("user_01")
    assert info.value.pending_authentication_token == "ptok_SECRET"
    assert info.value.email_verification_id == "ev_1"
    assert "ptok_SECRET" not in str(info.value) and "ptok_SECRET" not in repr(info.value)
    with pytest.raises(SsoRequiredError) as sso:
        await client.user_management.get_user("user_01")
    assert sso.value.connection_ids == ["conn_1"]


@pytest.mark.parametrize(
    "action",
    [
        raw(200, b"<html>gateway</html>", "text/html"),
        raw(200, b"", "application/json"),
        raw(200, b'{"id": "user_01", "email":', "application/json"),
        raw(200, b"[1, 2]", "application/json"),
    ],
    ids=["html", "empty", "truncated-json", "wrong-shape"],
)
async def test_unreadable_success_bodies_raise_decode_error(
    client: AsyncWorkOS, server: ScriptedServer, action: object
) -> None:
    server.add(action)  # type: ignore[arg-type]
    with pytest.raises(ResponseDecodeError) as info:
        await client.user_management.get_user("user_01")
    assert info.value.status == 200
    assert info.value.request_id == "req_1"


async def test_non_json_error_body_keeps_status(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(raw(502, b"<html>bad gateway</html>", "text/html"), raw(404, b"nope"))
    with pytest.raises(NotFoundError) as info:
        await client.user_management.get_user("user_01")
    assert info.value.status == 404 and info.value.request_id == "req_2"
    assert info.value.raw_body == "nope"


async def test_body_cut_off_mid_stream(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(*[truncated(200, b'{"id": "user_01", "em')] * 3)
    with pytest.raises(ResponseDecodeError) as info:
        await client.user_management.get_user("user_01")
    assert info.value.status == 200
    assert info.value.request_id is not None


async def test_no_api_key_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKOS_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="WORKOS_API_KEY") as info:
        AsyncWorkOS()
    assert "api_key" in str(info.value)


async def test_configuration_from_environment(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer
) -> None:
    monkeypatch.setenv("WORKOS_API_KEY", "sk_test_from_env_123456")
    monkeypatch.setenv("WORKOS_CLIENT_ID", "client_env")
    monkeypatch.setenv("WORKOS_BASE_URL", server.url)
    server.add(respond(200, USER))
    async with AsyncWorkOS() as c:
        assert c.client_id == "client_env" and c.base_url == server.url
        await c.user_management.get_user("user_01")
    assert server.received[0].headers["Authorization"] == "Bearer sk_test_from_env_123456"


async def test_secrets_never_in_messages_reprs_or_logs(
    client: AsyncWorkOS, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="workos_async")
    password = "hunter2-SUPER-secret"
    server.add(
        respond(503, {"message": "down"}, **{"Retry-After": "0"}),
        respond(400, {"code": "password_strength_error", "message": "weak"}),
    )
    with pytest.raises(BadRequestError) as info:
        await client.user_management.create_user(email="a@b.co", password=password)
    texts = [str(info.value), repr(info.value), repr(client), repr(client._config), caplog.text]
    for text in texts:
        assert API_KEY not in text
        assert password not in text
    assert "retry" in caplog.text  # the retry was logged, without secrets
    with pytest.raises(TypeError) as type_info:
        await client.user_management.create_user(email="a@b.co", password=12345)  # type: ignore[arg-type]
    assert "12345" not in str(type_info.value)


async def test_closed_client_refuses_requests(server: ScriptedServer) -> None:
    c = AsyncWorkOS(api_key=API_KEY, base_url=server.url)
    await c.aclose()
    with pytest.raises(Exception, match="closed"):
        await c.user_management.get_user("user_01")


async def test_with_options_shares_the_pool(client: AsyncWorkOS, server: ScriptedServer) -> None:
    server.add(respond(503, {"message": "x"}), respond(200, USER))
    fast_fail = client.with_options(max_retries=0, extra_headers={"X-Team": "a"})
    with pytest.raises(ServerError):
        await fast_fail.user_management.get_user("user_01")
    assert server.received[0].headers["X-Team"] == "a"
    await client.user_management.get_user("user_01")
    assert "X-Team" not in server.received[1].headers
