"""The page views: home and paste form, site report, site list, report permalink, badge, API docs."""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import urlsplit

from flask import Response, current_app, redirect, render_template, request, url_for
from markupsafe import escape
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from api.domains import MAX_HOST_LENGTH, normalize_site
from api.errors import InputError, StoreUnavailable, TextTooLarge
from api.pages._blueprint import bp, error_page
from api.pages.badge import badge_etag, badge_width, render_badge
from api.pages.openapi_doc import build_api_doc, inline_parts, schema_anchor
from api.pages.report_view import build_history, build_report_view, parse_timestamp
from api.pages.same_origin import is_cross_site
from api.scoring_service import REPORT_ID, normalize_text, score_text
from api.site_document import site_document
from api.site_index import search_prefix

#: Pasted policies up to this many characters. The longest OPP-115 policy is about 50,000
#: characters; four times that leaves room while keeping one form post cheap to score.
PASTE_MAX_CHARS = 200_000
#: Bound on the whole form body. Form bodies are percent-encoded (3 bytes per byte of UTF-8, so up to
#: 12 per character), so a policy at PASTE_MAX_CHARS fits; anything bigger is refused while reading
#: (werkzeug checks only max_content_length for urlencoded forms) with the friendly 413 form page.
PASTE_MAX_FORM_BYTES = 3 * 1024 * 1024
SITES_PER_PAGE = 25
#: The store's sorts and the direction each lists in (for aria-sort).
SORTS = {"updated": "last update", "grade": "grade", "score": "score", "site": "name"}
SORT_DIRECTIONS = {"updated": "descending", "grade": "ascending", "score": "descending", "site": "ascending"}
SITE_COLUMNS = (("site", "Site"), ("grade", "Grade"), ("score", "Score"), ("updated", "Last update"))
#: Badges change only when a site's policy is rescored: let browsers and proxies keep them briefly.
BADGE_MAX_AGE = 3600
UNGRADED_BADGE_MAX_AGE = 300


def _store() -> Any:
    """The SiteStore of this app (api.store.SiteStore)."""
    return current_app.extensions["policygrade"].store


def _stored_text(report_id: str | None) -> str | None:
    """The normalized policy text for ``report_id`` (``pg:text:<id>``), for quotes in context.

    None when it is not stored (text that is not a policy) or Redis fails right now: the page then
    shows each quote with its neighbouring quotes, or alone.
    """
    if not report_id:
        return None
    try:
        return _store().get_text(report_id)
    except StoreUnavailable:
        return None


# Home and paste form --------------------------------------------------------------------------


def _grading_numbers() -> dict[str, object]:
    """The scorer's own weights and bands, for the page that explains the grade."""
    from scoring import _grading

    return {
        "penalty": _grading.SEVERITY_PENALTY,
        "bands": {grade: floor for floor, grade in _grading.GRADE_BANDS},
        "reading_max": max(points for _, points, _ in _grading.READABILITY_PENALTY),
    }


@bp.get("/")
def home() -> str:
    """What the service is, and the paste form."""
    return render_template("pages/home.html", max_chars=PASTE_MAX_CHARS, grading=_grading_numbers())


def _form_error(title: str, message: str, status: int, text: str = "", url: str = "") -> tuple[str, int]:
    """The home page again, with the visitor's input kept and a message saying what to change."""
    page = render_template(
        "pages/home.html",
        max_chars=PASTE_MAX_CHARS,
        grading=_grading_numbers(),
        error={"title": title, "message": message},
        text=text,
        url=url,
    )
    return page, status


def refused_paste_page(status: int) -> str:
    """The form again, with the visitor's text, when the paste was refused before grading (429, 413)."""
    text = url = ""
    if status == 429:
        request.max_content_length = PASTE_MAX_FORM_BYTES
        request.max_form_memory_size = PASTE_MAX_FORM_BYTES
        try:
            text = request.form.get("text", "")[:PASTE_MAX_CHARS]
            url = request.form.get("url", "")[:2048]
        except Exception:  # an unreadable or oversized body: show the form empty rather than fail
            text = url = ""
        title, message = "Too many requests", "You have graded a lot of text in the last minute. "
        message += "Please wait a minute, then press the button again: your text is still here."
    else:
        title, message = "That text is too long", f"Paste at most {PASTE_MAX_CHARS:,} characters."
    return _form_error(title, message, status, text=text, url=url)[0]


