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


DETAILED_TEXT = (
    "Privacy Policy. Sharing. We may pass your details on when: we think it protects our rights; "
    "a buyer takes over the shop. Your choices. You can unsubscribe at any time."
)


def detailed_report() -> dict:
    """REPORT with the scorer's per-quote fields, how_to_improve and good_practices filled in."""
    first = {
        **evidence("we think it protects our rights;", DETAILED_TEXT),
        "severity": "high",
        "kind": "list_item",
        "context": "We may pass your details on when:",
    }
    second = {
        **evidence("a buyer takes over the shop.", DETAILED_TEXT),
        "severity": "medium",
        "kind": "table_cell",
        "context": "  ",  # blank: no lead-in shown
    }
    risks = [dict(risk) for risk in REPORT["risks"]]
    risks[0] = {**risks[0], "evidence": [first, second], "how_to_improve": "  Name the legal grounds. "}
    risks[1] = {**risks[1], "how_to_improve": "Ignored: the risk was not found."}
    risks[2] = {**risks[2], "evidence": [{**risks[2]["evidence"][0], "severity": "none", "kind": "odd"}]}
    good = [
        {
            "risk": "no_opt_out",
            "rule": "opt_out_offered",
            "quote": "You can unsubscribe\n at any time.",
            "start": 0,
            "end": 0,
            "explanation": "An opt-out is offered.",
        },  # fmt: skip
        {"risk": "made_up_risk", "quote": "We answer within two days."},
        {"risk": "no_opt_out", "quote": "   "},  # nothing to quote: left out
        "junk",
    ]
    return {**REPORT, "risks": risks, "good_practices": good}


def test_each_quote_has_its_own_severity_unit_and_lead_in() -> None:
    view = build_report_view(detailed_report(), text=DETAILED_TEXT)
    disclosure = view.risks[0]
    first, second = disclosure.evidence
    assert (first.severity, first.severity_label, first.unit, first.read_under) == (
        "high",
        "High",
        "list item",
        "We may pass your details on when:",
    )
    assert (second.severity, second.unit, second.read_under) == ("medium", "table cell", None)
    retention = view.risks[1]
    # "none" is no severity for a quote; an unknown unit is not named.
    assert (
        retention.evidence[0].severity,
        retention.evidence[0].severity_label,
        retention.evidence[0].unit,
    ) == (
        None,
        "",
        "",
    )


def test_how_to_improve_only_for_found_risks() -> None:
    view = build_report_view(detailed_report())
    by_id = {risk.id: risk for risk in view.risks}
    assert by_id["broad_disclosure"].how_to_improve == "Name the legal grounds."
    assert by_id["no_opt_out"].how_to_improve == ""  # not detected: nothing to improve
    assert by_id["retention_after_deletion"].how_to_improve == ""  # the report has none


def test_good_practices_with_their_risk_titles() -> None:
    view = build_report_view(detailed_report())
    assert [(g.risk_title, g.quote, g.explanation) for g in view.good_practices] == [
        ("No opt-out", "You can unsubscribe at any time.", "An opt-out is offered."),  # the report's title
        ("Made up risk", "We answer within two days.", ""),
    ]
    assert build_report_view({**REPORT, "good_practices": "junk"}).good_practices == ()
    assert build_report_view(REPORT).good_practices == ()


@pytest.mark.parametrize(
    ("stored", "kind"),
    [
        ("method_change", "method_change"),
        ("first", "first"),
        ("visitor", "visitor"),
        (None, "policy_change"),
        ("<b>", "policy_change"),
    ],  # fmt: skip
)
def test_history_entry_kinds(stored: str | None, kind: str) -> None:
    (entry,) = build_history([{"id": "1" * 64, "kind": stored, "scorer_version": "2"}], {})
    assert entry.kind == kind


def test_a_good_practice_cut_at_a_line_break_gets_the_rest_of_its_sentence_as_context() -> None:
    text = (
        "Privacy Policy. When you leave, we erase your notes within 30 days, and they are\n"
        "purged from backups. Bye."
    )
    quote = "When you leave, we erase your notes within 30 days, and they are"
    report = {**REPORT, "good_practices": [{"risk": "retention_after_deletion", "quote": quote,
              "start": text.index(quote), "end": text.index(quote) + len(quote)}]}  # fmt: skip
    (good,) = build_report_view(report, text=text).good_practices
    assert good.quote == quote
    # The rest of the wrapped sentence continues the quote's line.
    assert good.context.after.startswith(" purged from backups.")
    assert good.context.before == "Privacy Policy. "
