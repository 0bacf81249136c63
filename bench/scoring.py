"""Speed of ``score_policy``: against textstat alone, per word as text grows, and on adversarial input.

Run: ``.venv/bin/python bench/scoring.py`` (about two minutes on a shared 2-core machine; ``--quick``
skips the million-word run). Texts are built from our own fixture policies
(tests/scoring/golden/policies), never from the corpus. Targets (issue 2):

1. full report <= 0.8 x textstat alone on the same 5,000-word policy (issue 11);
2. per-word cost at 1M words within 1.5 x of that at 10k (linear);
3. each adversarial 1 MB input within 2 x of 1 MB of normal policy text.

textstat memoises per text, so every timed run starts with its caches cleared; each figure is the
best of several runs (fewer for the big texts) to keep other processes' noise out.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring import _readability, score_policy  # noqa: E402
from scoring._input import tame  # noqa: E402
from scoring._policy_detection import detect_policy  # noqa: E402
from scoring._structure import analyse  # noqa: E402
from scoring.detectors import Document, detect_document  # noqa: E402

FIXTURES = ROOT / "tests" / "scoring" / "golden" / "policies"
TEXTSTAT_METRICS = (
    textstat.flesch_reading_ease,
    textstat.flesch_kincaid_grade,
    textstat.gunning_fog,
    textstat.smog_index,
    textstat.coleman_liau_index,
    textstat.automated_readability_index,
    textstat.dale_chall_readability_score,
)
MEGABYTE = 1_000_000


def policy_text(words: int) -> str:
    """Our fixture policies, repeated in turn, cut right after the ``words``-th word."""
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    per_copy = len(base.split())
    text = "\n\n".join([base] * (words // per_copy + 1))
    last = next(itertools.islice(re.finditer(r"\S+", text), words - 1, None))
    return text[: last.end()]


def megabyte_of(text: str) -> str:
    """``text`` repeated or cut to exactly one million characters."""
    return (text * (MEGABYTE // len(text) + 1))[:MEGABYTE]


def best_of(runs: int, function: Callable[[], object]) -> float:
    """Shortest wall time of ``runs`` calls, textstat's caches cleared before each."""
    best = float("inf")
    for _ in range(runs):
        _readability._clear_text_caches()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def textstat_alone(text: str) -> None:
    """What a caller of textstat would run for our seven readability figures."""
    for metric in TEXTSTAT_METRICS:
        metric(text)


def stages(text: str) -> dict[str, Callable[[], object]]:
    """Each stage of score_policy on ``text``, separately callable."""
    clean = tame(text).clean
    structure = analyse(clean)
    verdict = detect_policy(clean)

    def detectors() -> object:
        # a fresh Document each run: its per-document memo must not carry over between runs
        return detect_document(Document(clean, structure, verdict.is_whole_policy, verdict.is_policy))

    return {
        "input taming": lambda: tame(text),
        "structure (units, kinds)": lambda: analyse(clean),
        "policy detection": lambda: detect_policy(clean),
        "detectors (rule engine)": detectors,
        "readability adapter": lambda: _readability.measure(clean),
    }


def section_ratio(runs: int) -> None:
    text = policy_text(5_000)
    print(f"\n1. One 5,000-word policy ({len(text):,} characters), best of {runs}")
    alone = best_of(runs, lambda: textstat_alone(text))
    full = best_of(runs, lambda: score_policy(text))
    print(f"   textstat alone (7 metrics)     {alone * 1000:8.1f} ms")
    for name, function in stages(text).items():
        print(f"     stage: {name:<24}{best_of(runs, function) * 1000:8.1f} ms")
    print(f"   full score_policy              {full * 1000:8.1f} ms")
    print(f"   ratio full / textstat alone    {full / alone:8.2f}   (target <= 0.8)")


def section_linearity(sizes: list[int]) -> None:
    print("\n2. Time per word of score_policy as the policy grows")
    per_word: dict[int, float] = {}
    for words in sizes:
        text = policy_text(words)
        runs = 5 if words <= 10_000 else 1
        elapsed = best_of(runs, lambda text=text: score_policy(text))
        per_word[words] = elapsed / words
        print(f"   {words:>9,} words  {elapsed:8.3f} s  {per_word[words] * 1e6:7.2f} us/word")
    if 10_000 in per_word and max(per_word) > 10_000:
        largest = max(per_word)
        ratio = per_word[largest] / per_word[10_000]
        print(f"   per-word cost at {largest:,} / at 10,000: {ratio:.2f}   (target <= 1.5)")


def section_adversarial(raw_textstat: bool) -> None:
    normal = megabyte_of(policy_text(20_000))
    cases = {
        "one sentence, no punctuation": megabyte_of(re.sub(r"[.!?;:\n]", " ", normal)),
        "one word, no spaces": megabyte_of(re.sub(r"\s", "", normal)),
        '100k x "we may disclose"': "we may disclose " * 100_000,
        "deeply nested brackets": "(" * (MEGABYTE // 2) + ")" * (MEGABYTE // 2),
    }
    print("\n3. Adversarial inputs of about 1 MB against 1 MB of normal policy text (best of 2)")
    baseline = best_of(2, lambda: score_policy(normal))
    print(f"   {'normal policy text':<32}{len(normal):>10,} chars  {baseline:7.3f} s")
    for name, text in cases.items():
        elapsed = best_of(2, lambda text=text: score_policy(text))
        per_megabyte = elapsed / (len(text) / MEGABYTE)
        print(f"   {name:<32}{len(text):>10,} chars  {elapsed:7.3f} s  x{elapsed / baseline:.2f}"
              f"  (per MB x{per_megabyte / baseline:.2f})   (target <= 2)")
    if raw_textstat:
        word = cases["one word, no spaces"]
        print("   for comparison, textstat alone on the untamed inputs:")
        print(f"     normal policy text              {best_of(1, lambda: textstat_alone(normal)):7.3f} s")
        print(f"     one word, no spaces             {best_of(1, lambda: textstat_alone(word)):7.3f} s")


def main() -> None:
    """Print the three sections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="stop at 100k words; skip raw textstat runs")
    args = parser.parse_args()
    started = time.perf_counter()
    _readability.warm_up()  # load the dictionary once, as the API does at start-up
    print(f"Python {platform.python_version()}, textstat {'.'.join(map(str, textstat.__version__))}, "
          f"{platform.machine()}; figures are wall time on a shared machine")
    section_ratio(runs=7)
    section_linearity([1_000, 10_000, 100_000] + ([] if args.quick else [1_000_000]))
    section_adversarial(raw_textstat=not args.quick)
    print(f"\nbenchmark finished in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