@bp.post("/")
def grade_pasted() -> tuple[str, int] | str:
    """Score pasted text with the same code as POST /api/v1/score and show the report."""
    if is_cross_site():
        return error_page(
            403,
            "This form only works on this site",
            "Another website tried to send a policy here in your name, so nothing was graded. "
            "To grade a policy, paste it on the home page.",
        )
    request.max_content_length = PASTE_MAX_FORM_BYTES
    request.max_form_memory_size = PASTE_MAX_FORM_BYTES  # the same bound for a multipart post
    too_long = (
        "That text is too long",
        f"Paste at most {PASTE_MAX_CHARS:,} characters. For longer documents use the JSON API.",
        413,
    )
    try:
        text = request.form.get("text", "")
        url = request.form.get("url", "").strip()
    except RequestEntityTooLarge:
        return _form_error(*too_long)
    if not text.strip():
        return _form_error("Nothing to grade", "Paste the text of a privacy policy into the box.", 422)
    if len(text) > PASTE_MAX_CHARS:
        return _form_error(*too_long, url=url)
    try:
        report = score_text(text, url=url or None)
    except TextTooLarge:
        return _form_error(*too_long, url=url)
    except InputError as error:
        if error.field == "url":
            message = "The address must start with http:// or https://, or leave it empty."
            return _form_error("Check the address", message, 422, text=text, url=url)
        return _form_error("That text cannot be graded", error.message, 422, text=text, url=url)
    view = build_report_view(report, text=normalize_text(text))
    notice = "This exact text was graded before; this is the stored report." if report.get("cached") else ""
    return render_template(
        "pages/report.html",
        view=view,
        site=None,
        history=(),
        cached_notice=notice,
        policy_link=_linkable(view.url),
    )


def _linkable(url: str | None) -> str | None:
    """``url`` if it is safe to put in an href (http or https only), else None (shown as text)."""
    if url and re.match(r"https?://[^\s/?#]", url, re.IGNORECASE):
        return url
    return None


# Reports and sites ------------------------------------------------------------------------------


@bp.get("/reports/<report_id>")
def report_page(report_id: str) -> tuple[str, int] | str:
    """A stored report by id (the permalink shown after pasting a policy)."""
    if not REPORT_ID.fullmatch(report_id):
        return error_page(404, "No such report", "Report links end in 64 hexadecimal characters.")
    report = _store().get_report(report_id)
    if report is None:
        return error_page(404, "No such report", "This report is not stored (or was never made).")
    view = build_report_view(report, text=_stored_text(report_id))
    return render_template(
        "pages/report.html",
        view=view,
        site=None,
        history=(),
        cached_notice="",
        policy_link=_linkable(view.url),
    )


@bp.get("/sites/<site>")
def site_report(site: str) -> Any:
    """The current report of a site, its history and the badge snippet; 404 page if never graded."""
    canonical = normalize_site(site)
    if canonical is None:
        # Not a site name (bad characters, too long, a public suffix): echo a bounded piece of it.
        shown = site if len(site) <= MAX_HOST_LENGTH else site[:MAX_HOST_LENGTH] + "\u2026"
        return render_template("pages/site_not_found.html", site=shown), 404
    if canonical != site:
        # www.example.com, EXAMPLE.com -> example.com: one address per site.
        return redirect(url_for("pages.site_report", site=canonical), code=301)
    data = _store().get_site(canonical)
    if data is None:
        return render_template("pages/site_not_found.html", site=canonical), 404
    site_doc = site_document(data)
    current = site_doc["current"] or {"risks": []}
    report_id = current.get("id")
    # url, title and dates are the site's (its verification), not the report's: reports hold findings only.
    verification = site_doc["verification"] or {}
    placed = {**current, "site": canonical, "url": site_doc["url"], "title": site_doc["title"],
              "scored_at": verification.get("verified_at")}  # fmt: skip
    view = build_report_view(placed, text=_stored_text(report_id))
    titles = {risk.id: risk.title for risk in view.risks}
    embed_html = _embed_snippet(canonical, view.grade)
    return render_template(
        "pages/report.html",
        view=view,
        site=canonical,
        history=build_history(site_doc["history"], titles),
        site_doc=site_doc,
        verified_at=parse_timestamp(verification.get("fetched_at") or verification.get("verified_at")),
        rescored_at=parse_timestamp(data["record"].get("rescored_at")),
        visitor_at=parse_timestamp((site_doc["visitor_report"] or {}).get("submitted_at")),
        checked_at=parse_timestamp((site_doc["last_check"] or {}).get("checked_at")),
        visitor_link=_linkable((site_doc["visitor_report"] or {}).get("url")),
        cached_notice="",
        policy_link=_linkable(view.url),
        badge_url=url_for("pages.site_badge", site=canonical),
        badge_width=badge_width(view.grade),
        embed_html=embed_html,
    )


def _embed_snippet(site: str, grade: str | None) -> str:
    """The HTML other sites copy to show the badge, with absolute links to this service.

    The links start with PUBLIC_URL. Without it they start with the request's own host only in
    development (a loopback Host, as with ``make serve``): elsewhere the Host header is whatever the
    client sent, and a snippet copied from a page built on it (or cached by a proxy) would send
    every visitor of the embedding site to that host. Then the links are relative (docs/api.md says to
    set PUBLIC_URL in production).
    """
    base = public_base_url()
    site_path = url_for("pages.site_report", site=site)
    badge_path = url_for("pages.site_badge", site=site)
    alt = f"Privacy policy grade for {escape(site)}: {escape(grade or 'not graded')}"
    return f'<a href="{escape(base + site_path)}"><img src="{escape(base + badge_path)}" alt="{alt}"></a>'


