"""``score_policy``: tame the input, split sentences, detect the risks, measure readability, grade.

Each stage reads the text once (linear time); textstat's readability counts are the dominant cost.
The risks are detected for every text, policy or not, so a single sentence can be checked (the
corpus evaluation does this); only the grade needs a policy. The ``url`` never changes the report:
the API caches reports by the text alone.
"""

from __future__ import annotations

import dataclasses

from . import _grading, _policy_detection, _readability
from ._input import ScoringInputError, tame
from ._models import Evidence, PolicyReport, RiskFinding
from ._structure import analyse
from .detectors import Document, detect_document

#: Version of the scoring behaviour ("year.month.n"). Bump it whenever any report could change.
SCORER_VERSION = "2026.12.6"


def score_policy(text: str, url: str | None = None) -> PolicyReport:
    """Grade ``text`` (a privacy policy) for risk and readability; ``url`` is accepted but not scored."""
    if url is not None and not isinstance(url, str):
        raise ScoringInputError(f"url must be a str or None, not {type(url).__name__}")
    tamed = tame(text)
    verdict = _policy_detection.detect_policy(tamed.clean)
    document = Document(
        tamed.clean,
        analyse(tamed.clean),
        is_whole_policy=verdict.is_whole_policy,
        is_policy=verdict.is_policy,
    )
    detection = detect_document(document)
    findings, goods = detection.findings, detection.good_practices
    if tamed.clean != tamed.safe:
        findings = _quote_submitted(findings, tamed.safe)
        goods = tuple(dataclasses.replace(g, quote=tamed.safe[g.start : g.end]) for g in goods)
    readability = _readability.measure(tamed.clean) if verdict.word_count else None

    score: int | None = None
    letter: str | None = None
    reason = verdict.reason
    if verdict.is_policy:
        graded = _grading.grade(findings, readability)
        score, letter, reason = graded.score, graded.grade, graded.reason
    return PolicyReport(
        is_policy=verdict.is_policy,
        policy_confidence=verdict.confidence,
        score=score,
        grade=letter,
        grade_reason=reason,
        readability=readability,
        risks=findings,
        scorer_version=SCORER_VERSION,
        good_practices=goods if verdict.is_policy else (),
    )


def _quote_submitted(findings: tuple[RiskFinding, ...], safe: str) -> tuple[RiskFinding, ...]:
    """Re-cut quotes from the submitted text (control characters included) at the same offsets."""

    def requote(evidence: Evidence) -> Evidence:
        return dataclasses.replace(evidence, quote=safe[evidence.start : evidence.end])

    return tuple(
        dataclasses.replace(finding, evidence=tuple(requote(e) for e in finding.evidence))
        for finding in findings
    )
