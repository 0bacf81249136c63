"""Site names: the registrable domain of a URL or host by the bundled Public Suffix List (offline)."""

from __future__ import annotations

import hashlib
import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

# publicsuffixlist ships its own copy of the list and never fetches one at run time.
_PSL = PublicSuffixList()


def host_of(url: str) -> str | None:
    """The lowercase hostname of an http(s) URL, or None when there is none."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.rstrip(".") or None if host else None


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """``www.example.co.uk`` -> ``example.co.uk``; IPs and single-label hosts are kept as they are.

    A host that is itself a public suffix (``co.uk``) has no registrable domain: None.
    """
    host = host.strip().lower().rstrip(".")
    if not host or any(ch in host for ch in "/:@ ") and not _is_ip(host):
        return None
    if _is_ip(host):
        return host
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
