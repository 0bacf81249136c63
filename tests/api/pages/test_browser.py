"""A real browser (Debian's Chromium via Playwright) opens a report page built from a policy we wrote.

Checks that the grade and a highlighted quote are visible, that the page raises no CSP violation or
console error, that the skip link works from the keyboard, and saves screenshots at desktop and phone
widths to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import LIST_POLICY, POLICY

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
SITE = "birchwood.example"


@pytest.fixture
def live_server(make_app: Any) -> Iterator[tuple[str, Any]]:
    """The app served by werkzeug on a free 127.0.0.1 port in a thread; yields (base URL, app)."""
    from werkzeug.serving import make_server

    app = make_app()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (never a downloaded one: no `playwright install`)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not found: install Debian's chromium (scripts/ensure-chromium.sh)"
        if os.environ.get("CI") == "true":  # CI must run the browser test, never skip it quietly
            pytest.fail(message)
        pytest.skip(message)
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, url: str, width: int, height: int) -> tuple[Any, list[str]]:
    """A new page at ``url`` and the list that collects its console errors and CSP violations."""
    problems: list[str] = []
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # Runs before the page's own content; the listener records every CSP violation report.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(url, wait_until="networkidle")
    return page, problems


def test_report_page_in_a_real_browser(
    live_server: tuple[str, Any], browser: Any, scorer: Any, site_server: Any, worker_env: Any, run_jobs: Any
) -> None:
    base, app = live_server
    # The site is graded by the service's own fetch (a local server standing in for it), not the POST.
    site_server.routes["/privacy"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, POLICY.encode())
    worker_env(FETCH_HOST_MAP=site_server.host_map(f"www.{SITE}"))
    report = (
        app.test_client()
        .post("/api/v1/score", json={"text": POLICY, "url": f"http://www.{SITE}/privacy"})
        .get_json()
    )
    assert run_jobs() == 1
    assert report["grade"], "the test policy must be graded"
    quotes = [e["quote"] for risk in report["risks"] if risk["detected"] for e in risk["evidence"]]
    assert quotes, "the test policy must produce at least one quoted finding"
    ARTIFACTS.mkdir(exist_ok=True)

    page, problems = open_page(browser, f"{base}/sites/{SITE}", 1280, 900)
    grade = page.locator(".report__grade .grade__letter")
    assert grade.is_visible()
    assert grade.inner_text().split() == ["Grade", report["grade"]]  # "Grade" is for screen readers
    mark = page.locator("mark").first
    assert mark.is_visible()
    assert " ".join(mark.inner_text().split()) == " ".join(quotes[0].split())
    # Highlighted: the mark's background differs from the page's.
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(255, 241, 168)"
    # Context around the quote is shown too.
    assert page.locator(".evidence__quote .context").first.is_visible()
    # Badge image loads (same origin, allowed by img-src 'self').
    assert page.locator(".embed img").evaluate("img => img.complete && img.naturalWidth > 0")
    page.screenshot(path=str(ARTIFACTS / "site-report.png"), full_page=True)
    # Keyboard: the first Tab lands on the skip link, which becomes visible; Enter moves to <main>.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    phone, phone_problems = open_page(browser, f"{base}/sites/{SITE}", 390, 844)
    # Nothing wider than the phone screen (no sideways scrolling).
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator(".report__grade .grade__letter").is_visible()
    phone.screenshot(path=str(ARTIFACTS / "site-report-phone.png"))  # the first screenful
    phone.screenshot(path=str(ARTIFACTS / "site-report-phone-full.png"), full_page=True)

    assert problems == [] and phone_problems == [], problems + phone_problems


@pytest.mark.parametrize("path", ["/", "/sites", "/docs", "/sites/unknown.example"])
def test_other_pages_render_without_csp_violations(
    live_server: tuple[str, Any], browser: Any, path: str
) -> None:
    base, _ = live_server
    page, problems = open_page(browser, base + path, 390, 844)
    assert page.locator("h1").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Our 404 page is expected; anything else failing to load is not.
    problems = [p for p in problems if not (path.startswith("/sites/unknown") and "404" in p)]
    assert problems == [], problems
    name = "page-" + (path.strip("/").replace("/", "-") or "home") + ".png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(r, g, b)`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_finding_detail_in_a_real_browser(
    live_server: tuple[str, Any], browser: Any, site_server: Any, worker_env: Any, run_jobs: Any
) -> None:
    """Per-quote severity and lead-in, how to improve and good practices: visible, legible, phone-wide."""
    base, app = live_server
    site = "fernhill.example"
    site_server.routes["/privacy"] = (
        200,
        {"Content-Type": "text/plain; charset=utf-8"},
        LIST_POLICY.encode(),
    )
    worker_env(FETCH_HOST_MAP=site_server.host_map(f"www.{site}"))
    answer = app.test_client().post(
        "/api/v1/score", json={"text": LIST_POLICY, "url": f"http://www.{site}/privacy"}
    )
    assert answer.status_code == 200
    assert run_jobs() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height, name in ((1280, 900, "site-details.png"), (390, 844, "site-details-phone.png")):
        page, problems = open_page(browser, f"{base}/sites/{site}", width, height)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        meta = page.locator(".evidence__meta").first
        assert meta.is_visible() and "under \u201c" in meta.inner_text()
        assert page.locator(".risk__improve").first.is_visible()
        assert page.locator(".good").first.is_visible()
        # Text on the coloured pills and the tinted boxes stays readable (WCAG AA, 4.5:1).
        for selector in (".quote-severity", ".severity", ".risk__improve", ".evidence__meta", ".good__risk"):
            for element in page.locator(selector).all():
                colours = element.evaluate(
                    """e => { let b = e, bg = 'rgba(0, 0, 0, 0)', clear = 'rgba(0, 0, 0, 0)';
                      while (b && (bg = getComputedStyle(b).backgroundColor) === clear) b = b.parentElement;
                      return [getComputedStyle(e).color, b ? bg : 'rgb(255, 255, 255)']; }"""
                )
                assert _contrast(*colours) >= 4.5, (selector, colours)
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        # Close-ups of one finding and of "What it does well", for a person to look at.
        stem = name.removesuffix(".png")
        page.locator(".risk").first.screenshot(path=str(ARTIFACTS / f"{stem}-finding.png"))
        page.locator(".good-practices").screenshot(path=str(ARTIFACTS / f"{stem}-good.png"))
        assert problems == [], problems
