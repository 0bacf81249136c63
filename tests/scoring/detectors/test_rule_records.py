"""Every rule record of every risk: complete, and its own examples and counterexamples hold.

One generic test for all rules (presidio keeps a table per recognizer; ours live in the records):
each example must be found by its rule, each counterexample must not be, with the prefilter on and
off, so a pattern and its derived prefilter can never disagree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.detectors import ALL_RULES, RISKS, make_document
from scoring.detectors._rules import Rule, RuleSet, run

RULE_IDS = [f"{rule.risk}:{rule.name}:{index}" for index, rule in enumerate(ALL_RULES)]


def _found_by(rule: Rule, text: str, use_prefilter: bool) -> bool:
    doc = make_document(text, whole_policy=rule.scope == "policy")
    return any(hit.rule is rule for hit in run(doc, RuleSet((rule,)), use_prefilter=use_prefilter))


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_every_rule_says_why_and_what_to_do(rule: Rule) -> None:
    assert rule.why and rule.summary, "a rule explains itself and joins the finding's summary"
    if rule.polarity == "risk":
        assert rule.improve.endswith("."), "a risk rule says how the policy could avoid it"
        assert rule.severity in {"low", "medium", "high"}
    for step in rule.ladder:
        assert step.reason and step.when.name
    assert rule.examples, "every rule carries examples of its own"


@pytest.mark.parametrize("use_prefilter", [True, False], ids=["prefilter", "no-prefilter"])
@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_examples_are_found_and_counterexamples_are_not(rule: Rule, use_prefilter: bool) -> None:
    for example in rule.examples:
        assert _found_by(rule, example, use_prefilter), example
    for counterexample in rule.counterexamples:
        assert not _found_by(rule, counterexample, use_prefilter), counterexample


def test_rule_names_are_unique_per_risk_unless_they_are_one_family() -> None:
    seen: dict[tuple[str, str], str] = {}
    for rule in ALL_RULES:
        key = (rule.risk, rule.name)
        # one family may hold several records (consent by use: "by using" and "continued use"), but
        # they must read the same to a person
        if key in seen:
            assert seen[key] == rule.summary
        seen[key] = rule.summary
    assert {module.RISK_ID for module in RISKS} == {rule.risk for rule in ALL_RULES}


def test_every_rule_has_a_prefilter_derived_from_its_pattern() -> None:
    for rule in ALL_RULES:
        assert rule.requirement is not None, f"{rule.name}: no literal could be derived"


def test_the_engine_never_tests_a_rule_by_name() -> None:
    # If the engine needed a rule's name, the rule record would be missing a field.
    engine = Path(__file__).resolve().parents[3] / "scoring" / "detectors"
    for module in ("_rules.py", "_findings.py", "_prefilter.py", "__init__.py"):
        source = (engine / module).read_text(encoding="utf-8")
        assert "rule.name ==" not in source and "rule.name !=" not in source and ".name in (" not in source
