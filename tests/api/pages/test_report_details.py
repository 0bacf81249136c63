"""The scorer's detail on every report page: each quote's severity, unit and lead-in, how to improve a
finding, and what the policy does well (site page, report permalink and pasted-text answer)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from conftest import LIST_POLICY, make_report

pytestmark = pytest.mark.redis

SITE = "fernhill.example"


def text_of(page: str) -> str:
    """Page text with tags removed and entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def squash(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture
def scored(client: Any, seed: Any) -> dict[str, Any]:
    """LIST_POLICY scored by the real scorer through the API, and recorded as SITE's verified report."""
    answer = client.post("/api/v1/score", json={"text": LIST_POLICY}).get_json()
    found = [risk for risk in answer["risks"] if risk["detected"]]
    # What the pages must show has to be in the report, or these tests prove nothing.
    assert found and all(risk["how_to_improve"] for risk in found)
    assert any(e["kind"] == "list_item" and e["context"] for risk in found for e in risk["evidence"])
    assert answer["good_practices"]
    seed(SITE, {**answer, "url": f"https://{SITE}/privacy"})
    return answer


def assert_details_shown(page: str, report: dict[str, Any]) -> None:
    text = text_of(page)
    for risk in report["risks"]:
        if not risk["detected"]:
            continue
        assert f"How to improve: {squash(risk['how_to_improve'])}" in text
        for item in risk["evidence"]:
            unit = {"list_item": "list item", "table_cell": "table cell"}.get(item["kind"], "sentence")
            meta = f"This quote: {item['severity'].capitalize()} {unit}"
            if item["context"]:
                meta += f" under \u201c{squash(item['context'])}\u201d"
            assert meta in text, meta
    assert "What it does well" in text
    section = text_of(page[page.index('class="good-practices"') :])
    for good in report["good_practices"]:
        assert squash(good["quote"]) in section
    # The lead-in is markup-free text, and the severity pill carries its colour class.
    assert (
        'under <span class="evidence__under">\u201cWe may pass your details to others when:\u201d</span>'
        in page
    )
    assert re.search(r'<span class="quote-severity quote-severity--high">', page)


def test_the_site_page_shows_the_detail_of_each_finding(client: Any, scored: dict[str, Any]) -> None:
    page = client.get(f"/sites/{SITE}").data.decode()
    assert_details_shown(page, scored)
    # Good practices come after the findings and before readability.
    assert (
        page.index('id="findings-heading"')
        < page.index('id="good-heading"')
        < page.index('id="readability-heading"')
    )


def test_the_report_permalink_shows_the_same_detail(client: Any, scored: dict[str, Any]) -> None:
    page = client.get(f"/reports/{scored['id']}").data.decode()
    assert_details_shown(page, scored)


def test_a_pasted_policy_shows_the_same_detail(client: Any) -> None:
    answer = client.post("/api/v1/score", json={"text": LIST_POLICY}).get_json()
    response = client.post("/", data={"text": LIST_POLICY})
    assert response.status_code == 200
    assert_details_shown(response.data.decode(), answer)


def test_a_report_without_the_detail_shows_none_of_it(client: Any, seed: Any) -> None:
    """Reports from before these fields (older scorer versions) render without empty shells."""
    seed("birchwood.example", make_report())
    page = client.get("/sites/birchwood.example").data.decode()
    for absent in ('class="evidence__meta"', "How to improve", "What it does well"):
        assert absent not in page


def test_hostile_detail_is_text(client: Any, seed: Any) -> None:
    report = make_report()
    hostile = '<img src=x onerror="alert(1)">'
    report["risks"][0]["evidence"][0].update(severity="high", kind="list_item", context=hostile)
    report["risks"][0]["how_to_improve"] = hostile
    report["good_practices"] = [{"risk": hostile, "quote": hostile, "explanation": hostile}]
    seed("birchwood.example", report)
    page = client.get("/sites/birchwood.example").data.decode()
    assert "<img src=x" not in page
    assert page.count("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") >= 4
