"""Grade formula: penalties, bands and the one-line reason, with the tables checked for sense."""

from __future__ import annotations

import pytest

from scoring._grading import (
    GRADE_BANDS,
    LENGTH_PENALTY,
    READABILITY_PENALTY,
    SEVERITY_PENALTY,
    grade,
    letter,
)
from scoring._models import RISK_IDS, Readability, RiskFinding


def finding(risk_id: str, severity: str) -> RiskFinding:
    return RiskFinding(id=risk_id, title=risk_id, detected=severity != "none", severity=severity,  # type: ignore[arg-type]
                       summary="", evidence=())


def findings(*severities: str) -> tuple[RiskFinding, ...]:
    return tuple(finding(risk_id, severity) for risk_id, severity in zip(RISK_IDS, severities, strict=True))


def readability(ease: float, minutes: float = 8.0) -> Readability:
    return Readability(flesch_reading_ease=ease, flesch_kincaid_grade=0, gunning_fog=0, smog_index=0,
                       coleman_liau_index=0, automated_readability_index=0, dale_chall=0,
                       word_count=int(minutes * 250), sentence_count=1, reading_time_minutes=minutes,
                       level="")


# (severities, Flesch, minutes, score, grade): the worked examples in docs/scoring.md.
CASES = [
    (("none", "none", "none"), 65.0, 8.0, 100, "A"),  # clean and plain
    (("none", "none", "none"), 45.0, 8.0, 90, "A"),  # clean, typical policy prose
    (("none", "none", "none"), 25.0, 35.0, 80, "B"),  # clean but very hard and very long
    (("high", "none", "none"), 65.0, 8.0, 75, "B"),  # one high risk on a readable policy
    (("high", "none", "none"), 45.0, 8.0, 65, "C"),  # one high risk, hard to read
    (("none", "medium", "none"), 45.0, 8.0, 75, "B"),  # one medium risk
    (("none", "low", "none"), 45.0, 8.0, 85, "A"),  # a low finding alone keeps an A
    (("high", "medium", "none"), 28.0, 8.0, 45, "D"),  # the example in issue 2's brief
    (("medium", "medium", "medium"), 45.0, 8.0, 45, "D"),
    (("high", "high", "none"), 25.0, 8.0, 35, "E"),
    (("high", "high", "high"), 25.0, 40.0, 5, "E"),
    (("high", "high", "high"), 5.0, 90.0, 5, "E"),  # floor of the tables, never negative
]


@pytest.mark.parametrize(("severities", "ease", "minutes", "score", "expected"), CASES)
def test_worked_examples(severities: tuple[str, ...], ease: float, minutes: float, score: int,
                         expected: str) -> None:
    result = grade(findings(*severities), readability(ease, minutes))
    assert (result.score, result.grade) == (score, expected)


def test_reason_names_each_detected_risk_and_the_reading_ease() -> None:
    result = grade(findings("high", "medium", "none"), readability(28.2))
    assert result.reason == (
        "Grade D (45/100): broad disclosure (high), no opt-out (medium); very hard to read (Flesch 28)."
    )


def test_reason_for_a_clean_long_policy() -> None:
    result = grade(findings("none", "none", "none"), readability(52.0, minutes=41.0))
    assert result.reason == (
        "Grade A (90/100): none of the three risks found; "
        "fairly hard to read (Flesch 52), long (41 min to read)."
    )


def test_missing_readability_only_counts_risks() -> None:
    result = grade(findings("none", "none", "medium"), None)
    assert (result.score, result.grade) == (85, "A")
    assert result.reason == "Grade A (85/100): kept after deletion (medium)."


def test_a_finding_marked_detected_with_severity_none_costs_nothing() -> None:
    odd = (RiskFinding("no_opt_out", "t", True, "none", "", ()),)
    assert grade(odd, None).score == 100


@pytest.mark.parametrize(("score", "expected"), [(100, "A"), (85, "A"), (84, "B"), (70, "B"), (69, "C"),
                                                 (55, "C"), (54, "D"), (40, "D"), (39, "E"), (0, "E")])
def test_band_edges(score: int, expected: str) -> None:
    assert letter(score) == expected


def test_tables_are_ordered_and_complete() -> None:
    assert set(SEVERITY_PENALTY) == {"high", "medium", "low", "none"}
    assert SEVERITY_PENALTY["high"] > SEVERITY_PENALTY["medium"] > SEVERITY_PENALTY["low"] > 0
    assert [floor for floor, _ in GRADE_BANDS] == sorted((floor for floor, _ in GRADE_BANDS), reverse=True)
    assert GRADE_BANDS[-1][0] == 0
    for table in (READABILITY_PENALTY, LENGTH_PENALTY):
        floors = [floor for floor, _, _ in table]
        assert floors == sorted(floors, reverse=True)
    # Above E, a high risk always costs at least one grade (it is wider than any band) and a
    # medium one at most one (no wider than the narrowest band).
    widths = [upper - lower for (upper, _), (lower, _) in zip(GRADE_BANDS, GRADE_BANDS[1:-1], strict=False)]
    assert SEVERITY_PENALTY["high"] > max(widths)
    assert SEVERITY_PENALTY["medium"] <= min(widths)
