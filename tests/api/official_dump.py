"""Run by the OFFICIAL SDK's interpreter (``.venv-official/bin/python``), never imported by the
test process: prints, as JSON, the public surface of ``workos`` that a user-management
codebase calls (method and parameter names and kinds; nothing else is read).

The parity test (``test_official_parity.py``) compares it with ours.
"""

from __future__ import annotations

import inspect
import json
import sys
from typing import Any

#: The official SDK's input classes (typed alternatives to flat arguments).
INPUT_TYPES = ("PasswordPlaintext", "PasswordHashed", "RoleSingle", "RoleMultiple")
#: The iteration protocols of a page object (``for`` / ``async for`` / ``len``).
ITERATION = ("__iter__", "__aiter__", "__len__")
RESOURCES = ("user_management", "organization_membership", "multi_factor_auth", "mfa")


def parameters(fn: Any) -> list[dict[str, Any]]:
    out = []
    for p in inspect.signature(fn).parameters.values():
        if p.name == "self":
            continue
        out.append(
            {
                "name": p.name,
                "kind": p.kind.name,
                "required": p.default is inspect.Parameter.empty
                and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD),
                # Only the official input classes a parameter takes (not every annotation).
                "input_types": sorted(t for t in INPUT_TYPES if t in str(p.annotation)),
            }
        )
    return out


def methods(obj: Any) -> dict[str, list[dict[str, Any]]]:
    found = {}
    for name in dir(obj):
        if name.startswith("_"):
            continue
        value = getattr(obj, name)
        if callable(value) and not inspect.isclass(value):
            found[name] = parameters(value)
    return found


def _page_iteration_fetches(workos: Any) -> bool:
    """Iterate a one-page SyncPage whose ``after`` cursor says more pages exist."""
    fetched = []

    def fetch(*args: Any, **kwargs: Any) -> Any:
        fetched.append(1)
        return workos.SyncPage(data=[], list_metadata=workos.ListMetadata())

    page = workos.SyncPage(
        data=[1, 2], list_metadata=workos.ListMetadata(after="cursor"), _fetch_page=fetch
    )
    list(page)
    return bool(fetched)


def main() -> None:
    import importlib.metadata

    import workos
    import workos._errors as errors
    import workos.session as session
    from workos import AsyncWorkOSClient, WorkOSClient
    from workos._types import RequestOptions

    client = WorkOSClient(api_key="sk_test_introspection", client_id="client_introspection")
    surface: dict[str, Any] = {
        "version": importlib.metadata.version("workos"),
        "resources": {r: methods(getattr(client, r)) for r in RESOURCES},
        "same_object": {"mfa": "multi_factor_auth"}
        if client.mfa is client.multi_factor_auth
        else {},
        # Everything else a client instance offers (products, helpers, low-level requests).
        "client_attributes": sorted(
            {n for n in dir(client) if not n.startswith("_")}
            | {
                n
                for n in dir(AsyncWorkOSClient(api_key="sk_test_x", client_id="client_x"))
                if not n.startswith("_")
            }
        ),
        "client": {
            "WorkOSClient": parameters(workos.WorkOSClient.__init__),
            "AsyncWorkOSClient": parameters(workos.AsyncWorkOSClient.__init__),
        },
        "session": {
            "Session": {
                "__init__": parameters(session.Session.__init__),
                **methods(session.Session),
            },
            "functions": {
                name: parameters(getattr(session, name))
                for name in ("seal_data", "unseal_data", "seal_session_from_auth_response")
            },
        },
        # What list_* returns: its public attributes (fields and methods).
        "pages": {
            cls.__name__: sorted(
                {n for n in dir(cls) if not n.startswith("_") or n in ITERATION}
                | {n for n in getattr(cls, "__dataclass_fields__", {}) if not n.startswith("_")}
            )
            for cls in (workos.SyncPage, workos.AsyncPage)
        },
        # Behaviour, not names: does ``for item in page`` fetch further pages?
        "page_iteration_fetches": _page_iteration_fetches(workos),
        "request_options": sorted(RequestOptions.__annotations__),
        "errors": sorted(
            name
            for name in dir(errors)
            if name.endswith("Error") and inspect.isclass(getattr(errors, name))
        ),
        "error_attributes": sorted(
            p["name"] for p in parameters(errors.APIError.__init__) if p["kind"] == "KEYWORD_ONLY"
        ),
    }
    json.dump(surface, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
