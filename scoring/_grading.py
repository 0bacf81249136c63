"""The grade formula: score = 100 - risk penalties - readability penalties, then A..E bands.

Every number lives in a table below with the reason for it; docs/scoring.md explains the formula to
people ("why did my site get a D?"). Three small pure functions, like ToS;DR's grade: no data, no
grade (the engine never calls ``grade`` for a text that is not a policy).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._models import Readability, RiskFinding

#: Points lost per detected risk, by severity. Fitted on ../shared/corpus/modern (issue 8): with these
#: numbers the score ranks the forty policies the way their labelled severities do (Spearman 0.90),
#: no letter holds more than a third of them, two high findings always land at D or E, and a policy
#: with only low findings keeps an A or B. A grid search (weights, readability scale, evenly spaced
#: bands; docs/scoring.md) chose them; rounder numbers nearby bunch the policies at one letter.
SEVERITY_PENALTY: dict[str, float] = {
    "high": 30,  # a self-judged ground, a core use that cannot be refused, indefinite keeping: B at best
    "medium": 17.5,  # legal-process disclosure, consent by use, backups with no end: one band
    "low": 2,  # routine: service messages after an unsubscribe, a purge within 90 days
    "none": 0,  # not detected
}

#: Points lost for hard reading, by Flesch reading ease (first band whose floor the score reaches).
#: Typical policies score 30-50 (McDonald & Cranor 2008 measured most at college level). Reading
#: counts half as much as in the first formula: on the modern set it did not help the ranking by
#: risk (the fit preferred 0), but a reader should still see hard prose cost something.
READABILITY_PENALTY: tuple[tuple[float, float, str], ...] = (
    (60.0, 0, "easy to read"),  # plain English or easier
    (50.0, 2.5, "fairly hard to read"),  # 10th-12th grade
    (30.0, 5, "hard to read"),  # college level: most policies land here
    (float("-inf"), 7.5, "very hard to read"),  # college graduate or worse
)

#: Length is reported, not scored: past 30 minutes (three times the median policy, McDonald & Cranor)
#: the reason says so. (Scoring it did not help the ranking either.)
LENGTH_PENALTY: tuple[tuple[float, float, str], ...] = (
    (30.0, 0, "long ({minutes:.0f} min to read)"),
    (0.0, 0, ""),
)

#: Lowest score for each grade, best first: evenly spaced, so that one high finding (30) always costs
#: at least one grade and two always reach D.
GRADE_BANDS: tuple[tuple[int, str], ...] = (
    (75, "A"),  # no high finding, at most one medium
    (60, "B"),  # one high finding alone, or two medium ones
    (45, "C"),  # one high and one medium finding
    (30, "D"),  # two high findings, or one high and two medium
    (0, "E"),  # two high findings and more, or three high
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


def _band(value: float, table: tuple[tuple[float, float, str], ...]) -> tuple[float, str]:
    return next((points, label) for floor, points, label in table if value >= floor)


def letter(score: int) -> str:
    """The A..E grade for a 0..100 score."""
    return next(name for floor, name in GRADE_BANDS if score >= floor)


def grade(findings: tuple[RiskFinding, ...], readability: Readability | None) -> Grade:
    """Score, grade and reason from the findings and readability (see docs/scoring.md)."""
    detected = [f for f in findings if f.detected and f.severity != "none"]
    points = 100.0 - sum(SEVERITY_PENALTY[f.severity] for f in detected)
    notes = [f"{RISK_LABELS.get(f.id, f.title)} ({f.severity})" for f in detected]
    risk_part = ", ".join(notes) if notes else "none of the three risks found"
    reading_parts: list[str] = []
    if readability is not None:
        lost, label = _band(readability.flesch_reading_ease, READABILITY_PENALTY)
        points -= lost
        reading_parts.append(f"{label} (Flesch {readability.flesch_reading_ease:.0f})")
        lost, label = _band(readability.reading_time_minutes, LENGTH_PENALTY)
        points -= lost
        if label:
            reading_parts.append(label.format(minutes=readability.reading_time_minutes))
    score = max(0, min(100, int(points + 0.5)))  # half points round up
    result = letter(score)
    reason = f"Grade {result} ({score}/100): {risk_part}"
    if reading_parts:
        reason += "; " + ", ".join(reading_parts)
    return Grade(score=score, grade=result, reason=reason + ".")
