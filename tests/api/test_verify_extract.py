"""api.verify.extract: policy text out of HTML (trafilatura) and plain text, or a clear refusal."""

from __future__ import annotations

import pytest
from policy_texts import POLICY_V2, as_html

from api.verify.extract import ExtractionError, extract
from api.verify.fetcher import FetchResult


def page(body: bytes, content_type: str = "text/html", charset: str | None = "utf-8") -> FetchResult:
    return FetchResult("http://a.test/p", "http://a.test/p", 200, content_type, charset, body)


def test_html_keeps_headings_and_paragraphs_and_drops_navigation() -> None:
    extracted = extract(page(as_html(POLICY_V2, title="Privacy | Examplify").encode()))
    lines = extracted.text.splitlines()
    assert "Data Retention" in lines and "Your Choices" in lines
    assert any(line.startswith("You can opt out of marketing emails at any time") for line in lines)
    assert "Cart" not in extracted.text and "window.analytics" not in extracted.text
    assert extracted.title and "Privacy" in extracted.title


def test_the_declared_charset_is_used_and_a_meta_charset_is_read_when_none_is_declared() -> None:
    html = as_html(POLICY_V2).replace("Examplify Ltd", "Exämplify Ltd")
    assert "Exämplify" in extract(page(html.encode("latin-1"), charset="iso-8859-1")).text
    assert "Exämplify" in extract(page(html.encode("utf-8"), charset=None)).text


def test_plain_text_is_the_text() -> None:
    assert extract(page(b"  Privacy Policy\nWe collect nothing.\n", "text/plain")).text == (
        "Privacy Policy\nWe collect nothing."
    )


@pytest.mark.parametrize(
    "body",
    [b"<html><body><div id='root'></div><script src='/app.js'></script></body></html>", b"", b"   "],
    ids=["script-rendered", "empty", "blank"],
)
def test_pages_without_text_are_refused(body: bytes) -> None:
    with pytest.raises(ExtractionError):
        extract(page(body))
