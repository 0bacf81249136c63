"""Every page shape of the test site in real Chromium: each policy gets the API's grade, no look-alike
is sent, a page the API refuses is stored nowhere, followed links and redirects submit the final URL,
and a changed policy shows the change alert. Fixtures in conftest.py, parts in e2e_support.py.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from e2e_support import (
    ARTIFACTS,
    CONTRAST_JS,
    badge,
    get_json,
    get_status,
    open_popup,
    tab_state,
    watch_errors,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _settings(worker: Any, api_base: str) -> None:
    """Every test starts with the extension pointed at the test API, capture and alerts on."""
    worker.evaluate(
        "(apiBase) => chrome.storage.local.set({settings: {apiBase, autoCapture: true, changeAlerts: true}})",
        api_base,
    )


# [id, host, path, a sentence of the page the report must have read]: one per page shape and voice.
POLICY_PAGES = [
    (
        "third-person-paragraphs",
        "www.brightwater.test",
        "/brightwater/privacy-policy.html",
        "Brightwater may nevertheless keep copies of a cancelled customer's files",
    ),
    (
        "first-person-h2-sections",
        "shop.policygrade.test",
        "/privacy.html",
        "If you delete your account, we may retain copies of your personal information",
    ),
    (
        "passive-collapsed-accordion",
        "www.fernhill.test",
        "/fernhill/legal/privacy.html",
        "backup copies and account records may be retained in archives indefinitely",
    ),
    (
        "rendered-by-script-after-load",
        "app.lumen.test",
        "/lumen/privacy-notice.html",
        "When a customer closes an account, we delete its data within 30 days",
    ),
    (
        "long-over-200k-characters",
        "www.nordlicht.test",
        "/longform/privacy-statement.html",
        "If you write to support about Orbit Max, our staff in Tromsø and Łódź read your ticket",
    ),
    (
        "main-region-heavy-navigation",
        "www.meridian.test",
        "/meridian/privacy.html",
        "We share the details needed for a booking with the travel provider you chose.",
    ),
    (
        "short-policy",
        "www.pebble.test",
        "/pebble/privacy-policy.html",
        "When you delete your account, your notes and e-mail address are erased",
    ),
]


def _posts_for(api_proxy: Any, url: str) -> list[dict[str, Any]]:
    return [body for body in api_proxy.posts() if body and body.get("url") == url]


@pytest.mark.parametrize(
    ("host", "path", "sentence"), [p[1:] for p in POLICY_PAGES], ids=[p[0] for p in POLICY_PAGES]
)
def test_each_policy_page_shape_gets_the_api_grade(
    browser: Any,
    worker: Any,
    api_base: str,
    api_proxy: Any,
    site_port: int,
    host: str,
    path: str,
    sentence: str,
) -> None:
    """The page is captured whole (collapsed and late content included) and badged with the API's grade."""
    url = f"http://{host}:{site_port}{path}"
    page = browser.new_page()
    errors = watch_errors(page)
    page.goto(url)
    deadline = time.monotonic() + 60
    state = tab_state(worker, url)
    # Script-rendered content: the first report is the loading page; the settled one is scored.
    while state.get("source") != "policy" and time.monotonic() < deadline:
        time.sleep(0.5)
        state = tab_state(worker, url)
    assert state["status"] == "graded" and state["source"] == "policy", state
    report = get_json(f"{api_base}/api/v1/reports/{state['reportId']}")
    assert report["is_policy"] is True
    assert badge(worker, state["tabId"])["text"].startswith(report["grade"])
    posted = _posts_for(api_proxy, url)
    assert posted, "the page was sent with its own URL"
    text = posted[-1]["text"]
    assert sentence in text, text[:3000]
    if "longform" in path:
        assert len(text) > 200_000
    if "meridian" in path:
        # The main region only: no menu, sidebar, cookie banner or footer; lists one item a line.
        for furniture in ("Student fares", "Download the app", "Accept all", "All prices include taxes"):
            assert furniture not in text, furniture
        assert "to send you booking confirmations and travel updates;\nto prevent fraud" in text
        assert "\nWho we share it with\n\nWe share the details" in text
    assert errors == []
    page.close()


