"""One JSON error envelope, ``{"code", "status", "message", "errors"}``, for every non-2xx response.

Exception tree (all turned into the envelope by :func:`register_error_handlers`)::

    ApiError                 base: carries code, message and field errors
    ├── InputError           422, names the offending field
    ├── TextTooLarge         413
    └── StoreUnavailable     503 (Redis is down; also importable as api.store.StoreUnavailable)

Any werkzeug ``HTTPException`` (404, 405, 413, 415, 429...) gets the same shape. Anything else is
logged with its traceback and answered with a bare 500 envelope: exception text never reaches a client.

People get pages, programs get JSON: outside ``/api/`` and ``/healthz`` a request whose Accept
header does not prefer JSON (a browser's does not) gets the HTML error page of the report pages
instead (``register_error_handlers(app, html_page=...)``), with the same status and headers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, has_request_context, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

# Headers from werkzeug's own error responses worth keeping (405 lists the allowed methods).
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")
#: Paths for programs: always the JSON envelope, whatever the Accept header says.
JSON_PATH_PREFIXES = ("/api/", "/bench/")
JSON_PATHS = ("/api", "/healthz")
#: Where create_app keeps the HTML error page renderer: ``(status, headers) -> Response``.
HTML_PAGE_EXTENSION = "policygrade.error_page"

HtmlPage = Callable[[int, dict[str, str]], Response]


class ApiError(Exception):
    """An error the client caused or must know about, answered with ``code`` and the envelope."""

    code = 400
    status = "Bad Request"

    def __init__(self, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class InputError(ApiError):
    """A request field is invalid; ``location`` is where it came from (json, query, path)."""

    code = 422
    status = "Unprocessable Entity"

    def __init__(self, field: str, problem: str, location: str = "json") -> None:
        super().__init__(f"Invalid {field}: {problem}", {location: {field: [problem]}})
        self.field = field


class TextTooLarge(ApiError):
    """The policy text is over MAX_TEXT_BYTES."""

    code = 413
    status = "Request Entity Too Large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"text is {size} bytes; the limit is {limit} bytes",
            {"json": {"text": [f"Longer than {limit} bytes."]}},
        )


class StoreUnavailable(ApiError):
    """Redis cannot be reached; site endpoints answer 503, scoring carries on uncached."""

    code = 503
    status = "Service Unavailable"

    def __init__(self, message: str = "The report store is unavailable; try again later.") -> None:
        super().__init__(message)


def envelope(code: int, status: str, message: str, errors: dict[str, Any] | None = None) -> Response:
    """The JSON error response every failure uses."""
    response = jsonify({"code": code, "status": status, "message": message, "errors": errors or {}})
    response.status_code = code
    return response


def _json_quality() -> float:
    """How much the client's Accept header wants JSON (``application/json`` or any ``+json`` type)."""
    accept = request.accept_mimetypes
    best = accept.quality("application/json")
    for mimetype, quality in accept:
        if mimetype.endswith("+json"):
            best = max(best, quality)
    return float(best)


def wants_json() -> bool:
    """Whether this request's error should be the JSON envelope rather than an HTML page.

    JSON for the API paths and for clients that rank JSON above HTML; a browser (``text/html`` first,
    ``*/*`` low), curl (``*/*``) and a request with no Accept header get the page.
    """
    if not has_request_context():
        return True
    path = request.path
    if path in JSON_PATHS or path.startswith(JSON_PATH_PREFIXES):
        return True
    return _json_quality() > float(request.accept_mimetypes.quality("text/html"))


def _respond(
    code: int, status: str, message: str, errors: dict[str, Any] | None, headers: dict[str, str]
) -> Response:
    """The envelope, or the HTML page for people when the app has one (see :func:`wants_json`)."""
    html_page: HtmlPage | None = current_app.extensions.get(HTML_PAGE_EXTENSION)
    if html_page is not None and not wants_json():
        try:
            return html_page(code, headers)
        except Exception:  # the page itself failed (a template bug): the envelope still answers
            log.exception("error page for %s failed; answering with JSON", code)
    response = envelope(code, status, message, errors)
    response.headers.update(headers)
    return response


def _message_for(error: HTTPException, data: dict[str, Any]) -> str:
    """A client-safe message: ours if given, else werkzeug's canned description of the status."""
    if "message" in data:
        return str(data["message"])
    errors = data.get("messages") or data.get("errors")
    if isinstance(errors, dict):
        fields = _field_names(errors)
        if fields:
            return "Invalid input: " + ", ".join(fields)
        # webargs' body-level problems: {"json": ["Invalid JSON body."]}
        for problems in errors.values():
            if isinstance(problems, list) and problems:
                return str(problems[0])
    # werkzeug's descriptions are fixed English sentences (or ones our own code passed), never the
    # text of an unexpected exception: those go through handle_unexpected.
    return error.description or error.name


def _field_names(errors: Any) -> list[str]:
    """Field names from webargs' ``{"json": {"text": [...]}}`` error mapping."""
    names: list[str] = []
    if isinstance(errors, dict):
        for location in errors.values():
            if isinstance(location, dict):
                names.extend(str(name) for name in location)
    return names


def handle_http_exception(error: HTTPException) -> Response:
    """Werkzeug and webargs HTTP errors -> the envelope (keeps Allow / Retry-After headers)."""
    if isinstance(error, InternalServerError) or error.code is None:
        return handle_unexpected(getattr(error, "original_exception", None) or error)
    code = error.code
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages") or {}
    headers = {name: value for name, value in error.get_headers() if name in _KEPT_HEADERS}
    headers.update({str(name): str(value) for name, value in (data.get("headers") or {}).items()})
    return _respond(code, error.name, _message_for(error, data), errors, headers)


def handle_api_error(error: ApiError) -> Response:
    """Our own errors -> the envelope (or the page)."""
    return _respond(error.code, error.status, error.message, error.errors, {})


def handle_unexpected(error: BaseException) -> Response:
    """A bug: log the traceback for operators, tell the client nothing about it."""
    log.error("unhandled error", exc_info=error)
    return _respond(500, "Internal Server Error", "The server could not complete the request.", None, {})


def register_error_handlers(app: Flask, html_page: HtmlPage | None = None) -> None:
    """Install the envelope for every error class on ``app``; ``html_page`` renders pages for people."""
    if html_page is not None:
        app.extensions[HTML_PAGE_EXTENSION] = html_page
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(Exception, handle_unexpected)
