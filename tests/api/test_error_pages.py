"""Errors for people and for programs: HTML error pages outside the API, the JSON envelope inside it."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.exceptions import abort

from api.errors import HTML_PAGE_EXTENSION, StoreUnavailable
from api.pages._blueprint import CONTENT_SECURITY_POLICY, ERROR_PAGES

pytestmark = pytest.mark.redis

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SECRET = "secret-detail-7f3a /etc/passwd"


def assert_html_error_page(response: Any, status: int) -> str:
    """An HTML error page with ``status``, the pages' security headers and no exception text."""
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<h1>" in page and 'href="/"' in page  # a real page, with a way back home
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert SECRET not in page and "Traceback" not in page and "RuntimeError" not in page
    return page


def assert_json_envelope(response: Any, status: int) -> dict[str, Any]:
    """The JSON error envelope with ``status`` and no exception text."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"} and body["code"] == status
    text = response.get_data(as_text=True)
    assert SECRET not in text and "Traceback" not in text and "RuntimeError" not in text
    return body


@pytest.fixture
def boom_client(make_app: Any) -> Any:
    """An app with a test route, outside the API, that fails with the status asked for."""
    app = make_app()

    def boom(code: int) -> str:
        if code == 500:
            raise RuntimeError(SECRET)
        if code == 503:
            raise StoreUnavailable()
        abort(code)
        return "unreachable"

    app.add_url_rule("/boom/<int:code>", "boom", boom)
    app.add_url_rule("/api/v1/boom/<int:code>", "api_boom", boom)
    return app.test_client()


# (Accept header or None, whether the client gets JSON on a page path)
ACCEPTS = [
    (None, False),  # no Accept header: a person's tool, not a JSON client
    ("*/*", False),  # curl
    (BROWSER, False),  # Firefox / Chrome navigation
    ("text/html", False),
    ("application/json, text/html", False),  # a tie goes to the page
    ("application/json", True),
    ("application/json;q=0.9,*/*;q=0.8", True),
    ("text/html;q=0.5, application/json", True),
    ("application/problem+json", True),
]


@pytest.mark.parametrize("status", [400, 404, 405, 413, 429, 500, 503])
@pytest.mark.parametrize(("accept", "json_wanted"), ACCEPTS)
def test_errors_outside_the_api_follow_the_accept_header(
    boom_client: Any, status: int, accept: str | None, json_wanted: bool
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = boom_client.get(f"/boom/{status}", headers=headers)
    if json_wanted:
        assert_json_envelope(response, status)
    else:
        page = assert_html_error_page(response, status)
        assert ERROR_PAGES.get(status, ("Something went wrong",))[0].replace("'", "&#39;") in page


@pytest.mark.parametrize("status", [400, 404, 405, 413, 429, 500, 503])
@pytest.mark.parametrize("accept", [None, "*/*", BROWSER, "text/html"])
def test_api_errors_are_always_json(boom_client: Any, status: int, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    assert_json_envelope(boom_client.get(f"/api/v1/boom/{status}", headers=headers), status)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/sitez", 404),
        ("get", "/no/such/route", 404),
        ("get", "/sites/example.com/nothing", 404),
        ("get", "/static/pages/missing.css", 404),
        ("put", "/sites", 405),
        ("delete", "/", 405),
        ("post", "/docs", 405),
    ],
)
def test_people_get_an_html_page_for_unknown_paths_and_wrong_methods(
    client: Any, method: str, path: str, status: int
) -> None:
    response = getattr(client, method)(path, headers={"Accept": BROWSER})
    assert_html_error_page(response, status)
    if status == 405:
        assert response.headers["Allow"]
    # The same request from a JSON client gets the envelope (with the same Allow header).
    json_response = getattr(client, method)(path, headers={"Accept": "application/json"})
    assert_json_envelope(json_response, status)
    if status == 405:
        assert json_response.headers["Allow"] == response.headers["Allow"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/nothing", 404),
        ("get", "/api", 404),
        ("get", "/api/v1/reports/" + "0" * 64, 404),
        ("get", "/api/v1/score", 405),
        ("post", "/healthz", 405),
    ],
)
def test_api_paths_keep_the_envelope_for_browsers_too(
    client: Any, method: str, path: str, status: int
) -> None:
    assert_json_envelope(getattr(client, method)(path, headers={"Accept": BROWSER}), status)


def test_a_page_with_redis_down_is_json_for_a_json_client(make_app: Any, closed_redis_url: str) -> None:
    client = make_app(REDIS_URL=closed_redis_url, REDIS_TIMEOUT=0.2).test_client()
    assert_html_error_page(client.get("/sites/example.com", headers={"Accept": BROWSER}), 503)
    body = assert_json_envelope(client.get("/sites/example.com", headers={"Accept": "application/json"}), 503)
    assert body["message"] == "The report store is unavailable; try again later."


def test_unexpected_errors_are_logged_not_shown(boom_client: Any, caplog: Any) -> None:
    with caplog.at_level("ERROR", logger="api.errors"):
        assert_html_error_page(boom_client.get("/boom/500", headers={"Accept": BROWSER}), 500)
    assert any(SECRET in str(record.exc_info[1]) for record in caplog.records if record.exc_info)


def test_a_failing_error_page_falls_back_to_the_envelope(boom_client: Any) -> None:
    app = boom_client.application

    def broken_page(status: int, headers: dict[str, str]) -> Any:
        raise RuntimeError(SECRET)

    app.extensions[HTML_PAGE_EXTENSION] = broken_page
    assert_json_envelope(boom_client.get("/boom/404", headers={"Accept": BROWSER}), 404)
    assert_json_envelope(boom_client.get("/boom/500", headers={"Accept": BROWSER}), 500)
