"""Security headers on every page, the stylesheet, page error handling and Redis-down behaviour."""

from __future__ import annotations

import pytest
from conftest import POLICY, make_report

from api.pages._blueprint import CONTENT_SECURITY_POLICY

PAGES = ["/", "/sites", "/sites/birchwood.example", "/sites/unknown.example", "/docs", "/reports/" + "0" * 64]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_csp_and_nosniff(client, seed, path: str) -> None:
    seed("birchwood.example", make_report())
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = response.data.decode()
    assert "<script" not in page and "style=" not in page
    assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
    assert '<html lang="en">' in page and 'name="viewport"' in page


def test_stylesheet_is_served_with_print_and_phone_rules(client) -> None:
    response = client.get("/static/pages/pages.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    css = response.data.decode()
    assert "@media print" in css and "@media (max-width:" in css and ":focus-visible" in css


@pytest.mark.parametrize("path", ["/reports/not-an-id", "/reports/" + "f" * 64])
def test_unknown_report_is_a_404_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "No such report" in response.data.decode()


def test_wrong_method_on_a_page_is_html(client) -> None:
    response = client.delete("/sites")
    assert response.status_code == 405


@pytest.fixture
def down_client(make_app, closed_redis_url):
    """A client of an app whose Redis is not there."""
    return make_app(REDIS_URL=closed_redis_url).test_client()


@pytest.mark.parametrize("path", ["/sites", "/sites/birchwood.example", "/reports/" + "a" * 64])
def test_redis_down_gives_friendly_503_page(down_client, path: str) -> None:
    response = down_client.get(path)
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    page = response.data.decode()
    assert "Reports are unavailable right now" in page
    assert "Traceback" not in page and "Error" not in page.split("<main", 1)[1]
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_redis_down_badge_is_grey_and_not_cached(down_client) -> None:
    response = down_client.get("/sites/birchwood.example/badge.svg")
    assert response.status_code == 503
    assert response.mimetype == "image/svg+xml"
    assert b">unavailable</text>" in response.data
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_redis_down_pages_that_need_no_redis_still_work(down_client, path: str) -> None:
    assert down_client.get(path).status_code == 200


def test_redis_down_paste_form_still_grades(down_client, scorer) -> None:
    response = down_client.post("/", data={"text": POLICY})
    assert response.status_code == 200
    assert "How hard is it to read?" in response.data.decode()
