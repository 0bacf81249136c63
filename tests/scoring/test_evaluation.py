"""Corpus evaluation: metrics computed by hand on a tiny fixture, clear errors, and the dev-set floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.evaluation import (
    CorpusFormatError,
    CorpusNotFoundError,
    evaluate_policies,
    evaluate_records,
    format_results,
    load_records,
)

BD, NOO, RAD = "broad_disclosure", "no_opt_out", "retention_after_deletion"


def labels(bd: bool | None, noo: bool | None, rad: bool | None) -> dict[str, bool | None]:
    return {BD: bd, NOO: noo, RAD: rad}


# Sentences written for this test; what the detectors say about each is unambiguous:
#   r1 broad (detected)         r2 a promise (nothing)      r3 take-it-or-leave-it (no_opt_out)
#   r4 police on request (broad, but labeled false: a false positive on a hard negative)
#   r5 backups (retention only; labeled broad too: a false negative for broad)
RECORDS: list[dict[str, Any]] = [
    {"id": "r1", "source": "A", "text": "We may disclose your data to law enforcement on request.",
     "labels": labels(True, False, False)},
    {"id": "r2", "source": "A", "text": "We do not sell your data.", "labels": labels(False, False, None),
     "hard_negative": ["broad_disclosure:a promise not to sell"]},
    {"id": "r3", "source": "B", "text": "If you do not agree, do not use the site.",
     "labels": labels(False, True, False)},
    {"id": "r4", "source": "B", "text": "We may share your information with the police when asked.",
     "labels": labels(False, None, False), "hard_negative": ["broad_disclosure:labeled narrow"]},
    {"id": "r5", "source": "B", "text": "Deleted posts may remain in our backups.",
     "labels": labels(True, False, True)},
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_metrics_match_hand_computed_values() -> None:
    results = evaluate_records(RECORDS, progress=False)
    assert results["records"] == 5
    broad = results["risks"][BD]
    # broad: TP r1, FP r4 (hard), FN r5, TN r2 (hard) and r3.
    assert (broad["tp"], broad["fp"], broad["fn"], broad["tn"]) == (1, 1, 1, 2)
    assert (broad["precision"], broad["recall"], broad["f1"], broad["support"]) == (0.5, 0.5, 0.5, 2)
    assert (broad["hard_negatives"], broad["hard_fp"], broad["hard_negative_precision"]) == (2, 1, 0.5)
    # no_opt_out: r4 is null (skipped); TP r3; TN r1, r2, r5; no hard negatives.
    opt = results["risks"][NOO]
    assert (opt["tp"], opt["fp"], opt["fn"], opt["tn"], opt["judged"]) == (1, 0, 0, 3, 4)
    assert (opt["precision"], opt["recall"], opt["f1"]) == (1.0, 1.0, 1.0)
    assert opt["hard_negative_precision"] is None
    # retention: r2 is null; TP r5; TN r1, r3, r4.
    kept = results["risks"][RAD]
    assert (kept["tp"], kept["fp"], kept["fn"], kept["tn"], kept["support"]) == (1, 0, 0, 3, 1)


def test_metrics_per_source() -> None:
    by_source = evaluate_records(RECORDS, progress=False)["by_source"]
    assert sorted(by_source) == ["A", "B"]
    a, b = by_source["A"][BD], by_source["B"][BD]
    assert (a["precision"], a["recall"], a["hard_negative_precision"]) == (1.0, 1.0, 1.0)
    # source B: FP r4, FN r5, TN r3: precision and recall 0, F1 0.
    assert (b["precision"], b["recall"], b["f1"], b["hard_negative_precision"]) == (0.0, 0.0, 0.0, 0.0)
    assert by_source["A"][NOO]["precision"] is None  # nothing predicted positive: undefined, not 0


def test_json_shape_is_the_documented_contract() -> None:
    results = evaluate_records(RECORDS[:1], progress=False)
    assert set(results) >= {"risks", "by_source"}
    for metrics in results["risks"].values():
        assert {"precision", "recall", "f1", "hard_negative_precision", "support"} <= set(metrics)
    json.dumps(results)  # plain data


def test_load_records_and_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "tiny.jsonl", RECORDS)
    records = load_records(path)
    assert [r["id"] for r in records] == ["r1", "r2", "r3", "r4", "r5"]
    evaluate_records(records, progress=True)
    assert "5/5" in capsys.readouterr().err


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    expected = r"corpus file not found: .*nowhere\.jsonl.*shared/corpus"
    with pytest.raises(CorpusNotFoundError, match=expected):
        load_records(tmp_path / "nowhere.jsonl")
    with pytest.raises(CorpusNotFoundError):
        evaluate_policies(tmp_path / "policy_labels.jsonl", progress=False)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "x", "labels": {}}\nnot json\n', r":2: not valid JSON"),
        ('{"text": "x"}\n', r":1: a record needs a 'labels' object"),
        ("[1, 2]\n", r":1: a record needs a 'labels' object"),
    ],
)
def test_malformed_lines_are_reported_with_their_number(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusFormatError, match=message):
        load_records(path)


def test_record_without_text_is_reported() -> None:
    with pytest.raises(CorpusFormatError, match="'text' must be a string"):
        evaluate_records([{"id": "x", "labels": labels(True, None, None)}], progress=False)


def test_evaluate_policies_reads_text_files_relative_to_the_labels(tmp_path: Path) -> None:
    (tmp_path / "policies" / "site").mkdir(parents=True)
    (tmp_path / "policies" / "site" / "one.txt").write_text(
        "We may disclose your data to law enforcement on request.", encoding="utf-8"
    )
    write_jsonl(
        tmp_path / "policies" / "policy_labels.jsonl",
        [{"id": "p1", "text_file": "policies/site/one.txt", "labels": labels(True, None, False)}],
    )
    results = evaluate_policies(tmp_path / "policies" / "policy_labels.jsonl", progress=False)
    assert results["risks"][BD]["tp"] == 1
    assert results["risks"][RAD]["tn"] == 1

    write_jsonl(
        tmp_path / "policies" / "policy_labels.jsonl",
        [{"id": "p2", "text_file": "policies/site/missing.txt", "labels": labels(True, None, None)}],
    )
    with pytest.raises(CorpusNotFoundError, match="missing.txt"):
        evaluate_policies(tmp_path / "policies" / "policy_labels.jsonl", progress=False)


def test_format_results_prints_a_table_per_source() -> None:
    text = format_results(evaluate_records(RECORDS, progress=False))
    assert "5 records scored" in text
    assert "Source: A" in text and "Source: B" in text
    row = next(line for line in text.splitlines() if line.startswith(BD))
    assert row.split()[1:5] == ["0.500", "0.500", "0.500", "0.500"]
    assert "-" in next(line for line in text.splitlines() if line.startswith(NOO)).split()


DEV_SET = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev_set.jsonl"
#: Floors a little below what the detectors measure on the dev set (see docs/detectors.md).
FLOORS = {
    BD: {"f1": 0.95, "hard_negative_precision": 0.95},
    NOO: {"f1": 0.90, "hard_negative_precision": 0.95},
    RAD: {"f1": 0.95, "hard_negative_precision": 0.95},
}


@pytest.mark.corpus
def test_dev_set_meets_the_accuracy_targets() -> None:
    if not DEV_SET.is_file():
        pytest.skip(f"labeled corpus not found at {DEV_SET} (it is not part of the repository)")
    results = evaluate_records(load_records(DEV_SET), progress=False)
    for risk_id, floors in FLOORS.items():
        for metric, floor in floors.items():
            assert results["risks"][risk_id][metric] >= floor, (risk_id, metric, results["risks"][risk_id])


POLICY_LABELS = DEV_SET.parent / "policies" / "policy_labels.jsonl"
#: Floors for whole policies, a little below what is measured (docs/accuracy.md). Retention recall is
#: the guard for the scope checks of retention_after_deletion: every labelled policy must still fire.
POLICY_FLOORS = {
    BD: {"f1": 0.97},
    NOO: {"recall": 0.90, "precision": 0.75},
    RAD: {"recall": 1.0, "precision": 1.0},
}


@pytest.mark.corpus
def test_whole_policies_keep_their_floors() -> None:
    if not POLICY_LABELS.is_file():
        pytest.skip(f"labeled corpus not found at {POLICY_LABELS} (it is not part of the repository)")
    results = evaluate_policies(POLICY_LABELS, progress=False)
    for risk_id, floors in POLICY_FLOORS.items():
        for metric, floor in floors.items():
            assert results["risks"][risk_id][metric] >= floor, (risk_id, metric, results["risks"][risk_id])
