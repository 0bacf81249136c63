"""Hostile policy text, titles and URLs render as text: no markup, handlers or javascript: links."""

from __future__ import annotations

import html
import re

import pytest
from conftest import HOSTILE_POLICY, HOSTILE_QUOTE, make_report

HOSTILE_URL = 'javascript:alert(document.cookie)//"><script>alert(3)</script>'


def assert_inert(page: str) -> None:
    """No script element, no event-handler attribute, no javascript: URL anywhere in the markup."""
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", page, re.I), "event handler attribute in a tag"
    assert not re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", page, re.I)
    assert "style=" not in page  # the CSP forbids inline styles; none are needed


@pytest.fixture
def hostile_report() -> dict:
    return make_report(
        HOSTILE_POLICY,
        quotes={"broad_disclosure": HOSTILE_QUOTE},
        url=HOSTILE_URL,
        title='<img src=x onerror="alert(4)">',
    )


def test_site_page_renders_hostile_quote_and_url_as_text(client, seed, hostile_report) -> None:
    seed("evil.example", hostile_report)
    page = client.get("/sites/evil.example").data.decode()
    assert_inert(page)
    # The quote is still there, readable, inside the highlight.
    mark = re.search(r"<mark>(.*?)</mark>", page, re.S)
    assert mark is not None and html.unescape(mark.group(1)) == HOSTILE_QUOTE
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    # The javascript: "URL" is shown as text, never as a link.
    assert html.escape(HOSTILE_URL, quote=True).replace("&quot;", "&#34;").replace("&#x27;", "&#39;") in page


def test_site_page_escapes_the_page_title(client, seed, hostile_report) -> None:
    # The title belongs to the site's record (reports hold findings only), so the site page shows it.
    seed("evil.example", hostile_report)
    page = client.get("/sites/evil.example").data.decode()
    assert_inert(page)
    assert "&lt;img src=x onerror=&#34;alert(4)&#34;&gt;" in page


def test_report_permalink_is_inert(client, seed, hostile_report) -> None:
    report = seed("evil.example", hostile_report)
    page = client.get(f"/reports/{report['id']}").data.decode()
    assert_inert(page)
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page


def test_search_query_is_escaped(client, seed) -> None:
    seed("birchwood.example", make_report())
    page = client.get("/sites", query_string={"q": '"><script>alert(5)</script>'}).data.decode()
    assert_inert(page)
    assert "&lt;script&gt;" in page


def test_pasted_hostile_text_is_escaped_in_form_and_report(client, scorer) -> None:
    response = client.post("/", data={"text": HOSTILE_POLICY * 3, "url": ""})
    assert response.status_code in (200, 422)
    assert_inert(response.data.decode())


def test_hostile_site_name_in_404_page(client) -> None:
    response = client.get("/sites/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status_code == 404
    assert_inert(response.data.decode())


def test_templates_never_mark_data_safe() -> None:
    """Autoescape is the only defence the templates need; nothing may switch it off."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[3] / "api" / "pages" / "templates"
    sources = {path.name: path.read_text() for path in templates.rglob("*.html")}
    assert sources, "no templates found"
    for name, source in sources.items():
        for forbidden in ("|safe", "| safe", "autoescape false", "Markup(", "style=", "<script"):
            assert forbidden not in source, f"{name} contains {forbidden!r}"
