"""The shape of one row of the endpoint table (``_endpoints.py``).

Rows are plain data. ``_codegen/`` renders each row once into a written-out async method
(``resources/``), its blocking twin (``sync/resources/``) and its API reference section
(``docs/api/``); the tests walk the same rows. Nothing here performs I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

#: How a query parameter that holds a list goes on the wire.
#: ``csv``: ``statuses=active,inactive`` (OpenAPI ``style: form, explode: false``);
#: ``repeat``: ``k=a&k=b``.
ArrayStyle = Literal["csv", "repeat"]


@attrs.frozen
class Param:
    """One argument of a generated method: a path segment, a query parameter or a body field."""

    #: The Python argument name.
    name: str
    #: The annotation as written in the stub, e.g. ``"str"``, ``"int"``, ``"Sequence[str]"``,
    #: ``"Mapping[str, str]"``, ``"bool"``. Also drives the cheap pre-request type check.
    type: str = "str"
    required: bool = False
    #: The name on the wire, when it differs from ``name``.
    wire: str | None = None
    #: ``None`` is accepted and sent as JSON ``null`` (e.g. to clear a field). Otherwise ``None``
    #: means "not given" and is not sent.
    nullable: bool = False
    #: Documented values (shown in docs and the stub as a ``Literal`` union with ``str``); unknown
    #: strings still pass: the server is the judge.
    enum: tuple[str, ...] = ()
    #: A secret (password, hash, token, code): never logged, never shown in a message.
    secret: bool = False
    array_style: ArrayStyle = "csv"
    #: Bounds for integers (``limit`` is 1..100), checked before the request.
    minimum: int | None = None
    maximum: int | None = None
    doc: str = ""
    #: Input types (names in ``workos_async.inputs``: ``PasswordHashed``, ``RoleSingle``, ...)
    #: the argument also takes: their fields are spread into the body, after the flat
    #: arguments (a field given both ways is a ``ValueError``). With ``type="spread"`` the
    #: argument takes only these types and is never sent under its own name.
    spread: tuple[str, ...] = ()

    @property
    def wire_name(self) -> str:
        return self.wire or self.name


@attrs.frozen
class Placement:
    """Another place a row's call lives: ``client.<resource>.<name>(...)``, the same call (the
    official SDK has e.g. ``organization_membership.get_organization_membership`` and
    ``multi_factor_auth.list_user_auth_factors`` for rows of ``user_management``)."""

    resource: str
    name: str
    #: ``(ours, theirs)`` argument names the other place spells differently, e.g.
    #: ``(("user_id", "userland_user_id"),)``.
    renames: tuple[tuple[str, str], ...] = ()


#: What a call returns. ``model``: one ``response`` model; ``page``: an ``AsyncPager`` of
#: ``response`` items over a list envelope; ``list``: a bare JSON array of ``response``;
#: ``none``: no body.
Returns = Literal["model", "page", "list", "none"]


@attrs.frozen
class Endpoint:
    """One API operation."""

    #: The resource (accessor on the client) the method lives on, e.g. ``"user_management"``.
    resource: str
    #: The method name, following the official ``workos`` Python SDK where it has the call.
    name: str
    method: Literal["GET", "POST", "PUT", "DELETE", "PATCH"]
    #: Path template with Python names for the parameters: ``/user_management/users/{id}``.
    path: str
    #: The spec's ``operationId`` (``None`` for client-side-only rows; ``"official-sdk-10.6:..."``
    #: for calls newer than the spec extract, described in ``spec/official_sdk_10_6.json``):
    #: ties the row to the reference data, and the coverage test walks it. Several rows may share one operation
    #: when they differ only in ``constants`` (``/authenticate``: one row per ``grant_type``).
    operation_id: str | None
    #: The response model class (the item class for ``page`` and ``list``).
    response: type[Any] | None = None
    returns: Returns = "model"
    #: Path parameters, in the method's positional order.
    path_params: tuple[Param, ...] = ()
    query: tuple[Param, ...] = ()
    body: tuple[Param, ...] = ()
    #: Mutually exclusive groups: each entry is a tuple of alternatives, each alternative a tuple
    #: of argument names. Giving arguments from two alternatives of one group is a ``ValueError``
    #: naming both, raised before any request.
    exclusive: tuple[tuple[tuple[str, ...], ...], ...] = ()
    #: Groups of arguments of which at least one must be given (checked before the request),
    #: e.g. ``(("user_id", "organization_id"),)``.
    require_one_of: tuple[tuple[str, ...], ...] = ()
    #: Constant body fields, e.g. ``{"grant_type": "password"}``.
    constants: Mapping[str, Any] = attrs.field(factory=dict)
    #: Body fields filled from the client's configuration: ``"client_id"`` (``WORKOS_CLIENT_ID``)
    #: and ``"client_secret"`` (the API key). An optional body argument of the same name, when
    #: given, is sent instead (e.g. the official SDK's ``create_device(client_id=...)``).
    from_config: tuple[Literal["client_id", "client_secret"], ...] = ()
    #: Sent without the ``Authorization`` header (public endpoints).
    public: bool = False
    #: Takes ``session={"seal_session": True, "cookie_password": ...}`` and returns the result
    #: with ``sealed_session`` set (the hand-written post-step ``_session_helpers.seal_into``).
    seals_session: bool = False
    #: A public client (``client_id`` only, no API key) may make this call: it then goes
    #: without the ``Authorization`` header and without ``client_secret``. Every other call of
    #: a public client raises ``ConfigurationError`` before any request.
    public_client: bool = False
    doc: str = ""
    #: Other names the same call goes by in WorkOS's Node / PHP SDKs (documented once).
    aliases: tuple[str, ...] = ()
    #: The other resources (and method names) the same call is reachable from. The body is
    #: written once, for this row: the other places call it (see ``_endpoints.placements``).
    also_on: tuple[Placement, ...] = ()
    #: Set on the placed copies ``_endpoints.ENDPOINTS`` derives from ``also_on``:
    #: ``"<resource>.<name>"`` of the row they forward to. ``None`` on the table's own rows.
    placed_from: str | None = None

    @property
    def paginated(self) -> bool:
        return self.returns == "page"

    @property
    def params(self) -> tuple[Param, ...]:
        return self.path_params + self.query + self.body
