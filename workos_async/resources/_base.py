"""The base of the generated async resource classes (``client.user_management``, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._config import ClientConfig
    from .._transport import Transport

__all__ = ["AsyncResource"]


class AsyncResource:
    """One resource of an :class:`~workos_async.AsyncWorkOS`: its generated methods send their
    requests through the client's transport; request-free helpers (mixins) read ``_config``."""

    __slots__ = ("_config", "_transport")

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._config: ClientConfig = transport.config

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
