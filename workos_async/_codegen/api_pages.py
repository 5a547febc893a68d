"""The API reference pages (``docs/api/*.md``): one page per area, one section per row of the
endpoint table and per public method of the hand-written mixins (``_helpers.MIXINS``).

``AREAS`` places every method on exactly one page; a new row fails rendering until it is
placed. ``docs/api/generate.py`` and ``python -m workos_async._codegen`` both write them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .._endpoint import Endpoint, Param
from .._helpers import MIXINS
from .rows import returns

__all__ = ["AREAS", "Area", "helper_methods", "render_pages"]

GENERATED = (
    "<!-- GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`"
    " (or docs/api/generate.py): do not edit. -->"
)


class Area:
    """One page: its file name (``slug``), title, introduction and methods in order."""

    def __init__(self, slug: str, title: str, intro: str, names: tuple[str, ...]) -> None:
        self.slug = slug
        self.title = title
        self.intro = intro
        self.names = names


AREAS = (
    Area(
        "users",
        "Users",
        "Create, read, update and delete users; email verification and email changes; the "
        "identities and applications linked to a user.",
        (
            "list_users",
            "create_user",
            "get_user",
            "get_user_by_external_id",
            "update_user",
            "delete_user",
            "send_verification_email",
            "verify_email",
            "get_email_verification",
            "send_email_change",
            "confirm_email_change",
            "get_user_identities",
            "list_user_authorized_applications",
            "delete_user_authorized_application",
        ),
    ),
    Area(
        "memberships",
        "Organization memberships",
        "A user's membership of an organization, with its role(s) and status. They live on "
        "`client.user_management`, as in WorkOS's Node and PHP SDKs, and on "
        "`client.organization_membership`, as in the official Python SDK.",
        (
            "list_organization_memberships",
            "create_organization_membership",
            "get_organization_membership",
            "update_organization_membership",
            "delete_organization_membership",
            "deactivate_organization_membership",
            "reactivate_organization_membership",
            "list_organization_membership_groups",
        ),
    ),
    Area(
        "invitations",
        "Invitations",
        "Invite people by email, to the environment or to an organization.",
        (
            "list_invitations",
            "send_invitation",
            "get_invitation",
            "find_invitation_by_token",
            "accept_invitation",
            "resend_invitation",
            "revoke_invitation",
        ),
    ),
    Area(
        "authentication",
        "Authentication",
        "Signing users in: the authorization URL (AuthKit, OAuth, SSO; with PKCE), one "
        "`authenticate_with_*` method per grant type of `POST /user_management/authenticate`, "
        "Magic Auth, password reset, device authorization, and the keys that sign access "
        "tokens.\n\n"
        "An `authenticate_with_*` call that needs a next step raises a subclass of "
        "`AuthenticationFlowError` carrying what the step needs, e.g. "
        "`EmailVerificationRequiredError.pending_authentication_token` / "
        "`.email_verification_id`, `MfaChallengeError.authentication_factors`, "
        "`OrganizationSelectionRequiredError.organizations`, `SsoRequiredError.connection_ids`.",
        (
            "get_authorization_url",
            "get_authorization_url_with_pkce",
            "authenticate_with_password",
            "authenticate_with_code",
            "authenticate_with_refresh_token",
            "authenticate_with_magic_auth",
            "authenticate_with_email_verification",
            "authenticate_with_totp",
            "authenticate_with_organization_selection",
            "authenticate_with_device_code",
            "authenticate_with_code_pkce",
            "authenticate_with_radar_email_challenge",
            "authenticate_with_radar_sms_challenge",
            "create_radar_challenge",
            "get_radar_challenge",
            "create_device",
            "create_magic_auth",
            "get_magic_auth",
            "reset_password",
            "confirm_password_reset",
            "get_password_reset",
            "get_jwks",
            "get_jwks_url",
        ),
    ),
    Area(
        "sessions-and-mfa",
        "Sessions and MFA",
        "A user's sessions (list, revoke, log out in the browser) and multi-factor "
        "authentication: factors and challenges.",
        (
            "list_sessions",
            "revoke_session",
            "get_logout_url",
            "load_sealed_session",
            "authenticate_with_session_cookie",
            "list_auth_factors",
            "enroll_auth_factor",
            "get_factor",
            "delete_factor",
            "challenge_factor",
            "verify_challenge",
            "enroll_factor",
        ),
    ),
    Area(
        "organizations",
        "Organizations",
        "What user management needs of the Organizations API: create, list, get, delete. They "
        "live on `client.organizations`.",
        (
            "create_organization",
            "list_organizations",
            "get_organization",
            "get_organization_by_external_id",
            "delete_organization",
        ),
    ),
    Area(
        "other",
        "Redirect URIs, CORS, JWT template, API keys, feature flags, data providers",
        "Environment settings and the smaller per-user APIs.",
        (
            "create_redirect_uri",
            "list_redirect_uris",
            "delete_redirect_uris",
            "create_cors_origin",
            "list_cors_origins",
            "get_jwt_template",
            "update_jwt_template",
            "list_authkit_oauth_resources",
            "create_authkit_oauth_resource",
            "delete_authkit_oauth_resource",
            "list_waitlists",
            "get_waitlist",
            "list_waitlist_entries",
            "create_waitlist_entry",
            "create_waitlist_entry_approve",
            "create_waitlist_entry_deny",
            "delete_waitlist_entry",
            "list_user_api_keys",
            "create_user_api_key",
            "list_user_feature_flags",
            "get_user_connected_account",
            "delete_user_connected_account",
            "list_user_data_providers",
        ),
    ),
)


def helper_methods() -> dict[str, tuple[str, Callable[..., Any]]]:
    """Public methods of the mixins: name → (resource, function)."""
    found: dict[str, tuple[str, Callable[..., Any]]] = {}
    for resource, mixins in MIXINS.items():
        for mixin in mixins:
            for name, fn in inspect.getmembers(mixin, inspect.isfunction):
                if not name.startswith("_"):
                    found[name] = (resource, fn)
    return found


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _enum_text(param: Param) -> str:
    if not param.enum:
        return ""
    values = [f"`{v}`" for v in param.enum]
    if len(values) > 12:
        shown = ", ".join(values[:6])
        return f" One of {len(values)} documented values ({shown}, …, {values[-1]})."
    return f" One of {', '.join(values)}."


def _returns(ep: Endpoint) -> str:
    async_type, sync_type = returns(ep, sync=False), returns(ep, sync=True)
    if async_type != sync_type:
        return f"`{async_type}` (sync: `{sync_type}`)"
    return f"`{async_type}`"


def render_row(ep: Endpoint) -> list[str]:
    call = "client." + ep.resource + "." + ep.name
    lines = [f"### `{ep.name}`", ""]
    lines.append(f"`{ep.method} {ep.path}` → {_returns(ep)}")
    lines += ["", ep.doc or f"{ep.method} {ep.path}", ""]
    rows = []
    for p in ep.path_params:
        rows.append((p, "required, positional"))
    for p in ep.query + ep.body:
        where = "query" if p in ep.query else "body"
        rows.append((p, f"{'required' if p.required else 'optional'}, {where}"))
    if rows:
        lines += ["| argument | type | how | notes |", "| --- | --- | --- | --- |"]
        for p, how in rows:
            notes = p.doc + _enum_text(p)
            if p.nullable:
                notes += " `None` sends `null` (clears it)."
            if p.secret:
                notes += " Secret: never logged."
            if p.wire != p.name and p.wire:
                notes += f" Sent as `{p.wire}`."
            if p.array_style == "csv" and p.type.startswith("Sequence[") and p in ep.query:
                notes += " Sent comma-separated."
            lines.append(f"| `{p.name}` | `{p.type}` | {how} | {_escape(notes.strip())} |")
        lines.append("")
    extras = []
    if ep.paginated:
        extras.append("`max_items` caps iteration")
    extras.append("`request_options` (timeout, max_retries, extra_headers, idempotency_key)")
    lines.append(f"Also: {'; '.join(extras)}.")
    sent = [f"`{k}={v}`" for k, v in ep.constants.items()]
    if "client_id" in ep.from_config:
        overridable = any(p.name == "client_id" for p in ep.body)
        sent.append(
            "`client_id` (the client's, unless given)"
            if overridable
            else "`client_id` (the client's)"
        )
    if "client_secret" in ep.from_config:
        sent.append("`client_secret` (the API key)")
    if sent:
        lines.append(f"Sends {', '.join(sent)}.")
    if ep.public:
        lines.append("A public endpoint: sent without the API key.")
    if ep.exclusive:
        for group in ep.exclusive:
            alts = " or ".join(" + ".join(f"`{n}`" for n in alt) for alt in group)
            lines.append(f"Mutually exclusive: {alts} (both → `ValueError` before any request).")
    for names in ep.require_one_of:
        lines.append(f"At least one of {', '.join(f'`{n}`' for n in names)}.")
    if ep.aliases:
        lines.append(f"WorkOS's Node/PHP SDKs: {', '.join(f'`{a}`' for a in ep.aliases)}.")
    for place in ep.also_on:
        renames = "".join(f" (`{new}` for `{old}`)" for old, new in place.renames)
        lines.append(f"Also `client.{place.resource}.{place.name}`{renames}: the same call.")
    if ep.operation_id:
        lines.append(f"Spec operation: `{ep.operation_id}`.")
    lines += ["", "```python", _example(ep, call), "```", ""]
    return lines


def _example(ep: Endpoint, call: str) -> str:
    args = [f'"{p.name}_..."' for p in ep.path_params]
    args += [
        f'{p.name}="..."' if p.type == "str" else f"{p.name}=..."
        for p in ep.query + ep.body
        if p.required
    ]
    text = f"{call}({', '.join(args)})"
    if ep.paginated:
        return f"async for item in {text}:  # sync: for item in ...\n    ..."
    return f"result = await {text}  # sync: without await"


def render_helper(name: str, resource: str, fn: Callable[..., Any]) -> list[str]:
    sig = inspect.signature(fn)
    params = []
    star = False
    for p in list(sig.parameters.values())[1:]:  # without self
        if p.kind is p.KEYWORD_ONLY and not star:
            params.append("*")
            star = True
        text = f"{p.name}: {p.annotation}"
        if p.default is not p.empty:
            text += f" = {p.default!r}"
        params.append(text)
    head = f"client.{resource}.{name}("
    body = "".join(f"\n    {p}," for p in params)
    lines = [
        f"### `{name}`",
        "",
        "A hand-written helper on the client (async and sync alike): "
        + ("builds a URL, sends no request." if "url" in name else "see its docstring."),
        "",
    ]
    lines += ["```python", f"{head}{body}\n) -> {sig.return_annotation}", "```", ""]
    lines += ["```text", inspect.getdoc(fn) or "", "```", ""]
    return lines


def render(area: Area, endpoints: Sequence[Endpoint]) -> str:
    # Each row once, at its own place; its other places (also_on) are noted on it.
    rows = {ep.name: ep for ep in endpoints if ep.placed_from is None}
    helpers = helper_methods()
    lines = [GENERATED, "", f"# {area.title}", "", area.intro, ""]
    lines += ["| method | call |", "| --- | --- |"]
    for name in area.names:
        if name in rows:
            ep = rows[name]
            lines.append(f"| [`{name}`](#{name}) | `{ep.method} {ep.path}` |")
        else:
            kind = "URL builder (no request)" if "url" in name else "hand-written helper"
            lines.append(f"| [`{name}`](#{name}) | {kind} |")
    lines.append("")
    for name in area.names:
        if name in rows:
            lines += render_row(rows[name])
        else:
            resource, fn = helpers[name]
            lines += render_helper(name, resource, fn)
    return "\n".join(lines).rstrip() + "\n"


def render_index() -> str:
    lines = [GENERATED, "", "# API reference", ""]
    lines.append(
        "Every method of `AsyncWorkOS` / `WorkOS`, generated from the endpoint table. Path "
        "parameters are positional, everything else keyword-only; every method takes "
        "`request_options`. The blocking client has the same methods without `await`."
    )
    lines.append("")
    for area in AREAS:
        lines.append(f"- [{area.title}]({area.slug}.md): {len(area.names)} methods")
    lines += ["", "Migrating from the official `workos` SDK: [migration](../migration.md)."]
    return "\n".join(lines) + "\n"


def render_pages(directory: Path, endpoints: Sequence[Endpoint] | None = None) -> dict[Path, str]:
    """The pages (``<area>.md`` and ``README.md`` in ``directory``) and their text, rendered
    from ``endpoints`` (default: the table)."""
    if endpoints is None:
        from .._endpoints import ENDPOINTS

        endpoints = ENDPOINTS
    placed = [name for area in AREAS for name in area.names]
    twice = sorted({n for n in placed if placed.count(n) > 1})
    if twice:
        raise ValueError(f"API reference: placed on two pages: {twice}")
    wanted = {ep.name for ep in endpoints if ep.placed_from is None} | set(helper_methods())
    unplaced = sorted(wanted - set(placed))
    unknown = sorted(set(placed) - wanted)
    if unplaced or unknown:
        raise ValueError(
            f"API reference: place every method on a page of AREAS in {__name__}: "
            f"unplaced {unplaced}, unknown {unknown}"
        )
    out = {directory / f"{area.slug}.md": render(area, endpoints) for area in AREAS}
    out[directory / "README.md"] = render_index()
    return out
