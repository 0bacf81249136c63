"""GET /sites/<site> says where its grade comes from: "verified by fetching <url> on <date>" or "not
verified" with no grade, whether the visitor's text is the verified one, re-scores as method changes
in the history, and the history cap."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from conftest import POLICY, make_report

from api.history import HISTORY_KEEP

pytestmark = pytest.mark.redis

SITE = "birchwood.example"
URL = "https://www.birchwood.example/privacy"


def text_of(page: str) -> str:
    """Page text with tags removed, whitespace collapsed, and no space left before punctuation."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


def page_of(client: Any, site: str = SITE) -> str:
    response = client.get(f"/sites/{site}")
    assert response.status_code == 200
    return response.data.decode()


def timeline_of(page: str) -> str:
    return text_of(page[page.index('class="timeline"') :])


def test_a_verified_site_says_what_was_fetched_and_when(client: Any, seed: Any) -> None:
    seed(SITE, make_report(), when="2026-11-20T09:30:00Z")
    page = page_of(client)
    assert (
        "Verified by fetching https://www.birchwood.example/privacy on 20 Nov 2026, 09:30 UTC (HTTP 200)"
        in (text_of(page))
    )
    assert f'<a href="{URL}" rel="nofollow noopener noreferrer">{URL}</a>' in page
    assert 'class="grade grade--large grade-D"' in page
    assert 'id="findings-heading"' in page


def test_an_unverified_site_has_no_grade_and_no_findings(client: Any, store: Any) -> None:
    report = make_report()
    store.put_report(report)
    store.record_submission(SITE, report["id"], URL, "2026-11-21T10:00:00Z", 2.0)
    page = page_of(client)
    text = text_of(page)
    assert "Not verified: policygrade has not yet fetched a privacy policy from this site itself" in text
    assert "Verified by fetching" not in text
    assert 'class="grade grade--large grade-none"' in page and "grade-D" not in page
    assert 'id="findings-heading"' not in page  # the visitor's findings are behind their own link
    assert "Reported by a visitor, not verified: a text sent 21 Nov 2026, 10:00 UTC" in text
    assert f'href="/reports/{report["id"]}"' in page
    # Nothing verified to compare with: neither "matches" nor "differs".
    assert "matches the verified text" not in text and "differs from the verified text" not in text
    assert "not graded" in client.get(f"/sites/{SITE}/badge.svg").data.decode()


@pytest.mark.parametrize("same_text", [True, False])
def test_the_visitor_text_is_compared_with_the_verified_one(
    client: Any, seed: Any, store: Any, same_text: bool
) -> None:
    verified = seed(SITE, make_report())
    visitor = verified if same_text else make_report(POLICY + "\nA sentence only the visitor has.")
    store.put_report(visitor)
    store.record_submission(SITE, visitor["id"], URL, "2026-11-21T10:00:00Z", 2.0)
    text = text_of(page_of(client))
    assert ("It matches the verified text." in text) is same_text
    assert ("It differs from the verified text" in text) is not same_text
    assert "Verified by fetching" in text  # the grade stays the verified one either way


def test_a_rescore_is_marked_as_a_method_change(client: Any, seed: Any, store: Any) -> None:
    first = seed(SITE, make_report(grade="C", score=63), when="2026-10-01T08:00:00Z")
    rescored = {**make_report(grade="D", score=42), "scorer_version": "test-2"}
    assert rescored["id"] == first["id"]  # the same text, a new method
    store.put_report(rescored)
    provenance = {"url": URL, "requested_url": URL, "http_status": 200, "fetched_at": "2026-10-01T08:00:00Z"}
    store.record_verified(SITE, rescored, provenance, "2026-11-25T12:00:00Z", 3.0, rescore=True)
    page = page_of(client)
    timeline = timeline_of(page)
    newest, oldest = timeline.split("Report for this version")[:2]
    assert "re-score Re-scored by scorer version test-2: a change of method, not of the policy" in newest
    assert "no change alert" in newest and "Grade changed from C to D." in newest
    assert "policy change" not in newest
    assert "First version graded." in oldest
    # The header keeps the fetch date and says when it was re-scored.
    text = text_of(page)
    assert "on 1 Oct 2026, 08:00 UTC" in text and "re-scored 25 Nov 2026, 12:00 UTC" in text


def test_a_changed_text_is_a_policy_change(client: Any, seed: Any) -> None:
    seed(SITE, make_report(), epoch=1.0)
    seed(SITE, make_report(POLICY + "\nWe reworded this policy."), epoch=2.0)
    newest = timeline_of(page_of(client)).split("Report for this version")[0]
    assert "policy change The fetched text changed; the same risks were found." in newest
    assert "Re-scored" not in newest


def test_the_history_cap_is_stated_with_what_was_dropped(client: Any, seed: Any) -> None:
    for n in range(HISTORY_KEEP + 2):
        seed(SITE, make_report(POLICY + f"\nVersion {n}."), epoch=float(n))
    page = page_of(client)
    text = text_of(page)
    assert f"The newest {HISTORY_KEEP} versions are kept, and every older one where the grade changed" in text
    # The first version set the grade (kept); the second had no grade change and fell off.
    assert "1 older version without a grade change was dropped" in text
    assert page.count('class="timeline__item') == HISTORY_KEEP + 1
    assert "First version graded." in timeline_of(page)
