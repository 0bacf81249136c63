"""Report and site JSON turned into the view the templates render."""

from __future__ import annotations

import pytest

from api.pages.report_view import build_history, build_report_view, parse_timestamp

TEXT = (
    "Privacy Policy. We collect your e-mail address. We may disclose your data to protect our rights. "
    "Deleted posts may remain in our backups. You can unsubscribe at any time."
)


def evidence(quote: str, text: str = TEXT) -> dict:
    start = text.index(quote)
    return {
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "explanation": "rule matched",
        "rule": "r",
    }


REPORT = {
    "id": "b" * 64,
    "is_policy": True,
    "score": 61.4,
    "grade": "C",
    "grade_reason": "2 risks found",
    "scorer_version": "1.0",
    "url": "https://www.example.com/privacy",
    "site": "example.com",
    "scored_at": "2026-11-22T01:37:00.123Z",
    "readability": {"flesch_reading_ease": 40.0, "word_count": 2200, "reading_time_minutes": 8.8},
    "risks": [
        {
            "id": "broad_disclosure",
            "title": "Broad disclosure",
            "detected": True,
            "severity": "high",
            "summary": "May hand data over.",
            "evidence": [evidence("We may disclose your data to protect our rights.")],
        },
        {
            "id": "no_opt_out",
            "title": "No opt-out",
            "detected": False,
            "severity": "none",
            "summary": "You can opt out.",
            "evidence": [],
        },
        {
            "id": "retention_after_deletion",
            "title": "Kept after deletion",
            "detected": True,
            "severity": "medium",
            "summary": "Kept in backups.",
            "evidence": [evidence("Deleted posts may remain in our backups.")],
        },
    ],
}


def test_report_view_with_text_puts_quotes_in_context() -> None:
    view = build_report_view(REPORT, text=TEXT)
    assert (view.grade, view.score, view.detected_count) == ("C", 61, 2)
    # Detected risks first, in report order.
    assert [r.id for r in view.risks] == ["broad_disclosure", "retention_after_deletion", "no_opt_out"]
    quote = view.risks[0].evidence[0].context
    assert quote.before == "Privacy Policy. We collect your e-mail address. "
    assert quote.after == " Deleted posts may remain in our backups. You can unsubscribe at any time."
    assert view.quotes_in_context
    assert view.scored_at is not None and view.scored_at.text == "22 Nov 2026, 01:37 UTC"
    assert view.readability_words is not None
    assert view.readability_words.reading_time == "9 minutes to read at 250 words per minute"


def test_report_view_without_text_uses_neighbouring_quotes() -> None:
    view = build_report_view(REPORT)
    disclosure = view.risks[0].evidence[0].context
    # The retention quote follows the disclosure quote in the policy: it stands in as context.
    assert disclosure.after == " Deleted posts may remain in our backups."
    assert disclosure.before == ""
    assert view.quotes_in_context


@pytest.mark.parametrize(
    ("patch", "grade", "score"),
    [
        ({"grade": None, "score": None, "is_policy": False}, None, None),
        ({"grade": "Z"}, None, 61),  # not a grade: shown as not graded
        ({"score": "junk"}, "C", None),
        ({"score": True}, "C", None),
    ],
)
def test_odd_stored_values_do_not_crash(patch: dict, grade: str | None, score: int | None) -> None:
    view = build_report_view({**REPORT, **patch})
    assert (view.grade, view.score) == (grade, score)


def test_minimal_report() -> None:
    view = build_report_view({})
    assert view.risks == () and view.readability_words is None and view.scored_at is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-11-22T01:37:00.123Z", "2026-11-22T01:37:00Z"),
        ("2026-11-22T02:37:00+01:00", "2026-11-22T01:37:00Z"),
        ("2026-11-22T01:37:00", "2026-11-22T01:37:00Z"),  # naive: taken as UTC
        (1795311420, "2026-11-22T01:37:00Z"),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (10**20, None),
    ],
)
def test_parse_timestamp(value: object, iso: str | None) -> None:
    stamp = parse_timestamp(value)
    assert (stamp.iso if stamp else None) == iso


def test_history_titles_and_changes() -> None:
    history = [
        {
            "id": "2" * 64,
            "grade": "D",
            "score": 45,
            "first_seen": "2026-11-21T00:00:00Z",
            "last_seen": "2026-11-22T00:00:00Z",
            "changes": {
                "added": ["retention_after_deletion"],
                "removed": ["no_opt_out"],
                "grade_from": "C",
                "grade_to": "D",
            },
        },
        {
            "id": "1" * 64,
            "grade": "C",
            "score": 60,
            "first_seen": "2026-10-01T00:00:00Z",
            "last_seen": "2026-10-02T00:00:00Z",
            "changes": {"added": [], "removed": [], "grade_from": None, "grade_to": "C"},
        },
        "junk",
    ]
    entries = build_history(history, {"retention_after_deletion": "Kept after deletion"})
    assert len(entries) == 2
    newest, oldest = entries
    assert newest.is_current and not oldest.is_current
    assert newest.added == ("Kept after deletion",)
    assert newest.removed == ("no opt out",)  # no title known: the id, readable
    assert (newest.grade_from, newest.grade_to) == ("C", "D")
    assert oldest.first_seen is not None and oldest.first_seen.iso == "2026-10-01T00:00:00Z"
