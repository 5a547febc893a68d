"""Hostile input never gets a 5xx: a bounded, seeded fuzz run over every operation of the
spec (``spec/user_management_endpoints.json``) and the control routes, with mutations of the
path (bad percent-encoding, bad UTF-8, NUL, long ids), the query, the body (deep nesting,
wrong types, huge numbers, NaN, lone surrogates, huge bodies) and the content type.

Every answer must be below 500 (no fault is installed, so no 5xx is expected at all), with
WorkOS's error body shape on a 4xx, no crash may be noted in ``fake.internal_errors``, and the
fake must serve normally afterwards (time, ids and routes intact).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from typing import Any

import aiohttp
from yarl import URL

from workos_async.testing import FakeWorkOS

from ..spec_data import load_json

ENDPOINTS = load_json("user_management_endpoints.json")
#: Requests per run: enough to cover every operation with many mutations, small enough for CI.
REQUESTS = 2500
SEED = 20261205

CONTROL = [
    ("POST", "/_fake/clock/advance"),
    ("PUT", "/_fake/settings"),
    ("POST", "/_fake/faults"),
    ("PUT", "/_fake/rate_limits"),
    ("POST", "/_fake/sessions"),
    ("POST", "/_fake/seed"),
    ("PUT", "/_fake/auth"),
    ("POST", "/_fake/auth/rotate_key"),
]
#: Control bodies the fake must refuse cleanly (each once, before the random part).
HOSTILE_CONTROL: list[tuple[str, str, bytes]] = [
    ("POST", "/_fake/clock/advance", b'{"seconds": 1e300}'),
    ("POST", "/_fake/clock/advance", b'{"seconds": NaN}'),
    ("POST", "/_fake/clock/advance", b'{"seconds": Infinity}'),
    ("POST", "/_fake/clock/advance", b'{"seconds": 1' + b"0" * 400 + b"}"),
    ("PUT", "/_fake/rate_limits", b'{"scale": 1e308}'),
    ("PUT", "/_fake/rate_limits", b'{"window": 1e300}'),
    ("PUT", "/_fake/auth", b'{"access_token_ttl": 1e300}'),
    ("PUT", "/_fake/auth", b'{"logout_redirect": "http://x/\\r\\nSet-Cookie: a=b"}'),
    ("POST", "/_fake/sessions", b'{"user_id": "user_x", "expires_in": 1e300}'),
    ("POST", "/_fake/faults", b'{"kind": "latency", "latency": 1e300}'),
    ("POST", "/_fake/faults", b'{"headers": {"X-A": "b\\r\\nc"}}'),
    ("POST", "/_fake/seed", b'{"memberships": [{"user_external_id": [1]}]}'),
]

WEIRD_VALUES: list[Any] = [
    None, True, 0, -1, 1e300, -1e300, 2**70, 10**30, 1.5, "", " ", "x" * 5000, "é\u2028",
    "\ud800", "../../etc", "%00", "a\x00b", [], [1, "a"], {}, {"a": {"b": {}}}, "user_x",
    "http://x/\r\nA: b", "not-an-email", "a@b.co",
]  # fmt: skip


def _deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


RAW_BODIES: list[bytes] = [
    _deep(100_000),
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
    b'{"email": NaN}',
    b'{"email": Infinity}',
    b'{"x": 1' + b"0" * 5000 + b"}",
    b'{"email": "\\ud800"}',
    b"\xff\xfe\xfd",
    b'{"email": "a@b.co"',
    b"null",
    b"[]",
    b'"text"',
    b"{" + b'"k":1,' * 50_000 + b'"k":2}',
    b" " * 10,
]
CONTENT_TYPES = [
    "application/json",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "",
    "application/vnd.api+json",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin-1",
]
PATH_VALUES = [
    "%C3%28", "%FF", "%00", "%2F", "%", "%zz", "%E2%80%A8", "é", "x" * 3000, "..", "user_x",
    "user_01ZZZZZZZZZZZZZZZZZZZZZZZZ", "%C3%A9", "a%2Fb",
]  # fmt: skip
QUERY_MUTATIONS = [
    "limit=1e400", "limit=-5", "limit=%FF", "order=sideways", "before=%C3%28", "after=x",
    "limit=1&limit=2", "email=%00", "statuses=a,b", "statuses=active&statuses=inactive",
    "organization_id=%C3%28", "unknown=1", "session_id=%0D%0A", "return_to=http://x/%0D%0Ab",
    "redirect_uri=http://[::1", "client_id=%C3%A9",
]  # fmt: skip


def _fill(template: str, rng: random.Random, ids: dict[str, str]) -> str:
    out = []
    for part in template.split("/"):
        if part.startswith("{"):
            out.append(rng.choice([*PATH_VALUES, *ids.values()]))
        else:
            out.append(part)
    return "/".join(out)


def _body(op: dict[str, Any] | None, rng: random.Random) -> tuple[bytes, str]:
    kind = rng.random()
    content_type = rng.choice(CONTENT_TYPES)
    if kind < 0.3:
        return rng.choice(RAW_BODIES), content_type
    fields: list[str] = []
    if op is not None and op.get("request_body"):
        spec = op["request_body"]
        fields = spec.get("required_fields", []) + spec.get("optional_fields", [])
    fields = fields or ["email", "seconds", "user_id", "name", "grant_type"]
    body = {name: rng.choice(WEIRD_VALUES) for name in rng.sample(fields, k=min(len(fields), 4))}
    if rng.random() < 0.2:
        body["grant_type"] = rng.choice(sorted(ENDPOINTS["authenticate_grant_types"]))
    text = json.dumps(body, ensure_ascii=rng.random() < 0.5)
    return text.encode("utf-8", "surrogatepass"), content_type


def _shape_ok(status: int, body: bytes, content_type: str) -> bool:
    """A 4xx body is one of WorkOS's shapes: {message}, {code, message} or {error, ...}.

    The one exception: a request line aiohttp's HTTP parser refuses (raw non-ASCII bytes in
    the path) never reaches the fake and gets the parser's plain-text 400.
    """
    if status in (204, 302) or not body:
        return True
    if content_type != "application/json":
        return status == 400 and body.startswith(b"Invalid char in url path")
    data = json.loads(body)
    if status < 400:
        return True
    return isinstance(data, dict) and (
        isinstance(data.get("message"), str) or isinstance(data.get("error"), str)
    )


async def _raw_request(fake: FakeWorkOS, line: bytes) -> int:
    """Send one request line as raw bytes (bad UTF-8 in the path): the status, or 0 when the
    server closed the connection without one."""
    url = URL(fake.url)
    reader, writer = await asyncio.open_connection(url.host, url.port)
    writer.write(
        line + b"\r\nHost: x\r\nAuthorization: Bearer " + fake.api_key.encode() + b"\r\n"
        b"Connection: close\r\n\r\n"
    )
    await writer.drain()
    head = await reader.read(64)
    writer.close()
    return int(head.split(b" ")[1]) if head.startswith(b"HTTP/1.") else 0


async def test_no_5xx_under_fuzzing_and_healthy_after() -> None:
    rng = random.Random(SEED)
    operations = ENDPOINTS["operations"]
    failures: list[str] = []
    async with FakeWorkOS(random_seed=7) as fake:
        headers = {"Authorization": f"Bearer {fake.api_key}"}
        async with aiohttp.ClientSession(headers=headers) as session:

            async def send(method: str, path: str, body: bytes, content_type: str) -> None:
                url = URL(fake.url + path, encoded=True)
                hdrs = {"Content-Type": content_type} if content_type else {}
                async with session.request(method, url, data=body, headers=hdrs) as r:
                    payload = await r.read()
                if r.status >= 500 or not _shape_ok(r.status, payload, r.content_type):
                    failures.append(f"{method} {path[:120]} -> {r.status} {payload[:160]!r}")

            user = await session.post(
                fake.url + "/user_management/users", json={"email": "fuzz@example.com"}
            )
            ids = {"user": (await user.json())["id"]}
            for method, path, body in HOSTILE_CONTROL:
                await send(method, path, body, "application/json")
            for i in range(REQUESTS):
                if i % 10 == 9:
                    method, template = rng.choice(CONTROL)
                    op = None
                else:
                    op = rng.choice(operations)
                    method, template = op["method"], op["path"]
                path = _fill(template, rng, ids)
                if rng.random() < 0.3:
                    path += "?" + "&".join(rng.sample(QUERY_MUTATIONS, k=2))
                body, content_type = (b"", "") if method == "GET" else _body(op, rng)
                await send(method, path, body, content_type)
            for target in (b"/sso/jwks/\xff\xfe", b"/user_management/users/\xc3\x28"):
                status = await _raw_request(fake, b"GET " + target + b" HTTP/1.1")
                if not 400 <= status < 500:
                    failures.append(f"raw GET {target!r} -> {status}")
            huge = b'{"email": "' + b"a" * (3 * 1024 * 1024) + b'"}'
            await send("POST", "/user_management/users", huge, "application/json")

            # Healthy afterwards: time is sane, writes and reads work, ids still increase.
            async with session.get(fake.url + "/_fake/health") as r:
                assert r.status == 200
            async with session.post(
                fake.url + "/user_management/users", json={"email": "after@example.com"}
            ) as r:
                assert r.status == 201, await r.text()
                after = await r.json()
            assert after["id"] > ids["user"]
            assert after["created_at"].startswith(time.strftime("%Y"))
            async with session.get(fake.url + f"/user_management/users/{after['id']}") as r:
                assert r.status == 200
        assert failures == [], "\n".join(failures[:20])
        assert fake.internal_errors == []
        # The API requests really were answered (control routes are not counted).
        counted = fake.counters
        assert counted.total >= REQUESTS * 0.8
        assert sum(n for status, n in counted.by_status.items() if 400 <= status < 500) > 1000
