"""Site reports: GET /api/v1/sites, /api/v1/sites/<site>, and the k-anonymity /sites/prefix/<4 hex>."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from flask.views import MethodView
from werkzeug.exceptions import NotFound

from api.domains import normalize_site
from api.errors import InputError
from api.resources._blueprint import Blueprint, error_responses
from api.schemas import PrefixSchema, SiteListQuerySchema, SiteListSchema, SiteSchema
from api.site_document import site_document

blp = Blueprint("sites", __name__, url_prefix="/api/v1", description="Per-site reports and history.")

# Exactly four hex characters: 65,536 buckets, so a lookup names a bucket of sites, never one site.
_PREFIX = re.compile(r"[0-9a-f]{4}")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
#: A site name as the path takes it: a host name (any case, a www. or other subdomain is dropped) of
#: at most 253 characters. Anything else is answered 404 like an unknown site.
SITE_NAME_SCHEMA = {
    "type": "string",
    "maxLength": 253,
    "pattern": rf"^{_LABEL}(?:\.{_LABEL})*$",
}


def _store() -> Any:
    return current_app.extensions["policygrade"].store


@blp.route("/sites")
class Sites(MethodView):
    """Recently updated sites."""

    @blp.arguments(SiteListQuerySchema, location="query")
    @blp.response(200, SiteListSchema)
    @error_responses(blp, 422, 429, 503)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Sites with their verified grade, score and update time, most recently updated first by default.

        ``q`` keeps the sites whose name starts with it (``www.`` and a scheme are ignored).
        """
        items, total = _store().list_sites(query["limit"], query["offset"], query["q"], query["sort"])
        return {"items": items, "total": total, "limit": query["limit"], "offset": query["offset"]}


@blp.route(
    "/sites/prefix/<prefix>",
    parameters=[
        {"in": "path", "name": "prefix", "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{4}$"}}
    ],
)
class SitesByPrefix(MethodView):
    """k-anonymity lookup."""

    @blp.response(200, PrefixSchema)
    @error_responses(blp, 422, 429, 503, _422="prefix is not exactly 4 hex characters")
    def get(self, prefix: str) -> dict[str, Any]:
        """Every known site whose sha256(site) hex starts with ``prefix`` (4 hex characters).

        The client matches its own site locally, so the server learns only the bucket.
        """
        prefix = prefix.lower()
        if not _PREFIX.fullmatch(prefix):
            raise InputError("prefix", "Must be exactly 4 hex characters.", location="path")
        return {"prefix": prefix, "sites": _store().sites_with_prefix(prefix)}


@blp.route(
    "/sites/<site>",
    parameters=[{"in": "path", "name": "site", "schema": SITE_NAME_SCHEMA}],
)
class Site(MethodView):
    """One site."""

    @blp.response(200, SiteSchema)
    @error_responses(blp, 404, 429, 503, _404="Site not graded yet (or not a site name)")
    def get(self, site: str) -> dict[str, Any]:
        """The site's verified report with its provenance, the latest visitor report, and its history.

        ``www.example.co.uk`` (or any subdomain, or a URL) is looked up as ``example.co.uk``. ``grade``,
        ``score``, ``url`` and ``current`` come only from text the service fetched itself
        (``verified: true``); a site known only from visitors' texts has them null.
        """
        name = normalize_site(site)
        data = _store().get_site(name) if name else None
        if data is None:
            raise NotFound("No report for that site yet.")
        return site_document(data)
