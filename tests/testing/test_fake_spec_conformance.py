"""Every operation the fake implements, checked against the spec extract vendored in spec/:
its route exists, its success status is the spec's, and its body fits the spec's schema
(required keys present, types, nullability, enums and constants; extra keys allowed). Also a
fuzz pass: no route answers a 5xx to bad input."""

from __future__ import annotations

import json
import re
from typing import Any

from workos_async.testing import FakeWorkOS

from ..spec_data import load_json
from .fake_helpers import Api, Resp

ENDPOINTS = load_json("user_management_endpoints.json")
SCHEMAS = load_json("user_management_schemas.json")
OPERATIONS = {op["operation_id"]: op for op in ENDPOINTS["operations"]}

#: The authentication flows: a separate route module adds them (not part of this fake yet).
AUTH_FLOWS = {
    "UserlandSessionsController_authenticate",
    "UserlandSsoController_authorize",
    "UserlandSsoController_deviceAuthorization",
    "UserlandSessionsController_logout",
    "SsoController_jsonWebKeySet",
    "AuthenticationFactorsController_challenge",
    "AuthenticationChallengesController_verify",
}
#: The route modules these tests cover (the core API areas).
CORE_MODULES = {
    f"workos_async.testing.http.routes.{area}"
    for area in (
        "users",
        "organizations",
        "memberships",
        "invitations",
        "user_tokens",
        "sessions",
        "factors",
        "settings",
        "user_resources",
    )
}
ISO_MS_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def _shape(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", template)


def test_every_spec_operation_has_a_route() -> None:
    routes = {(r.method, _shape(r.template)) for r in FakeWorkOS().router.routes}
    missing = [
        f"{op['method']} {op['path']} ({op_id})"
        for op_id, op in OPERATIONS.items()
        if op_id not in AUTH_FLOWS and (op["method"], _shape(op["path"])) not in routes
    ]
    assert missing == []


def _check_type(value: Any, kind: str, where: str, problems: list[str]) -> None:
    if "|null" in kind:
        if value is None:
            return
        kind = kind.replace("|null", "")
    if kind == "string":
        ok = isinstance(value, str)
    elif kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == "boolean":
        ok = isinstance(value, bool)
    elif kind == "object":
        ok = isinstance(value, dict)
    elif kind.startswith("map<string,"):
        inner = kind[len("map<string,") : -1]
        ok = isinstance(value, dict)
        if ok and inner != "any":
            for k, v in value.items():
                _check_type(v, inner, f"{where}.{k}", problems)
    elif kind.startswith("array<"):
        inner = kind[len("array<") : -1]
        ok = isinstance(value, list)
        if ok and inner != "object":
            for i, item in enumerate(value):
                _check_type(item, inner, f"{where}[{i}]", problems)
    else:  # a schema name
        check_schema(value, kind, where, problems)
        return
    if not ok:
        problems.append(f"{where}: {value!r} is not {kind}")


def check_fields(value: Any, fields: dict[str, Any], where: str, problems: list[str]) -> None:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected an object, got {value!r}")
        return
    for name, spec in fields.items():
        if name.startswith("_"):
            continue
        here = f"{where}.{name}"
        if name not in value:
            if spec["required"]:
                problems.append(f"{here}: required key missing")
            continue
        item = value[name]
        if item is None:
            if not spec["nullable"] and "|null" not in spec["type"]:
                problems.append(f"{here}: null but not nullable")
            continue
        if "const" in spec and item != spec["const"]:
            problems.append(f"{here}: {item!r} != const {spec['const']!r}")
        if "enum" in spec and item not in spec["enum"]:
            problems.append(f"{here}: {item!r} not in {spec['enum']}")
        if spec.get("format") == "date-time" and isinstance(item, str) and not ISO_MS_Z.match(item):
            problems.append(f"{here}: {item!r} is not ISO 8601 with ms and Z")
        if "fields" in spec:
            items = item if spec["type"].startswith("array") else [item]
            if not isinstance(items, list):
                problems.append(f"{here}: expected an array")
                continue
            for i, one in enumerate(items):
                check_fields(
                    one,
                    spec["fields"],
                    f"{here}[{i}]" if spec["type"].startswith("array") else here,
                    problems,
                )
        else:
            _check_type(item, spec["type"], here, problems)


def check_schema(value: Any, name: str, where: str, problems: list[str]) -> None:
    schema = SCHEMAS[name]
    if "_array_of" in schema:
        if not isinstance(value, list):
            problems.append(f"{where}: expected a bare array")
            return
        for i, item in enumerate(value):
            check_fields(item, schema["_array_of"]["fields"], f"{where}[{i}]", problems)
        return
    check_fields(value, schema, where, problems)


def check_response(op_id: str, r: Resp, problems: list[str]) -> None:
    op = OPERATIONS[op_id]
    response = op["response"]
    statuses = {response["status"], *(a["status"] for a in response.get("alternatives", []))}
    if r.status not in statuses:
        problems.append(f"{op_id}: status {r.status} not in {sorted(statuses)}: {r.body}")
        return
    if response["schema"] is None:
        if r.raw:
            problems.append(f"{op_id}: expected no body, got {r.raw[:80]!r}")
        return
    if response["schema"] == "inline list envelope":
        check_fields(
            r.body,
            {
                "object": {"type": "string", "nullable": False, "required": True, "const": "list"},
                "data": {"type": "array<object>", "nullable": False, "required": True},
                "list_metadata": {"type": "object", "nullable": False, "required": True},
            },
            op_id,
            problems,
        )
        for i, item in enumerate((r.body or {}).get("data", [])):
            check_schema(item, response["item_schema"], f"{op_id}.data[{i}]", problems)
        return
    check_schema(r.body, response["schema"], op_id, problems)


async def test_every_operation_answers_in_the_spec_shape(api: Api, fake: FakeWorkOS) -> None:
    problems: list[str] = []
    seen: set[str] = set()

    async def call(op_id: str, method: str, path: str, **kw: Any) -> Resp:
        r = await api.call(method, path, **kw)
        seen.add(op_id)
        check_response(op_id, r, problems)
        return r

    U = "/user_management/users"
    org = (
        await call(
            "OrganizationsController_create",
            "POST",
            "/organizations",
            json={"name": "Acme", "domains": ["acme.com"], "external_id": "acme"},
        )
    ).body
    await call("OrganizationsController_find", "GET", f"/organizations/{org['id']}")
    user = (
        await call(
            "UserlandUsersController_create",
            "POST",
            U,
            json={"email": "ada@acme.com", "external_id": "ada", "password": "correct-horse"},
        )
    ).body
    uid = user["id"]
    await call("UserlandUsersController_get", "GET", f"{U}/{uid}")
    await call("UserlandUsersController_getByExternalId", "GET", f"{U}/external_id/ada")
    await call("UserlandUsersController_list", "GET", U)
    await call(
        "UserlandUsersController_update",
        "PUT",
        f"{U}/{uid}",
        json={"first_name": "Ada", "locale": "en"},
    )
    m = (
        await call(
            "UserlandUserOrganizationMembershipsController_create",
            "POST",
            "/user_management/organization_memberships",
            json={"user_id": uid, "organization_id": org["id"]},
        )
    ).body
    om = f"/user_management/organization_memberships/{m['id']}"
    await call("UserlandUserOrganizationMembershipsController_get", "GET", om)
    await call(
        "UserlandUserOrganizationMembershipsController_list",
        "GET",
        "/user_management/organization_memberships",
        params={"user_id": uid},
    )
    await call(
        "UserlandUserOrganizationMembershipsController_update",
        "PUT",
        om,
        json={"role_slug": "admin"},
    )
    await call(
        "UserlandUserOrganizationMembershipsController_deactivate", "PUT", f"{om}/deactivate"
    )
    await call(
        "UserlandUserOrganizationMembershipsController_reactivate", "PUT", f"{om}/reactivate"
    )
    fake.store.add_membership_group(m["id"], name="Engineering")
    await call("OrganizationMembershipGroupsController_listGroups", "GET", f"{om}/groups")
    inv = (
        await call(
            "UserlandUserInvitesController_create",
            "POST",
            "/user_management/invitations",
            json={"email": "new@acme.com", "organization_id": org["id"]},
        )
    ).body
    iv = f"/user_management/invitations/{inv['id']}"
    await call("UserlandUserInvitesController_get", "GET", iv)
    await call(
        "UserlandUserInvitesController_getByToken",
        "GET",
        f"/user_management/invitations/by_token/{inv['token']}",
    )
    await call("UserlandUserInvitesController_list", "GET", "/user_management/invitations")
    await call("UserlandUserInvitesController_resend", "POST", f"{iv}/resend", json={})
    await call("UserlandUserInvitesController_accept", "POST", f"{iv}/accept")
    inv2 = (await api.post("/user_management/invitations", json={"email": "other@acme.com"})).body
    await call(
        "UserlandUserInvitesController_revoke",
        "POST",
        f"/user_management/invitations/{inv2['id']}/revoke",
    )
    await call(
        "UserlandUsersController_sendVerificationEmail",
        "POST",
        f"{U}/{uid}/email_verification/send",
    )
    verification = next(iter(fake.store.email_verifications.values()))
    await call(
        "UserlandUsersController_getEmailVerification",
        "GET",
        f"/user_management/email_verification/{verification['id']}",
    )
    await call(
        "UserlandUsersController_emailVerification",
        "POST",
        f"{U}/{uid}/email_verification/confirm",
        json={"code": verification["code"]},
    )
    reset = (
        await call(
            "UserlandUsersController_createPasswordResetToken",
            "POST",
            "/user_management/password_reset",
            json={"email": "ada@acme.com"},
        )
    ).body
    await call(
        "UserlandUsersController_getPasswordReset",
        "GET",
        f"/user_management/password_reset/{reset['id']}",
    )
    await call(
        "UserlandUsersController_resetPassword",
        "POST",
        "/user_management/password_reset/confirm",
        json={"token": reset["password_reset_token"], "new_password": "new-password-1"},
    )
    magic = (
        await call(
            "UserlandMagicAuthController_sendMagicAuthCodeAndReturn",
            "POST",
            "/user_management/magic_auth",
            json={"email": "ada@acme.com"},
        )
    ).body
    await call(
        "UserlandMagicAuthController_get", "GET", f"/user_management/magic_auth/{magic['id']}"
    )
    await call(
        "UserlandUsersController_sendEmailChange",
        "POST",
        f"{U}/{uid}/email_change/send",
        json={"new_email": "ada@new.com"},
    )
    await call(
        "UserlandUsersController_confirmEmailChange",
        "POST",
        f"{U}/{uid}/email_change/confirm",
        json={"code": fake.store.email_change_code(uid)},
    )
    session = fake.store.create_session(uid, organization_id=org["id"])
    await call("UserlandUserSessionsController_list", "GET", f"{U}/{uid}/sessions")
    await call(
        "UserlandSessionsController_revokeSession",
        "POST",
        "/user_management/sessions/revoke",
        json={"session_id": session["id"]},
    )
    enrolled = (
        await call(
            "UserlandUserAuthenticationFactorsController_create",
            "POST",
            f"{U}/{uid}/auth_factors",
            json={"type": "totp"},
        )
    ).body
    factor_id = enrolled["authentication_factor"]["id"]
    await call("UserlandUserAuthenticationFactorsController_list", "GET", f"{U}/{uid}/auth_factors")
    await call("AuthenticationFactorsController_get", "GET", f"/auth/factors/{factor_id}")
    await call("AuthenticationFactorsController_delete", "DELETE", f"/auth/factors/{factor_id}")
    await call(
        "RedirectUrisController_create",
        "POST",
        "/user_management/redirect_uris",
        json={"uri": "https://acme.com/callback"},
    )
    await call(
        "CorsOriginsController_createCorsOrigin",
        "POST",
        "/user_management/cors_origins",
        json={"origin": "https://acme.com"},
    )
    await call("JwtTemplatesController_getJwtTemplate", "GET", "/user_management/jwt_template")
    await call(
        "JwtTemplatesController_updateJwtTemplate",
        "PUT",
        "/user_management/jwt_template",
        json={"content": '{"a": "b"}'},
    )
    fake.store.add_identity(uid, provider="GoogleOAuth", idp_id="g1")
    await call("UserlandUserIdentitiesController_get", "GET", f"{U}/{uid}/identities")
    app = fake.store.add_authorized_application(uid, name="CLI", scopes=["openid"])
    await call("AuthorizedApplicationsController_list", "GET", f"{U}/{uid}/authorized_applications")
    await call(
        "AuthorizedApplicationsController_delete",
        "DELETE",
        f"{U}/{uid}/authorized_applications/{app['id']}",
    )
    fake.store.add_data_provider(uid, "github")
    fake.store.add_connected_account(uid, "github", scopes=["repo"])
    await call(
        "DataIntegrationsUserManagementController_getUserDataIntegrations",
        "GET",
        f"{U}/{uid}/data_providers",
    )
    await call(
        "DataIntegrationsUserManagementController_getUserDataInstallation",
        "GET",
        f"{U}/{uid}/connected_accounts/github",
    )
    await call(
        "DataIntegrationsUserManagementController_deleteUserDataInstallation",
        "DELETE",
        f"{U}/{uid}/connected_accounts/github",
    )
    fake.store.add_feature_flag(uid, "beta")
    await call("UserlandUserFeatureFlagsController_list", "GET", f"{U}/{uid}/feature-flags")
    await call(
        "UserApiKeysController_create",
        "POST",
        f"{U}/{uid}/api_keys",
        json={"name": "ci", "organization_id": org["id"]},
    )
    await call("UserApiKeysController_list", "GET", f"{U}/{uid}/api_keys")
    await call("UserlandUserOrganizationMembershipsController_delete", "DELETE", om)
    await call("UserlandUsersController_delete", "DELETE", f"{U}/{uid}")
    await call(
        "OrganizationsController_deleteOrganization", "DELETE", f"/organizations/{org['id']}"
    )

    assert problems == []
    assert sorted(set(OPERATIONS) - AUTH_FLOWS - seen) == []  # every implemented operation checked


BAD_BODIES: list[Any] = [
    [],
    "text",
    7,
    None,
    {"email": 1, "name": None, "user_id": [], "organization_id": {}, "code": 5, "token": 1},
    {"role_slugs": "admin", "domains": [1], "domain_data": [1, {"domain": 3}], "metadata": []},
    {"expires_in_days": "7", "type": 1, "uri": 1, "origin": 1, "content": 1, "new_email": 1},
    {"new_password": 1, "session_id": 1, "permissions": 1, "password": 1, "password_hash": 1},
    {"email": "a@b.co", "metadata": {"k": {"nested": True}}, "external_id": 12},
]


async def test_no_route_answers_5xx_to_bad_input(api: Api, fake: FakeWorkOS) -> None:
    user = await api.create_user("fuzz@example.com")
    org = await api.create_org("Fuzz")
    ids = {
        "id": user["id"],
        "userId": user["id"],
        "user_id": user["id"],
        "userlandUserId": user["id"],
        "omId": "om_01ZZZZZZZZZZZZZZZZZZZZZZZZ",
    }
    failures = []
    for route in fake.router.routes:
        if route.area not in CORE_MODULES:
            continue  # the authentication flows' modules have their own tests
        path = route.template
        for name in route.param_names:
            path = path.replace("{" + name + "}", ids.get(name, "x%2Fy"))
        for body in BAD_BODIES:
            r = await api.call(
                route.method,
                path,
                data=json.dumps(body),
                headers={"Content-Type": "application/json"},
            )
            if r.status >= 500:
                failures.append((route.key, body, r.status, r.body))
        r = await api.call(
            route.method, path + "?limit=abc&order=x&after=zz&statuses=nope&organization_id=1"
        )
        if r.status >= 500:
            failures.append((route.key, "query", r.status, r.body))
    assert failures == []
    assert fake.internal_errors == []
    assert org["id"] in fake.store.organizations
