"""Cross-site posts to the paste form are refused (issue 10, defect 5).

Without this, any web page could make its visitors' browsers post policies for any site to
``POST /``, from the visitors' own addresses (and rate-limit budgets). The form carries no secret to
check, so the browser's own word is used, as OWASP's CSRF cheat sheet describes ("Fetch Metadata"
and "verifying origin with standard headers"):

1. ``Sec-Fetch-Site`` (every current browser sends it): only ``same-origin`` and ``none`` (the
   visitor typed or bookmarked it) are accepted;
2. else ``Origin`` (sent with every cross-site POST): its host must be this server's ``Host`` or the
   host of ``PUBLIC_URL``; ``Origin: null`` (sandboxed frames, some redirects) is refused;
3. neither header: not a browser form post (curl, scripts), which no other site can cause: accepted.

The host is compared without the scheme, so a TLS-terminating proxy (https outside, http inside)
does not refuse the service's own form.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request

#: Sec-Fetch-Site values of a post this site's own page (or the visitor) made.
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})


def _own_hosts() -> set[str]:
    hosts = {request.host.lower()}
    public_url = current_app.config.get("PUBLIC_URL")
    if public_url:
        hosts.add(urlsplit(str(public_url)).netloc.lower())
    return hosts


def is_cross_site() -> bool:
    """Whether this request was made by another site's page (see the module docstring)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin.strip().lower() == "null":
        return True
    return urlsplit(origin.strip()).netloc.lower() not in _own_hosts()
