"""The rule catalogue is read from the records, and docs/detectors.md carries the current copy."""

from __future__ import annotations

from pathlib import Path

from scoring.detectors import ALL_RULES
from scoring.detectors.catalogue import catalogue

DOC = Path(__file__).resolve().parents[3] / "docs" / "detectors.md"


def test_catalogue_names_every_rule_with_its_severity_and_why() -> None:
    text = catalogue()
    for rule in ALL_RULES:
        assert f"| `{rule.name}` |" in text
        assert rule.why.replace("|", "\\|") in text


def test_docs_carry_the_current_catalogue() -> None:
    doc = DOC.read_text(encoding="utf-8")
    copy = doc[
        doc.index("<!-- rules:start -->\n") + len("<!-- rules:start -->\n") : doc.index("<!-- rules:end -->")
    ]
    assert copy.strip() == catalogue().strip(), "run `policygrade rules` and paste it into docs/detectors.md"
