"""The ``policygrade`` console script: ``serve`` here, plus the scoring commands (score, eval...)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from api.config import DEFAULTS
from scoring import cli as scoring_cli


def _serve(args: argparse.Namespace) -> int:
    from api.server import serve

    serve(args.host, args.port, args.workers)
    return 0


def _port(value: str) -> int:
    port = int(value)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{value} is not a TCP port")
    return port


def build_parser() -> argparse.ArgumentParser:
    """The full parser: scoring's subcommands and ``serve``."""
    parser = argparse.ArgumentParser(prog="policygrade", description="Grade website privacy policies.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    scoring_cli.register(subparsers)
    serve = subparsers.add_parser("serve", help="run the API service (gunicorn) on http://HOST:PORT")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"), help="default 127.0.0.1")
    serve.add_argument(
        "--port",
        type=_port,
        default=_port(os.environ.get("PORT", str(DEFAULTS["PORT"]))),
        help="default $PORT or 8000",
    )
    serve.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default $WEB_CONCURRENCY or 2)"
    )
    serve.set_defaults(func=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; exit status 2 for usage errors."""
    return scoring_cli.run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())
