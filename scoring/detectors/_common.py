"""Shared pieces of the risk detectors: the Document they read, rule records and evidence builders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scoring._models import Evidence, RiskFinding, Severity
from scoring._sentences import Sentence

#: Severity order, weakest first; a finding takes the strongest severity among its evidence.
SEVERITY_RANK: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3}
#: A finding quotes at most this many sentences (the strongest first); more adds noise, not proof.
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Document:
    """A text split into sentences; ``is_whole_policy`` enables the policy-level rules."""

    text: str
    sentences: tuple[Sentence, ...]
    is_whole_policy: bool


@dataclass(frozen=True)
class Rule:
    """One named phrasing family: a bounded regex, the severity it implies and why it matters."""

    name: str
    regex: re.Pattern[str]
    severity: Severity
    why: str


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive detector pattern (verbose whitespace is not used: spaces are literal)."""
    return re.compile(pattern, re.IGNORECASE)


def rule(name: str, pattern: str, severity: Severity, why: str) -> Rule:
    """Build a Rule from a pattern string."""
    return Rule(name, rx(pattern), severity, why)


@dataclass(frozen=True)
class Hit:
    """A rule that matched one sentence, with the severity after scope adjustments."""

    sentence: Sentence
    rule: str
    severity: Severity
    explanation: str
    #: Tie-break among equally severe hits: lower comes first (a stated clause before an inference).
    rank: int = 0


def evidence_of(hit: Hit) -> Evidence:
    """The Evidence record for a hit: the whole sentence, its offsets and the explanation."""
    sentence = hit.sentence
    return Evidence(sentence.text, sentence.start, sentence.end, hit.explanation, hit.rule)


def strongest(hits: Iterable[Hit]) -> list[Hit]:
    """Hits ordered strongest first, then by rank and position, one per sentence, at most MAX_EVIDENCE."""
    seen: set[int] = set()
    unique: list[Hit] = []
    for hit in hits:
        if hit.sentence.start not in seen:
            seen.add(hit.sentence.start)
            unique.append(hit)
    unique.sort(key=lambda h: (-SEVERITY_RANK[h.severity], h.rank, h.sentence.start))
    return unique[:MAX_EVIDENCE]


def finding(risk_id: str, title: str, hits: list[Hit], summary: str, clean_summary: str) -> RiskFinding:
    """The RiskFinding for ``hits`` (detected when there is at least one)."""
    if not hits:
        return RiskFinding(risk_id, title, False, "none", clean_summary, ())
    chosen = strongest(hits)
    return RiskFinding(
        risk_id, title, True, chosen[0].severity, summary, tuple(evidence_of(h) for h in chosen)
    )
