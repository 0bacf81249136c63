"""Measure the whole product on ``../shared/corpus/modern``: verdicts, severities, quotes and grades.

The folder (see its README) holds current policies and look-alike pages, each labelled per policy
with a severity per risk, the sentences that prove each label (``evidence``) and the sentences a
naive scanner would quote wrongly (``not_evidence``); ``product_<version>.jsonl`` files hold an
older scorer's quotes, each judged right or wrong by a person. Nothing of it is copied here.

A quote the scorer shows now is judged, in this order:

1. **right** when it overlaps an ``evidence`` sentence of the same risk;
2. **wrong** when it overlaps a ``not_evidence`` sentence of the same risk;
3. as judged in a ``product_*.jsonl`` file when it is the same sentence as a judged quote of the same
   risk (each covers at least half of the other);
4. **unjudged** otherwise: ``format_modern`` prints every one, for a person to read.

Policy-level figures count the policies only (``kind == "policy"``); probes must get no grade.
``label_points`` turns a policy's labelled severities into one number (none 0, low 1, medium 2,
high 3, summed over the risks) so the score can be ranked against it (Spearman).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from scoring._models import RISK_IDS

__all__ = ["evaluate_modern", "format_modern", "label_points", "spearman"]

#: Points per labelled severity for the label score (the worse the policy, the more points).
LABEL_POINTS: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3}
#: Two spans are "the same sentence" when each covers at least this share of the other.
SAME_SENTENCE_OVERLAP = 0.5


def evaluate_modern(folder: str | Path) -> dict[str, Any]:
    """Score every text of the modern set and compare with its labels (see the module docstring)."""
    from scoring import score_policy  # deferred: keeps `import scoring.modern_evaluation` cheap
    from scoring.evaluation import CorpusNotFoundError, load_records

    folder = Path(folder)
    labels_path = folder / "labels.jsonl"
    if not labels_path.is_file():
        raise CorpusNotFoundError(f"modern corpus not found: {labels_path} (see README.md, Accuracy)")
    judged = _judged_quotes(sorted(folder.glob("product_*.jsonl")))
    rows: list[dict[str, Any]] = []
    for label in load_records(labels_path):
        slug = label["slug"]
        text = (folder / "texts" / f"{slug}.txt").read_text(encoding="utf-8")
        report = score_policy(text).to_dict()
        rows.append(_compare(slug, text, label, report, judged.get(slug, {})))
    return _summarise(rows)


def label_points(severity: Mapping[str, str]) -> int:
    """One number for a policy's labelled risk: none 0, low 1, medium 2, high 3, summed."""
    return sum(LABEL_POINTS[severity.get(risk, "none")] for risk in RISK_IDS)


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (average ranks for ties); None when either side is constant."""
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mean_x, mean_y = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mean_x) * (b - mean_y) for a, b in zip(rx, ry, strict=True))
    var_x = sum((a - mean_x) ** 2 for a in rx)
    var_y = sum((b - mean_y) ** 2 for b in ry)
    if var_x == 0 or var_y == 0:
        return None
    return round(float(cov / (var_x * var_y) ** 0.5), 4)


def _ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    index = 0
    while index < len(order):
        end = index
        while end + 1 < len(order) and values[order[end + 1]] == values[order[index]]:
            end += 1
        for position in range(index, end + 1):
            ranks[order[position]] = (index + end) / 2 + 1
        index = end + 1
    return ranks


def _judged_quotes(paths: Iterable[Path]) -> dict[str, dict[str, list[tuple[int, int, bool]]]]:
    """slug -> risk -> [(start, end, correct)] from every product_*.jsonl file."""
    judged: dict[str, dict[str, list[tuple[int, int, bool]]]] = {}
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                per_risk = judged.setdefault(record["slug"], {})
                for quote in record.get("quotes", []):
                    per_risk.setdefault(quote["risk"], []).append(
                        (int(quote["start"]), int(quote["end"]), bool(quote["correct"]))
                    )
    return judged


def _spans_of(text: str, sentences: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of each sentence in ``text`` (a repeated sentence proves the same thing)."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        start = text.find(sentence)
        while start >= 0:
            spans.append((start, start + len(sentence)))
            start = text.find(sentence, start + 1)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_sentence(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return False
    return shared >= SAME_SENTENCE_OVERLAP * (a[1] - a[0]) and shared >= SAME_SENTENCE_OVERLAP * (b[1] - b[0])


def judge_quote(
    span: tuple[int, int],
    evidence: list[tuple[int, int]],
    not_evidence: list[tuple[int, int]],
    judged: list[tuple[int, int, bool]],
) -> str:
    """ "right", "wrong" or "unjudged" for one quote span (order in the module docstring)."""
    if any(_overlaps(span, e) for e in evidence):
        return "right"
    if any(_overlaps(span, n) for n in not_evidence):
        return "wrong"
    for start, end, correct in judged:
        if _same_sentence(span, (start, end)):
            return "right" if correct else "wrong"
    return "unjudged"


def _compare(
    slug: str,
    text: str,
    label: Mapping[str, Any],
    report: Mapping[str, Any],
    judged: Mapping[str, list[tuple[int, int, bool]]],
) -> dict[str, Any]:
    """One text's verdicts, severities and judged quotes beside its labels."""
    risks: dict[str, Any] = {}
    for finding in report["risks"]:
        risk = finding["id"]
        evidence = _spans_of(text, label.get("evidence", {}).get(risk, []))
        not_evidence = _spans_of(
            text, (item["sentence"] for item in label.get("not_evidence", {}).get(risk, []))
        )
        quotes = []
        for item in finding["evidence"]:
            verdict = judge_quote((item["start"], item["end"]), evidence, not_evidence, judged.get(risk, []))
            quotes.append(
                {
                    "verdict": verdict,
                    "quote": item["quote"],
                    "rule": item["rule"],
                    "start": item["start"],
                    "end": item["end"],
                }
            )
        risks[risk] = {
            "label": bool(label["labels"][risk]),
            "label_severity": label["severity"][risk],
            "detected": bool(finding["detected"]),
            "severity": finding["severity"] if finding["detected"] else "none",
            "quotes": quotes,
        }
    return {
        "slug": slug,
        "kind": label["kind"],
        "is_policy_label": bool(label["is_policy"]),
        "is_policy": bool(report["is_policy"]),
        "grade": report["grade"],
        "score": report["score"],
        "grade_reason": report["grade_reason"],
        "label_points": label_points(label["severity"]),
        "risks": risks,
    }


