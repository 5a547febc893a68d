"""Request/response event hooks: ``AsyncWorkOS(..., event_hooks={"request": [...],
"response": [...]})``.

A hook is a callable (plain or ``async``) taking one :class:`CallEvent`. ``request`` hooks run
before each attempt is sent, ``response`` hooks after each attempt ends (with an answer or
without). A hook that raises is logged and skipped: hooks never break a call. Events carry
the route *template*, never ids, queries, headers or bodies, so no secret reaches a hook.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs

from ._logs import logger

#: A hook: called with the event; may return an awaitable (awaited before the call goes on).
EventHook = Callable[["CallEvent"], Any]
Phase = Literal["request", "response"]
PHASES: tuple[Phase, ...] = ("request", "response")


@attrs.frozen(slots=True)
class CallEvent:
    """One attempt of a WorkOS call, as a hook sees it."""

    #: ``"request"`` (about to be sent) or ``"response"`` (the attempt ended).
    phase: Phase
    #: ``GET``, ``POST``, ...
    method: str
    #: The route template, e.g. ``/user_management/users/{id}`` (never the ids or the query).
    route: str
    #: 1 for the first attempt, 2 for the first retry, ...
    attempt: int
    #: The response status (``None`` before sending, or when no answer came).
    status: int | None = None
    #: Seconds the attempt took (``None`` for ``request`` events).
    duration: float | None = None
    #: WorkOS's ``X-Request-ID`` of the answer, when there was one.
    request_id: str | None = None
    #: The error type's name when the attempt failed (``"RateLimitExceededError"``...).
    error_type: str | None = None
    #: The attempt failed in a way that may have applied a write (it is not sent again).
    in_doubt: bool = False


class EventHooks:
    """The validated hooks of one client (see the module docstring)."""

    __slots__ = ("request", "response")

    def __init__(self, request: Sequence[EventHook], response: Sequence[EventHook]) -> None:
        self.request = tuple(request)
        self.response = tuple(response)

    @classmethod
    def coerce(cls, value: object) -> EventHooks | None:
        """``{"request": [...], "response": [...]}`` (either key optional) → hooks, or
        ``None`` when there are none. Raises ``TypeError`` naming what is wrong."""
        if value is None:
            return None
        if isinstance(value, EventHooks):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(
                "event_hooks must be a mapping like {'request': [...], 'response': [...]}"
            )
        unknown = set(value) - set(PHASES)
        if unknown:
            raise TypeError(f"event_hooks has unknown key(s) {sorted(map(str, unknown))}")
        found: dict[str, list[EventHook]] = {}
        for phase in PHASES:
            hooks = value.get(phase) or ()
            if callable(hooks):
                hooks = (hooks,)
            if not isinstance(hooks, Sequence) or isinstance(hooks, str):
                raise TypeError(f"event_hooks[{phase!r}] must be a list of callables")
            for hook in hooks:
                if not callable(hook):
                    raise TypeError(f"event_hooks[{phase!r}] holds a non-callable {hook!r}")
            found[phase] = list(hooks)
        if not found["request"] and not found["response"]:
            return None
        return cls(found["request"], found["response"])


async def run_hooks(hooks: Sequence[EventHook], event: CallEvent) -> None:
    """Call each hook with ``event``; a failing hook is logged, never raised."""
    for hook in hooks:
        try:
            outcome = hook(event)
            if inspect.isawaitable(outcome):
                await outcome
        except Exception as exc:  # a hook's bug must not fail the call
            logger.warning(
                "event hook %s failed on %s %s: %s",
                getattr(hook, "__qualname__", type(hook).__name__),
                event.method,
                event.route,
                type(exc).__name__,
                extra={"workos.method": event.method, "workos.route": event.route},
            )
