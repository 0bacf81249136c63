"""The pages blueprint: security headers on every page and HTML (not JSON) error pages."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, render_template
from werkzeug.exceptions import HTTPException

from api.errors import StoreUnavailable

log = logging.getLogger(__name__)

bp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/pages",
)

#: No inline script or style anywhere: every page uses only /static/pages/pages.css. ``img-src data:``
#: allows the empty data: favicon; ``form-action 'self'`` keeps the paste form on this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)
#: The badge is an image other sites embed: nothing inside it may load or run anything.
BADGE_SECURITY_POLICY = "default-src 'none'"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

#: Friendly wording per status for the error page (never the exception's own text).
ERROR_PAGES: dict[int, tuple[str, str]] = {
    400: ("That request did not make sense", "Something in the address or the form was not understood."),
    404: ("Page not found", "There is nothing at this address. Check the link, or start from the home page."),
    405: ("Not allowed", "This page cannot be used that way."),
    413: ("That was too much text", "The text sent is larger than this service accepts."),
    429: ("Too many requests", "Please wait a minute and try again."),
    503: (
        "Reports are unavailable right now",
        "The report store cannot be reached at the moment. Nothing is lost: please try again in a "
        "few minutes.",
    ),
}


@bp.after_request
def add_security_headers(response: Response) -> Response:
    """CSP and friends on every response of this blueprint (the badge gets its own, stricter CSP)."""
    if response.mimetype == "image/svg+xml":
        response.headers["Content-Security-Policy"] = BADGE_SECURITY_POLICY
        # Other sites embed the badge with <img>: allow that even under their COEP.
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def error_page(status: int, title: str | None = None, message: str | None = None) -> tuple[str, int]:
    """The HTML error page for ``status`` with optional custom wording."""
    default_title, default_message = ERROR_PAGES.get(
        status, ("Something went wrong", "The page could not be shown. Please try again later.")
    )
    return render_template(
        "pages/error.html", title=title or default_title, message=message or default_message
    ), status


@bp.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable) -> tuple[str, int]:
    """Redis is down: a friendly 503 page, never a 500."""
    return error_page(503)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> tuple[str, int] | Response:
    """Werkzeug errors raised inside page views as HTML pages (the API keeps its JSON envelope)."""
    if error.code is None or error.code >= 500 and error.code != 503:
        return unexpected(error)
    body, status = error_page(error.code)
    response = Response(body, status=status, mimetype="text/html")
    for name, value in error.get_headers():
        if name in ("Allow", "Retry-After"):
            response.headers[name] = value
    return response


@bp.errorhandler(Exception)
def unexpected(error: BaseException) -> tuple[str, int]:
    """A bug: logged with its traceback; the visitor gets a plain apology, never exception text."""
    log.error("unhandled error on a page", exc_info=error)
    return error_page(500)
