"""Fixtures for the page tests: reports stored through the real SiteStore on the test Redis."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest

#: A policy written for these tests (not corpus text). Two risky sentences sit in the middle of
#: ordinary ones so the page can show them in context.
POLICY = """Privacy Policy

Last updated: 2 February 2026

Birchwood Books Ltd ("we") runs the birchwood.example online bookshop. This policy explains what we
collect about you and what we do with it.

What we collect
We collect your name, postal address and e-mail address when you place an order. We also record the
pages you visit and the device you use. Our payment provider handles your card details; we never see them.

How we share it
We share your address with the courier that delivers your parcel. We may disclose your personal
information to law enforcement or other parties whenever we believe it is necessary to protect our
rights, property or safety. If Birchwood Books is sold or merged, customer records may be transferred
to the buyer as a business asset.

Keeping your data
When you close your account we delete your profile. However, copies of your data may remain in our
backups and archives after you delete your account. Order records are kept for six years for tax reasons.

Your choices
You can unsubscribe from our newsletter using the link at the bottom of every e-mail. Write to
privacy@birchwood.example with any question about this policy.
"""


def _sentence(text: str, first_words: str, last_words: str) -> str:
    """The exact span of ``text`` from ``first_words`` to ``last_words`` (line breaks included)."""
    start = text.index(first_words)
    return text[start : text.index(last_words, start) + len(last_words)]


DISCLOSURE_QUOTE = _sentence(POLICY, "We may disclose your personal", "rights, property or safety.")
RETENTION_QUOTE = _sentence(POLICY, "However, copies of your data", "delete your account.")

#: Hostile text: markup, an attribute breakout and a javascript: link, inside sentences a report quotes.
HOSTILE_QUOTE = (
    'We may share data <script>alert("pwned")</script> "onerror="alert(1)" with '
    '<a href="javascript:alert(2)">partners</a>.'
)
HOSTILE_POLICY = f"Privacy Policy. We collect your e-mail. {HOSTILE_QUOTE} You can opt out at any time."


def _evidence(text: str, quote: str, explanation: str) -> dict[str, Any]:
    start = text.index(quote)
    return {
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "explanation": explanation,
        "rule": "test",
    }


def make_report(
    text: str = POLICY,
    *,
    grade: str | None = "D",
    score: int | None = 42,
    url: str | None = "https://www.birchwood.example/privacy",
    quotes: dict[str, str] | None = None,
    scored_at: str = "2026-11-20T09:30:00.000Z",
    title: str | None = None,
) -> dict[str, Any]:
    """A report dict in the POST /api/v1/score shape whose evidence offsets index ``text``."""
    quotes = (
        {"broad_disclosure": DISCLOSURE_QUOTE, "retention_after_deletion": RETENTION_QUOTE}
        if quotes is None
        else quotes
    )
    titles = {
        "broad_disclosure": "Shares data on its own judgement",
        "no_opt_out": "No way to opt out",
        "retention_after_deletion": "Keeps data after you delete it",
    }
    risks = []
    for risk_id, title_text in titles.items():
        quote = quotes.get(risk_id)
        risks.append(
            {
                "id": risk_id,
                "title": title_text,
                "detected": quote is not None,
                "severity": "high" if quote else "none",
                "summary": f"Summary of {risk_id}." if quote else f"No sign of {risk_id}.",
                "evidence": [_evidence(text, quote, f"Matched the {risk_id} rule.")] if quote else [],
            }
        )
    return {
        "id": hashlib.sha256(text.encode()).hexdigest(),
        "is_policy": grade is not None,
        "policy_confidence": 0.95,
        "score": score,
        "grade": grade,
        "grade_reason": f"{len(quotes)} risks found." if grade else "Too short to judge.",
        "readability": {
            "flesch_reading_ease": 38.2,
            "flesch_kincaid_grade": 12.9,
            "gunning_fog": 15.1,
            "smog_index": 13.4,
            "coleman_liau_index": 12.0,
            "automated_readability_index": 13.2,
            "dale_chall": 9.8,
            "word_count": 2750,
            "sentence_count": 120,
            "reading_time_minutes": 11.0,
            "level": "college",
        },
        "risks": risks,
        "scorer_version": "test-1",
        "url": url,
        "site": None,
        "title": title,
        "scored_at": scored_at,
        "cached": False,
    }


@pytest.fixture
def store(app: Any) -> Any:
    """The app's SiteStore (real Redis)."""
    return app.extensions["policygrade"].store


@pytest.fixture
def seed(store: Any) -> Callable[..., dict[str, Any]]:
    """``seed(site, report, when=..., epoch=..., text=...)`` stores a report (and its policy text, if
    given) and records it as ``site``'s verified report, fetched from the report's ``url`` at ``when``."""

    def _seed(
        site: str,
        report: dict[str, Any],
        when: str | None = None,
        epoch: float = 1.0,
        text: str | None = None,
    ) -> dict[str, Any]:
        report = {**report, "site": site}
        when = when or report["scored_at"]
        store.put_report(report, text=text)
        provenance = {"url": report.get("url"), "requested_url": report.get("url"), "http_status": 200,
                      "fetched_at": when, "title": report.get("title")}  # fmt: skip
        store.record_verified(site, report, provenance, when, epoch)
        return report

    return _seed


#: A policy written for these tests whose sharing rules are a list under a lead-in, with two things
#: it does well (an unsubscribe link, a bounded purge): the scorer quotes list items with their
#: lead-in, gives how_to_improve for the finding and lists good_practices.
LIST_POLICY = """Privacy Policy

Fernhill Garden Supplies Ltd ("we", "us") sells seeds, tools and compost through fernhill.example.
This policy explains which personal information we collect when you shop with us, why we collect
it, and what choices you have.

Information we collect
We collect your name, delivery address, telephone number and e-mail address when you place an
order. We also collect the pages you view and the browser you use, so that we can keep the shop working.

Sharing your information
We may pass your details to others when:
- we believe it is necessary to protect our rights, property or safety;
- a government agency or another third party asks us for it;
- we sell or merge any part of our business, in which case customer records pass to the buyer as an asset.

Your choices
You can unsubscribe from our newsletter at any time with the link at the bottom of every e-mail.

Keeping your information
When you close your account, we erase your order history and profile within 30 days, and they are
purged from our backups within 60 days.

Contact
Write to privacy@fernhill.example with any question about this policy.
"""
