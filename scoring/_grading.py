"""The grade formula: score = 100 - risk penalties - readability penalties, then A..E bands.

Every number lives in a table below with the reason for it; docs/scoring.md explains the formula to
people ("why did my site get a D?"). Three small pure functions, like ToS;DR's grade: no data, no
grade (the engine never calls ``grade`` for a text that is not a policy).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._models import Readability, RiskFinding

#: Points lost per detected risk, by severity.
SEVERITY_PENALTY: dict[str, int] = {
    "high": 25,  # a risk stated plainly and broadly: one alone takes an otherwise clean policy to B
    "medium": 15,  # a risk with some limit (scope, notice, a partial opt-out): worth a band at most
    "low": 5,  # a narrow or bounded form (e.g. only essential notices cannot be refused)
    "none": 0,  # not detected
}

#: Points lost for hard reading, by Flesch reading ease (first band whose floor the score reaches).
#: Typical policies score 30-50 (McDonald & Cranor 2008 measured most at college level), so plain
#: English (60+, Flesch's "8th-9th grade") costs nothing and "college graduate" (<30) costs most.
READABILITY_PENALTY: tuple[tuple[float, int, str], ...] = (
    (60.0, 0, "easy to read"),  # plain English or easier
    (50.0, 5, "fairly hard to read"),  # 10th-12th grade
    (30.0, 10, "hard to read"),  # college level: most policies land here
    (float("-inf"), 15, "very hard to read"),  # college graduate or worse
)

#: Points lost for length, by reading time at 250 wpm (first band whose floor the time reaches).
#: McDonald & Cranor estimate a median policy takes about 10 minutes; past 30 few people finish.
LENGTH_PENALTY: tuple[tuple[float, int, str], ...] = (
    (30.0, 5, "long ({minutes:.0f} min to read)"),  # three times the median policy
    (0.0, 0, ""),
)

#: Lowest score for each grade, best first. Bands are 15 points wide so that one high risk (25)
#: always costs at least one grade and one medium risk (15) exactly one.
GRADE_BANDS: tuple[tuple[int, str], ...] = (
    (85, "A"),  # no risk found, at most a small readability/length penalty
    (70, "B"),  # one medium risk, or one high risk on a readable policy
    (55, "C"),  # one high risk with hard reading, or two medium risks
    (40, "D"),  # two serious risks
    (0, "E"),  # two high risks on a very hard policy, or all three risks
)

#: Short names of the risks for the one-line grade reason.
RISK_LABELS: dict[str, str] = {
    "broad_disclosure": "broad disclosure",
    "no_opt_out": "no opt-out",
    "retention_after_deletion": "kept after deletion",
}


@dataclass(frozen=True)
class Grade:
    """A score, its letter and the one-sentence reason."""

    score: int
    grade: str
    reason: str


def _band(value: float, table: tuple[tuple[float, int, str], ...]) -> tuple[int, str]:
    return next((points, label) for floor, points, label in table if value >= floor)


def letter(score: int) -> str:
    """The A..E grade for a 0..100 score."""
    return next(name for floor, name in GRADE_BANDS if score >= floor)


def grade(findings: tuple[RiskFinding, ...], readability: Readability | None) -> Grade:
    """Score, grade and reason from the findings and readability (see docs/scoring.md)."""
    detected = [f for f in findings if f.detected and f.severity != "none"]
    score = 100 - sum(SEVERITY_PENALTY[f.severity] for f in detected)
    notes = [f"{RISK_LABELS.get(f.id, f.title)} ({f.severity})" for f in detected]
    risk_part = ", ".join(notes) if notes else "none of the three risks found"
    reading_parts: list[str] = []
    if readability is not None:
        points, label = _band(readability.flesch_reading_ease, READABILITY_PENALTY)
        score -= points
        reading_parts.append(f"{label} (Flesch {readability.flesch_reading_ease:.0f})")
        points, label = _band(readability.reading_time_minutes, LENGTH_PENALTY)
        score -= points
        if label:
            reading_parts.append(label.format(minutes=readability.reading_time_minutes))
    score = max(0, min(100, score))
    result = letter(score)
    reason = f"Grade {result} ({score}/100): {risk_part}"
    if reading_parts:
        reason += "; " + ", ".join(reading_parts)
    return Grade(score=score, grade=result, reason=reason + ".")
