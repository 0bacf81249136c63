"""A site's history: one entry per verified policy version, what changed, and which entries are kept.

Entry kinds (Open Terms Archive's distinction between a document change and a technical upgrade):

    first          the first verified version of the site's policy
    policy_change  the fetched text differs from the previous version (a change alert is due)
    method_change  the same text, scored by another scorer version (a re-score): no alert
    visitor        migrated from the store before verification existed: a visitor's text, never verified

The list is capped (:data:`HISTORY_KEEP`): the newest versions, plus every older one whose grade
changed, so a site that rewords its policy daily keeps a bounded page but never loses a grade change.
"""

from __future__ import annotations

from typing import Any

#: Newest entries always kept; older ones survive only when their grade changed.
HISTORY_KEEP = 100
KINDS = ("first", "policy_change", "method_change", "visitor")


def detected_risks(report: dict[str, Any]) -> list[str]:
    """Ids of the risks a report found, in report order."""
    return [risk["id"] for risk in report.get("risks") or [] if risk.get("detected")]


def history_entry(
    report: dict[str, Any],
    now: str,
    previous: dict[str, Any] | None,
    kind: str,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An entry for ``report`` with what changed since ``previous`` (None for the first)."""
    risks = detected_risks(report)
    before = previous["risks"] if previous else risks
    provenance = provenance or {}
    return {
        "id": report["id"],
        "scorer_version": report.get("scorer_version"),
        "kind": kind,
        "grade": report.get("grade"),
        "score": report.get("score"),
        "risks": risks,
        "first_seen": now,
        "last_seen": now,
        "url": provenance.get("url"),
        "http_status": provenance.get("http_status"),
        "changes": {
            "added": [r for r in risks if r not in before],
            "removed": [r for r in before if r not in risks],
            "grade_from": previous["grade"] if previous else None,
            "grade_to": report.get("grade"),
        },
    }


def entry_kind(report: dict[str, Any], head: dict[str, Any] | None, rescore: bool) -> str | None:
    """The kind of entry ``report`` adds on top of ``head``; None when it only refreshes ``head``.

    The same text under the same scorer version is the same version seen again. The same text under
    another scorer version (a re-score, or a fetch after the scorer changed) is a method change.
    """
    if head is None or head.get("kind") == "visitor":
        return "first"
    if head["id"] != report["id"]:
        return "policy_change"
    if head.get("scorer_version") != report.get("scorer_version") or rescore:
        return "method_change"
    return None


def grade_changed(entry: dict[str, Any]) -> bool:
    """Whether this version changed the grade (the first version counts: it set one)."""
    changes = entry.get("changes") or {}
    return entry.get("kind") == "first" or changes.get("grade_from") != changes.get("grade_to")