def test_popup_screenshots_of_a_third_person_policy_and_an_accordion_page(
    browser: Any, worker: Any, site_port: int
) -> None:
    """The popup of the third-person policy and of the accordion page quote their findings."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, host, path, quote in [
        ("popup-third-person", "www.brightwater.test", "/brightwater/privacy-policy.html", "Brightwater"),
        (
            "popup-accordion",
            "www.fernhill.test",
            "/fernhill/legal/privacy.html",
            "retained in archives indefinitely",
        ),
    ]:
        url = f"http://{host}:{site_port}{path}"
        page = browser.new_page()
        page.goto(url)
        state = tab_state(worker, url)
        assert state["source"] == "policy", state
        popup, errors = open_popup(browser, worker, state["tabId"])
        popup.wait_for_selector("main[data-kind='graded'] .evidence")
        quotes = popup.locator(".evidence").all_inner_texts()
        assert any(quote in q for q in quotes), quotes
        assert popup.evaluate(CONTRAST_JS) == [], "text below 4.5:1 contrast"
        popup.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert errors == []
        popup.close()
        page.close()


@pytest.mark.parametrize(
    ("host", "path", "site", "marker"),
    [
        ("docs.google.com", "/document/d/1Qx7DraftPolicy/edit", "google.com", "Rowan &amp; Finch"),
        ("github.com", "/acme-labs/website/blob/main/PRIVACY.md", "github.com", "Acme Labs desktop app"),
    ],
    ids=["google-doc", "github-blob"],
)
def test_user_content_lookalikes_are_never_sent_and_a_manual_score_is_not_filed(
    browser: Any,
    worker: Any,
    api_base: str,
    api_proxy: Any,
    tls_port: int,
    host: str,
    path: str,
    site: str,
    marker: str,
) -> None:
    """A policy-looking Google Doc / GitHub file: no POST; "Score this page" sends no URL; no site record."""
    url = f"https://{host}:{tls_port}{path}"
    page = browser.new_page()
    page.goto(url)
    state = tab_state(worker, url)
    assert state["isPolicy"] is True, state  # it looks like a policy: only the host rule keeps it back
    assert state["userContent"]["host"] == host
    assert state["source"] == "site" and state["status"] == "ungraded", state
    marker_text = marker.replace("&amp;", "&")
    assert not any(marker_text in (body or {}).get("text", "") for body in api_proxy.posts())

    popup, errors = open_popup(browser, worker, state["tabId"])
    popup.wait_for_selector("main[data-kind='ungraded']")
    note = popup.locator(".user-content").inner_text()
    assert f"will not be filed under {site}" in note
    popup.get_by_role("button", name="Score this page").click()
    popup.wait_for_selector("main[data-kind='graded']")
    assert "not filed under" in popup.locator(".unfiled").inner_text()
    assert popup.get_by_role("link", name="Full report").count() == 0
    sent = [body for body in api_proxy.posts() if marker_text in (body or {}).get("text", "")]
    assert len(sent) == 1 and set(sent[0]) == {"text"}, sent
    assert get_status(f"{api_base}/api/v1/sites/{site}") == 404
    assert errors == []
    popup.close()
    page.close()


def test_an_article_about_privacy_policies_is_not_sent(
    browser: Any, worker: Any, api_proxy: Any, site_port: int
) -> None:
    """A news story named like a policy in its heading, declared NewsArticle, is no candidate."""
    url = f"http://www.dailyledger.test:{site_port}/news/2026/11/reading-privacy-policies.html"
    page = browser.new_page()
    page.goto(url)
    state = tab_state(worker, url)
    assert state["isPolicy"] is False and state["source"] == "site", state
    assert "declared_story" in state["detection"]["reasons"]
    assert not any("Regulators have begun" in (b or {}).get("text", "") for b in api_proxy.posts())
    assert badge(worker, state["tabId"])["text"] == "?"
    page.close()


def test_a_candidate_the_api_refuses_gets_no_grade_and_nothing_is_stored(
    browser: Any, worker: Any, api_base: str, api_proxy: Any, site_port: int
) -> None:
    """A German Datenschutzerklärung is a candidate; the API (English only) refuses it: no grade or record."""
    url = f"http://www.kranich.test:{site_port}/kranich/datenschutz.html"
    page = browser.new_page()
    page.goto(url)
    state = tab_state(worker, url)
    assert _posts_for(api_proxy, url), "a candidate is sent"
    assert state["status"] == "not_policy", state
    assert badge(worker, state["tabId"])["text"] == "?"
    assert get_status(f"{api_base}/api/v1/sites/kranich.test") == 404
    bucket = get_json(f"{api_base}/api/v1/sites/prefix/{_prefix('kranich.test')}")
    assert all(entry["site"] != "kranich.test" for entry in bucket["sites"])
    page.close()


def _prefix(site: str) -> str:
    import hashlib

    return hashlib.sha256(site.encode()).hexdigest()[:4]


def test_a_page_named_only_by_the_followed_link_is_scored_under_its_final_url(
    browser: Any, worker: Any, api_proxy: Any, site_port: int
) -> None:
    """Home -> "Privacy Notice" -> 302 -> a page not named itself: scored, and the final URL sent."""
    home = f"http://www.quayside.test:{site_port}/quayside/index.html"
    final = f"http://www.quayside.test:{site_port}/quayside/legal/document.html"
    page = browser.new_page()
    page.goto(home)
    tab_state(worker, home)
    page.get_by_role("link", name="Privacy Notice").click()
    page.wait_for_url(final)
    state = tab_state(worker, final)
    assert state["source"] == "policy" and "followed_link" in state["detection"]["namedBy"], state
    assert _posts_for(api_proxy, final), "the final URL was sent"
    assert not any("/go/privacy-notice" in (b or {}).get("url", "") for b in api_proxy.posts())
    page.close()


def _verified_record(
    api_base: str, site: str, not_id: str | None = None, timeout: float = 60
) -> dict[str, Any]:
    """The site's record once the API's worker has verified it (and, with `not_id`, changed from it)."""
    deadline = time.monotonic() + timeout
    while True:
        record = (
            get_json(f"{api_base}/api/v1/sites/{site}")
            if get_status(f"{api_base}/api/v1/sites/{site}") == 200
            else {}
        )
        if record.get("verified") and record["current"]["id"] != not_id:
            return record
        assert time.monotonic() < deadline, record
        time.sleep(0.5)


def test_change_alert_after_the_sites_policy_changed(
    browser: Any, worker: Any, api_base: str, site_server: Any, site_port: int
) -> None:
    """v1 seen; the site's policy becomes v2; the next visit shows the marker, the popup names the change."""
    policy = f"http://www.osprey.test:{site_port}/osprey/privacy.html"
    home = f"http://www.osprey.test:{site_port}/osprey/index.html"
    page = browser.new_page()
    page.goto(policy)
    assert tab_state(worker, policy)["status"] == "graded"
    # The visit made the server fetch and verify the policy itself; the next page shows that grade.
    v1 = _verified_record(api_base, "osprey.test")["current"]
    other = browser.new_page()
    other.goto(home)
    first = tab_state(worker, home)
    assert first["grade"] == v1["grade"] and not first.get("change"), first
    seen = worker.evaluate(
        "async () => (await chrome.storage.local.get('seen:osprey.test'))['seen:osprey.test']"
    )
    assert seen["reportId"] == v1["id"]

    # The site publishes version 2; a visit of the policy page makes the server fetch it again.
    site_server.versions["/osprey/privacy.html"] = "osprey/privacy-v2.html"
    try:
        page.reload()
        v2 = _verified_record(api_base, "osprey.test", not_id=v1["id"])["current"]
        assert v2["grade"] != v1["grade"]
        other.goto(f"{home}?again")
        state = tab_state(worker, f"{home}?again")
        assert (
            state["change"]["from"]["reportId"] == v1["id"] and state["change"]["to"]["reportId"] == v2["id"]
        )
        assert badge(worker, state["tabId"])["text"] == f"{v2['grade']}\u2022"
        assert f"was {v1['grade']}" in badge(worker, state["tabId"])["title"]

        popup, errors = open_popup(browser, worker, state["tabId"])
        popup.wait_for_selector(".change-box")
        assert f"from {v1['grade']} to {v2['grade']}" in popup.locator(".change-box").inner_text()
        popup.get_by_role("button", name="What changed?").click()
        popup.wait_for_selector(".change-lines")
        lines = popup.locator(".change-lines").inner_text()
        added = next(line for line in lines.splitlines() if line.startswith("Risks added:"))
        assert "Kept after deletion" in added, lines  # the risk the new version adds
        assert popup.evaluate(CONTRAST_JS) == [], "text below 4.5:1 contrast"
        ARTIFACTS.mkdir(exist_ok=True)
        popup.screenshot(path=str(ARTIFACTS / "popup-change-alert.png"), full_page=True)
        # Seen in the popup: the marker goes, and the new report is what is remembered.
        deadline = time.monotonic() + 10
        while badge(worker, state["tabId"])["text"] != v2["grade"]:
            assert time.monotonic() < deadline, badge(worker, state["tabId"])
            time.sleep(0.25)
        seen = worker.evaluate(
            "async () => (await chrome.storage.local.get('seen:osprey.test'))['seen:osprey.test']"
        )
        assert seen["reportId"] == v2["id"]
        assert errors == []
        popup.close()
        other.close()
    finally:
        site_server.versions.clear()
        page.close()
