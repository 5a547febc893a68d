"""Control routes under ``/_fake/`` for other processes and languages (same API key).

============================  ==========================================================
``GET /_fake/health``         ``{"ok": true}``
``POST /_fake/reset``         drop all state, faults, log, counters (``{"reseed": true}``
                              loads the start-up seed again)
``GET /_fake/state``          every object by collection
``POST /_fake/seed``          load seed data (``organizations`` / ``users`` /
                              ``memberships``) → 201 with the new ids
``GET|DELETE /_fake/requests``  the request log (secrets redacted) / empty it
``GET /_fake/counters``       counts by route and status, 429s, faults
``GET|POST|DELETE /_fake/faults``  list / add (one fault, or ``{"faults": [...]}``) / clear
``DELETE /_fake/faults/{id}``  remove one fault
``GET|PUT|DELETE /_fake/rate_limits``  show / turn on (fields of ``RateLimits``, plus an
                              optional ``scale`` for the windows) / turn off
``POST /_fake/sessions``      create a session (``user_id``, ``organization_id``, ...)
``POST /_fake/clock/advance`` ``{"seconds": N}``: move the fake's time forward
``PUT /_fake/settings``       ``roles``, ``default_role``, ``multiple_roles_enabled``,
                              ``password_min_length``
``GET|PUT /_fake/auth``       ``fake.auth``'s settings and counters (``_control_auth.py``);
                              ``POST /_fake/auth/rotate_key`` rotates the signing key
============================  ==========================================================

Control requests bypass faults and rate limits and are not logged or counted.
"""

from __future__ import annotations

from typing import Any

from ..domain.ids import iso
from .errors import invalid_request as _invalid
from .errors import message_only
from .faults import Fault
from .ratelimit import RateLimits
from .router import Ctx, Reply, Router


def _object(ctx: Ctx) -> dict[str, Any]:
    return ctx.body_object()


def _health(ctx: Ctx) -> Reply:
    return Reply(200, {"ok": True, "url": ctx.fake.url if ctx.fake.running else None})


def _reset(ctx: Ctx) -> Reply:
    data = _object(ctx)
    reseed = data.get("reseed", False)
    if not isinstance(reseed, bool) or set(data) - {"reseed"}:
        raise _invalid('reset takes only {"reseed": true|false}.')
    ctx.fake.reset(reseed=reseed)
    return Reply(200, {"ok": True})


def _state(ctx: Ctx) -> Reply:
    return Reply(200, ctx.store.dump())


def _seed(ctx: Ctx) -> Reply:
    try:
        created = ctx.fake.seed(_object(ctx))
    except ValueError as exc:
        raise _invalid(str(exc)) from None
    return Reply(201, created)


def _requests(ctx: Ctx) -> Reply:
    return Reply(200, {"data": [r.to_dict() for r in ctx.fake.requests]})


def _clear_requests(ctx: Ctx) -> Reply:
    ctx.fake.clear_requests()
    return Reply(200, {"ok": True})


def _counters(ctx: Ctx) -> Reply:
    return Reply(200, ctx.fake.counters.to_dict())


def _faults(ctx: Ctx) -> Reply:
    return Reply(200, {"data": ctx.fake.faults.list()})


def _add_faults(ctx: Ctx) -> Reply:
    data = _object(ctx)
    specs = data["faults"] if set(data) == {"faults"} else [data]
    if not isinstance(specs, list) or not specs:
        raise _invalid("faults must be a non-empty list of fault objects.")
    try:
        faults = [Fault.from_dict(spec) for spec in specs]
    except ValueError as exc:
        raise _invalid(f"bad fault: {exc}") from None
    ids = [ctx.fake.faults.add(f) for f in faults]
    if len(ids) == 1 and "faults" not in data:
        return Reply(201, {"id": ids[0], **faults[0].to_dict()})
    return Reply(201, {"ids": ids})


def _clear_faults(ctx: Ctx) -> Reply:
    ctx.fake.faults.clear()
    return Reply(200, {"ok": True})


def _remove_fault(ctx: Ctx) -> Reply:
    if not ctx.fake.faults.remove(ctx.params["id"]):
        raise message_only(404, f"No active fault {ctx.params['id']!r}.")
    return Reply(200, {"ok": True})


