"""api.history: entry kinds (policy change versus method change) and which entries the cap keeps."""

from __future__ import annotations

from typing import Any

import pytest

from api.history import entry_kind, grade_changed, history_entry


def report(
    report_id: str, version: str = "1", grade: str = "B", risks: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {
        "id": report_id,
        "scorer_version": version,
        "grade": grade,
        "score": 70,
        "risks": [{"id": r, "detected": True} for r in risks],
    }


def head(report_id: str, version: str = "1", kind: str = "first") -> dict[str, Any]:
    return {"id": report_id, "scorer_version": version, "kind": kind}


@pytest.mark.parametrize(
    ("new", "top", "rescore", "kind"),
    [
        (report("a"), None, False, "first"),
        (report("a"), head("a", kind="visitor"), False, "first"),  # a visitor's text never counted
        (report("b"), head("a"), False, "policy_change"),
        (report("a", version="2"), head("a", version="1"), False, "method_change"),
        (report("a"), head("a"), True, "method_change"),
        (report("a"), head("a"), False, None),  # the same version seen again: refresh, no entry
    ],
)
def test_entry_kinds(new: dict, top: dict | None, rescore: bool, kind: str | None) -> None:
    assert entry_kind(new, top, rescore) == kind


def test_an_entry_says_what_changed_and_where_it_was_fetched() -> None:
    before = history_entry(report("a", grade="C", risks=("no_opt_out",)), "t1", None, "first")
    after = history_entry(
        report("b", grade="B", risks=("broad_disclosure",)),
        "t2",
        before,
        "policy_change",
        {"url": "https://example.com/privacy", "http_status": 200},
    )
    assert after["changes"] == {
        "added": ["broad_disclosure"],
        "removed": ["no_opt_out"],
        "grade_from": "C",
        "grade_to": "B",
    }
    assert (after["url"], after["http_status"], after["kind"]) == (
        "https://example.com/privacy",
        200,
        "policy_change",
    )
    assert before["changes"]["grade_from"] is None


@pytest.mark.parametrize(
    ("entry", "changed"),
    [
        ({"kind": "first", "changes": {"grade_from": None, "grade_to": "B"}}, True),
        ({"kind": "policy_change", "changes": {"grade_from": "B", "grade_to": "C"}}, True),
        ({"kind": "policy_change", "changes": {"grade_from": "B", "grade_to": "B"}}, False),
        ({"kind": "method_change", "changes": {"grade_from": "B", "grade_to": "B"}}, False),
    ],
)
def test_grade_changes_are_what_the_cap_keeps(entry: dict, changed: bool) -> None:
    assert grade_changed(entry) is changed
