"""End to end in Debian's Chromium: the unpacked extension, the real API, and a local test shop.

The shop (tests/extension/site/) is visited as shop.policygrade.test and www.policygrade.test, both
filed under the site "policygrade.test" (fixtures in conftest.py, parts in e2e_support.py).
"""

from __future__ import annotations

import hashlib
import re
import time
from typing import Any

import pytest
from e2e_support import ARTIFACTS, CONTRAST_JS, free_port, get_json, tab_state, watch_errors
from e2e_support import badge as _badge

SITE_NAME = "policygrade.test"
# A sentence of site/privacy.html that the retention-after-deletion detector quotes.
RETENTION_SENTENCE = "If you delete your account, we may retain copies of your personal information"

pytestmark = [pytest.mark.browser, pytest.mark.slow]
_tab_state = tab_state
_watch_errors = watch_errors
_get_json = get_json
_free_port = free_port


def test_policy_page_badge_site_lookup_and_popup(
    browser: Any, worker: Any, api_base: str, site_port: int
) -> None:
    """Policy page -> graded badge; another page of the site -> same badge by prefix; popup quotes."""
    policy_url = f"http://shop.{SITE_NAME}:{site_port}/privacy.html"
    page = browser.new_page()
    page.goto(policy_url)
    state = _tab_state(worker, policy_url)
    assert state["status"] == "graded", state
    assert state["source"] == "policy"

    # What the API says about the site, asked directly, once the service's worker has verified the
    # policy by fetching it itself (the extension's POST never grades a site).
    deadline = time.monotonic() + 60
    while not (site_report := _get_json(f"{api_base}/api/v1/sites/{SITE_NAME}"))["verified"]:
        assert time.monotonic() < deadline, site_report
        time.sleep(0.25)
    grade = site_report["current"]["grade"]
    score = site_report["current"]["score"]
    detected = sum(1 for risk in site_report["current"]["risks"] if risk["detected"])
    assert grade in "ABCDE" and grade
    badge = _badge(worker, state["tabId"])
    assert badge["text"] == grade
    risks = f"{detected} risk{'s' if detected != 1 else ''}"
    assert badge["title"] == f"Privacy policy grade {grade} ({score}/100): {risks}"

    # A second page on another subdomain of the same site: graded through the 4-hex prefix bucket.
    about_url = f"http://www.{SITE_NAME}:{site_port}/about.html"
    about = browser.new_page()
    about.goto(about_url)
    about_state = _tab_state(worker, about_url)
    assert about_state["status"] == "graded", about_state
    assert about_state["source"] == "site"
    assert about_state["site"] == SITE_NAME
    assert _badge(worker, about_state["tabId"])["text"] == grade
    prefix = hashlib.sha256(SITE_NAME.encode()).hexdigest()[:4]
    bucket = worker.evaluate("async (key) => (await chrome.storage.local.get(key))[key]", f"prefix:{prefix}")
    assert bucket and any(entry["site"] == SITE_NAME for entry in bucket["sites"]), bucket
    # The about page names the policy through <link rel="privacy-policy">.
    assert about_state["policyLink"]["url"] == "https://shop.policygrade.test/privacy.html"

    # The home page links its policy from the footer; the finder picks it, not "Privacy settings".
    home_url = f"http://shop.{SITE_NAME}:{site_port}/"
    home = browser.new_page()
    home.goto(home_url)
    home_state = _tab_state(worker, home_url)
    assert home_state["policyLink"]["url"] == f"http://shop.{SITE_NAME}:{site_port}/privacy.html"
    assert home_state["isPolicy"] is False

    # The popup for the policy tab lists the evidence quotes the API returned.
    popup = browser.new_page()
    popup_errors = _watch_errors(popup)
    popup.set_viewport_size({"width": 400, "height": 600})
    extension_id = worker.url.split("/")[2]
    popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={state['tabId']}")
    popup.wait_for_selector("main[data-kind='graded'] .evidence")
    quotes = popup.locator(".evidence").all_inner_texts()
    api_quotes = [e["quote"] for r in site_report["current"]["risks"] for e in r["evidence"]]
    assert any(RETENTION_SENTENCE in quote for quote in quotes), quotes
    assert any(q.strip("\u201c\u201d") in api_quotes for q in quotes)
    assert popup.locator(".grade").inner_text() == grade
    full_report = popup.get_by_role("link", name="Full report")
    assert full_report.get_attribute("href") == f"{api_base}/sites/{SITE_NAME}"
    # Keyboard: Tab reaches the Re-score button.
    for _ in range(10):
        popup.keyboard.press("Tab")
        if popup.evaluate("document.activeElement.textContent") == "Re-score":
            break
    else:
        pytest.fail("Re-score is not reachable with the Tab key")
    assert popup.evaluate(CONTRAST_JS) == [], "text below 4.5:1 contrast"
    ARTIFACTS.mkdir(exist_ok=True)
    popup.screenshot(path=str(ARTIFACTS / "popup.png"), full_page=True)
    assert popup_errors == []

    # The popup of the page graded by look-up: grade first, findings only when asked for.
    site_popup = browser.new_page()
    site_popup_errors = _watch_errors(site_popup)
    site_popup.set_viewport_size({"width": 400, "height": 600})
    site_popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={about_state['tabId']}")
    site_popup.wait_for_selector("main[data-kind='graded']")
    assert site_popup.locator(".grade").inner_text() == grade
    # The site's grade comes from the server's own fetch, whose extracted text hashes differently from
    # this browser's capture: the local copy is not that report, so the findings are not shown unasked.
    assert site_report["current"]["id"] != state["reportId"]
    assert site_popup.locator(".evidence").count() == 0
    assert site_popup_errors == []

    # Without the local copy, a looked-up grade comes alone; the findings load on request.
    worker.evaluate("(key) => chrome.storage.local.remove(key)", f"report:{SITE_NAME}")
    contact_url = f"http://www.{SITE_NAME}:{site_port}/blog/privacy-tips.html"
    contact = browser.new_page()
    contact.goto(contact_url)
    contact_state = _tab_state(worker, contact_url)
    assert contact_state["status"] == "graded" and contact_state["report"] is None, contact_state
    assert contact_state["isPolicy"] is False  # a blog post about privacy is not a policy
    site_popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={contact_state['tabId']}")
    site_popup.wait_for_selector("main[data-kind='graded']")
    assert site_popup.locator(".evidence").count() == 0
    site_popup.screenshot(path=str(ARTIFACTS / "popup-site.png"), full_page=True)
    site_popup.get_by_role("button", name="Show the findings").press("Enter")
    site_popup.wait_for_selector(".evidence")
    assert any(RETENTION_SENTENCE in q for q in site_popup.locator(".evidence").all_inner_texts())
    assert site_popup_errors == []


