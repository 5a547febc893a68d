"""URL builders of ``client.user_management`` that send no request: the AuthKit / OAuth / SSO
authorization URL (with or without PKCE), the logout URL, and the JWKS URL.

They are a mixin of the generated resource classes (see ``_helpers.MIXINS``), shared by the
async and the blocking client: they only read ``self._config``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, urlencode, urlsplit

import attrs

from ._args import path_segment
from ._pkce import code_challenge_s256, generate_code_verifier, new_state

if TYPE_CHECKING:
    from ._config import ClientConfig

__all__ = [
    "AuthorizationProvider",
    "AuthorizationUrlWithPkce",
    "ScreenHint",
    "UserManagementUrls",
]

#: The ``provider`` values WorkOS documents for ``/user_management/authorize`` (other strings
#: pass: WorkOS is the judge).
AuthorizationProvider = Literal[
    "authkit",
    "AppleOAuth",
    "BitbucketOAuth",
    "GitHubOAuth",
    "GitLabOAuth",
    "GoogleOAuth",
    "IntuitOAuth",
    "LinkedInOAuth",
    "MicrosoftOAuth",
    "SalesforceOAuth",
    "SlackOAuth",
    "VercelMarketplaceOAuth",
    "VercelOAuth",
    "XeroOAuth",
]
ScreenHint = Literal["sign-up", "sign-in"]

AUTHORIZE_PATH = "/user_management/authorize"
LOGOUT_PATH = "/user_management/sessions/logout"


@attrs.frozen
class AuthorizationUrlWithPkce(Mapping[str, str]):
    """What ``get_authorization_url_with_pkce`` returns. Keep ``state`` and ``code_verifier``
    server-side (e.g. in the session): check ``state`` on the callback, then pass
    ``code_verifier`` to ``authenticate_with_code``.

    Also a read-only mapping with the keys ``url``, ``state`` and ``code_verifier``, as the
    official SDK's ``dict`` result (``result["url"]``, ``dict(result)``)."""

    #: Where to redirect the user.
    url: str
    #: The random ``state`` carried by ``url``: the callback must bring the same value back.
    state: str
    #: The PKCE secret matching the ``code_challenge`` in ``url``.
    code_verifier: str = attrs.field(repr=lambda _: "'<redacted>'")

    def __getitem__(self, key: str) -> str:
        if key in _PKCE_KEYS:
            value: str = getattr(self, key)
            return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(_PKCE_KEYS)

    def __len__(self) -> int:
        return len(_PKCE_KEYS)


_PKCE_KEYS = ("url", "state", "code_verifier")


