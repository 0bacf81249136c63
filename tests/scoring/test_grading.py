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
    (("none", "none", "none"), 45.0, 8.0, 95, "A"),  # clean, typical policy prose
    (("none", "none", "none"), 25.0, 35.0, 93, "A"),  # clean but very hard and very long
    (("none", "low", "low"), 25.0, 8.0, 89, "A"),  # routine findings only
    (("medium", "none", "none"), 45.0, 8.0, 78, "A"),  # one medium finding, hard prose
    (("medium", "medium", "none"), 45.0, 8.0, 60, "B"),  # two medium findings
    (("high", "none", "none"), 65.0, 8.0, 70, "B"),  # one high finding on a readable policy
    (("high", "none", "none"), 25.0, 8.0, 63, "B"),  # one high finding, very hard prose
    (("high", "low", "none"), 45.0, 8.0, 63, "B"),
    (("high", "medium", "none"), 28.0, 8.0, 45, "C"),  # the brief's example of issue 2
    (("high", "none", "medium"), 45.0, 8.0, 48, "C"),
    (("high", "medium", "medium"), 45.0, 8.0, 30, "D"),
    (("high", "high", "none"), 65.0, 8.0, 40, "D"),  # two high findings: D at best
    (("high", "high", "low"), 25.0, 8.0, 31, "D"),
    (("high", "high", "medium"), 45.0, 8.0, 18, "E"),
    (("high", "high", "high"), 25.0, 40.0, 3, "E"),
    (("high", "high", "high"), 5.0, 90.0, 3, "E"),  # the worst the tables can do
]


@pytest.mark.parametrize(("severities", "ease", "minutes", "score", "expected"), CASES)
def test_worked_examples(severities: tuple[str, ...], ease: float, minutes: float, score: int,
                         expected: str) -> None:
    result = grade(findings(*severities), readability(ease, minutes))
    assert (result.score, result.grade) == (score, expected)


SEVERITIES = ("none", "low", "medium", "high")


@pytest.mark.parametrize("ease", [90.0, 55.0, 40.0, 10.0])
def test_the_invariants_issue_8_asks_for_hold_for_every_combination(ease: float) -> None:
    import itertools

    for combo in itertools.product(SEVERITIES, repeat=3):
        result = grade(findings(*combo), readability(ease, minutes=45.0))
        if set(combo) <= {"none", "low"}:
            assert result.grade in {"A", "B"}, combo  # only none or low: A or B
        if combo.count("high") >= 2:
            assert result.grade in {"D", "E"}, combo  # high in two risks: D or E
        if "high" in combo:
            assert result.grade != "A", combo  # one high finding always costs the A


def test_reason_names_each_detected_risk_and_the_reading_ease() -> None:
    result = grade(findings("high", "medium", "none"), readability(28.2))
    assert result.reason == (
        "Grade C (45/100): broad disclosure (high), no opt-out (medium); very hard to read (Flesch 28)."
    )


def test_reason_for_a_clean_long_policy() -> None:
    result = grade(findings("none", "none", "none"), readability(52.0, minutes=41.0))
    assert result.reason == (
        "Grade A (98/100): none of the three risks found; "
        "fairly hard to read (Flesch 52), long (41 min to read)."
    )


def test_missing_readability_only_counts_risks() -> None:
    result = grade(findings("none", "none", "medium"), None)
    assert (result.score, result.grade) == (83, "A")
    assert result.reason == "Grade A (83/100): kept after deletion (medium)."


def test_a_finding_marked_detected_with_severity_none_costs_nothing() -> None:
    odd = (RiskFinding("no_opt_out", "t", True, "none", "", ()),)
    assert grade(odd, None).score == 100


@pytest.mark.parametrize(("score", "expected"), [(100, "A"), (75, "A"), (74, "B"), (60, "B"), (59, "C"),
                                                 (45, "C"), (44, "D"), (30, "D"), (29, "E"), (0, "E")])
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
    # medium one at most two bands' width.
    widths = [upper - lower for (upper, _), (lower, _) in zip(GRADE_BANDS, GRADE_BANDS[1:-1], strict=False)]
    assert SEVERITY_PENALTY["high"] > max(widths)
    # readability alone never costs more than a band
    assert max(points for _, points, _ in READABILITY_PENALTY) < min(widths)
