"""Helpers for the detector tests: build a Document the way score_policy does, check evidence."""

from __future__ import annotations

from types import ModuleType

from scoring._models import RiskFinding
from scoring.detectors import Document
from scoring.detectors import make_document as _make_document

#: Text placed around a case so that evidence offsets are tested away from position 0.
PREFIX = "This notice explains our practices. "
SUFFIX = " Thank you for reading."


def make_document(text: str, whole_policy: bool = False) -> Document:
    """A Document of ``text`` split into sentences."""
    return _make_document(text, whole_policy=whole_policy)


def assert_quotes_sentence(finding: RiskFinding, text: str, sentence: str) -> None:
    """The finding's first evidence quotes exactly ``sentence`` at its place in ``text``."""
    assert finding.evidence, "a detected finding must carry evidence"
    evidence = finding.evidence[0]
    assert evidence.quote == sentence
    assert text[evidence.start : evidence.end] == evidence.quote
    assert evidence.start == text.index(sentence)
    assert evidence.rule in evidence.explanation
    for other in finding.evidence:
        assert text[other.start : other.end] == other.quote


def embedded(sentence: str) -> str:
    """``sentence`` between two neutral sentences, so offsets are tested away from 0.

    A list fragment ("to comply with a court order;") is placed as a bullet under a heading line,
    which is how such fragments appear in real policies.
    """
    if sentence.endswith((";", ":", ",")):
        return "We may disclose your information:\n\u2022 " + sentence + "\n\u2022 as described below."
    return PREFIX + sentence + SUFFIX


def assert_sentence_case(detector: ModuleType, sentence: str, rule: str | None, severity: str) -> None:
    """One row of a detector's table: ``sentence`` (embedded in neutral text) is found by ``rule``
    at ``severity``, quoting exactly that sentence; or, with ``rule`` None, nothing is found."""
    text = embedded(sentence)
    finding = detector.detect(make_document(text))
    assert finding.id == detector.RISK_ID
    assert finding.detected is (rule is not None)
    assert finding.severity == severity
    if rule is None:
        assert finding.evidence == ()
    else:
        assert_quotes_sentence(finding, text, sentence)
        assert finding.evidence[0].rule == rule
        assert "Rule " + rule in finding.evidence[0].explanation
