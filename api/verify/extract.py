"""Policy text from a fetched page: trafilatura for HTML, the body itself for plain text.

Why trafilatura: it is maintained (several releases a year), it is among the best open-source
main-text extractors in independent comparisons (Bevendorff et al., SIGIR 2023) as in its own
published evaluation, it works on a string with no network access, and its text output keeps what
a policy is made of: headings, list items and table rows on their own lines, while navigation and
footers go. readability-lxml, the other candidate, returns article HTML tuned for news (it picks one
main block, and a policy is many short sections) that would still need a second pass to become text.

A page whose text is rendered by JavaScript has almost nothing in its HTML: extraction then finds
no text (or too little to be a policy, which scoring says) and the site keeps its last verified report.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import trafilatura

from api.verify.fetcher import FetchResult

MAX_TITLE_LENGTH = 500


class ExtractionError(Exception):
    """No readable text in the page; ``kind`` is the site's check status."""

    kind = "no_text"


@dataclass(frozen=True)
class Extracted:
    """The policy text of a page and its title (None when the page has none)."""

    text: str
    title: str | None


def _decode(body: bytes, charset: str | None) -> str:
    """The body as text: its declared charset when Python knows it, else UTF-8 (bad bytes replaced)."""
    if charset:
        try:
            codecs.lookup(charset)
            return body.decode(charset, "replace")
        except LookupError:
            pass
    return body.decode("utf-8", "replace")


def extract(page: FetchResult) -> Extracted:
    """The text of ``page`` worth scoring, and its title; ExtractionError when there is none."""
    if page.content_type == "text/plain":
        text = _decode(page.body, page.charset).strip()
        if not text:
            raise ExtractionError("the page is empty")
        return Extracted(text, None)
    # Bytes without a declared charset go in as they are: trafilatura reads <meta charset> itself.
    html: str | bytes = _decode(page.body, page.charset) if page.charset else page.body
    found = trafilatura.extract(
        html,
        output_format="txt",
        include_tables=True,  # retention periods and data categories often sit in tables
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,  # a policy is many short sections: keep them rather than the "main" one
        deduplicate=False,
        with_metadata=False,
    )
    if not found or not found.strip():
        raise ExtractionError("no readable text in the HTML (the page may be rendered by JavaScript)")
    metadata = trafilatura.extract_metadata(html)
    title = str(metadata.title or "").strip() if metadata is not None else ""
    return Extracted(found.strip(), title[:MAX_TITLE_LENGTH] or None)
