"""Start-up warm-up: cheap (one short sample policy), logged, and never stops the app from starting."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from api import scoring_service


def test_warm_up_loads_the_library_scores_one_short_sample_and_logs(
    scorer: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []
    real_score, real_hook = scorer.score_policy, scorer.warm_up
    monkeypatch.setattr(scorer, "warm_up", lambda: calls.append("library") or real_hook())
    monkeypatch.setattr(
        scorer, "score_policy", lambda text, url=None: calls.append(text) or real_score(text, url)
    )
    with caplog.at_level(logging.INFO, logger="api.scoring_service"):
        scoring_service.warm_up()
    # The library's own warm-up first, then exactly one score of the short sample.
    assert calls == ["library", scoring_service.WARM_UP_POLICY]
    assert len(scoring_service.WARM_UP_POLICY.split()) < 150  # cheap by construction
    # The sample takes a real request's whole path: judged a policy, graded, with findings.
    report = real_score(scoring_service.WARM_UP_POLICY)
    assert report.is_policy and report.grade is not None
    assert any(risk.detected for risk in report.risks)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("scorer warmed up")]
    assert len(lines) == 1
    assert re.fullmatch(
        r"scorer warmed up in \d+\.\d\d s \(dictionaries \d+\.\d\d s, sample policy \d+\.\d{3} s\)", lines[0]
    )


def test_a_failing_warm_up_is_logged_and_the_app_still_starts(
    make_app: Any, scorer: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("detector table missing")

    monkeypatch.setattr(scorer, "warm_up", broken)
    with caplog.at_level(logging.INFO, logger="api"):
        app = make_app(WARM_UP=True)
    assert any(r.getMessage() == "scorer warm-up failed" for r in caplog.records)
    assert app.test_client().get("/healthz").status_code == 200


def test_warm_up_off_scores_nothing_at_start(
    make_app: Any, scorer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(scorer, "score_policy", lambda text, url=None: calls.append(text))
    make_app(WARM_UP=False)
    assert calls == []
