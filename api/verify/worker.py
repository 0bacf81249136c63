"""``policygrade worker``: an RQ worker on the service's queues (verifications first, then re-scores).

Run as many as you like beside the web processes (Procfile ``worker:``). With REDIS_URL unset it joins
the embedded Redis of a running ``policygrade serve`` in POLICYGRADE_DATA_DIR (``serve`` starts one
worker itself). The scorer is warmed up before the first job, in the parent: RQ forks a work horse
per job, and each fork inherits the loaded dictionaries instead of paying ~0.7 s again.

SIGTERM is RQ's warm shutdown: the job in hand finishes (at most JOB_TIMEOUT), then the worker exits.
A worker killed outright leaves its job in RQ's started registry; when its heartbeat lapses, the next
worker's maintenance puts it back on the queue (it has JOB_RETRIES retries), so it is not lost.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import redis
from rq import Queue, SimpleWorker, Worker

from api.config import load_config
from api.verify import QUEUES

log = logging.getLogger(__name__)

#: How often (seconds) a worker looks for jobs abandoned by dead workers (RQ's default is 10 min).
MAINTENANCE_INTERVAL = 60


def worker_redis_url(config: dict[str, object]) -> str:
    """REDIS_URL, else the socket of the embedded Redis a running ``serve`` keeps in the data dir."""
    if config.get("REDIS_URL"):
        return str(config["REDIS_URL"])
    socket_path = Path(str(config["POLICYGRADE_DATA_DIR"])).resolve() / "redis.sock"
    url = f"unix://{socket_path}"
    try:
        if socket_path.exists() and redis.Redis.from_url(url, socket_timeout=1).ping():
            return url
    except redis.RedisError:
        pass
    raise SystemExit(
        f"policygrade worker: REDIS_URL is not set and no embedded Redis answers at {socket_path} "
        "(start `policygrade serve` first, or set REDIS_URL)"
    )


def run_worker(burst: bool = False, simple: bool = False, name: str | None = None) -> int:
    """Work the queues until SIGTERM (or, with ``burst``, until they are empty); returns an exit status."""
    config = load_config()
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=str(config["LOG_LEVEL"]).upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    url = worker_redis_url(config)
    os.environ["REDIS_URL"] = url  # the jobs' context (api.verify.jobs) reads the same settings
    # No socket timeout: RQ blocks on the queues for minutes at a time by design.
    connection = redis.Redis.from_url(url)
    from api.scoring_service import warm_up

    warm_up()
    from api.verify.jobs import context

    context()  # settings, store and fetcher built once, before any fork
    queues = [Queue(name_, connection=connection) for name_ in QUEUES]
    worker_class = SimpleWorker if simple else Worker
    worker = worker_class(queues, connection=connection, name=name, maintenance_interval=MAINTENANCE_INTERVAL)
    log.info("worker %s on %s, queues %s", worker.name, url, ", ".join(QUEUES))
    worker.work(burst=burst, logging_level=str(config["LOG_LEVEL"]).upper())
    return 0
