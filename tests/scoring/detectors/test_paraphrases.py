"""Paraphrase robustness: recall and precision on our own rewordings (printed, and kept above floors)."""

from __future__ import annotations

import pytest
from paraphrases import PARAPHRASES

from scoring.detectors import RISKS, make_document

#: Floors on our own paraphrases (measured: see docs/accuracy.md); a fall below them is a regression.
MIN_RECALL = 0.85
MIN_PRECISION = 0.9


@pytest.mark.parametrize("module", RISKS, ids=[m.RISK_ID for m in RISKS])
def test_paraphrase_recall_and_precision(module: object, capsys: pytest.CaptureFixture[str]) -> None:
    risk = module.RISK_ID  # type: ignore[attr-defined]
    rows = PARAPHRASES[risk]
    assert len(rows) >= 12
    tp = fp = fn = 0
    misses = []
    for sentence, expected in rows:
        found = module.detect(make_document(sentence)).detected  # type: ignore[attr-defined]
        tp += found and expected
        fp += found and not expected
        fn += expected and not found
        if found != expected:
            misses.append(("missed" if expected else "false alarm", sentence))
    recall = tp / (tp + fn)
    precision = tp / (tp + fp) if tp + fp else 1.0
    with capsys.disabled():
        print(f"\n{risk}: paraphrase recall {recall:.2f}, precision {precision:.2f} ({len(rows)} rows)")
        for kind, sentence in misses:
            print(f"  {kind}: {sentence}")
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, misses
