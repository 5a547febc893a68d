# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The async ``organizations`` resource: :class:`AsyncOrganizations`, generated from the table.

Each method is one row of ``workos_async/_endpoints.py`` written out: checks that fail
before any request, the path, query and body, and the call into the transport.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._args import (
    check_bool,
    check_int,
    check_mapping,
    check_mapping_list,
    check_max_items,
    check_str,
    check_str_sequence,
    path_segment,
)
from .._config import RequestOptions
from .._pagination import AsyncPager
from .._responses import make_pager, model_decoder, page_decoder
from ..models import Organization
from ._base import AsyncResource

__all__ = ["AsyncOrganizations", "Order"]

#: The documented values of ``order`` (other strings pass too).
Order = Literal["normal", "desc", "asc"]

_DECODE_ORGANIZATION = model_decoder(Organization)
_DECODE_ORGANIZATION_PAGE = page_decoder(Organization)


class AsyncOrganizations(AsyncResource):
    """``AsyncWorkOS().organizations``: one method per ``organizations`` row of the endpoint
    table.
    """

    __slots__ = ()

    async def create_organization(
        self,
        *,
        name: str,
        allow_profiles_outside_organization: bool | None = None,
        domains: Sequence[str] | None = None,
        domain_data: Sequence[Mapping[str, str]] | None = None,
        metadata: Mapping[str, str] | None = None,
        external_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Organization:
        """Create an organization.

        ``POST /organizations``

        Args:
            name (str, required):
            allow_profiles_outside_organization (bool, optional):
            domains (Sequence[str], optional): Deprecated: use domain_data.
            domain_data (Sequence[Mapping[str, str]], optional): [{domain, state}] items.
            metadata (Mapping[str, str], optional):
            external_id (str, optional):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        body: dict[str, Any] = {}
        body["name"] = check_str("create_organization", "name", name)
        if allow_profiles_outside_organization is not None:
            body["allow_profiles_outside_organization"] = check_bool(
                "create_organization",
                "allow_profiles_outside_organization",
                allow_profiles_outside_organization,
            )
        if domains is not None:
            body["domains"] = check_str_sequence("create_organization", "domains", domains)
        if domain_data is not None:
            body["domain_data"] = check_mapping_list(
                "create_organization", "domain_data", domain_data
            )
        if metadata is not None:
            body["metadata"] = check_mapping("create_organization", "metadata", metadata)
        if external_id is not None:
            body["external_id"] = check_str("create_organization", "external_id", external_id)
        result: Organization = await self._transport.request(
            "POST",
            "/organizations",
            "/organizations",
            None,
            body,
            request_options,
            False,
            _DECODE_ORGANIZATION,
        )
        return result

    def list_organizations(
        self,
        *,
        limit: int | None = None,
        before: str | None = None,
        after: str | None = None,
        order: Order | str | None = None,
        domains: Sequence[str] | None = None,
        search: str | None = None,
        max_items: int | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncPager[Organization]:
        """List organizations, newest first by default (not in the user-management spec extract; part of WorkOS's Organizations API).

        ``GET /organizations``

        Args:
            limit (int, optional): Items per page, 1 to 100 (default 10).
            before (str, optional): Cursor: items before this object id.
            after (str, optional): Cursor: items after this object id.
            order (str, optional): Sort order by creation time (default desc; normal = descending). One of: normal, desc, asc.
            domains (Sequence[str], optional): Only organizations with one of these domains; sent comma-separated.
            search (str, optional): Only organizations whose name contains this text.
            max_items (int, optional): stop iterating after this many items.
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        query: dict[str, Any] = {}
        if limit is not None:
            query["limit"] = check_int("list_organizations", "limit", limit, 1, 100)
        if before is not None:
            query["before"] = check_str("list_organizations", "before", before)
        if after is not None:
            query["after"] = check_str("list_organizations", "after", after)
        if order is not None:
            query["order"] = check_str("list_organizations", "order", order)
        if domains is not None:
            query["domains"] = check_str_sequence("list_organizations", "domains", domains)
        if search is not None:
            query["search"] = check_str("list_organizations", "search", search)
        check_max_items("list_organizations", max_items, query)
        return make_pager(
            self._transport,
            "/organizations",
            "/organizations",
            query,
            (),
            _DECODE_ORGANIZATION_PAGE,
            request_options,
            max_items,
        )

    async def get_organization(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> Organization:
        """Get an organization by id.

        ``GET /organizations/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/organizations/" + path_segment(id, "id", "get_organization")
        result: Organization = await self._transport.request(
            "GET",
            path,
            "/organizations/{id}",
            None,
            None,
            request_options,
            False,
            _DECODE_ORGANIZATION,
        )
        return result

    async def get_organization_by_external_id(
        self, external_id: str, *, request_options: RequestOptions | None = None
    ) -> Organization:
        """Get an organization by the external id you gave it (not in the user-management spec extract; part of WorkOS's Organizations API).

        ``GET /organizations/external_id/{external_id}``

        Args:
            external_id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/organizations/external_id/" + path_segment(
            external_id, "external_id", "get_organization_by_external_id"
        )
        result: Organization = await self._transport.request(
            "GET",
            path,
            "/organizations/external_id/{external_id}",
            None,
            None,
            request_options,
            False,
            _DECODE_ORGANIZATION,
        )
        return result

    async def delete_organization(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Delete an organization.

        ``DELETE /organizations/{id}``

        Args:
            id (str, required):
            request_options (RequestOptions, optional): per-call timeout, max_retries,
                extra_headers, idempotency_key.
        """
        path = "/organizations/" + path_segment(id, "id", "delete_organization")
        await self._transport.request(
            "DELETE", path, "/organizations/{id}", None, None, request_options, False, None
        )