def _rate_limits(ctx: Ctx) -> Reply:
    limits = ctx.fake.rate_limits
    return Reply(
        200, {"enabled": limits is not None, "limits": limits.to_dict() if limits else None}
    )


def _set_rate_limits(ctx: Ctx) -> Reply:
    data = dict(_object(ctx))
    scale = data.pop("scale", None)
    try:
        limits = RateLimits.from_dict(data)
        if scale is not None:
            limits = limits.scaled(scale)
    except ValueError as exc:
        raise _invalid(str(exc)) from None
    ctx.fake.rate_limits = limits
    return Reply(200, {"enabled": True, "limits": limits.to_dict()})


def _disable_rate_limits(ctx: Ctx) -> Reply:
    ctx.fake.rate_limits = None
    return Reply(200, {"enabled": False, "limits": None})


def _create_session(ctx: Ctx) -> Reply:
    data = _object(ctx)
    allowed = {
        "user_id",
        "organization_id",
        "auth_method",
        "ip_address",
        "user_agent",
        "impersonator",
        "expires_in",
    }
    unknown = sorted(set(data) - allowed)
    wrong = [
        k
        for k, v in data.items()
        if k != "impersonator" and k != "expires_in" and v is not None and not isinstance(v, str)
    ]
    if unknown or wrong or not isinstance(data.get("user_id"), str):
        raise _invalid(
            f"sessions take user_id (required) and {', '.join(sorted(allowed - {'user_id'}))}."
        )
    user_id = data.pop("user_id")
    try:
        record = ctx.store.create_session(user_id, **data)
    except KeyError as exc:
        raise message_only(404, str(exc.args[0])) from None
    except (TypeError, ValueError) as exc:
        raise _invalid(str(exc)) from None
    return Reply(201, record)


def _advance_clock(ctx: Ctx) -> Reply:
    data = _object(ctx)
    try:
        ctx.fake.clock.advance(data.get("seconds"))  # type: ignore[arg-type]
    except ValueError as exc:
        raise _invalid(str(exc)) from None
    return Reply(200, {"now": iso(ctx.fake.clock.now())})


def _settings(ctx: Ctx) -> Reply:
    data = _object(ctx)
    store = ctx.store
    for key, value in data.items():
        if key == "roles" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            store.roles = set(value)
        elif key == "default_role" and isinstance(value, str) and value:
            store.default_role = value
        elif key == "multiple_roles_enabled" and isinstance(value, bool):
            store.multiple_roles_enabled = value
        elif (
            key == "password_min_length"
            and isinstance(value, int)
            and not isinstance(value, bool)
            and value >= 0
        ):
            store.password_min_length = value
        else:
            raise _invalid(f"bad setting {key[:80]!r}.")
    return Reply(
        200,
        {
            "roles": sorted(store.roles),
            "default_role": store.default_role,
            "multiple_roles_enabled": store.multiple_roles_enabled,
            "password_min_length": store.password_min_length,
        },
    )


def build_control_router() -> Router:
    """The ``/_fake/...`` routes."""
    router = Router()
    router.add("GET", "/_fake/health", _health)
    router.add("POST", "/_fake/reset", _reset)
    router.add("GET", "/_fake/state", _state)
    router.add("POST", "/_fake/seed", _seed)
    router.add("GET", "/_fake/requests", _requests)
    router.add("DELETE", "/_fake/requests", _clear_requests)
    router.add("GET", "/_fake/counters", _counters)
    router.add("GET", "/_fake/faults", _faults)
    router.add("POST", "/_fake/faults", _add_faults)
    router.add("DELETE", "/_fake/faults", _clear_faults)
    router.add("DELETE", "/_fake/faults/{id}", _remove_fault)
    router.add("GET", "/_fake/rate_limits", _rate_limits)
    router.add("PUT", "/_fake/rate_limits", _set_rate_limits)
    router.add("DELETE", "/_fake/rate_limits", _disable_rate_limits)
    router.add("POST", "/_fake/sessions", _create_session)
    router.add("POST", "/_fake/clock/advance", _advance_clock)
    router.add("PUT", "/_fake/settings", _settings)
    from .control_auth import register_control

    register_control(router)  # /_fake/auth: the authentication flows' settings and keys
    return router
