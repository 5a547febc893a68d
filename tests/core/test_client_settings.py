"""Issue 9 point 3 (inputs that would change the target are refused) and issue 14 point 3
(one settings path: config -> with_options -> request_options, unset values inherited)."""

from __future__ import annotations

import warnings

import pytest

from workos_async import (
    AsyncWorkOS,
    ConfigurationError,
    InvalidHeaderError,
    Timeout,
    WorkOSError,
)
from workos_async._config import ClientConfig, InsecureBaseUrlWarning, _warned_hosts

from .conftest import API_KEY, USER
from .scripted_server import ScriptedServer, respond


@pytest.mark.parametrize(
    ("base_url", "words"),
    [
        ("https://admin:s3cretpass@api.workos.com", "credentials"),
        ("https://api.workos.com?x=1", "query"),
        ("https://api.workos.com/?", "query"),
        ("https://api.workos.com#frag", "fragment"),
        ("ftp://api.workos.com", "http"),
        ("https://api.workos.com\r\nX-Evil: 1", "control"),
        ("https://api.workos.com:99999", "valid URL"),
        ("https://", "no host"),
    ],
)
def test_base_url_refused_with_a_clear_error(base_url: str, words: str) -> None:
    with pytest.raises(ConfigurationError, match=words) as info:
        AsyncWorkOS(api_key=API_KEY, base_url=base_url)
    assert "s3cretpass" not in str(info.value)


def test_plain_http_to_a_remote_host_warns_once() -> None:
    _warned_hosts.discard("api.example.org")
    with pytest.warns(InsecureBaseUrlWarning, match="api.example.org"):
        AsyncWorkOS(api_key=API_KEY, base_url="http://api.example.org")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AsyncWorkOS(api_key=API_KEY, base_url="http://api.example.org")  # once
        for local in ("http://localhost:8001", "http://127.0.0.5:9", "http://[::1]:8001"):
            AsyncWorkOS(api_key=API_KEY, base_url=local)


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Trace": "a\r\nX-Injected: 1"},
        {"X-Trace": "a\nb"},
        {"X-Bad\r\nName": "v"},
        {"X-Trace": 5},
    ],
)
async def test_crlf_in_headers_is_refused_everywhere(
    client: AsyncWorkOS, server: ScriptedServer, headers: dict[str, object]
) -> None:
    name = next(iter(headers))
    with pytest.raises(InvalidHeaderError) as info:
        AsyncWorkOS(api_key=API_KEY, default_headers=headers)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError) and isinstance(info.value, WorkOSError)
    assert repr(name) in str(info.value)
    assert "Injected" not in str(info.value).replace(repr(name), "")  # the value is not shown
    with pytest.raises(InvalidHeaderError):
        client.with_options(extra_headers=headers)  # type: ignore[arg-type]
    with pytest.raises(InvalidHeaderError):
        await client.user_management.get_user(
            "user_01",
            request_options={"extra_headers": headers},  # type: ignore[arg-type]
        )
    assert server.received == []


async def test_with_options_chain_keeps_every_setting(
    client: AsyncWorkOS, server: ScriptedServer
) -> None:
    chained = client.with_options(timeout=5).with_options(max_retries=0)
    settings = chained._transport.settings
    assert settings.timeout == Timeout.coerce(5)  # today: lost by the second call
    assert settings.max_retries == 0
    headed = chained.with_options(extra_headers={"X-A": "1"}).with_options(
        extra_headers={"X-B": "2"}, deadline=7
    )
    assert {"X-A": "1", "X-B": "2"}.items() <= headed._transport.settings.headers.items()
    assert headed._transport.settings.timeout == Timeout.coerce(5)
    assert headed._transport.settings.deadline == 7
    server.add(respond(200, USER))
    await headed.user_management.get_user("user_01")
    sent = server.received[0].headers
    assert (sent["X-A"], sent["X-B"]) == ("1", "2")


def test_request_options_merge_over_with_options() -> None:
    config = ClientConfig.resolve(api_key=API_KEY, timeout=30, deadline=60)
    base = config.settings.merged({"max_retries": 1, "extra_headers": {"X-A": "1"}})
    call = base.merged({"timeout": 2, "extra_headers": {"X-B": "2"}})
    assert (call.max_retries, call.deadline, call.timeout) == (1, 60, Timeout.coerce(2))
    assert dict(call.headers) == {"X-A": "1", "X-B": "2"}
    assert base.merged({}) is base


def test_constructor_options_are_one_typed_dict() -> None:
    with pytest.raises(TypeError, match="max_retry"):
        AsyncWorkOS(api_key=API_KEY, max_retry=1)  # type: ignore[call-arg]
    c = AsyncWorkOS(api_key=API_KEY, max_response_size=1024, deadline=None)
    assert c._config.max_response_size == 1024 and c._config.deadline is None
    with pytest.raises(ConfigurationError, match="deadline"):
        AsyncWorkOS(api_key=API_KEY, deadline=0)
