"""The site's public address: the one setting SITE_URL, parsed as browsers parse it (WHATWG URL Standard),
normalised once, and refused for publishing when it is not a public https host.

Browsers read hosts more liberally than they look: `127.1`, `0177.0.0.1` and `0x7f.0.0.1` are all the loopback
address 127.0.0.1, `10.1` is the private 10.0.0.1, `Vård.se` is `xn--vrd-ula.se`, and `/a/../etc/` is `/etc/`.
So the host is parsed with the standard's host parser (percent-decoding, IDNA to punycode, IPv4 numbers in
decimal, octal and hex with shorthand, IPv6), and the normalised result is the one value every output uses.
What a browser would rewrite or that cannot name a public web site is refused instead: dot segments in the
path, a lone "%", empty or hyphen-edged host labels, a trailing dot, port 0.
"""

from __future__ import annotations

import ipaddress
import os
import re

import idna

SITE_URL_ENV = "SITE_URL"

PLACEHOLDER_SUFFIXES = ("test", "invalid", "local", "localhost", "example", "internal", "lan", "home.arpa", "localdomain")
"""Names that never denote a public web site (RFC 2606, RFC 6761, RFC 6762, RFC 8375 and common private names)."""

_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
_PATH = re.compile(r"[A-Za-z0-9._~%/!$&'()*+,;=:@-]*")
_UNSAFE_PATH = re.compile(r"[!$&'()*+,;=:@]")
"""Characters a path may hold in a URL but that this address may not: it lands in HTML attributes, XML,
iCalendar, the nginx config and the PDF, so only letters, digits and . - _ ~ % / are kept."""
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_FORBIDDEN_HOST = set("\0\t\n\r #/:<>?@[\\]^|%") | {chr(c) for c in range(0x20)} | {"\x7f"}
"""WHATWG "forbidden domain code points" (checked after percent-decoding)."""
_DOT_SEGMENT = re.compile(r"(?:\.|%2e){1,2}", re.IGNORECASE)
_DEFAULT_PORT = {"http": 80, "https": 443}


class AddressError(ValueError):
    """SITE_URL is malformed, or not fit for publication; the message is one line naming it."""


def site_url_from_env() -> str | None:
    """SITE_URL, normalised to end with "/"; None when it is unset or empty (then nothing links to the site absolutely)."""
    return parse_site_url(os.environ.get(SITE_URL_ENV))


def parse_site_url(value: str | None) -> str | None:
    """An http(s) address with a host and nothing after the path, normalised as a browser would serialise it;
    the path gets a trailing "/"."""
    if value is None or not value.strip():
        return None
    shown = f"{SITE_URL_ENV}: {value[:80]!r}"

    def fail(reason: str) -> AddressError:
        return AddressError(f"{shown} {reason}")

    if value != value.strip() or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 0x7F for ch in value):
        raise fail("contains white space or control characters")
    if "\\" in value:
        raise fail("contains a backslash (browsers read it as /); write the address with / only")
    scheme_match = _SCHEME.match(value)
    rest = value[scheme_match.end() :] if scheme_match else ""
    scheme = scheme_match["scheme"].lower() if scheme_match else ""
    if scheme not in ("http", "https") or not rest.startswith("//"):
        raise fail("is not an address of the form https://host/path/")
    authority, slash, path = rest[2:].partition("/")
    path = slash + path
    if "?" in authority or "#" in authority or "?" in path or "#" in path:
        raise fail("may not contain a user name, a query (?) or a fragment (#)")
    if "@" in authority:
        raise fail("may not contain a user name, a query (?) or a fragment (#)")
    host_text, port = _split_port(authority, fail)
    host = parse_host(host_text, fail)
    if port is not None and port == _DEFAULT_PORT[scheme]:
        port = None
    path = _parse_path(path or "/", fail)
    netloc = host + (f":{port}" if port is not None else "")
    return f"{scheme}://{netloc}{path}"


def _split_port(authority: str, fail) -> tuple[str, int | None]:
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            raise fail("is not a valid address (an IPv6 host needs its closing ])")
        host, after = authority[: end + 1], authority[end + 1 :]
        if after and not after.startswith(":"):
            raise fail("is not a valid address (text after the IPv6 host)")
        port_text = after[1:] if after else None
    else:
        host, colon, port_text_ = authority.partition(":")
        port_text = port_text_ if colon else None
    if port_text is None or port_text == "":
        return host, None
    if not port_text.isascii() or not port_text.isdigit():
        raise fail("has a port that is not a number")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise fail(f"has port {port}, which no web server can listen on (1-65535)")
    return host, port