def test_single_page_app_navigation_is_judged_as_a_new_page(
    browser: Any, worker: Any, api_base: str, site_port: int
) -> None:
    """An SPA's pushState to its policy gets the API's grade; Back to home drops the policy state."""
    settings = "(apiBase) => chrome.storage.local.set({settings: {apiBase, autoCapture: true}})"
    worker.evaluate(settings, api_base)
    home_url = f"http://shop.{SITE_NAME}:{site_port}/app/"
    policy_url = f"http://shop.{SITE_NAME}:{site_port}/app/privacy"
    page = browser.new_page()
    errors = _watch_errors(page)
    page.goto(home_url)
    home_state = _tab_state(worker, home_url)
    assert home_state["isPolicy"] is False, home_state
    assert home_state["policyLink"]["url"] == policy_url

    # In-page navigation: history.pushState, then the policy content swapped into <main>.
    page.get_by_role("link", name="Privacy Policy").click()
    page.wait_for_url(policy_url)
    state = _tab_state(worker, policy_url, timeout=30)
    assert state["status"] == "graded" and state["source"] == "policy", state
    assert state["isPolicy"] is True and state["pageId"] != home_state["pageId"]
    assert state["tabId"] == home_state["tabId"]
    api_report = _get_json(f"{api_base}/api/v1/reports/{state['reportId']}")
    assert api_report["grade"] in tuple("ABCDE")
    assert _badge(worker, state["tabId"])["text"] == api_report["grade"]
    assert any(RETENTION_SENTENCE in e["quote"] for r in api_report["risks"] for e in r["evidence"])

    # Back (popstate) to the home route: a new page again, no longer the policy.
    page.go_back()
    page.wait_for_url(home_url)
    back_state = _tab_state(worker, home_url, timeout=30)
    assert back_state["isPolicy"] is False and back_state["source"] == "site", back_state
    assert back_state["pageId"] not in (home_state["pageId"], state["pageId"])
    # the site's grade as verified by the service's worker (the first test waits for it; run alone,
    # this test waits for the same record, and says so if it never comes)
    deadline = time.monotonic() + 60
    while not (site := _get_json(f"{api_base}/api/v1/sites/{SITE_NAME}"))["verified"]:
        assert time.monotonic() < deadline, site
        time.sleep(0.25)
    site_grade = site["grade"]
    assert _badge(worker, back_state["tabId"])["text"] == site_grade  # the site's grade, by look-up
    assert errors == []
    page.close()


