"""The pages blueprint: security headers on every page and the HTML error page.

Errors are handled app-wide by ``api.errors`` (one place decides JSON or HTML by path and Accept);
:func:`html_error_response` is the HTML side it calls.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, Response, render_template, request
from flask.blueprints import BlueprintSetupState

bp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/pages",
)


def _no_nul(value: object) -> object:
    """Jinja ``finalize``: NUL characters in echoed input become U+FFFD, as an HTML parser would make them.

    A NUL in an HTML document is a parse error; pasted text, addresses and site names are echoed
    back, so they are cleaned where they are printed rather than wherever they come in.
    """
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


@bp.record_once
def _install_finalize(state: BlueprintSetupState) -> None:
    """Templates are app-wide in Flask; the pages are the only ones this app renders."""
    state.app.jinja_env.finalize = _no_nul


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
    403: ("Not allowed", "This page cannot be used from another website."),
    404: ("Page not found", "There is nothing at this address. Check the link, or start from the home page."),
    405: ("Not allowed", "This page cannot be used that way."),
    413: ("That was too much text", "The text sent is larger than this service accepts."),
    415: ("That request did not make sense", "The form was sent in a way this service does not read."),
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


def html_error_response(status: int, headers: Mapping[str, str]) -> Response:
    """The HTML error page for the app's error handlers (api.errors), for people rather than programs.

    Used for every error outside the JSON API (unknown paths, wrong methods, Redis down, bugs),
    with the security headers of the pages and the ``Allow`` / ``Retry-After`` of the error. A
    refused paste (429, 413) shows the form again with the visitor's text, so nothing is lost.
    """
    page = None
    if request.endpoint == "pages.grade_pasted" and status in (413, 429):
        from api.pages.views import refused_paste_page  # views import this module

        page = refused_paste_page(status)
    body = page if page is not None else error_page(status)[0]
    response = Response(body, status=status, mimetype="text/html")
    for name in ("Allow", "Retry-After"):
        if name in headers:
            response.headers[name] = headers[name]
    return add_security_headers(response)
