"""A separate process for the cross-process tests: ``python -m tests.coordination.worker
<job> '<json>'``. It waits for ``start_at`` (wall clock) so every worker begins together, does
its job against the real redis-server, and prints one JSON line."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import sys
import time
from typing import Any

from workos_async.coordination import Limit, RateLimits, connect
from workos_async.coordination.redis_limiter import RedisRateLimiter


def limits_from(spec: dict[str, Any]) -> RateLimits:
    def limit(name: str) -> Limit | None:
        value = spec.get(name)
        return None if value is None else Limit(value[0], value[1])

    return RateLimits(
        writes=limit("writes"),
        reads=limit("reads"),
        all=limit("all"),
        margin=spec.get("margin", 0.0),
        burst=spec.get("burst", 0.02),
        interactive_share=spec.get("share", 0.2),
        default_pause=spec.get("default_pause", 1.0),
    )


def unsigned_token(claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


async def until(start_at: float) -> None:
    await asyncio.sleep(max(0.0, start_at - time.time()))


async def acquire(args: dict[str, Any]) -> dict[str, Any]:
    redis = connect(args["url"], timeout=1.0)
    limiter = RedisRateLimiter(redis, limits_from(args["limits"]), scope=args["scope"])
    grants: list[float] = []

    async def one() -> None:
        await limiter.acquire(args.get("kind", "write"), args.get("priority", "bulk"))
        grants.append(time.time())

    await until(args["start_at"])
    started = time.time()
    sem = asyncio.Semaphore(args.get("concurrency", 8))

    async def bounded() -> None:
        async with sem:
            await one()

    await asyncio.gather(*(bounded() for _ in range(args["n"])))
    await redis.aclose()
    return {"grants": grants, "started": started, "fallback": limiter.fallback_grants}


async def try_acquire(args: dict[str, Any]) -> dict[str, Any]:
    redis = connect(args["url"], timeout=5.0)
    # Atomicity is under test here, not the fallback: a generous Redis timeout, so a busy
    # machine (the first EVALSHA loads the script) cannot turn a grant into a timeout.
    limiter = RedisRateLimiter(redis, limits_from(args["limits"]), scope=args["scope"], timeout=5.0)
    await until(args["start_at"])
    waits = await asyncio.gather(
        *(limiter.try_acquire("write", args.get("priority", "bulk")) for _ in range(args["n"]))
    )
    await redis.aclose()
    return {"granted": sum(1 for w in waits if w == 0.0)}


async def refresh(args: dict[str, Any]) -> dict[str, Any]:
    from workos_async.coordination import Coordinator, share_refreshes
    from workos_async.sessions import AsyncSessions

    redis = connect(args["url"], timeout=1.0)
    coordinator = Coordinator.from_redis(redis, api_key="sk_test_worker")

    async def refresh_fn(*, refresh_token: str, organization_id: str | None = None) -> Any:
        await redis.incr("test:refresh-calls")
        await asyncio.sleep(args.get("refresh_takes", 0.3))
        now = int(time.time())
        claims = {"sub": "user_1", "sid": "session_1", "exp": now + 300, "iat": now}
        return {
            "access_token": unsigned_token(claims),
            "refresh_token": "rt-new-" + os.urandom(8).hex(),
            "user": {"id": "user_1", "email": "ada@example.com"},
        }

    sessions = AsyncSessions(
        cookie_password=args["password"],
        client_id="client_test",
        authenticate_with_refresh_token=refresh_fn,
        logout_url=lambda sid, to: "",
    )
    share_refreshes(sessions, coordinator)
    await until(args["start_at"])
    results = await asyncio.gather(
        *(
            sessions.load_sealed_session(args["cookie"]).refresh()
            for _ in range(args.get("requests", 10))
        )
    )
    digests = sorted(
        {
            hashlib.sha256(r.sealed_session.encode()).hexdigest()
            for r in results
            if r.authenticated and r.refreshed
        }
    )
    await redis.aclose()
    return {
        "authenticated": sum(1 for r in results if r.authenticated),
        "digests": digests,
        "shared_hits": sessions.refreshes.shared_hits,
    }


async def bulk_import(args: dict[str, Any]) -> dict[str, Any]:
    from workos_async import AsyncWorkOS
    from workos_async.bulk import import_users
    from workos_async.coordination import SharedRateGovernor

    from ..bulk.bulk_fake_helpers import make_rows

    redis = connect(args["url"], timeout=1.0)
    limiter = RedisRateLimiter(redis, limits_from(args["limits"]), scope=args["scope"])
    rows = make_rows(args["n"], start=args["first_row"])
    async with AsyncWorkOS(
        api_key=args["api_key"], client_id="client_bulk", base_url=args["fake_url"], max_retries=0
    ) as client:
        await until(args["start_at"])
        run = import_users(
            client,
            rows,
            concurrency=args.get("concurrency", 16),
            governor=SharedRateGovernor(limiter),
        )
        summary = await run.wait()
    await redis.aclose()
    return {
        "outcomes": dict(summary.outcomes),
        "rate_limited": summary.rate_limited,
        "writes": summary.requests["write"],
        "fallback": limiter.fallback_grants,
    }


async def signups(args: dict[str, Any]) -> dict[str, Any]:
    from workos_async import AsyncWorkOS, RateLimitExceededError

    redis = connect(args["url"], timeout=1.0)
    limiter = RedisRateLimiter(redis, limits_from(args["limits"]), scope=args["scope"])
    created = limited = 0
    async with AsyncWorkOS(
        api_key=args["api_key"], client_id="client_app", base_url=args["fake_url"], max_retries=0
    ) as client:
        await until(args["start_at"])
        for n in range(args["n"]):
            await limiter.acquire("write", "interactive")
            try:
                await client.user_management.create_user(email=f"signup{n}@example.com")
            except RateLimitExceededError:
                limited += 1
            else:
                created += 1
            await asyncio.sleep(args.get("gap", 0.05))
    await redis.aclose()
    return {
        "created": created,
        "rate_limited": limited,
        "held": limiter.held["interactive"],
        "fallback": limiter.fallback_grants,
    }


JOBS = {
    "acquire": acquire,
    "try": try_acquire,
    "refresh": refresh,
    "import": bulk_import,
    "signups": signups,
}


def main() -> None:
    job, raw = sys.argv[1], sys.argv[2]
    result = asyncio.run(JOBS[job](json.loads(raw)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
