"""Gunicorn settings and hooks: access log to stdout, and the embedded Redis started once per service.

Used by ``policygrade serve`` and by the Procfile (``gunicorn -c python:api.gunicorn_conf ...``); the
repository's ``gunicorn.conf.py`` re-exports it so a bare ``gunicorn "api:create_app()"`` run from the
repository root gets the same behaviour.

With REDIS_URL unset, the master process starts the embedded Redis in ``on_starting`` (before any
worker forks) and puts its ``unix://`` URL into REDIS_URL, which every worker inherits; ``on_exit``
stops it when the master shuts down (SIGTERM, SIGINT or SIGQUIT).

Worker model (issue 10, defect 2): gthread (api.gunicorn_worker, with a deadline on request heads),
WEB_CONCURRENCY processes of WEB_THREADS threads each. A connection that never finishes its headers
holds one thread for at most HEAD_TIMEOUT seconds; an idle kept-alive one holds no thread at all.
Each worker dies with the master (``post_fork``), so a SIGKILLed master does not leave workers
holding the port.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from api import process_guard
from api.config import DEFAULTS
from api.embedded import EmbeddedRedis

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', DEFAULTS['PORT'])}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "api.gunicorn_worker.TimedThreadWorker"
# Bounded: scoring is CPU-bound (threads share one core's GIL), so more threads add no throughput;
# 16 per worker leave room for slow or stalled clients while requests are being scored.
threads = int(os.environ.get("WEB_THREADS", "16"))
# Seconds an idle kept-alive connection stays open (in the poller, holding no thread).
keepalive = 5
# Scoring a 2 MB text takes seconds, not minutes; 60 s leaves room on a loaded machine.
timeout = 60
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", DEFAULTS["LOG_LEVEL"]).lower()
# gunicorn 23+'s control socket lives at one fixed path per user: two services (or a test and a
# benchmark) would fight over it, and nothing here uses it.
control_socket_disable = True

_embedded: EmbeddedRedis | None = None


def on_starting(server: Any) -> None:
    """In the master, before workers exist: start the embedded Redis if no REDIS_URL is set."""
    global _embedded
    if os.environ.get("REDIS_URL"):
        server.log.info("Redis: using REDIS_URL")
        return
    _embedded = EmbeddedRedis(os.environ.get("POLICYGRADE_DATA_DIR", DEFAULTS["POLICYGRADE_DATA_DIR"]))
    os.environ["REDIS_URL"] = _embedded.start()
    # The master restarts it if it dies (api.embedded); workers only reconnect.
    _embedded.supervise()
    # Tells create_app in the workers that this URL is the embedded server (for the log line).
    os.environ["POLICYGRADE_EMBEDDED_REDIS"] = "1"
    server.log.info(
        "Redis: embedded (%s, pid %s) at %s, data in %s",
        _embedded.binary, _embedded.pid, _embedded.url, _embedded.data_dir,
    )


def post_fork(server: Any, worker: Any) -> None:
    """In each new worker: die when the master dies, even by SIGKILL (else it holds the port ~30 s)."""
    process_guard.die_with_parent(signal.SIGQUIT, expected_parent=server.pid)


def on_exit(server: Any) -> None:
    """In the master, after the workers have stopped: stop the embedded Redis (it saves its data)."""
    global _embedded
    if _embedded is not None:
        _embedded.stop()
        server.log.info("Redis: embedded server stopped")
        os.environ.pop("REDIS_URL", None)
        os.environ.pop("POLICYGRADE_EMBEDDED_REDIS", None)
        _embedded = None
