"""Site names: the registrable domain of a URL or host by the bundled Public Suffix List (offline)."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

from api.urls import UrlError, parse_web_url

# publicsuffixlist ships its own copy of the list and never fetches one at run time.
_PSL = PublicSuffixList()
#: RFC 1035: at most 253 characters in a name (without the final dot), 63 in a label.
MAX_HOST_LENGTH = 253
#: One DNS label in ASCII: letters, digits, hyphens (not at either end); underscores occur in real
#: hostnames (e.g. some CDN and intranet names), so they are allowed too.
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")


def ascii_host(host: str) -> str | None:
    """``bücher.example`` -> ``xn--bcher-kva.example`` (what browsers send); None if it cannot be.

    Internationalised names are stored in their ASCII (punycode) form because that is what a
    browser's ``location.hostname`` gives the extension. Python's ``idna`` codec is IDNA 2003, which
    agrees with browsers except for a few characters such as ``ß`` (mapped to ``ss``).
    """
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # empty or over-long labels, prohibited or mixed-direction characters
        return None


def _is_hostname(host: str) -> bool:
    """Whether ``host`` (ASCII, lowercase, no final dot) is a syntactically valid DNS name."""
    return len(host) <= MAX_HOST_LENGTH and all(_LABEL.fullmatch(label) for label in host.split("."))


def host_of(url: str) -> str | None:
    """The lowercase hostname of an http(s) URL as a browser parses it (api.urls), else None."""
    try:
        return parse_web_url(url.strip()).host or None
    except UrlError:
        return None


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """``www.example.co.uk`` -> ``example.co.uk``; IPs and single-label hosts are kept as they are.

    A host that is itself a public suffix (``co.uk``), or that is not a valid DNS name (after
    converting an internationalised name to punycode), has no registrable domain: None.
    """
    host = host.strip().lower().rstrip(".")
    if not host or len(host) > 4 * MAX_HOST_LENGTH:
        return None
    if _is_ip(host):
        return host
    ascii_name = ascii_host(host)
    if ascii_name is None:
        return None
    host = ascii_name.lower()
    if not _is_hostname(host):
        # Spaces, slashes, NULs, markup, "..": not a name any browser could have visited.
        return None
    if "." not in host:
        # localhost, intranet names: the test sites of the extension's end-to-end test live here.
        return host
    return _PSL.privatesuffix(host)


def site_for_url(url: str | None) -> str | None:
    """The site a URL belongs to (see :func:`registrable_domain`), None without a usable URL."""
    if not url:
        return None
    host = host_of(url)
    return registrable_domain(host) if host else None


def normalize_site(value: str) -> str | None:
    """What a client typed as a site (host, URL or domain) -> the registrable domain."""
    value = value.strip()
    if "://" in value:
        return site_for_url(value)
    return registrable_domain(value)


def site_hash(site: str) -> str:
    """Full sha256 hex of the site name: what the extension's k-anonymity prefix is cut from."""
    return hashlib.sha256(site.encode("utf-8")).hexdigest()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
