"""``Set-Cookie`` values with exact attributes, and the response-header edits the middleware
makes (which cookies a response already sets; ``Vary`` merged, not replaced)."""

from __future__ import annotations

import re
from typing import Literal

from starlette.datastructures import MutableHeaders

__all__ = [
    "COOKIE_NAME",
    "SameSite",
    "cookie_names_set",
    "delete_cookie_header",
    "merge_vary",
    "set_cookie_header",
]

SameSite = Literal["Lax", "Strict", "None"]

# RFC 6265 cookie-octet: what a cookie value may hold unquoted.
_COOKIE_VALUE = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*")
#: An RFC 6265 cookie name (an HTTP token).
COOKIE_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def set_cookie_header(
    name: str,
    value: str,
    *,
    max_age: int,
    path: str = "/",
    domain: str | None = None,
    secure: bool = True,
    http_only: bool = True,
    same_site: SameSite = "Lax",
) -> str:
    """A ``Set-Cookie`` value with exactly these attributes (the value is written as is: iron
    seals need no quoting)."""
    if not COOKIE_NAME.fullmatch(name):
        raise ValueError(f"invalid cookie name {name!r}")
    if not _COOKIE_VALUE.fullmatch(value):
        raise ValueError("the cookie value has characters a cookie cannot hold")
    if same_site not in ("Lax", "Strict", "None"):
        raise ValueError(f"same_site must be 'Lax', 'Strict' or 'None', not {same_site!r}")
    if same_site == "None" and not secure:
        raise ValueError("SameSite=None cookies must be Secure")
    parts = [f"{name}={value}", f"Path={path}", f"Max-Age={max_age}"]
    if domain:
        parts.append(f"Domain={domain}")
    if http_only:
        parts.append("HttpOnly")
    if secure:
        parts.append("Secure")
    parts.append(f"SameSite={same_site}")
    return "; ".join(parts)


def delete_cookie_header(
    name: str,
    *,
    path: str = "/",
    domain: str | None = None,
    secure: bool = True,
    http_only: bool = True,
    same_site: SameSite = "Lax",
) -> str:
    """A ``Set-Cookie`` value that deletes the cookie (same path and domain as when set)."""
    header = set_cookie_header(
        name,
        "",
        max_age=0,
        path=path,
        domain=domain,
        secure=secure,
        http_only=http_only,
        same_site=same_site,
    )
    return header.replace("; Max-Age=0", "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT", 1)


def cookie_names_set(headers: MutableHeaders) -> set[str]:
    """The names of the cookies a response's ``Set-Cookie`` headers set or delete."""
    return {value.split("=", 1)[0].strip() for value in headers.getlist("set-cookie")}


def merge_vary(headers: MutableHeaders, *names: str) -> None:
    """Add ``names`` to the response's ``Vary`` (keeping what the route put there)."""
    current = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
    lower = {v.lower() for v in current}
    for name in names:
        if name.lower() not in lower and "*" not in lower:
            current.append(name)
    headers["vary"] = ", ".join(current)
