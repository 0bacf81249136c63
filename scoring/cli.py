"""Command line for the scorer: ``score FILE|-``, ``eval PATH``, ``eval-policies PATH``, ``eval-modern DIR``,
``rules``.

``register(subparsers)`` adds the three commands to a parent parser (``api.cli`` builds the
``policygrade`` console script from it); ``main(argv)`` runs them alone (``python -m scoring.cli``).
Every command returns an exit status: 0 on success, 2 for unusable input (missing file or corpus,
text that cannot be scored), never a traceback for those.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, TextIO

from ._input import ScoringInputError
from ._models import PolicyReport

#: Width of the human-readable report.
WIDTH = 100


def register(subparsers: Any) -> None:
    """Add ``score``, ``eval`` and ``eval-policies`` to an argparse subparsers object."""
    score = subparsers.add_parser("score", help="grade one privacy policy (a text file, or - for stdin)")
    score.add_argument("file", metavar="FILE|-", help="plain-text policy; - reads standard input")
    score.add_argument("--json", action="store_true", help="print the report as JSON (the API's format)")
    score.set_defaults(func=_score)

    evaluate = subparsers.add_parser(
        "eval", help="measure the detectors on a labeled JSONL corpus (e.g. ../shared/corpus/dev_set.jsonl)"
    )
    evaluate.add_argument("path", metavar="PATH", help="JSON-lines file of {text, labels, source, ...}")
    evaluate.add_argument("--json", action="store_true", help="print machine-readable results")
    evaluate.set_defaults(func=_eval)

    policies = subparsers.add_parser(
        "eval-policies", help="measure the detectors per whole policy (policies/policy_labels.jsonl)"
    )
    policies.add_argument("path", metavar="PATH", help="the policy_labels.jsonl of the corpus")
    policies.add_argument("--json", action="store_true", help="print machine-readable results")
    policies.set_defaults(func=_eval_policies)

    modern = subparsers.add_parser(
        "eval-modern", help="measure verdicts, severities, quotes and grades on ../shared/corpus/modern"
    )
    modern.add_argument("path", metavar="PATH", help="the modern corpus folder (labels.jsonl, texts/)")
    modern.add_argument("--json", action="store_true", help="print machine-readable results")
    modern.add_argument("--rows", action="store_true", help="also print one line per policy")
    modern.set_defaults(func=_eval_modern)

    rules = subparsers.add_parser("rules", help="print every detector rule as a Markdown table")
    rules.set_defaults(func=_rules)


def build_parser() -> argparse.ArgumentParser:
    """A parser with just the scoring commands."""
    parser = argparse.ArgumentParser(prog="python -m scoring.cli", description="Grade privacy policies.")
    register(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one scoring command; returns the exit status (2 for usage errors)."""
    return run(build_parser(), argv)


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` with ``parser`` and run the chosen subcommand; help and status 2 when none."""
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    return int(func(args) or 0)


def _fail(command: str, message: str) -> int:
    print(f"policygrade {command}: {message}", file=sys.stderr)
    return 2


def _read_text(name: str) -> str:
    """The text of FILE, or of stdin for ``-``; undecodable bytes become U+FFFD rather than an error."""
    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    else:
        with open(name, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8", errors="replace")


def _rules(_args: argparse.Namespace) -> int:
    from .detectors.catalogue import catalogue

    print(catalogue())
    return 0


def _score(args: argparse.Namespace) -> int:
    from ._engine import score_policy  # deferred: `policygrade serve --help` need not load textstat

    try:
        text = _read_text(args.file)
    except OSError as error:
        return _fail("score", f"cannot read {args.file}: {error.strerror or error}")
    try:
        report = score_policy(text)
    except ScoringInputError as error:
        return _fail("score", str(error))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_report(report, sys.stdout)
    return 0


def _print_report(report: PolicyReport, out: TextIO) -> None:
    """The readable report: grade and reason, each risk with its quotes, readability."""
    print(textwrap.fill(report.grade_reason, WIDTH), file=out)  # "Grade D (48/100): ..." or "Not graded: ..."
    print(f"Privacy policy: {'yes' if report.is_policy else 'no'} "
          f"(confidence {report.policy_confidence:.2f})", file=out)
    print("\nRisks", file=out)
    for risk in report.risks:
        status = risk.severity.upper() if risk.detected else "not found"
        print(f"  [{status}] {risk.title}", file=out)
        print(textwrap.fill(risk.summary, WIDTH, initial_indent="      ", subsequent_indent="      "),
              file=out)
        for evidence in risk.evidence:
            quote = " ".join(evidence.quote.split())
            print(textwrap.fill(f'"{quote}"', WIDTH, initial_indent="    > ", subsequent_indent="      "),
                  file=out)
            print(textwrap.fill(f"(characters {evidence.start}-{evidence.end}; rule {evidence.rule}) "
                                f"{evidence.explanation}", WIDTH, initial_indent="      ",
                                subsequent_indent="      "), file=out)
    print("\nReadability", file=out)
    r = report.readability
    if r is None:
        print("  no words to measure", file=out)
    else:
        print(f"  Flesch reading ease {r.flesch_reading_ease:.1f} ({r.level}), "
              f"Flesch-Kincaid grade {r.flesch_kincaid_grade:.1f}", file=out)
        print(f"  Gunning fog {r.gunning_fog:.1f}, SMOG {r.smog_index:.1f}, Coleman-Liau "
              f"{r.coleman_liau_index:.1f}, ARI {r.automated_readability_index:.1f}, "
              f"Dale-Chall {r.dale_chall:.1f}", file=out)
        print(f"  {r.word_count} words, {r.sentence_count} sentences, "
              f"{r.reading_time_minutes:.1f} min to read at 250 words per minute", file=out)
    print(f"\nscorer {report.scorer_version}", file=out)


def _run_evaluation(command: str, args: argparse.Namespace, policies: bool) -> int:
    from . import evaluation  # deferred: only the eval commands need it

    try:
        if policies:
            results = evaluation.evaluate_policies(args.path, progress=True)
        else:
            results = evaluation.evaluate_records(evaluation.load_records(args.path), progress=True)
    except (evaluation.CorpusFormatError, OSError) as error:  # CorpusNotFoundError is an OSError
        return _fail(command, str(error))
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        print(evaluation.format_results(results))
    return 0


def _eval(args: argparse.Namespace) -> int:
    return _run_evaluation("eval", args, policies=False)


def _eval_policies(args: argparse.Namespace) -> int:
    return _run_evaluation("eval-policies", args, policies=True)


def _eval_modern(args: argparse.Namespace) -> int:
    from . import evaluation, modern_evaluation  # deferred: only this command needs them

    try:
        results = modern_evaluation.evaluate_modern(args.path)
    except (evaluation.CorpusFormatError, OSError, KeyError) as error:
        return _fail("eval-modern", f"unusable modern corpus: {error}")
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        print(modern_evaluation.format_modern(results, show_rows=args.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
