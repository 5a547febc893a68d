"""Routing for the fake: precompiled, one table for every API area.

Each API area is a module of :mod:`workos_async.testing.http.routes` exposing
``register(router: Router) -> None``; :func:`build_router` finds those modules by name, so a
new area plugs in by adding a file, without touching this one.

Handlers are synchronous functions ``(ctx: Ctx) -> Reply`` that parse the request, call one
domain operation and say how to answer; they run on the server loop under the store's lock
(:mod:`.runner`), and refusals are raised (a domain error, or :class:`~.errors.FakeAPIError`).
Keeping them synchronous is what makes the lock safe (it is never held across an ``await``).
:func:`call` builds the common handler: path parameters (and a checked body) in, one status out.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote_to_bytes

import attrs

from ..domain.errors import invalid
from ..domain.pagination import PageParams
from ..domain.schema import F, check_body
from .body import parse_json_body
from .params import check_query, parse_page_params, single

if TYPE_CHECKING:
    from aiohttp.web import BaseRequest

    from .._fake import FakeWorkOS
    from ..domain.auth import FakeAuth
    from ..domain.store import FakeStore


class Reply(NamedTuple):
    """What a handler returns: a status, a JSON-able body (``None``: no body) and headers."""

    status: int
    body: Any = None
    headers: Mapping[str, str] | None = None


Handler = Callable[["Ctx"], Reply]


class Ctx:
    """Everything a handler needs about one request."""

    __slots__ = (
        "_body",
        "_json",
        "fake",
        "method",
        "params",
        "path",
        "request",
        "request_id",
        "route",
        "store",
    )

    def __init__(
        self,
        *,
        fake: FakeWorkOS,
        request: BaseRequest,
        method: str,
        path: str,
        params: dict[str, str],
        body: bytes,
        request_id: str,
        route: Route,
    ) -> None:
        self.fake = fake
        self.store: FakeStore = fake.store
        self.request = request
        self.method = method
        self.path = path
        self.params = params
        self.request_id = request_id
        self.route = route
        self._body = body
        self._json: Any = _UNPARSED

    @property
    def query(self) -> Any:
        """The query string as a multidict (``getall``, ``get``)."""
        return self.request.query

    @property
    def raw_body(self) -> bytes:
        """The request body as received."""
        return self._body

    def json(self) -> Any:
        """The body parsed as JSON (cached); 400 ``invalid_request_body`` when it cannot be.

        An empty body counts as ``{}``. A non-empty body must be sent as ``application/json``.
        """
        if self._json is _UNPARSED:
            self._json = parse_json_body(self._body, self.request.content_type)
        return self._json

    def body(self, spec: Mapping[str, F]) -> dict[str, Any]:
        """The body as a JSON object validated against ``spec`` (422 when it does not fit)."""
        data = self.json()
        if not isinstance(data, dict):
            raise invalid("The request body must be a JSON object.")
        return check_body(data, spec, strict=self.fake.strict)

    def body_object(self) -> dict[str, Any]:
        """The body as a JSON object, unchecked (422 when it is another JSON value)."""
        data = self.json()
        if not isinstance(data, dict):
            raise invalid("The request body must be a JSON object.")
        return data

    def check_query(self, *allowed: str) -> None:
        """422 for query parameters outside ``allowed`` (when the fake is strict)."""
        check_query(self.request.query, allowed, strict=self.fake.strict)

    def single(self, name: str) -> str | None:
        """The one value of query parameter ``name`` (422 when repeated)."""
        return single(self.request.query, name)

    def page(self, *allowed: str) -> PageParams:
        """The pagination parameters (the query may hold those and ``allowed``)."""
        self.check_query("before", "after", "limit", "order", *allowed)
        return parse_page_params(self.request.query)

    @property
    def auth(self) -> FakeAuth:
        """The fake's authentication flows (``fake.auth``)."""
        return self.fake.auth

    @property
    def base_url(self) -> str:
        """The fake's URL (``http://localhost`` when not serving)."""
        return self.fake.url if self.fake.running else "http://localhost"


_UNPARSED: Any = object()


def call(
    operation: Callable[..., Any],
    *path_params: str,
    status: int = 200,
    body: Mapping[str, F] | None = None,
) -> Handler:
    """A handler that answers ``status`` with ``operation(store, *path values[, body])``.

    With ``body`` the request body is checked against that schema and passed last; a result
    of ``None`` is an answer without a body.
    """

    def handler(ctx: Ctx) -> Reply:
        args: list[Any] = [ctx.params[name] for name in path_params]
        if body is not None:
            args.append(ctx.body(body))
        return Reply(status, operation(ctx.store, *args))

    handler.__name__ = handler.__qualname__ = getattr(operation, "__name__", "handler")
    return handler


