"""The rule engine: records, conditions, ladders, quiet spans, explanations, and the prefilter's
promise (running with it and without it finds the same hits)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.detectors import ALL_RULES, detect_document, make_document
from scoring.detectors._rules import (
    Rule,
    RuleSet,
    Step,
    any_of,
    factor_word_boundary,
    found,
    lowered,
    match_check,
    run,
    unit_check,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_lowered_keeps_offsets_even_when_unicode_lowercase_grows() -> None:
    text = "\u0130stanbul Office SHARES data"  # "İ".lower() is two characters
    low = lowered(text)
    assert len(low) == len(text)
    assert low.endswith("office shares data")


@pytest.mark.parametrize(
    ("pattern", "factored"),
    [
        (r"\bab|\bcd", r"\b(?:ab|cd)"),
        (r"\bab|x[|)]y|\bcd", r"\b(?:ab|cd)|x[|)]y"),
        (r"\b(?:a|b)c|\bd", r"\b(?:(?:a|b)c|d)"),
        (r"^(?:a|b)\bc", r"^(?:a|b)\bc"),
        (r"\bonly", r"\bonly"),
    ],
)
def test_factor_word_boundary(pattern: str, factored: str) -> None:
    assert factor_word_boundary(pattern) == factored


@pytest.mark.parametrize("text", ["ab cd", "xab", "x|y", "zcd", "a b c d", "cdab", "x)y ab"])
def test_factored_pattern_finds_the_same_match_positions(text: str) -> None:
    pattern = r"\bab|x[|)]y|\bcd"
    plain = [m.span() for m in re.finditer(pattern, text)]
    assert [m.span() for m in re.finditer(factor_word_boundary(pattern), text)] == plain


@unit_check
def mentions_cookies(view: object) -> bool:
    """The unit mentions cookies."""
    return "cookie" in view.low  # type: ignore[attr-defined]


@match_check
def says_why(view: object, match: re.Match[str]) -> str:
    """A note for the explanation."""
    return "because the test says so"


def toy_rule(**fields: object) -> Rule:
    base: dict[str, object] = {
        "risk": "toy",
        "name": "toy_share",
        "pattern": r"\bshare\w*",
        "severity": "medium",
        "why": "data is shared",
        "summary": "share data",
        "improve": "Share less.",
    }
    base.update(fields)
    return Rule(**base)  # type: ignore[arg-type]


def hits(rule: Rule, text: str) -> list[tuple[str, str]]:
    doc = make_document(text)
    return [(hit.unit.text, hit.severity) for hit in run(doc, RuleSet((rule,)))]


def test_requires_unless_ladder_and_quiet_spans() -> None:
    rule = toy_rule(
        requires=(found("with_partners", r"\bpartners\b"),),
        unless=(found("never", r"\bnever\b"),),
        ladder=(Step("high", mentions_cookies, "cookies too"),),
        quiet=(r"\bshare price\b",),
    )
    text = (
        "We share data with partners. We share cookie data with partners. We never share data with partners. "
        "We share data with friends. Our share price rose, partners say."
    )
    assert hits(rule, text) == [
        ("We share data with partners.", "medium"),
        ("We share cookie data with partners.", "high"),
    ]


def test_any_of_and_notes_reach_the_explanation() -> None:
    rule = toy_rule(requires=(any_of("partner_or_why", found("friends", r"\bfriends\b"), says_why),))
    doc = make_document("Heading\n\nWe may disclose things:\n\u2022 we share it")
    [hit] = run(doc, RuleSet((rule,)))
    assert hit.explanation == (
        'Rule toy_share matched "share": data is shared; because the test says so; read as an item of the '
        "list "
        'under "We may disclose things:".'
    )
    assert hit.context == "We may disclose things:"


def test_headings_labels_and_navigation_are_never_quoted() -> None:
    rule = toy_rule()
    text = "Sharing Your Data\n\nData Sharing. We share it with the printer.\nShare | Print | Email"
    assert hits(rule, text) == [("We share it with the printer.", "medium")]


def test_the_prefilter_never_changes_what_is_found() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*/*.txt"))]
    rule_set = RuleSet(ALL_RULES)
    for text in texts:
        for whole in (False, True):
            doc_with, doc_without = make_document(text, whole), make_document(text, whole)
            found_with = [(h.rule.name, h.unit.start, h.severity) for h in run(doc_with, rule_set)]
            found_without = [
                (h.rule.name, h.unit.start, h.severity) for h in run(doc_without, rule_set, False)
            ]
            assert found_with == found_without


def test_a_repeated_sentence_is_quoted_once_and_every_ground_shows_first() -> None:
    clause = "We may share your data with the police when they ask for it."
    text = f"{clause}\n\n{clause}\n\nIf the company is sold, your records go to the buyer.\n\n{clause}"
    finding = detect_document(make_document(text)).findings[0]
    assert [e.quote for e in finding.evidence] == [
        clause,
        "If the company is sold, your records go to the buyer.",
    ]
