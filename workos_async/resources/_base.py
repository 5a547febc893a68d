"""The base of the generated async resource classes (``client.user_management``, ...), and
``placed``: a row's method reached from another resource (``Endpoint.also_on``)."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

if TYPE_CHECKING:
    from .._config import ClientConfig
    from .._transport import Transport

__all__ = ["AsyncResource", "PlacedMethod", "placed"]

P = ParamSpec("P")
R = TypeVar("R")
A = TypeVar("A", bound="AsyncResource")


class AsyncResource:
    """One resource of an :class:`~workos_async.AsyncWorkOS`: its generated methods send their
    requests through the client's transport; request-free helpers (mixins) read ``_config``."""

    __slots__ = ("_config", "_transport")

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._config: ClientConfig = transport.config

    def _peer(self, cls: type[A]) -> A:
        """Another resource of the same client: where a placed method (a row's call under
        another resource's name, ``Endpoint.also_on``) sends the call."""
        return cls(self._transport)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class PlacedMethod(Generic[P, R]):
    """A row's method under another resource (or name): ``get_factor =
    placed(AsyncUserManagement.get_factor, AsyncUserManagement)`` on the MFA class is
    ``client.user_management.get_factor``, bound to a resource of the same client. The body
    is written once; the signature, type hints and docstring are the row's."""

    def __init__(self, method: Callable[..., Any], owner: type[AsyncResource] | None) -> None:
        self._owner = owner
        self._method = method
        self._target = method.__name__
        self.__name__ = method.__name__
        self.__qualname__ = method.__qualname__
        self.__doc__ = method.__doc__
        self.__module__ = method.__module__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.__name__ = name
        self.__qualname__ = f"{owner.__qualname__}.{name}"
        self.__module__ = owner.__module__

    @overload
    def __get__(self, resource: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(
        self, resource: AsyncResource, owner: type[Any] | None = None
    ) -> Callable[P, R]: ...
    def __get__(self, resource: AsyncResource | None, owner: type[Any] | None = None) -> Any:
        if resource is None:
            return self
        bound: Callable[P, R] = getattr(self._resource(resource), self._target)
        return bound

    def __call__(self, resource: AsyncResource, /, *args: P.args, **kwargs: P.kwargs) -> R:
        method: Callable[P, R] = getattr(self._resource(resource), self._target)
        return method(*args, **kwargs)

    def _resource(self, resource: AsyncResource) -> AsyncResource:
        return resource if self._owner is None else resource._peer(self._owner)

    @property
    def __signature__(self) -> inspect.Signature:
        return inspect.signature(self._method, eval_str=True)

    @property
    def __annotations__(self) -> dict[str, Any]:  # type: ignore[override]
        return typing.get_type_hints(self._method)

    def __repr__(self) -> str:
        return f"<placed method {self.__qualname__} → {self._method.__qualname__}>"


def placed(
    method: Callable[Concatenate[Any, P], R], owner: type[AsyncResource] | None = None
) -> PlacedMethod[P, R]:
    """``method`` (of the generated class ``owner``; default: the class it is placed in) under
    another resource or name."""
    return PlacedMethod(method, owner)
