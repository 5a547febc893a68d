"""The one handler runner: API and control routes alike run through :func:`run`.

It calls the request's steps (route match, key check, rate limit, handler), turns whatever
they raise into an answer (a domain refusal rendered in WorkOS's shapes, a
:class:`~.errors.FakeAPIError` as it is, anything else a 500 ``server_error`` noted in
``fake.internal_errors``) and encodes the answer's JSON, so a body that cannot be written is a
noted 500 too, never a half-sent response.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from ..domain.errors import DomainError
from . import json_codec
from .errors import FakeAPIError, render_domain_error
from .router import Reply

if TYPE_CHECKING:
    from .._fake import FakeWorkOS

logger = logging.getLogger("workos_async.testing")

SERVER_ERROR = Reply(500, {"message": "Internal Server Error", "code": "server_error"})


class Answer(NamedTuple):
    """A reply ready to send: status, JSON bytes (``None``: no body) and headers."""

    status: int
    body: bytes | None
    headers: Mapping[str, str] | None


def encode(reply: Reply) -> Answer:
    """The reply with its body written as JSON."""
    body = None if reply.body is None else json_codec.dumps(reply.body)
    return Answer(reply.status, body, reply.headers)


def run(fake: FakeWorkOS, where: str, steps: Callable[[], Reply]) -> Answer:
    """Run ``steps`` (under the fake's lock) and encode the answer; ``where`` names the
    request in a crash note (``"POST /user_management/users"``)."""
    try:
        try:
            reply = steps()
        except DomainError as exc:
            status, body = render_domain_error(exc)
            reply = Reply(status, body)
        except FakeAPIError as exc:
            reply = Reply(exc.status, exc.body, exc.headers)
        return encode(reply)
    except Exception as exc:  # a bug in the fake: answer like WorkOS, keep a note
        note = f"{where}: {type(exc).__name__}: {exc}"[:500]
        fake.note_internal_error(note)
        logger.exception("fake WorkOS handler crashed on %s", where)
        return encode(SERVER_ERROR)
