"""Tokens built to break a JSON parser are malformed tokens, never a crash: 3,000 ``[`` in a
token's header is refused the same way with or without orjson."""

from __future__ import annotations

import pytest

from workos_async.sessions import MalformedTokenError
from workos_async.sessions._codec import b64url_encode, json_loads
from workos_async.sessions._jwt import decode_unverified_header


def _token(header: bytes) -> str:
    return f"{b64url_encode(header)}.{b64url_encode(b'{}')}.c2ln"


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_deeply_nested_token_header_is_a_malformed_token(depth: int) -> None:
    with pytest.raises(MalformedTokenError):
        decode_unverified_header(_token(b"[" * depth))


def test_the_sessions_decoder_refuses_deep_nesting_with_a_value_error() -> None:
    with pytest.raises(ValueError):
        json_loads(b"[" * 3_000 + b"]" * 3_000)
