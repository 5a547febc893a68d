"""Issue 9 point 5 (async side): no secret in a kept body, a pickle or a frame's locals; a
half-built model's repr works; closing the client under calls in flight gives our error."""

from __future__ import annotations

import asyncio
import json
import pickle
import traceback

import pytest

from workos_async import (
    AsyncWorkOS,
    BadRequestError,
    ClientClosedError,
    EmailVerificationRequiredError,
    ResponseDecodeError,
    WorkOSConnectionError,
    WorkOSError,
)
from workos_async._secret import Secret, SecretBytes
from workos_async.models import AuthenticationResponse, User

from .conftest import API_KEY, USER
from .scripted_server import ScriptedServer, raw, reset, respond, stall

PASSWORD = "correct-horse-battery-staple-9"
TOKENS = {
    "access_token": "eyJ.ACCESS.secret",
    "refresh_token": "REFRESH_secret_123",
    "code": "CODE_secret_456",
    "sealed_session": "Fe26.2*SEALED*secret",
    "password": PASSWORD,
}


def leaked(text: str) -> list[str]:
    return [v for v in (*TOKENS.values(), API_KEY) if v in text]


async def test_decode_error_raw_body_keeps_no_token(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    body = {**TOKENS, "user": {"id": 5}}  # the wrong shape: user.id is not a str
    server.add(raw(200, json.dumps(body).encode(), "application/json"))
    with pytest.raises(ResponseDecodeError) as info:
        await client.user_management.authenticate_with_password(email="a@b.co", password=PASSWORD)
    err = info.value
    assert leaked(err.raw_body) == [] and "<redacted>" in err.raw_body
    assert '"user":{"id":5}' in err.raw_body.replace(" ", "")  # the rest is kept for debugging


async def test_unparseable_body_is_redacted_as_text(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    cut = b'{"refresh_token": "REFRESH_secret_123", "access_token": "eyJ.ACCESS.sec'
    server.add(raw(200, cut, "application/json"))
    with pytest.raises(ResponseDecodeError) as info:
        await client.user_management.get_user("user_01")
    assert leaked(info.value.raw_body) == []
    assert "refresh_token" in info.value.raw_body


async def test_api_error_pickles_without_raw_body_or_secrets(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(
        respond(
            403,
            {
                "code": "email_verification_required",
                "message": "verify",
                "pending_authentication_token": "PENDING_secret_789",
                "email": "a@b.co",
            },
        )
    )
    with pytest.raises(EmailVerificationRequiredError) as info:
        await client.user_management.get_user("user_01")
    err = info.value
    assert err.pending_authentication_token == "PENDING_secret_789"  # usable in process
    assert "PENDING_secret_789" not in err.raw_body
    data = pickle.dumps(err)
    assert b"PENDING_secret_789" not in data and b"verify" in data
    back = pickle.loads(data)
    assert type(back) is EmailVerificationRequiredError
    assert (back.status, back.code, back.email) == (403, "email_verification_required", "a@b.co")
    assert back.raw_body == "" and str(back) == str(err)


def _frames_text(exc: BaseException) -> str:
    report = traceback.TracebackException(type(exc), exc, exc.__traceback__, capture_locals=True)
    return "".join(report.format())


async def test_frames_with_locals_show_no_api_key_or_password(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    server.add(reset(), respond(400, {"code": "invalid_credentials", "message": "no"}))
    with pytest.raises(WorkOSConnectionError) as info:
        await client.user_management.authenticate_with_password(
            email="a@b.co", password=PASSWORD, request_options={"max_retries": 0}
        )
    text = _frames_text(info.value)
    assert API_KEY not in text  # the client_secret and the Authorization header are Secrets
    assert "workos_async/_transport.py" in text and "resources/user_management.py" in text
    # The generated method stores the password as a Secret and deletes the plain argument.
    assert PASSWORD not in text
    server.add(respond(400, {"code": "invalid_credentials", "message": "no"}))
    with pytest.raises(BadRequestError) as bad:
        await client.user_management.authenticate_with_password(email="a@b.co", password=PASSWORD)
    assert API_KEY not in _frames_text(bad.value) and PASSWORD not in _frames_text(bad.value)


def test_secret_types_hide_their_value_but_work() -> None:
    key = Secret(API_KEY)
    assert repr(key) == "'<redacted>'" and str(key) == API_KEY and key == API_KEY
    assert repr({"client_secret": key}) == "{'client_secret': '<redacted>'}"
    assert f"Bearer {key}" == f"Bearer {API_KEY}"
    body = SecretBytes(b'{"password": "x"}')
    assert "password" not in repr(body) and body == b'{"password": "x"}'
    assert API_KEY.encode() not in pickle.dumps(key)
    client = AsyncWorkOS(api_key=API_KEY)
    assert API_KEY not in repr(client._config) and API_KEY not in repr(vars(client))


def test_repr_of_a_half_built_model_never_raises() -> None:
    half = object.__new__(User)
    object.__setattr__(half, "id", "user_01")
    text = repr(half)
    assert "id='user_01'" in text and "email=<unset>" in text
    tokens = object.__new__(AuthenticationResponse)
    object.__setattr__(tokens, "access_token", "eyJ.ACCESS.secret")
    assert "eyJ.ACCESS.secret" not in repr(tokens) and "<redacted>" in repr(tokens)
    full = User(
        **{k: v for k, v in USER.items() if k not in ("created_at", "updated_at")},  # type: ignore[arg-type]
        created_at=None,  # type: ignore[arg-type]
        updated_at=None,  # type: ignore[arg-type]
    )
    assert repr(full).startswith("User(object='user', id='user_01'")


async def test_close_while_calls_are_in_flight(server: ScriptedServer) -> None:
    server.add(*[stall(5.0)] * 3)
    client = AsyncWorkOS(api_key=API_KEY, base_url=server.url)
    calls = [asyncio.ensure_future(client.user_management.get_user("user_01")) for _ in range(3)]
    await server.wait_received(3)
    await client.aclose()
    results = await asyncio.gather(*calls, return_exceptions=True)
    for result in results:
        assert isinstance(result, ClientClosedError), repr(result)
        assert isinstance(result, WorkOSError)
    with pytest.raises(ClientClosedError):
        await client.user_management.get_user("user_01")


async def test_close_during_a_retry_wait(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.add(respond(503, {"message": "down"}, **{"Retry-After": "0.3"}))
    client = AsyncWorkOS(api_key=API_KEY, base_url=server.url)
    call = asyncio.ensure_future(client.user_management.get_user("user_01"))
    await server.wait_received(1)
    await client.aclose()
    with pytest.raises(ClientClosedError):
        await call
