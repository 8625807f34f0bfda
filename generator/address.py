"""The site's public address: the one setting SITE_URL, checked and normalised; stricter rules for publishing."""

from __future__ import annotations

import ipaddress
import os
import re
from urllib.parse import urlsplit

SITE_URL_ENV = "SITE_URL"

PLACEHOLDER_SUFFIXES = ("test", "invalid", "local", "localhost", "example", "internal", "lan", "home.arpa", "localdomain")
"""Names that never denote a public web site (RFC 2606, RFC 6761, RFC 6762, RFC 8375 and common private names)."""


_HOST = re.compile(r"[a-z0-9.-]+|[0-9a-f:.]+")
_PATH = re.compile(r"[A-Za-z0-9._~%/-]*")
"""Characters allowed in the address: it lands in HTML attributes, XML, iCalendar and the PDF."""


class AddressError(ValueError):
    """SITE_URL is malformed, or not fit for publication; the message is one line naming it."""


def site_url_from_env() -> str | None:
    """SITE_URL, normalised to end with "/"; None when it is unset or empty (then nothing links to the site absolutely)."""
    return parse_site_url(os.environ.get(SITE_URL_ENV))


def parse_site_url(value: str | None) -> str | None:
    """An http(s) address with a host and nothing after the path; the path gets a trailing "/"."""
    if value is None or not value.strip():
        return None
    shown = f"{SITE_URL_ENV}: {value[:80]!r}"
    if value != value.strip() or any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise AddressError(f"{shown} contains white space or control characters")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise AddressError(f"{shown} is not a valid address") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressError(f"{shown} is not an address of the form https://host/path/")
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment or value.endswith(("?", "#")):
        raise AddressError(f"{shown} may not contain a user name, a query (?) or a fragment (#)")
    if not _HOST.fullmatch(parts.hostname) or not _PATH.fullmatch(parts.path):
        raise AddressError(f"{shown} may only use letters a-z, digits and . - _ ~ % / in its host and path")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def site_path(site_url: str) -> str:
    """The path part of a normalised address: "https://host/a/b/" -> "/a/b/"."""
    return urlsplit(site_url).path


def publication_problem(site_url: str | None) -> str | None:
    """Why this address cannot be the public one (one line), or None when it can."""
    if site_url is None:
        return f"{SITE_URL_ENV} is not set; publish needs the public address, e.g. make publish {SITE_URL_ENV}=https://<host>/<path>/"
    parts = urlsplit(site_url)
    if parts.scheme != "https":
        return f"{SITE_URL_ENV}: {site_url} is not an https address; the published site must be served over https"
    host = (parts.hostname or "").rstrip(".").lower()
    if _placeholder_host(host):
        return f"{SITE_URL_ENV}: {site_url} is a placeholder or local address ({host}), not a public one"
    return None


def _placeholder_host(host: str) -> bool:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        labels = host.split(".")
        return len(labels) < 2 or "example" in labels or any(host == s or host.endswith("." + s) for s in PLACEHOLDER_SUFFIXES)
    return not ip.is_global
