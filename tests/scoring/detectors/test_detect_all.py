"""detect_all: always three findings in RISK_IDS order, valid spans, and no blow-up on hostile text."""

from __future__ import annotations

import time

import pytest
from detector_helpers import make_document

from scoring._models import RISK_IDS
from scoring.detectors import RISKS, detect_all

POLICY = """PRIVACY POLICY
Home | Products | Contact

1. INFORMATION WE COLLECT We collect your name, e.g. when you register with Acme Inc. in the U.S.

2. HOW WE SHARE IT
\u2022 with service providers that host our site
\u2022 with law enforcement, if they ask us for it
\u2022 with a buyer, if Acme is sold or merged

3. YOUR CHOICES
If you do not agree with this policy, do not use the site.
Deleted posts may remain in our backups
"""


def test_three_findings_in_risk_id_order_even_for_empty_text() -> None:
    for text in ("", "Hello.", POLICY):
        findings = detect_all(make_document(text))
        assert tuple(f.id for f in findings) == RISK_IDS
    assert tuple(module.RISK_ID for module in RISKS) == RISK_IDS


def test_clean_text_detects_nothing() -> None:
    text = "We collect your email to send receipts. You can delete it at any time."
    findings = detect_all(make_document(text))
    assert [(f.detected, f.severity, f.evidence) for f in findings] == [(False, "none", ())] * 3


def test_a_messy_policy_yields_all_three_with_exact_quotes() -> None:
    findings = {f.id: f for f in detect_all(make_document(POLICY))}
    quotes = {risk_id: [e.quote for e in f.evidence] for risk_id, f in findings.items()}
    assert quotes == {
        "broad_disclosure": [
            "with law enforcement, if they ask us for it",
            "with a buyer, if Acme is sold or merged",
        ],
        "no_opt_out": ["If you do not agree with this policy, do not use the site."],
        "retention_after_deletion": ["Deleted posts may remain in our backups"],
    }
    for finding in findings.values():
        assert finding.summary
        for evidence in finding.evidence:
            assert POLICY[evidence.start : evidence.end] == evidence.quote
            assert evidence.explanation.startswith(f"Rule {evidence.rule}")


HOSTILE = {
    "no punctuation": "we may disclose your data to anyone " * 30_000,
    "no spaces": "x" * 1_000_000,
    "repeated clause": "we may disclose " * 100_000,
    "repeated clause with periods": "We may disclose it as required by law. " * 25_000,
    "nested brackets": "(" * 500_000 + ")" * 500_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_megabyte_finishes_quickly(name: str) -> None:
    # A guard against catastrophic backtracking (each takes well under a second here).
    started = time.perf_counter()
    findings = detect_all(make_document(HOSTILE[name], whole_policy=True))
    assert time.perf_counter() - started < 10
    assert len(findings) == 3
