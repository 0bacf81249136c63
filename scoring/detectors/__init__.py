"""The risk detectors: one module per risk, each a list of ``Rule`` records run by one engine.

To add a rule: add a ``Rule`` to its risk's ``RULES`` with examples and counterexamples (the generic
test in tests/scoring/detectors/test_rules.py runs them). To add a risk: copy a sibling module
(``RISK_ID``, ``SPEC``, ``RULES``), add it to ``RISKS`` below and its id to ``RISK_IDS``, and write
``tests/scoring/detectors/test_<risk>.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring._models import RISK_IDS, GoodPractice, RiskFinding
from scoring._structure import analyse
from scoring.detectors import broad_disclosure, no_opt_out, retention_after_deletion
from scoring.detectors._findings import finding, good_practices, rule_set_of
from scoring.detectors._rules import Document, Rule, run

__all__ = ["ALL_RULES", "RISKS", "Detection", "Document", "detect_all", "detect_document", "make_document"]

#: The risk modules, in RISK_IDS order (cached reports key on these ids).
RISKS = (broad_disclosure, no_opt_out, retention_after_deletion)
assert tuple(module.RISK_ID for module in RISKS) == RISK_IDS
#: Every rule of every risk, in order.
ALL_RULES: tuple[Rule, ...] = tuple(rule for module in RISKS for rule in module.RULES)


@dataclass(frozen=True)
class Detection:
    """What the detectors found in one document: a finding per risk and the good practices."""

    findings: tuple[RiskFinding, ...]
    good_practices: tuple[GoodPractice, ...]


def make_document(text: str, whole_policy: bool = False, policy: bool | None = None) -> Document:
    """A Document of ``text`` with its structure analysed (a whole policy is a policy unless told)."""
    return Document(
        text,
        analyse(text),
        is_whole_policy=whole_policy,
        is_policy=whole_policy if policy is None else policy,
    )


def detect_document(doc: Document, use_prefilter: bool = True) -> Detection:
    """Run every rule once over ``doc``; three findings in RISK_IDS order and the good practices."""
    hits = run(doc, rule_set_of(ALL_RULES), use_prefilter=use_prefilter)
    findings = []
    goods: list[GoodPractice] = []
    for module in RISKS:
        mine = [h for h in hits if h.rule.risk == module.RISK_ID]
        findings.append(finding(module.SPEC, [h for h in mine if h.rule.polarity == "risk"]))
        goods.extend(good_practices(module.RISK_ID, [h for h in mine if h.rule.polarity == "good"]))
    return Detection(tuple(findings), tuple(goods))


def detect_all(doc: Document) -> tuple[RiskFinding, ...]:
    """All three findings for ``doc``, in RISK_IDS order."""
    return detect_document(doc).findings
