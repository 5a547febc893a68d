"""The blocking resources: each method is its async twin run on the client's loop thread.

The generated classes in ``sync/resources/`` name every method once, as
``get_user = blocking(AsyncUserManagement.get_user)``: the signature, the checks and the docs
are the async method's (``resources/``), so no endpoint is written twice. The descriptors here
give the blocking method the same parameters to the type checker (a ``ParamSpec``) and to
``inspect.signature`` / ``typing.get_type_hints`` at run time.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from .._config import ClientConfig
from .._pagination import AsyncPager
from ._pager import SyncPager

if TYPE_CHECKING:
    from ._client import WorkOS
    from .resources import MultiFactorAuth as MultiFactorAuth
    from .resources import OrganizationMembershipService as OrganizationMembershipService

    # The generated classes, named from here by ``sync/_client.py`` (for the type checker).
    from .resources import Organizations as Organizations
    from .resources import UserManagement as UserManagement

__all__ = ["BlockingMethod", "SyncResource", "blocking", "blocking_pager", "sync_resource_class"]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class SyncResource:
    """Base of the generated blocking resource classes (``WorkOS().user_management``, ...)."""

    __slots__ = ("_client", "_name")

    def __init__(self, client: WorkOS, name: str) -> None:
        self._client = client
        self._name = name

    def _async_resource(self) -> Any:
        # Through async_client on every call: after a fork it is replaced before we bind to it.
        return getattr(self._client.async_client, self._name)

    @property
    def _config(self) -> ClientConfig:
        # Request-free helpers (URL builders) read the configuration directly, starting no
        # loop thread.
        return self._client._async._config

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class BlockingMethod(Generic[P, R]):
    """A blocking method: calls the async method of the same name on the loop thread
    (``WorkOS._run``); a list method wraps the async pager in a :class:`SyncPager`.

    Its docstring is the async method's; its signature and type hints are computed when
    asked for (``inspect.signature``, ``typing.get_type_hints``), keeping the first touch of
    a resource cheap.
    """

    def __init__(self, async_method: Callable[..., Any], *, pages: bool) -> None:
        self._async_method = async_method
        self._pages = pages
        self.__name__ = async_method.__name__
        self.__qualname__ = async_method.__qualname__
        self.__doc__ = async_method.__doc__
        self.__module__ = async_method.__module__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        if name != self.__name__:
            raise TypeError(f"{owner.__name__}.{name} wraps the async {self.__name__}")
        self.__qualname__ = f"{owner.__qualname__}.{name}"
        self.__module__ = owner.__module__

    @overload
    def __get__(self, resource: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(self, resource: SyncResource, owner: type[Any] | None = None) -> Callable[P, R]: ...
    def __get__(self, resource: SyncResource | None, owner: type[Any] | None = None) -> Any:
        if resource is None:
            return self
        return types.MethodType(self, resource)

    def __call__(self, resource: SyncResource, /, *args: Any, **kwargs: Any) -> Any:
        client = resource._client
        async_method = getattr(resource._async_resource(), self.__name__)
        if self._pages:
            return SyncPager(client, async_method(*args, **kwargs))
        return client._run(async_method, *args, **kwargs)

    def _return_hint(self, hint: Any) -> Any:
        # The async list method returns AsyncPager[X]; the blocking one SyncPager[X].
        if self._pages and typing.get_origin(hint) is AsyncPager:
            return SyncPager[typing.get_args(hint)[0]]  # type: ignore[misc]
        return hint

    @property
    def __signature__(self) -> inspect.Signature:
        sig = inspect.signature(self._async_method, eval_str=True)
        return sig.replace(return_annotation=self._return_hint(sig.return_annotation))

    @property
    def __annotations__(self) -> dict[str, Any]:  # type: ignore[override]
        hints = typing.get_type_hints(self._async_method)
        if "return" in hints:
            hints["return"] = self._return_hint(hints["return"])
        return hints

    def __repr__(self) -> str:
        return f"<blocking method {self.__qualname__}>"


def blocking(
    async_method: Callable[Concatenate[Any, P], Awaitable[R]],
) -> BlockingMethod[P, R]:
    """The blocking method of ``async_method`` (an ``async def`` of a resource class)."""
    return BlockingMethod(async_method, pages=False)


def blocking_pager(
    async_method: Callable[Concatenate[Any, P], AsyncPager[T]],
) -> BlockingMethod[P, SyncPager[T]]:
    """The blocking method of a list method: returns a :class:`SyncPager`."""
    return BlockingMethod(async_method, pages=True)


def sync_resource_class(resource: str) -> type[SyncResource]:
    """The generated blocking class for a resource of the table."""
    from .resources import CLASSES

    return CLASSES[resource]
