"""URLs parsed the way browsers parse them (the WHATWG URL Standard, by ada-url, Node.js' parser).

Why not urllib.parse: it follows RFC 3986, and browsers do not. ``https://evil.example\\@google.com/``
is host google.com to urlsplit but evil.example to every browser (``\\`` is a path separator in
special schemes), so a site filed by urlsplit's answer is not the site a visitor opens. ada also
canonicalises the IPv4 forms browsers accept (``127.1``, ``0x7f000001``, ``2130706433``, ``0177.0.0.1``
are all 127.0.0.1) and punycodes Unicode hosts, which is what the SSRF guard must see.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import ada_url

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


class UrlError(ValueError):
    """Not an http(s) URL this service accepts; the message says why, for a 422."""


@dataclass(frozen=True)
class WebUrl:
    """An http(s) URL after WHATWG parsing: ``href`` is its serialization (what a browser shows)."""

    href: str
    scheme: str
    host: str  # ASCII, lowercase; IPv6 without brackets
    port: int
    path_and_query: str  # what goes on the request line

    @property
    def ip(self) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        """The host as an IP address when it is one (already canonical: ``127.1`` is 127.0.0.1)."""
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None


def parse_web_url(raw: str, base: str | None = None) -> WebUrl:
    """``raw`` (relative to ``base`` if given, as a redirect's Location is) as a WebUrl, else UrlError."""
    try:
        parsed = ada_url.URL(raw, base) if base is not None else ada_url.URL(raw)
    except ValueError:
        raise UrlError("Not a valid URL.") from None
    scheme = parsed.protocol.rstrip(":")
    if scheme not in SCHEMES:
        raise UrlError("Must be an http or https URL.")
    if parsed.username or parsed.password:
        # https://user:pass@host/ carries credentials, and "google.com@evil.example" is the oldest
        # trick for making a URL look like another site's; browsers warn, we refuse.
        raise UrlError("Must not contain a user name or password (user@host).")
    host = parsed.hostname.strip("[]").rstrip(".")
    if not host:
        raise UrlError("Must have a host name.")
    port = int(parsed.port) if parsed.port else DEFAULT_PORTS[scheme]
    if port == 0:
        raise UrlError("Port 0 is not a port anything listens on.")
    return WebUrl(
        href=parsed.href,
        scheme=scheme,
        host=host,
        port=port,
        path_and_query=(parsed.pathname or "/") + parsed.search,
    )
