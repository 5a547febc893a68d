"""The resource classes, generated from the endpoint table on first use.

``AsyncUserManagement`` (``client.user_management``), ``AsyncOrganizations``
(``client.organizations``), ... Their typed interface is in ``resources.pyi``, generated from
the same table by ``python -m workos_async._stubgen`` (a test fails when it is stale).
Building them lazily keeps ``import workos_async`` cheap.
"""

from __future__ import annotations

from typing import Any

from ._binding import AsyncResource

_built: dict[str, type[AsyncResource]] = {}

#: Class name → resource name in the table.
ASYNC_CLASSES = {"AsyncUserManagement": "user_management", "AsyncOrganizations": "organizations"}


def async_resource_class(resource: str) -> type[AsyncResource]:
    """The generated async class for a resource of the table (built once)."""
    cls = _built.get(resource)
    if cls is None:
        from ._binding import build_async_resource
        from ._endpoints import ENDPOINTS
        from ._helpers import MIXINS

        cls = build_async_resource(resource, ENDPOINTS, MIXINS.get(resource, ()))
        _built[resource] = cls
    return cls


def __getattr__(name: str) -> Any:
    resource = ASYNC_CLASSES.get(name)
    if resource is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return async_resource_class(resource)
