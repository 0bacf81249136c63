"""Measure the risk detectors against the labeled corpus: precision, recall, F1, per risk and source.

The corpus (``../shared/corpus``, see its README) is never copied into the repository; point these
functions at it. Each record's ``text`` is scored with ``scoring.score_policy`` and a record counts
as predicted positive for a risk when the report marks that risk ``detected``. Labels that are
``null`` (not judged) are skipped for that risk.

``hard_negative_precision`` is the precision you get when the only negatives are the "hard" ones:
records labeled false whose ``hard_negative`` list names the risk (an opt-out that is offered, a
sharing clause without broad grounds...). It is TP / (TP + false positives among hard negatives),
so a detector that fires on look-alikes scores low even when easy negatives dilute them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tqdm import tqdm

from scoring._models import RISK_IDS

__all__ = [
    "CorpusFormatError",
    "CorpusNotFoundError",
    "evaluate_policies",
    "evaluate_records",
    "format_results",
    "load_records",
]

#: Where the corpus lives relative to the repository root (it is not redistributable).
DEFAULT_CORPUS = Path("../shared/corpus")


class CorpusNotFoundError(FileNotFoundError):
    """The labeled corpus (or a file it references) is not where the caller said."""


class CorpusFormatError(ValueError):
    """A corpus file exists but a record is not valid JSON or lacks ``text``/``labels``."""


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON-lines corpus file; raise CorpusNotFoundError/CorpusFormatError with a clear message."""
    path = Path(path)
    if not path.is_file():
        raise CorpusNotFoundError(
            f"corpus file not found: {path}. The labeled corpus is not part of the repository; "
            f"it is expected at {DEFAULT_CORPUS}/ next to the checkout (see README.md)."
        )
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusFormatError(f"{path}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("labels"), dict):
                raise CorpusFormatError(f"{path}:{number}: a record needs a 'labels' object")
            records.append(record)
    return records


def evaluate_records(records: Iterable[Mapping[str, Any]], progress: bool = True) -> dict[str, Any]:
    """Score each record's ``text`` and compare with its labels, overall and per ``source``."""
    from scoring import score_policy  # deferred: keeps `import scoring.evaluation` cheap

    items = list(records)
    outcomes: list[tuple[Mapping[str, Any], dict[str, bool]]] = []
    for number, record in enumerate(
        tqdm(items, desc="scoring", unit="record", file=sys.stderr, disable=not progress), start=1
    ):
        text = record.get("text")
        if not isinstance(text, str):
            raise CorpusFormatError(f"record {number} ({record.get('id', '?')}): 'text' must be a string")
        report = score_policy(text)
        outcomes.append((record, {finding.id: finding.detected for finding in report.risks}))
    return _tabulate(outcomes)


def evaluate_policies(labels_path: str | Path, progress: bool = True) -> dict[str, Any]:
    """Score whole policies listed in ``policy_labels.jsonl`` (text files relative to the labels file)."""
    labels_path = Path(labels_path)
    records = load_records(labels_path)
    loaded: list[dict[str, Any]] = []
    for record in records:
        name = record.get("text_file")
        if not isinstance(name, str):
            raise CorpusFormatError(f"{labels_path}: record {record.get('id', '?')} has no 'text_file'")
        text_path = _find_text(labels_path.parent, name)
        loaded.append({**record, "text": text_path.read_text(encoding="utf-8", errors="replace")})
    return evaluate_records(loaded, progress=progress)


def _find_text(base: Path, name: str) -> Path:
    """Resolve ``name`` against the labels folder or its parents (the corpus stores "policies/x/y.txt")."""
    for folder in (base, base.parent, base.parent.parent):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise CorpusNotFoundError(f"policy text not found: {name} (looked under {base} and its parents)")


def _tabulate(outcomes: list[tuple[Mapping[str, Any], dict[str, bool]]]) -> dict[str, Any]:
    """Confusion counts and metrics, overall and per source."""
    overall = _Counts()
    per_source: dict[str, _Counts] = {}
    for record, predicted in outcomes:
        source = str(record.get("source", "unknown"))
        counts = per_source.setdefault(source, _Counts())
        for risk_id in RISK_IDS:
            label = record["labels"].get(risk_id)
            if label is None:
                continue
            hard = _names_risk(record.get("hard_negative"), risk_id) and label is False
            for target in (overall, counts):
                target.add(risk_id, bool(label), predicted.get(risk_id, False), hard)
    return {
        "records": len(outcomes),
        "risks": overall.metrics(),
        "by_source": {source: counts.metrics() for source, counts in sorted(per_source.items())},
    }


def _names_risk(hard_negative: object, risk_id: str) -> bool:
    """Whether a record's ``hard_negative`` list ("risk:why" strings) names ``risk_id``."""
    if not isinstance(hard_negative, list):
        return False
    return any(isinstance(item, str) and item.split(":", 1)[0] == risk_id for item in hard_negative)


class _Counts:
    """Confusion-matrix counts per risk, with false positives on hard negatives kept apart."""

    def __init__(self) -> None:
        self.table = {
            risk_id: {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "hard_negatives": 0, "hard_fp": 0}
            for risk_id in RISK_IDS
        }

    def add(self, risk_id: str, label: bool, predicted: bool, hard: bool) -> None:
        """Count one judged record."""
        row = self.table[risk_id]
        key = ("tp" if predicted else "fn") if label else ("fp" if predicted else "tn")
        row[key] += 1
        if hard:
            row["hard_negatives"] += 1
            row["hard_fp"] += int(predicted)

    def metrics(self) -> dict[str, dict[str, Any]]:
        """Precision, recall, F1 and hard-negative precision per risk (None when undefined)."""
        result: dict[str, dict[str, Any]] = {}
        for risk_id, row in self.table.items():
            tp, fp, fn = row["tp"], row["fp"], row["fn"]
            precision = _ratio(tp, tp + fp)
            recall = _ratio(tp, tp + fn)
            f1 = _f1(precision, recall)
            hard_precision = _ratio(tp, tp + row["hard_fp"]) if row["hard_negatives"] else None
            result[risk_id] = {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "hard_negative_precision": hard_precision,
                "support": tp + fn,
                "judged": tp + fp + fn + row["tn"],
                **{key: row[key] for key in ("tp", "fp", "fn", "tn", "hard_negatives", "hard_fp")},
            }
        return result


def _f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall (0.0 when both are 0, None when either is undefined)."""
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return round(2 * precision * recall / (precision + recall), 4)


def _ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator rounded to 4 places, or None when there is nothing to divide."""
    return None if denominator == 0 else round(numerator / denominator, 4)


_COLUMNS = ("precision", "recall", "f1", "hard_negative_precision", "support", "tp", "fp", "fn", "hard_fp")
_HEADERS = ("precision", "recall", "F1", "hard-neg P", "support", "TP", "FP", "FN", "hard FP")


def format_results(results: Mapping[str, Any]) -> str:
    """Plain-text tables: overall per risk, then one table per source."""
    lines = [f"{results.get('records', '?')} records scored", "", "Overall"]
    lines.extend(_table(results["risks"]))
    for source, risks in results.get("by_source", {}).items():
        lines.extend(["", f"Source: {source}"])
        lines.extend(_table(risks))
    lines.extend(
        [
            "",
            "hard-neg P = TP / (TP + false positives on hard negatives); '-' = nothing to measure.",
        ]
    )
    return "\n".join(lines)


def _table(risks: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Rows of one metrics table."""
    width = max(len(risk_id) for risk_id in RISK_IDS) + 2
    header = "risk".ljust(width) + "".join(h.rjust(11) for h in _HEADERS)
    rows = [header, "-" * len(header)]
    for risk_id in RISK_IDS:
        metrics = risks.get(risk_id, {})
        cells = "".join(_cell(metrics.get(column)).rjust(11) for column in _COLUMNS)
        rows.append(risk_id.ljust(width) + cells)
    return rows


def _cell(value: object) -> str:
    """A number as table text ('-' when undefined)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
