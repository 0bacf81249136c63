"""The rule catalogue as a Markdown table, read from the rule records themselves.

``policygrade rules`` prints it and docs/detectors.md carries a copy (a test checks the copy is
current), so the documentation of what each rule catches cannot drift from the rules.
"""

from __future__ import annotations

from scoring.detectors import RISKS


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalogue() -> str:
    """One table per risk: rule, severity and its ladder, why, an example of our own."""
    parts: list[str] = []
    for module in RISKS:
        parts.append(f"### {module.RISK_ID}\n")
        parts.append("| rule | kind | severity (ladder) | why | example |")
        parts.append("|---|---|---|---|---|")
        for rule in module.RULES:
            ladder = "; ".join(f"{step.severity} when {step.reason}" for step in rule.ladder)
            severity = rule.severity if rule.polarity == "risk" else "good practice"
            if ladder:
                severity += f" ({ladder})"
            kind = "whole policy" if rule.scope == "policy" else "sentence"
            example = f'"{rule.examples[0]}"' if rule.examples else ""
            parts.append(
                f"| `{rule.name}` | {kind} | {_cell(severity)} | {_cell(rule.why)} | {_cell(example)} |"
            )
        parts.append("")
    return "\n".join(parts)
