"""Turn the engine's hits into one ``RiskFinding`` per risk and the report's good practices.

A finding quotes at most ``MAX_EVIDENCE`` units, strongest first; a unit is quoted once, and so is a
sentence the page prints twice (compared without case and spacing). Its severity is the worst of
its quotes, its summary joins the summaries of its strongest rules, and its ``how_to_improve`` is
the advice of the rule (or ladder step) behind its strongest quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scoring._models import Evidence, GoodPractice, RiskFinding
from scoring.detectors._rules import SEVERITY_RANK, Document, Hit, Rule, RuleSet, run

__all__ = ["MAX_EVIDENCE", "RiskSpec", "detect_rules", "finding", "good_practices", "rule_set_of"]

#: A finding quotes at most this many units; more adds noise, not proof.
MAX_EVIDENCE = 3
#: A summary names at most this many rules (it is one sentence).
MAX_SUMMARY_RULES = 3
#: At most this many good practices per risk.
MAX_GOOD_PER_RISK = 3


@dataclass(frozen=True)
class RiskSpec:
    """What a risk module declares besides its rules: id, title and how its summary reads."""

    id: str
    title: str
    #: The summary: ``lead`` + the strongest rules' summaries joined + ``end``.
    lead: str
    clean_summary: str
    joiner: str = "or"
    end: str = "."


_SPACE = re.compile(r"\s+")


def _same_text(hit: Hit) -> str:
    return _SPACE.sub(" ", hit.unit.text).strip().lower()


def _ordered(hits: Iterable[Hit]) -> list[Hit]:
    """Strongest first, then by rule rank and position; one hit per unit and per repeated sentence.

    The best hit of each rule comes before a rule's second hit, so a short list of quotes shows
    every ground the finding rests on.
    """
    ranked = sorted(hits, key=lambda h: (-SEVERITY_RANK[h.severity], h.rule.rank, h.unit.start))
    firsts: list[Hit] = []
    seen_rules: set[str] = set()
    for hit in ranked:
        if hit.rule.name not in seen_rules:
            seen_rules.add(hit.rule.name)
            firsts.append(hit)
    ranked = firsts + [h for h in ranked if h not in firsts]
    seen_units: set[int] = set()
    seen_texts: set[str] = set()
    per_rule: dict[str, int] = {}
    unique: list[Hit] = []
    for hit in ranked:
        text = _same_text(hit)
        if hit.unit.start in seen_units or text in seen_texts:
            continue
        if per_rule.get(hit.rule.name, 0) >= hit.rule.max_quotes:
            continue
        seen_units.add(hit.unit.start)
        seen_texts.add(text)
        per_rule[hit.rule.name] = per_rule.get(hit.rule.name, 0) + 1
        unique.append(hit)
    return unique


def evidence_of(hit: Hit) -> Evidence:
    """The Evidence record of a hit: the whole unit, its offsets, explanation and context."""
    unit = hit.unit
    return Evidence(
        unit.text, unit.start, unit.end, hit.explanation, hit.rule.name, hit.severity, hit.context, unit.kind
    )


def finding(spec: RiskSpec, hits: list[Hit]) -> RiskFinding:
    """The RiskFinding of one risk from its (risk-polarity) hits."""
    chosen = _ordered(hits)[:MAX_EVIDENCE]
    if not chosen:
        return RiskFinding(spec.id, spec.title, False, "none", spec.clean_summary, ())
    names: list[str] = []
    clauses: list[str] = []
    for hit in chosen:
        clause = hit.step.summary if hit.step is not None and hit.step.summary else hit.rule.summary
        if hit.rule.name not in names and clause not in clauses:
            names.append(hit.rule.name)
            clauses.append(clause)
    summary = spec.lead + _join(clauses[:MAX_SUMMARY_RULES], spec.joiner) + spec.end
    top = chosen[0]
    return RiskFinding(
        spec.id,
        spec.title,
        True,
        top.severity,
        summary,
        tuple(evidence_of(h) for h in chosen),
        how_to_improve=_improve(top),
    )


def _improve(hit: Hit) -> str:
    if hit.step is not None and hit.step.improve:
        return hit.step.improve
    return hit.rule.improve


def good_practices(risk_id: str, hits: list[Hit]) -> tuple[GoodPractice, ...]:
    """The good-practice notes of one risk, in text order, one per unit and repeated sentence."""
    chosen = sorted(_ordered(hits)[:MAX_GOOD_PER_RISK], key=lambda h: h.unit.start)
    # the reader's sentence first ("A way to refuse is offered."), then the rule's trace
    return tuple(
        GoodPractice(
            risk_id,
            h.rule.name,
            h.unit.text,
            h.unit.start,
            h.unit.end,
            f"{h.rule.why[:1].upper()}{h.rule.why[1:]}. {h.explanation}",
        )
        for h in chosen
    )


def _join(parts: list[str], joiner: str) -> str:
    """ "a, b or c" (``joiner`` "or"), or the parts as sentences (``joiner`` " ")."""
    if joiner == " ":
        return " ".join(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {joiner} " + parts[-1]


_RULE_SETS: dict[int, tuple[tuple[Rule, ...], RuleSet]] = {}


def rule_set_of(rules: tuple[Rule, ...]) -> RuleSet:
    """The RuleSet (one prefilter) of a tuple of rules, built once per tuple (looked up by identity:
    hashing rule records on every call would cost more than the scan)."""
    cached = _RULE_SETS.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = _RULE_SETS[id(rules)] = (rules, RuleSet(rules))
    return cached[1]


def detect_rules(
    spec: RiskSpec, rules: tuple[Rule, ...], doc: Document, use_prefilter: bool = True
) -> RiskFinding:
    """The finding of one risk on ``doc`` from its rules (the good practices are left out)."""
    hits = run(doc, rule_set_of(rules), use_prefilter=use_prefilter)
    return finding(spec, [h for h in hits if h.rule.polarity == "risk"])