def _check_str(method: str, name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{method}(): {name!r} must be str, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{method}(): {name!r} must not be empty")
    return value


def _query_value(method: str, key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise TypeError(
        f"{method}(): the values of 'provider_query_params' must be str, int, float or bool, "
        f"not {type(value).__name__} (key {key!r})"
    )


class UserManagementUrls:
    """Request-free URL builders mixed into ``client.user_management`` (async and sync)."""

    __slots__ = ()

    #: Provided by the resource class the mixin is part of.
    _config: ClientConfig

    def get_authorization_url(
        self,
        *,
        redirect_uri: str,
        provider: AuthorizationProvider | str | None = None,
        connection_id: str | None = None,
        organization_id: str | None = None,
        state: str | None = None,
        code_challenge: str | None = None,
        code_challenge_method: Literal["S256"] | str | None = None,
        domain_hint: str | None = None,
        login_hint: str | None = None,
        screen_hint: ScreenHint | str | None = None,
        prompt: str | None = None,
        provider_scopes: Sequence[str] | None = None,
        provider_query_params: Mapping[str, str | int | float | bool] | None = None,
        invitation_token: str | None = None,
        client_id: str | None = None,
        max_age: int | None = None,
    ) -> str:
        """The URL to send a user to, to sign in through AuthKit, an OAuth provider or an SSO
        connection (``GET /user_management/authorize``). Sends no request.

        WorkOS redirects back to ``redirect_uri`` with ``code`` (and ``state``): exchange it
        with ``authenticate_with_code``.

        Args:
            redirect_uri: Where WorkOS sends the user back (one of the environment's
                redirect URIs). Required.
            provider: ``"authkit"`` or an OAuth provider, e.g. ``"GoogleOAuth"``.
            connection_id: An SSO connection.
            organization_id: Sign in through the organization's SSO connection; with
                ``provider="authkit"``, AuthKit for that organization. Give ``provider``,
                ``connection_id`` or ``organization_id`` (only ``provider`` and
                ``organization_id`` go together).
            state: An opaque value WorkOS returns to ``redirect_uri`` unchanged.
            code_challenge: The PKCE challenge (see ``get_authorization_url_with_pkce``).
            code_challenge_method: ``"S256"``; only with ``code_challenge``.
            domain_hint: Pre-fill the domain (SSO).
            login_hint: Pre-fill the email address.
            screen_hint: ``"sign-up"`` or ``"sign-in"`` (AuthKit's first screen).
            prompt: e.g. ``"consent"`` to ask the provider for consent again.
            provider_scopes: Extra OAuth scopes; sent comma-separated.
            provider_query_params: Extra query parameters for the OAuth provider; sent as
                ``provider_query_params[key]=value``.
            invitation_token: Accept this invitation as part of signing in.
            client_id: Default: the client's ``client_id``.
            max_age: Seconds since the user last signed in beyond which they must sign in
                again (OIDC ``max_age``).

        Raises:
            ValueError: none of provider / connection_id / organization_id, connection_id
                with one of the others, an
                empty or relative ``redirect_uri``, or ``code_challenge_method`` without
                ``code_challenge``.
            TypeError: an argument of the wrong type.
            ConfigurationError: no ``client_id`` here nor on the client.
        """
        method = "get_authorization_url"
        redirect_uri = _check_str(method, "redirect_uri", redirect_uri)
        if not urlsplit(redirect_uri).scheme:
            raise ValueError(f"{method}(): 'redirect_uri' must be an absolute URL")
        targets = {
            "provider": provider,
            "connection_id": connection_id,
            "organization_id": organization_id,
        }
        given = [name for name, value in targets.items() if value is not None]
        if not given or (len(given) > 1 and "connection_id" in given):
            got = " and ".join(repr(n) for n in given) if given else "none"
            raise ValueError(
                f"{method}(): pass one of 'provider', 'connection_id' or 'organization_id' "
                f"(only 'provider' and 'organization_id' go together; got {got})"
            )
        if code_challenge_method is not None and code_challenge is None:
            raise ValueError(f"{method}(): 'code_challenge_method' needs 'code_challenge'")
        if client_id is None:
            client_id = self._config.require_client_id(method)
        items: list[tuple[str, str]] = [
            ("client_id", _check_str(method, "client_id", client_id)),
            ("redirect_uri", redirect_uri),
            ("response_type", "code"),
        ]
        optional: dict[str, str | None] = {
            **targets,
            "state": state,
            "code_challenge": code_challenge,
            "code_challenge_method": code_challenge_method,
            "domain_hint": domain_hint,
            "login_hint": login_hint,
            "screen_hint": screen_hint,
            "prompt": prompt,
            "invitation_token": invitation_token,
        }
        for name, value in optional.items():
            if value is not None:
                items.append((name, _check_str(method, name, value)))
        if max_age is not None:
            if isinstance(max_age, bool) or not isinstance(max_age, int):
                raise TypeError(f"{method}(): 'max_age' must be int, not {type(max_age).__name__}")
            if max_age < 0:
                raise ValueError(f"{method}(): 'max_age' must be >= 0")
            items.append(("max_age", str(max_age)))
        if provider_scopes is not None:
            if isinstance(provider_scopes, str) or not isinstance(provider_scopes, Sequence):
                raise TypeError(
                    f"{method}(): 'provider_scopes' must be a list of str, "
                    f"not {type(provider_scopes).__name__}"
                )
            scopes = [_check_str(method, "provider_scopes", s) for s in provider_scopes]
            # The spec: style form, explode false.
            items.append(("provider_scopes", ",".join(scopes)))
        if provider_query_params is not None:
            if not isinstance(provider_query_params, Mapping):
                raise TypeError(
                    f"{method}(): 'provider_query_params' must be a mapping, "
                    f"not {type(provider_query_params).__name__}"
                )
            for key, raw in provider_query_params.items():
                name = _check_str(method, "provider_query_params", key)
                items.append((f"provider_query_params[{name}]", _query_value(method, name, raw)))
        return f"{self._config.base_url}{AUTHORIZE_PATH}?{urlencode(items, quote_via=quote)}"

    def get_authorization_url_with_pkce(
        self,
        *,
        redirect_uri: str,
        provider: AuthorizationProvider | str | None = None,
        connection_id: str | None = None,
        organization_id: str | None = None,
        state: str | None = None,
        domain_hint: str | None = None,
        login_hint: str | None = None,
        screen_hint: ScreenHint | str | None = None,
        prompt: str | None = None,
        provider_scopes: Sequence[str] | None = None,
        provider_query_params: Mapping[str, str | int | float | bool] | None = None,
        invitation_token: str | None = None,
        client_id: str | None = None,
    ) -> AuthorizationUrlWithPkce:
        """``get_authorization_url`` with PKCE (RFC 7636): a fresh random code verifier, its
        S256 challenge in the URL, and a random ``state`` (unless you pass one). Sends no
        request.

        Keep the returned ``state`` and ``code_verifier`` server-side; on the callback check
        ``state``, then call ``authenticate_with_code(code=..., code_verifier=...)``.
        The arguments are those of ``get_authorization_url``.
        """
        code_verifier = generate_code_verifier()
        state = new_state() if state is None else state
        url = self.get_authorization_url(
            redirect_uri=redirect_uri,
            provider=provider,
            connection_id=connection_id,
            organization_id=organization_id,
            state=state,
            code_challenge=code_challenge_s256(code_verifier),
            code_challenge_method="S256",
            domain_hint=domain_hint,
            login_hint=login_hint,
            screen_hint=screen_hint,
            prompt=prompt,
            provider_scopes=provider_scopes,
            provider_query_params=provider_query_params,
            invitation_token=invitation_token,
            client_id=client_id,
        )
        return AuthorizationUrlWithPkce(url=url, state=state, code_verifier=code_verifier)

    def get_logout_url(self, session_id: str, return_to: str | None = None) -> str:
        """The URL that ends a session in the browser (``GET /user_management/sessions/logout``)
        and then redirects to ``return_to`` (default: the environment's logout redirect).
        Sends no request. ``session_id`` is the ``sid`` claim of the access token."""
        method = "get_logout_url"
        items = [("session_id", _check_str(method, "session_id", session_id))]
        if return_to is not None:
            items.append(("return_to", _check_str(method, "return_to", return_to)))
        return f"{self._config.base_url}{LOGOUT_PATH}?{urlencode(items, quote_via=quote)}"

    def get_jwks_url(self, client_id: str | None = None) -> str:
        """The URL of the JSON Web Key Set that signs this client's access tokens
        (``GET /sso/jwks/{client_id}``; default: the client's ``client_id``). Sends no
        request: ``get_jwks`` fetches it."""
        method = "get_jwks_url"
        if client_id is None:
            client_id = self._config.require_client_id(method)
        return f"{self._config.base_url}/sso/jwks/{path_segment(client_id, 'client_id', method)}"
