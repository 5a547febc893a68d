"""The blocking resource classes, generated from the same table rows and signatures as the
async ones: each method forwards its arguments to the async method through the portal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._binding import call_arguments, compile_function, docstring, signature_source
from .._endpoint import Endpoint
from ._pager import SyncPager

if TYPE_CHECKING:
    from ._client import WorkOS


class SyncResource:
    """Base of the generated blocking resource classes."""

    __slots__ = ("_client", "_name")

    def __init__(self, client: WorkOS, name: str) -> None:
        self._client = client
        self._name = name

    def _async_resource(self) -> Any:
        # Through async_client: after a fork it is replaced before we bind to it.
        return getattr(self._client.async_client, self._name)

    @property
    def _config(self) -> Any:
        # Request-free helpers (URL builders) read the configuration directly.
        return self._client._async._config

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def sync_method_source(ep: Endpoint) -> str:
    args = call_arguments(ep)
    lines = [f"def {ep.name}({signature_source(ep)}):"]
    if ep.paginated:
        lines.append(
            f"    return _SyncPager(self._client, self._async_resource().{ep.name}({args}))"
        )
    else:
        lines.append(f"    return self._client._run(self._async_resource().{ep.name}, {args})")
    return "\n".join(lines) + "\n"


def build_sync_method(ep: Endpoint) -> Any:
    from .._types import NOT_GIVEN

    namespace: dict[str, Any] = {"NOT_GIVEN": NOT_GIVEN, "_SyncPager": SyncPager}
    fn = compile_function(
        sync_method_source(ep), ep.name, namespace, f"sync {ep.resource}.{ep.name}"
    )
    fn.__doc__ = docstring(ep)
    fn.__module__ = "workos_async.sync"
    return fn


_built: dict[str, type[SyncResource]] = {}


def sync_resource_class(resource: str) -> type[SyncResource]:
    """The generated blocking class for a resource of the table (built once)."""
    cls = _built.get(resource)
    if cls is None:
        from .._binding import _class_name
        from .._endpoints import ENDPOINTS
        from .._helpers import MIXINS

        namespace: dict[str, Any] = {"__slots__": (), "__module__": "workos_async.sync"}
        for ep in ENDPOINTS:
            if ep.resource == resource:
                namespace[ep.name] = build_sync_method(ep)
        cls = type(
            _class_name(resource, sync=True), (*MIXINS.get(resource, ()), SyncResource), namespace
        )
        _built[resource] = cls
    return cls


SYNC_CLASSES = {"UserManagement": "user_management", "Organizations": "organizations"}


def __getattr__(name: str) -> Any:
    resource = SYNC_CLASSES.get(name)
    if resource is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return sync_resource_class(resource)
