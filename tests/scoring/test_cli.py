"""The scoring command line, driven through ``main([...])``: score, eval, eval-policies."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scoring import score_policy
from scoring.cli import main

GOLDEN = Path(__file__).parent / "golden"
BAD_POLICY = GOLDEN / "policies" / "megadeal_bad.txt"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def test_score_json_prints_exactly_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(BAD_POLICY), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == score_policy(BAD_POLICY.read_text(encoding="utf-8")).to_dict()


def test_score_report_shows_grade_quotes_and_readability(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(BAD_POLICY)]) == 0
    out = capsys.readouterr().out
    report = score_policy(BAD_POLICY.read_text(encoding="utf-8"))
    assert out.startswith(f"Grade {report.grade} ({report.score}/100)")
    for risk in report.risks:
        assert risk.title in out
        for evidence in risk.evidence:
            assert f"characters {evidence.start}-{evidence.end}" in out
    assert "Flesch reading ease" in out and "min to read at 250 words per minute" in out


def test_score_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = BAD_POLICY.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["score", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["grade"] == score_policy(data.decode()).grade


def test_score_of_a_non_policy_says_not_graded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "banner.txt"
    path.write_text("We use cookies. Accept all?", encoding="utf-8")
    assert main(["score", str(path)]) == 0
    assert capsys.readouterr().out.startswith("Not graded: ")


def test_score_undecodable_bytes_are_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(BAD_POLICY.read_bytes() + b"\n\xe9t\xe9 \xff\x00\n")
    assert main(["score", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["is_policy"] is True


def test_score_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "/no/such/policy.txt"]) == 2
    err = capsys.readouterr().err
    assert "cannot read /no/such/policy.txt" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["eval", "eval-policies"])
def test_eval_missing_corpus_exits_2_with_a_clear_message(command: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert f"policygrade {command}:" in err and "not found" in err


def test_eval_on_a_small_corpus_of_our_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [
        {"text": "We may disclose your information to law enforcement on request.", "source": "ours",
         "labels": {"broad_disclosure": True, "no_opt_out": None, "retention_after_deletion": None}},
        {"text": "You can unsubscribe from our emails at any time.", "source": "ours",
         "labels": {"broad_disclosure": False, "no_opt_out": False, "retention_after_deletion": False}},
    ]
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert set(results) >= {"risks", "by_source"}
    assert results["risks"]["broad_disclosure"]["support"] == 1


def test_eval_rejects_a_malformed_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    assert main(["eval", str(path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "score" in capsys.readouterr().err


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "policies" / "policy_labels.jsonl").is_file(),
                    reason="../shared/corpus is not present")
def test_eval_policies_on_the_real_corpus_prints_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval-policies", str(CORPUS / "policies" / "policy_labels.jsonl")]) == 0
    out = capsys.readouterr().out
    for risk_id in ("broad_disclosure", "no_opt_out", "retention_after_deletion"):
        assert risk_id in out


def test_rules_prints_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### broad_disclosure") and "### retention_after_deletion" in out
