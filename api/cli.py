"""The ``policygrade`` console script: ``serve`` here, plus the scoring commands (score, eval...)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from api.config import DEFAULTS
from scoring import cli as scoring_cli


def _serve(args: argparse.Namespace) -> int:
    from api.server import serve

    serve(args.host, args.port, args.workers)
    return 0


def _worker(args: argparse.Namespace) -> int:
    from api.verify.worker import run_worker

    return run_worker(burst=args.burst, simple=args.simple, name=args.name)


def _command_redis(config: dict[str, Any]) -> tuple[Any, Any]:
    """(client, embedded server or None) for a one-off command: REDIS_URL, a running serve's, or our own."""
    import redis

    from api.embedded import EmbeddedRedis
    from api.verify.worker import worker_redis_url

    try:
        return redis.Redis.from_url(worker_redis_url(config)), None
    except SystemExit:
        embedded = EmbeddedRedis(config["POLICYGRADE_DATA_DIR"])
        return redis.Redis.from_url(embedded.start()), embedded


def _migrate(args: argparse.Namespace) -> int:
    from api.config import load_config
    from api.services import migrate_on_start
    from api.store import SiteStore
    from api.store_migration import migrate, schema_version

    config = load_config()
    client, embedded = _command_redis(config)
    try:
        before = schema_version(client)
        if args.dry_run:
            print(f"store layout {before}; this version writes layout 2")
            return 0
        if before == 1:
            migrate_on_start(SiteStore(client), config)  # migrates and queues the verifications
        else:
            migrate(client)
        print(f"store layout {before} -> {schema_version(client)}")
        return 0
    finally:
        client.close()
        if embedded is not None:
            embedded.stop()


def _rescore(args: argparse.Namespace) -> int:
    from api.config import load_config
    from api.rescore import enqueue_rescores, wait_until_drained

    config = load_config()
    client, embedded = _command_redis(config)
    try:
        total = enqueue_rescores(client, everything=args.all)
        print(f"queued {total} re-score job{'s' if total != 1 else ''}", file=sys.stderr)
        if total and not args.no_wait:
            seconds = wait_until_drained(client, total)
            print(f"re-scored {total} sites in {seconds:.1f} s", file=sys.stderr)
        return 0
    finally:
        client.close()
        if embedded is not None:
            embedded.stop()


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

    worker = subparsers.add_parser("worker", help="run an RQ worker: site verifications, then re-scores")
    worker.add_argument("--burst", action="store_true", help="exit once the queues are empty")
    worker.add_argument("--simple", action="store_true", help="run jobs in this process (no fork per job)")
    worker.add_argument("--name", default=None, help="worker name shown by `rq info`")
    worker.set_defaults(func=_worker)

    rescore = subparsers.add_parser("rescore", help="re-score verified sites' stored texts on the workers")
    which = rescore.add_mutually_exclusive_group()
    which.add_argument("--stale", action="store_true", help="sites scored by an older scorer (default)")
    which.add_argument("--all", action="store_true", help="every verified site")
    rescore.add_argument("--no-wait", action="store_true", help="queue the jobs and exit")
    rescore.set_defaults(func=_rescore)

    migrate = subparsers.add_parser("migrate", help="move stored data to the current layout (also on start)")
    migrate.add_argument("--dry-run", action="store_true", help="only print the stored layout")
    migrate.set_defaults(func=_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; exit status 2 for usage errors."""
    return scoring_cli.run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())