def _summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-risk figures over the policies, probe verdicts, grades and every unjudged quote."""
    policies = [row for row in rows if row["kind"] == "policy"]
    probes = [row for row in rows if row["kind"] != "policy"]
    per_risk: dict[str, Any] = {}
    unjudged: list[dict[str, Any]] = []
    for risk in RISK_IDS:
        counts: Counter[str] = Counter()
        quotes: Counter[str] = Counter()
        severity_all = severity_tp = tp_total = 0
        for row in policies:
            entry = row["risks"][risk]
            label, detected = entry["label"], entry["detected"]
            counts[("tp" if detected else "fn") if label else ("fp" if detected else "tn")] += 1
            severity_all += entry["severity"] == entry["label_severity"]
            if label and detected:
                tp_total += 1
                severity_tp += entry["severity"] == entry["label_severity"]
            for quote in entry["quotes"]:
                quotes[quote["verdict"]] += 1
                if quote["verdict"] == "unjudged":
                    unjudged.append({"slug": row["slug"], "risk": risk, **quote})
        shown = sum(quotes.values())
        judged_count = quotes["right"] + quotes["wrong"]
        n = len(policies)
        per_risk[risk] = {
            **{key: counts[key] for key in ("tp", "fp", "fn", "tn")},
            "accuracy": _ratio(counts["tp"] + counts["tn"], n),
            "precision": _ratio(counts["tp"], counts["tp"] + counts["fp"]),
            "recall": _ratio(counts["tp"], counts["tp"] + counts["fn"]),
            "severity_agreement": _ratio(severity_all, n),
            "severity_agreement_tp": _ratio(severity_tp, tp_total),
            "quotes_shown": shown,
            "quotes_right": quotes["right"],
            "quotes_wrong": quotes["wrong"],
            "quotes_unjudged": quotes["unjudged"],
            "quote_precision": _ratio(quotes["right"], judged_count),
            "unjudged_share": _ratio(quotes["unjudged"], shown),
        }
    graded = [row for row in policies if row["score"] is not None]
    return {
        "policies": len(policies),
        "probes": len(probes),
        "risks": per_risk,
        "is_policy_errors": [row["slug"] for row in rows if row["is_policy"] != row["is_policy_label"]],
        "probes_graded": [row["slug"] for row in probes if row["grade"] is not None],
        "grade_distribution": dict(sorted(Counter(row["grade"] or "-" for row in policies).items())),
        "spearman_score_vs_labels": spearman(
            [float(row["score"]) for row in graded], [-float(row["label_points"]) for row in graded]
        ),
        "rows": rows,
        "unjudged": unjudged,
    }


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(numerator / denominator, 4)


_COLUMNS = (
    ("accuracy", "accuracy"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("severity_agreement", "severity"),
    ("severity_agreement_tp", "sev of TP"),
    ("quote_precision", "quote P"),
    ("quotes_shown", "shown"),
    ("quotes_wrong", "wrong"),
    ("unjudged_share", "unjudged"),
)


def format_modern(results: Mapping[str, Any], show_rows: bool = False) -> str:
    """Plain-text report: per-risk table, probes, grades, then every unjudged quote."""
    width = max(len(risk) for risk in RISK_IDS) + 2
    header = "risk".ljust(width) + "".join(title.rjust(11) for _, title in _COLUMNS)
    lines = [f"{results['policies']} policies, {results['probes']} probes", "", header, "-" * len(header)]
    for risk in RISK_IDS:
        figures = results["risks"][risk]
        lines.append(risk.ljust(width) + "".join(_cell(figures[key]).rjust(11) for key, _ in _COLUMNS))
    lines.append("")
    lines.append(
        "counts: "
        + "; ".join(
            f"{risk} TP {f['tp']} FP {f['fp']} FN {f['fn']} TN {f['tn']}"
            for risk, f in results["risks"].items()
        )
    )
    lines.append(f"is_policy wrong: {', '.join(results['is_policy_errors']) or 'none'}")
    lines.append(f"probes graded: {', '.join(results['probes_graded']) or 'none'}")
    distribution = ", ".join(f"{grade} {count}" for grade, count in results["grade_distribution"].items())
    lines.append(f"grades of the policies: {distribution}")
    lines.append(f"Spearman(score, -label points): {_cell(results['spearman_score_vs_labels'])}")
    if show_rows:
        lines.extend(["", "Per policy (label/verdict severity per risk, quotes right/wrong/unjudged)"])
        for row in results["rows"]:
            cells = []
            for risk in RISK_IDS:
                entry = row["risks"][risk]
                tally = Counter(q["verdict"] for q in entry["quotes"])
                cells.append(
                    f"{entry['label_severity'][:1]}/{entry['severity'][:1]} "
                    f"{tally['right']}/{tally['wrong']}/{tally['unjudged']}"
                )
            lines.append(
                f"  {row['slug']:<32} {row['grade'] or '-':>2} {str(row['score']):>4}  " + "   ".join(cells)
            )
    lines.extend(["", f"Unjudged quotes ({len(results['unjudged'])}):"])
    for item in results["unjudged"]:
        quote = " ".join(item["quote"].split())
        lines.append(f"  [{item['slug']} / {item['risk']} / {item['rule']}] {quote}")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
