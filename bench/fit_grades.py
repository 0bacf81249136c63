"""Re-fit the grade formula on ../shared/corpus/modern and print how the current weights compare.

    .venv/bin/python bench/fit_grades.py [--corpus ../shared/corpus/modern] [--top 8]

Each policy is scored once (its findings' severities and its Flesch reading ease); then every
combination of the grid below is tried on those findings, as scoring/_grading.py would compute it.
A combination is admissible when it keeps issue 8's constraints: no letter holds more than 35% of
the policies, a policy with two high findings lands at D or E, and one whose findings are all low
or none lands at A or B (on these forty, and for any policy: two high findings in plain English,
three low ones in the hardest prose). Admissible combinations are ranked by Spearman(score, -label
points), the label points being the labelled severities summed (none 0, low 1, medium 2, high 3). The script
prints figures only; it changes nothing. The grid's numbers are the candidates we tried, not rules.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import score_policy  # noqa: E402
from scoring._grading import GRADE_BANDS, READABILITY_PENALTY, SEVERITY_PENALTY  # noqa: E402
from scoring.evaluation import load_records  # noqa: E402
from scoring.modern_evaluation import label_points, spearman  # noqa: E402

HIGH = (25, 27.5, 30, 32.5, 35)
MEDIUM = (12.5, 15, 17.5, 20)
LOW = (0, 2, 5)
READING_SCALE = (0, 0.5, 1)  # times the first formula's 0/5/10/15 by Flesch band
BAND_FLOORS = ((85, 70, 55, 40), (80, 65, 50, 35), (75, 60, 45, 30), (70, 55, 40, 25))
MAX_SHARE = 0.35


def reading_penalty(flesch: float, scale: float) -> float:
    steps = ((60.0, 0), (50.0, 5), (30.0, 10), (float("-inf"), 15))
    return scale * next(points for floor, points in steps if flesch >= floor)


def letter(score: int, floors: tuple[int, ...]) -> str:
    return next((name for floor, name in zip(floors, "ABCD", strict=True) if score >= floor), "E")


def evaluate(policies: list[dict], penalty: dict[str, float], scale: float, floors: tuple[int, ...]) -> dict:
    scores, letters, broken = [], [], 0
    for policy in policies:
        points = 100 - sum(penalty[s] for s in policy["severities"])
        points -= reading_penalty(policy["flesch"], scale)
        score = max(0, min(100, int(points + 0.5)))
        grade = letter(score, floors)
        scores.append(score)
        letters.append(grade)
        if policy["severities"].count("high") >= 2 and grade not in "DE":
            broken += 1
        if all(s in ("low",) for s in policy["severities"]) and grade not in "AB":
            broken += 1
    # the same promises for every policy, not only these forty: two high findings in plain English
    # still reach D, and three low findings in the hardest prose keep a B
    if 100 - 2 * penalty["high"] >= floors[2]:
        broken += 1
    if 100 - 3 * penalty["low"] - reading_penalty(0.0, scale) < floors[1]:
        broken += 1
    counts = Counter(letters)
    rho = spearman([float(s) for s in scores], [-float(p["label_points"]) for p in policies]) or 0.0
    top_share = max(counts.values()) / len(policies)
    return {
        "rho": rho,
        "counts": counts,
        "admissible": broken == 0 and top_share <= MAX_SHARE,
        "broken": broken,
        "top_share": top_share,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus/modern")
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    folder = Path(args.corpus)
    policies = []
    for label in load_records(folder / "labels.jsonl"):
        if label["kind"] != "policy":
            continue
        report = score_policy((folder / "texts" / f"{label['slug']}.txt").read_text(encoding="utf-8"))
        policies.append(
            {
                "slug": label["slug"],
                "severities": [r.severity for r in report.risks if r.detected and r.severity != "none"],
                "flesch": report.readability.flesch_reading_ease if report.readability else 60.0,
                "label_points": label_points(label["severity"]),
            }
        )
    current_scale = READABILITY_PENALTY[-1][1] / 15
    current = evaluate(
        policies,
        {k: float(v) for k, v in SEVERITY_PENALTY.items()},
        current_scale,
        tuple(floor for floor, _ in GRADE_BANDS[:4]),
    )
    results = []
    for high, medium, low, scale, floors in itertools.product(HIGH, MEDIUM, LOW, READING_SCALE, BAND_FLOORS):
        outcome = evaluate(policies, {"high": high, "medium": medium, "low": low, "none": 0}, scale, floors)
        results.append(((high, medium, low, scale, floors), outcome))
    admissible = sorted((r for r in results if r[1]["admissible"]), key=lambda r: -r[1]["rho"])
    print(f"{len(policies)} policies; {len(results)} combinations, {len(admissible)} admissible")

    def line(name: str, outcome: dict) -> str:
        dist = " ".join(f"{g}{outcome['counts'].get(g, 0)}" for g in "ABCDE")
        return (
            f"{name:48} rho {outcome['rho']:.3f}  {dist}  top {outcome['top_share']:.2f}  "
            f"broken {outcome['broken']}"
        )

    print(line(
        f"current: {dict(SEVERITY_PENALTY)} x{current_scale:g} {[f for f, _ in GRADE_BANDS[:4]]}", current
    ))
    # the labels rank risk only, so the fit always prefers readability at 0; the product still grades
    # how hard a policy is to read, so the best combinations that keep it are listed too
    for title, rows in (
        ("best admissible:", admissible),
        ("best admissible that still count readability:", [r for r in admissible if r[0][3] > 0]),
    ):
        print(title)
        for (high, medium, low, scale, floors), outcome in rows[: args.top]:
            print(line(f"  h{high} m{medium} l{low} x{scale:g} {list(floors)}", outcome))


if __name__ == "__main__":
    main()
