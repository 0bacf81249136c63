"""Quotes in context on stored reports: the text kept by the store (pg:text:<id>) feeds the pages."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from conftest import POLICY, make_report

from api.errors import StoreUnavailable

pytestmark = pytest.mark.redis


def evidence_paragraphs(page: str) -> list[str]:
    """Each quote paragraph as plain text, with the quote wrapped in [[ ]]."""
    paragraphs = re.findall(
        r"<p>((?:<span class=\"context\">.*?</span>)?<mark>.*?</mark>.*?)</p>", page, re.S
    )
    shown = []
    for paragraph in paragraphs:
        marked = paragraph.replace("<mark>", "[[").replace("</mark>", "]]")
        shown.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", marked)).split()))
    return shown


def test_report_and_site_pages_show_sentences_around_a_scored_quote(
    client: Any, scorer: Any, site_server: Any, worker_env: Any, run_jobs: Any
) -> None:
    """Scored through the API (and verified by a fetch of the same text as plain text), read back on the
    pages: the sentences either side come from the store."""
    site_server.routes["/privacy"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, POLICY.encode())
    worker_env(FETCH_HOST_MAP=site_server.host_map("www.birchwood.example"))
    body = client.post(
        "/api/v1/score", json={"text": POLICY, "url": "http://www.birchwood.example/privacy"}
    ).get_json()
    assert run_jobs() == 1
    disclosure = next(risk for risk in body["risks"] if risk["id"] == "broad_disclosure")
    assert any(e["quote"].startswith("We may disclose your personal") for e in disclosure["evidence"])
    for path in (f"/reports/{body['id']}", "/sites/birchwood.example"):
        page = client.get(path).data.decode()
        shown = evidence_paragraphs(page)
        quote = next(p for p in shown if "[[We may disclose your personal" in p)
        # The sentence before and the one after are in the policy text only, not in any evidence.
        assert "We share your address with the courier that delivers your parcel. [[We may" in quote, path
        assert "rights, property or safety.]]" in quote
        retention = next(p for p in shown if "[[However, copies of your data" in p)
        assert "When you close your account we delete your profile. [[However" in retention
        assert "delete your account.]] Order records are kept for six years for tax reasons." in retention
        assert "the full policy text is not stored" not in page


def test_without_a_stored_text_quotes_stand_alone(client: Any, seed: Any, redis_client: Any) -> None:
    report = seed("birchwood.example", make_report(), text=POLICY)
    redis_client.delete(f"pg:text:{report['id']}")
    page = client.get(f"/reports/{report['id']}").data.decode()
    assert "Quotes are shown on their own because the full policy text is not stored" in page
    assert not any("courier" in p for p in evidence_paragraphs(page))


def test_text_read_failing_still_shows_the_report(
    client: Any, seed: Any, store: Any, monkeypatch: Any
) -> None:
    """Redis failing just for the text (a timeout between two reads): the report shows, quotes alone."""
    report = seed("birchwood.example", make_report(), text=POLICY)

    def down(report_id: str) -> str | None:
        raise StoreUnavailable()

    monkeypatch.setattr(store, "get_text", down)
    for path in (f"/reports/{report['id']}", "/sites/birchwood.example"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.data.decode()
        assert "[[We may disclose your personal" in " ".join(evidence_paragraphs(page))
        assert "courier" not in " ".join(evidence_paragraphs(page))


def test_redis_down_pages_degrade_to_a_503_page(make_app: Any, closed_redis_url: str) -> None:
    client = make_app(REDIS_URL=closed_redis_url, REDIS_TIMEOUT=0.2).test_client()
    for path in ("/reports/" + "a" * 64, "/sites/birchwood.example"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.mimetype == "text/html"
        assert "Reports are unavailable right now" in response.data.decode()