def parse_host(text: str, fail) -> str:
    """The WHATWG host parser for http(s) URLs, serialised: IPv6 in brackets, IPv4 dotted, names in punycode.
    Stricter than browsers where a browser would accept what cannot be a public name (empty labels, labels
    starting or ending with "-", a trailing dot, characters outside letters, digits and "-")."""
    if not text:
        raise fail("has no host")
    if text.startswith("["):
        if not text.endswith("]"):
            raise fail("is not a valid address (an IPv6 host needs its closing ])")
        try:
            return f"[{ipaddress.IPv6Address(text[1:-1]).compressed}]"
        except ValueError:
            raise fail("has an invalid IPv6 host") from None
    try:
        decoded = _percent_decode(text).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise fail("has a host with a malformed %-escape") from None
    if any(ch in _FORBIDDEN_HOST for ch in decoded):
        raise fail("has characters in its host that no host name may hold")
    if decoded.endswith("."):
        raise fail("has a host ending with a dot; write the host without it")
    if decoded.isascii():
        ascii_host = decoded.lower()
    else:
        try:
            ascii_host = idna.encode(decoded, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError):
            raise fail("has a host that is not a valid domain name (IDNA)") from None
    labels = ascii_host.split(".")
    if _ends_in_a_number(labels):
        return _parse_ipv4(labels, fail)
    if any(label == "" for label in labels):
        raise fail("has an empty label in its host (two dots in a row)")
    if len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise fail("has a host that is not a valid domain name (letters, digits and -, no label starting or ending with -)")
    return ascii_host


def _percent_decode(text: str) -> bytes:
    data = text.encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(data):
        if data[i] == 0x25:  # "%"
            pair = data[i + 1 : i + 3]
            if len(pair) != 2 or not all(chr(c) in "0123456789abcdefABCDEF" for c in pair):
                raise ValueError("lone %")
            out.append(int(pair, 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return bytes(out)


def _ipv4_number(part: str) -> int | None:
    """WHATWG "IPv4 number parser": decimal, 0x-hex or 0-octal; None when the part is not a number."""
    if part == "":
        return None
    radix = 10
    if part[:2].lower() == "0x":
        radix, part = 16, part[2:]
    elif len(part) > 1 and part.startswith("0"):
        radix, part = 8, part[1:]
    if part == "":
        return 0
    digits = "0123456789abcdef"[:radix]
    if not all(ch in digits for ch in part.lower()):
        return None
    return int(part, radix)


def _ends_in_a_number(labels: list[str]) -> bool:
    parts = labels[:-1] if len(labels) > 1 and labels[-1] == "" else labels
    last = parts[-1]
    return last != "" and (last.isascii() and last.isdigit() or _ipv4_number(last) is not None)


def _parse_ipv4(labels: list[str], fail) -> str:
    parts = labels[:-1] if len(labels) > 1 and labels[-1] == "" else labels
    if len(parts) > 4:
        raise fail("has a host that ends in a number but is not an IPv4 address")
    numbers = [_ipv4_number(part) for part in parts]
    if any(n is None for n in numbers):
        raise fail("has a host that ends in a number but is not an IPv4 address")
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise fail("has an IPv4 host with a number out of range")
    address = values[-1]
    for i, n in enumerate(values[:-1]):
        address += n * 256 ** (3 - i)
    return str(ipaddress.IPv4Address(address))


def _parse_path(path: str, fail) -> str:
    path = "".join(ch if ch.isascii() else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in path)  # as browsers do
    if not _PATH.fullmatch(path):
        raise fail("may only use letters a-z, digits and . - _ ~ % / in its host and path")
    if _UNSAFE_PATH.search(path):
        raise fail("may only use letters a-z, digits and . - _ ~ % / in its host and path")
    if re.search(r"%(?![0-9A-Fa-f]{2})", path):
        raise fail("has a % in its path that is not followed by two hex digits")
    if any(_DOT_SEGMENT.fullmatch(segment) for segment in path.split("/")):
        raise fail("has a . or .. segment in its path (browsers would resolve it to another folder)")
    if "//" in path:
        raise fail("has an empty segment (//) in its path")
    return path if path.endswith("/") else path + "/"


def site_path(site_url: str) -> str:
    """The path part of a normalised address: "https://host/a/b/" -> "/a/b/"."""
    return "/" + site_url.split("://", 1)[1].partition("/")[2]


def host_of(site_url: str) -> str:
    """The host of a normalised address, without port or brackets."""
    netloc = site_url.split("://", 1)[1].partition("/")[0]
    if netloc.startswith("["):
        return netloc[1 : netloc.index("]")]
    return netloc.partition(":")[0]


def publication_problem(site_url: str | None) -> str | None:
    """Why this (normalised) address cannot be the public one (one line), or None when it can."""
    if site_url is None:
        return f"{SITE_URL_ENV} is not set; publish needs the public address, e.g. make publish {SITE_URL_ENV}=https://<host>/<path>/"
    if not site_url.startswith("https://"):
        return f"{SITE_URL_ENV}: {site_url} is not an https address; the published site must be served over https"
    host = host_of(site_url)
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
