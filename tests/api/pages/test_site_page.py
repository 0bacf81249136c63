"""GET /sites/<site>: the report page, its history, the embed snippet, redirects and the 404 page."""

from __future__ import annotations

import html
import re

import pytest
from conftest import DISCLOSURE_QUOTE, POLICY, RETENTION_QUOTE, make_report


def text_of(body: bytes) -> str:
    """Page text with tags removed and entities decoded, whitespace collapsed."""
    stripped = re.sub(r"<[^>]+>", " ", body.decode())
    return " ".join(html.unescape(stripped).split())


def test_report_page_shows_grade_risks_readability_and_url(client, seed) -> None:
    seed("birchwood.example", make_report())
    response = client.get("/sites/birchwood.example")
    assert response.status_code == 200
    page = response.data.decode()
    text = text_of(response.data)
    assert "<h1>birchwood.example</h1>" in page
    assert re.search(r'class="grade grade--large grade-D".*?Grade </span>D</span>', page, re.S)
    assert re.search(r"42 ?/100", text)
    assert "Shares data on its own judgement High risk" in text
    assert "Keeps data after you delete it High risk" in text
    assert "No way to opt out Not found" in text
    assert "Summary of broad_disclosure." in text
    assert "Why: Matched the broad_disclosure rule." in text
    # Readability in words and against typical policies.
    assert (
        "Difficult: about as hard as an academic paper; 11 minutes to read at 250 words per minute." in text
    )
    assert "OPP-115" in text and "2,750 words" in text
    # Policy URL (a link: it is https) and scored time.
    assert '<a href="https://www.birchwood.example/privacy" rel="nofollow noopener noreferrer">' in page
    assert (
        '<time datetime="2026-11-20T09:30:00Z">20 Nov 2026<span class="time-of-day">, 09:30 UTC</span></time>'
        in page
    )


def test_quotes_are_highlighted(client, seed) -> None:
    seed("birchwood.example", make_report())
    page = client.get("/sites/birchwood.example").data.decode()
    marks = [" ".join(html.unescape(m).split()) for m in re.findall(r"<mark>(.*?)</mark>", page, re.S)]
    assert marks == [" ".join(DISCLOSURE_QUOTE.split()), " ".join(RETENTION_QUOTE.split())]


def test_quotes_in_context_from_the_stored_text(client, seed) -> None:
    """The store keeps the policy text (pg:text:<id>): each quote comes with the sentences around it."""
    seed("birchwood.example", make_report(), text=POLICY)
    page = client.get("/sites/birchwood.example").data.decode()
    assert "the full policy text is not stored" not in page
    quote = re.search(r'<p>(<span class="context">.*?)</p>', page, re.S)
    assert quote is not None
    shown = html.unescape(re.sub(r"<[^>]+>", "", quote.group(1)))
    # Two sentences either side; the heading keeps its own line; hard wraps inside sentences are joined.
    assert shown.startswith(
        "How we share it\nWe share your address with the courier that delivers your parcel. We may"
    )
    assert "We may disclose your personal information to law enforcement" in shown
    assert shown.endswith(
        " If Birchwood Books is sold or merged, customer records may be transferred to the buyer as a "
        "business asset.\nKeeping your data"
    )


def test_without_stored_text_neighbouring_quotes_are_context_or_quote_alone(client, seed) -> None:
    seed("birchwood.example", make_report())
    text = text_of(client.get("/sites/birchwood.example").data)
    assert "Quotes are shown on their own because the full policy text is not stored" in text


def test_history_timeline_lists_versions_and_changes(client, seed) -> None:
    first = make_report(
        quotes={"broad_disclosure": DISCLOSURE_QUOTE}, grade="C", score=63, scored_at="2026-10-01T08:00:00Z"
    )
    second_text = POLICY + "\nWe changed this policy."
    second = make_report(second_text, grade="D", score=42, scored_at="2026-11-20T09:30:00Z")
    seed("birchwood.example", first, epoch=1.0)
    seed("birchwood.example", second, epoch=2.0)
    page = client.get("/sites/birchwood.example").data.decode()
    timeline = text_of(page[page.index('class="timeline"') :].encode())
    assert "Grade changed from C to D." in timeline
    assert "New risk: Keeps data after you delete it" in timeline
    assert "First version graded." in timeline
    assert timeline.index("20 Nov 2026") < timeline.index("1 Oct 2026")  # newest first
    assert page.count('class="timeline__item') == 2


def test_embed_snippet_and_badge_image(client, seed) -> None:
    seed("birchwood.example", make_report())
    page = client.get("/sites/birchwood.example").data.decode()
    snippet = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page, re.S)
    assert snippet is not None
    assert html.unescape(snippet.group(1)) == (
        '<a href="http://localhost/sites/birchwood.example">'
        '<img src="http://localhost/sites/birchwood.example/badge.svg" '
        'alt="Privacy policy grade for birchwood.example: D"></a>'
    )
    assert '<img src="/sites/birchwood.example/badge.svg" alt="privacy policy grade D"' in page


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/sites/www.birchwood.example", "/sites/birchwood.example"),
        ("/sites/shop.eu.birchwood.example", "/sites/birchwood.example"),
        ("/sites/BIRCHWOOD.example", "/sites/birchwood.example"),
        ("/sites/www.example.co.uk", "/sites/example.co.uk"),
    ],
)
def test_subdomains_redirect_to_the_registrable_domain(client, path: str, location: str) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response.headers["Location"] == location


@pytest.mark.parametrize("site", ["never-graded.example", "co.uk"])
def test_unknown_site_is_a_404_page_explaining_grading(client, site: str) -> None:
    response = client.get(f"/sites/{site}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    text = text_of(response.data)
    assert f"{site} has not been graded yet" in text
    assert "A site gets a report the first time its privacy policy is graded" in text
    assert "POST /api/v1/score" in text


def test_ungraded_current_report(client, seed) -> None:
    """A site whose latest text was not judged a policy shows 'not graded', not a made-up grade."""
    seed("birchwood.example", make_report(grade=None, score=None, quotes={}))
    response = client.get("/sites/birchwood.example")
    # The API only records a site for policies; if one got stored anyway the page must not fail.
    assert response.status_code == 200
    assert "not graded" in text_of(response.data)