@attrs.frozen
class Route:
    """One operation: method, path template (``/user_management/users/{id}``) and handler."""

    method: str
    template: str
    handler: Handler
    #: Served without an API key (``/authorize``, logout, JWKS).
    public: bool = False
    #: Path parameters whose values are secrets (shown redacted in the request log).
    secret_params: frozenset[str] = frozenset()
    segments: tuple[str | None, ...] = ()
    param_names: tuple[str, ...] = ()
    #: The routes module that registered it (``""``: added by hand).
    area: str = ""

    @property
    def key(self) -> str:
        """``"GET /user_management/users/{id}"``: the name counters use."""
        return f"{self.method} {self.template}"


class Router:
    """Path templates compiled into a dict for static paths and per-shape lists for the rest."""

    def __init__(self) -> None:
        self._static: dict[tuple[str, str], Route] = {}
        self._dynamic: dict[tuple[str, int], list[Route]] = {}
        self._keys: set[str] = set()
        self.routes: list[Route] = []
        #: Stamped on the routes added meanwhile (:func:`build_router` sets it per module).
        self.area = ""

    def add(
        self,
        method: str,
        template: str,
        handler: Handler,
        *,
        public: bool = False,
        secret_params: frozenset[str] | set[str] = frozenset(),
    ) -> Route:
        """Register ``handler`` for ``method template``; a duplicate is a ``ValueError``."""
        method = method.upper()
        if not template.startswith("/") or template.endswith("/"):
            raise ValueError(f"route template must start and not end with '/': {template!r}")
        parts = template[1:].split("/")
        segments: list[str | None] = []
        names: list[str] = []
        for part in parts:
            if part.startswith("{") and part.endswith("}"):
                segments.append(None)
                names.append(part[1:-1])
            elif not part or "{" in part or "}" in part:
                raise ValueError(f"bad segment {part!r} in route template {template!r}")
            else:
                segments.append(part)
        route = Route(
            method=method,
            template=template,
            handler=handler,
            public=public,
            secret_params=frozenset(secret_params),
            segments=tuple(segments),
            param_names=tuple(names),
            area=self.area,
        )
        if route.key in self._keys:
            raise ValueError(f"route registered twice: {route.key}")
        self._keys.add(route.key)
        self.routes.append(route)
        if not names:
            self._static[(method, template)] = route
        else:
            bucket = self._dynamic.setdefault((method, len(segments)), [])
            bucket.append(route)
            # Most literal segments first, earliest positions first: /users/external_id/{x}
            # wins over /users/{id}/sessions for the path /users/external_id/sessions.
            bucket.sort(key=lambda r: tuple(s is None for s in r.segments))
        return route

    def route(
        self,
        method: str,
        template: str,
        *,
        public: bool = False,
        secret_params: frozenset[str] | set[str] = frozenset(),
    ) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`add`."""

        def decorate(handler: Handler) -> Handler:
            self.add(method, template, handler, public=public, secret_params=secret_params)
            return handler

        return decorate

    def match(self, method: str, raw_path: str) -> tuple[Route, dict[str, str]] | None:
        """The route for ``method raw_path`` and its decoded path parameters, or ``None``.

        Segments are split on the raw path and then percent-decoded, so an id or external id
        holding an encoded ``/`` stays one segment. Empty segments (a trailing slash) match
        nothing, as at WorkOS.
        """
        parts = raw_path[1:].split("/")
        if "%" in raw_path:
            try:
                parts = [unquote_to_bytes(p).decode() for p in parts]
            except UnicodeDecodeError:  # not UTF-8 once decoded: no route has such a path
                return None
        else:
            route = self._static.get((method, raw_path))
            if route is not None:
                return route, {}
        for candidate in self._dynamic.get((method, len(parts)), ()):
            params: dict[str, str] = {}
            names = iter(candidate.param_names)
            for want, got in zip(candidate.segments, parts, strict=True):
                if want is None:
                    if not got:
                        break
                    params[next(names)] = got
                elif want != got:
                    break
            else:
                return candidate, params
        return None

    def redacted_path(self, route: Route, params: Mapping[str, str]) -> str:
        """The request path with secret path parameters replaced by ``<redacted>``."""
        if not route.secret_params:
            return ""
        names = iter(route.param_names)
        parts = []
        for segment in route.segments:
            if segment is None:
                name = next(names)
                parts.append("<redacted>" if name in route.secret_params else params[name])
            else:
                parts.append(segment)
        return "/" + "/".join(parts)


ROUTES_PACKAGE = __name__.rsplit(".", 1)[0] + ".routes"


def route_modules() -> list[str]:
    """Names of the modules of :mod:`workos_async.testing.http.routes`, sorted (the
    registration order)."""
    path = importlib.import_module(ROUTES_PACKAGE).__path__
    return sorted(
        f"{ROUTES_PACKAGE}.{info.name}"
        for info in pkgutil.iter_modules(path)
        if not info.name.startswith("_")
    )


def build_router() -> Router:
    """A router with every module of the routes package registered."""
    router = Router()
    for name in route_modules():
        module = importlib.import_module(name)
        register: Any = getattr(module, "register", None)
        if register is None:
            raise RuntimeError(f"{name} has no register(router) function")
        router.area = name
        register(router)
    router.area = ""
    return router
