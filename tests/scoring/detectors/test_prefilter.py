"""Prefilters derived from patterns: every match holds a derived literal, at a word start."""

from __future__ import annotations

import re

import pytest

from scoring.detectors import broad_disclosure, make_document, no_opt_out
from scoring.detectors._prefilter import Prefilter, required_literals, requirement_of


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bsubpoenas?\b", {"subpoena"}),
        # the longest literal of a branch is its prefilter
        (r"\blaw[- ]enforcement\b|\bpolice\b", {"enforcement", "police"}),
        (r"\banonymi[sz]ed\b", {"anonymi"}),
    ],
)
def test_required_literals(pattern: str, literals: set[str]) -> None:
    assert required_literals(pattern) == literals


def test_a_sequence_requires_all_of_its_strong_parts() -> None:
    # "if you" AND one of the refusal verbs: the branch holds two sets, both must be present
    requirement = requirement_of(r"\bif you (?:do not|don't) (?:agree|consent)\b")
    assert requirement is not None and len(requirement) == 1
    # (the regex parser factors "do" out of the alternation: "if you do" is one run)
    assert set(requirement[0]) == {frozenset({"if you do"}), frozenset({"agree", "consent"})}
    both = requirement_of(r"\b(?:keep|kept)\s+you\s+from\b")
    assert both is not None and frozenset({"from"}) in both[0]


def test_literals_that_start_mid_word_are_not_used() -> None:
    # "\w*ing" could start anywhere in a word: the scan only looks at word starts
    assert required_literals(r"\w+ing\b") is None
    assert required_literals(r"\bpre\w*ing\b") == {"pre"}


def test_no_literal_means_no_prefilter() -> None:
    assert requirement_of(r"\w+\s+\d+") is None


def test_the_scan_finds_overlapping_literals_inside_units() -> None:
    prefilter = Prefilter(
        [((frozenset({"law enforcement"}),),), ((frozenset({"law"}),),), ((frozenset({"enf"}),),)]
    )
    low = "we obey the law. law enforcement asks."
    found = prefilter.literals_by_unit(low, [0, 17], [16, len(low)])
    # "enf" starts a word inside "law enforcement": it is seen too
    assert found == {0: {"law"}, 1: {"law", "law enforcement", "enf"}}
    assert prefilter.rules_for(found[1]) == [0, 1, 2]
    assert prefilter.rules_for(found[0]) == [1]


@pytest.mark.parametrize(
    ("module", "text"),
    [
        # the old keyword list said "keep you", and missed this (issue 11)
        (no_opt_out, "If you do not consent to tracking, that keeps you from accessing the Service."),
        (broad_disclosure, "We may pass your records on to the police whenever they request them."),
    ],
)
def test_phrasings_the_old_hand_kept_keywords_missed(module: object, text: str) -> None:
    assert module.detect(make_document(text)).detected  # type: ignore[attr-defined]


def test_derived_literals_are_lower_case() -> None:
    from scoring.detectors import ALL_RULES

    for rule in ALL_RULES:
        for literal in rule.literals or ():
            assert literal == literal.lower() and not re.match(r"\s", literal), (rule.name, literal)