def test_popup_shows_unreachable_api_with_its_url(browser: Any, worker: Any, site_port: int) -> None:
    """With the API URL pointing at a closed port, the popup says so and names that URL."""
    dead = f"http://127.0.0.1:{_free_port()}"
    worker.evaluate("(apiBase) => chrome.storage.local.set({settings: {apiBase, autoCapture: true}})", dead)
    worker.evaluate(
        "async () => { const all = await chrome.storage.local.get(null);"
        " await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith('prefix:'))); }"
    )
    try:
        url = f"http://www.{SITE_NAME}:{site_port}/?api=down"
        page = browser.new_page()
        page.goto(url)
        state = _tab_state(worker, url)
        assert state["status"] == "error" and state["error"]["kind"] == "network", state
        assert _badge(worker, state["tabId"])["text"] == "!"
        popup = browser.new_page()
        popup_errors = _watch_errors(popup)
        extension_id = worker.url.split("/")[2]
        popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={state['tabId']}")
        popup.wait_for_selector("main[data-kind='unreachable']")
        assert dead in popup.locator("main").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        popup.screenshot(path=str(ARTIFACTS / "popup-unreachable.png"), full_page=True)
        assert popup_errors == []
    finally:
        worker.evaluate("() => chrome.storage.local.remove('settings')")


# One stored tab state per popup state the issue names, with the text each must show.
POPUP_STATES = [
    ("scoring", {"status": "scoring"}, "Scoring this privacy policy"),
    (
        "not_policy",
        {"status": "not_policy", "notPolicyReason": "The text is too short to be a policy."},
        "the server says it is not a privacy policy",
    ),
    (
        "rate_limited",
        {"status": "rate_limited", "error": {"kind": "rate_limited", "retryAfterSeconds": 42}},
        "wait 42 seconds",
    ),
    (
        "ungraded",
        {"status": "ungraded", "policyLink": {"url": "https://example.org/privacy", "text": "Privacy"}},
        "Score this site\u2019s policy",
    ),
    (
        "error",
        {"status": "error", "error": {"kind": "http", "message": "The policygrade API answered 500: boom"}},
        "answered 500",
    ),
]


@pytest.mark.parametrize(("kind", "patch", "text"), POPUP_STATES, ids=[s[0] for s in POPUP_STATES])
def test_popup_renders_each_state(
    browser: Any, worker: Any, kind: str, patch: dict[str, Any], text: str
) -> None:
    """The popup's loading/not-a-policy/rate-limited/ungraded/error states, from a stored tab state."""
    tab_id = 900_000 + [s[0] for s in POPUP_STATES].index(kind)
    state = {
        "tabId": tab_id,
        "pageId": f"gallery-{kind}",
        "url": "https://www.example.org/",
        "site": "example.org",
        "isPolicy": False,
        "policyLink": None,
        "updatedAt": 0,
        **patch,
    }
    worker.evaluate("([key, state]) => chrome.storage.session.set({[key]: state})", [f"tab:{tab_id}", state])
    popup = browser.new_page()
    popup_errors = _watch_errors(popup)
    popup.set_viewport_size({"width": 400, "height": 300})
    extension_id = worker.url.split("/")[2]
    popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={tab_id}")
    popup.wait_for_selector(f"main[data-kind='{kind}']")
    assert text in popup.locator("main").inner_text()
    assert popup.evaluate(CONTRAST_JS) == [], "text below 4.5:1 contrast"
    ARTIFACTS.mkdir(exist_ok=True)
    popup.screenshot(path=str(ARTIFACTS / f"popup-{kind}.png"), full_page=True)
    assert popup_errors == []
    popup.close()


def test_options_page_validates_saves_and_clears(browser: Any, worker: Any) -> None:
    """Options: a bad URL is refused with a reason; auto capture saves; cached data can be cleared."""
    extension_id = worker.url.split("/")[2]
    worker.evaluate("() => chrome.storage.local.remove('settings')")  # start from the defaults
    worker.evaluate(
        "() => chrome.storage.local.set({'prefix:abcd': {prefix: 'abcd', sites: [], fetchedAt: 1}})"
    )
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"chrome-extension://{extension_id}/options/options.html")
    api = page.get_by_label("API base URL")
    assert api.input_value() == "http://127.0.0.1:8000"
    api.fill("ftp://example.org")
    page.get_by_role("button", name="Save").click()
    assert "must start with http" in page.locator("#status").inner_text()
    assert api.get_attribute("aria-invalid") == "true"

    api.fill("http://127.0.0.1:8000/")
    page.get_by_label("Automatically grade privacy policies I open").uncheck()
    page.get_by_role("button", name="Save").click()
    # Locator assertions poll without eval (extension pages' CSP forbids wait_for_function's strings).
    expect(page.locator("#status")).to_have_text(re.compile(r"^Saved"))
    settings = worker.evaluate("async () => (await chrome.storage.local.get('settings')).settings")
    assert settings == {"apiBase": "http://127.0.0.1:8000", "autoCapture": False, "changeAlerts": True}

    page.get_by_role("button", name="Clear cached data").click()
    expect(page.locator("#status")).to_have_text(re.compile(r"^Cleared"))
    assert worker.evaluate("async () => Object.keys(await chrome.storage.local.get(null))") == ["settings"]
    assert page.evaluate(CONTRAST_JS) == [], "text below 4.5:1 contrast"
    page.screenshot(path=str(ARTIFACTS / "options.png"), full_page=True)
    worker.evaluate("() => chrome.storage.local.remove('settings')")