#: Host names that mean "this machine": the only ones the embed snippet may take from the request.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def public_base_url() -> str:
    """PUBLIC_URL without a trailing slash; in development the request's host; else ``""`` (relative)."""
    configured = str(current_app.config.get("PUBLIC_URL") or "").strip()
    if configured:
        return configured.rstrip("/")
    hostname = urlsplit("//" + request.host).hostname or ""
    if hostname in LOOPBACK_HOSTS or hostname.startswith("127.") or current_app.debug:
        return request.host_url.rstrip("/")
    return ""


#: Highest page number honoured (25 million sites); beyond it Redis would refuse the offset.
MAX_PAGE = 1_000_000


def _page_number(raw: str | None) -> int:
    """``?page=`` as a page number from 1 to MAX_PAGE (anything unreadable is page 1)."""
    try:
        return min(MAX_PAGE, max(1, int(raw or 1)))
    except ValueError:
        return 1


@bp.get("/sites")
def site_list() -> str:
    """All graded sites: search by name, sort by grade, score, name or last update, paginated."""
    query = search_prefix(request.args.get("q", ""))
    sort = request.args.get("sort", "updated")
    if sort not in SORTS:
        sort = "updated"
    page = _page_number(request.args.get("page"))
    offset = (page - 1) * SITES_PER_PAGE
    items, total = _store().list_sites(SITES_PER_PAGE, offset, query=query or None, sort=sort)
    pages = max(1, math.ceil(total / SITES_PER_PAGE))
    if total and not items and page > pages:
        # A stale link past the end: show the last page rather than an empty table.
        page = pages
        offset = (page - 1) * SITES_PER_PAGE
        items, total = _store().list_sites(SITES_PER_PAGE, offset, query=query or None, sort=sort)
    rows = [{**item, "updated": parse_timestamp(item.get("updated_at"))} for item in items]
    return render_template(
        "pages/site_list.html",
        items=rows,
        total=total,
        query=query,
        sort=sort,
        sort_labels=SORTS,
        sort_directions=SORT_DIRECTIONS,
        columns=SITE_COLUMNS,
        page=page,
        pages=pages,
        first=offset + 1,
        last=offset + len(rows),
    )


# Badge -----------------------------------------------------------------------------------------


@bp.get("/sites/<site>/badge.svg")
def site_badge(site: str) -> Response:
    """Shields-style badge for a site's grade; grey "not graded" when unknown."""
    canonical = normalize_site(site)
    status, grade, message, max_age = 200, None, None, UNGRADED_BADGE_MAX_AGE
    try:
        # One read of the site record: the badge is the verified grade or nothing.
        verified, grade = _store().verified_grade(canonical) if canonical else (False, None)
    except StoreUnavailable:
        verified, status, message, max_age = False, 503, "unavailable", 0
    if verified:
        max_age = BADGE_MAX_AGE
    svg = render_badge(grade, message)
    response = Response(svg, status=status, mimetype="image/svg+xml")
    if status != 200:
        response.headers["Cache-Control"] = "no-store"
        return response
    response.set_etag(badge_etag(svg))
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.make_conditional(request)  # 304 with no body when If-None-Match matches
    return response


# API docs --------------------------------------------------------------------------------------

ERROR_EXAMPLE = {
    "code": 422,
    "status": "Unprocessable Entity",
    "message": "Invalid text: Must not be empty or only whitespace.",
    "errors": {"json": {"text": ["Must not be empty or only whitespace."]}},
}


def _openapi_spec() -> dict[str, Any]:
    """The app's OpenAPI document, straight from flask-smorest's Api object (no HTTP round trip)."""
    apis = current_app.extensions.get("flask-smorest", {}).get("apis", {})
    for entry in apis.values():
        api = entry.get("ext_obj")
        if api is not None:
            return dict(api.spec.to_dict())
    raise NotFound()


@bp.get("/docs")
def api_docs() -> str:
    """The OpenAPI document as a readable page, rendered on the server (works offline, no JS)."""
    doc = build_api_doc(_openapi_spec())
    try:
        spec_url = url_for("api-docs.openapi_json")
    except Exception:  # werkzeug BuildError: the spec is served under another endpoint name
        spec_url = "/api/v1/openapi.json"
    return render_template(
        "pages/docs.html",
        doc=doc,
        spec_url=spec_url,
        schema_anchor=schema_anchor,
        inline_parts=inline_parts,
        error_example=json.dumps(ERROR_EXAMPLE, indent=2),
    )
