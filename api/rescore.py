"""``policygrade rescore``: one RQ job per verified site whose report is from another scorer version.

The jobs (api.verify.jobs.rescore_site) score the stored text again; nothing is fetched. History marks
each as a method change (Open Terms Archive's "technical upgrade"), so no change alert fires. The
command walks the name index a page at a time, so 100,000 sites never sit in memory at once, and
then shows a progress bar until the workers have drained the queue.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import redis
from rq import Queue
from rq.registry import StartedJobRegistry

from api import site_index
from api.scoring_service import scorer_version
from api.store import site_key
from api.verify import RESCORE_QUEUE

PAGE = 1000
JOB_TIMEOUT = 300
#: With this long and no job finished, the command says no worker seems to be running.
STALL_WARNING_SECONDS = 30


def sites_to_rescore(client: redis.Redis, everything: bool) -> Iterator[str]:
    """Verified sites, every one with ``everything``, else those scored by another scorer version."""
    version = scorer_version().encode()
    start = 0
    while True:
        names = client.zrange(site_index.NAME, start, start + PAGE - 1)
        if not names:
            return
        with client.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.hmget(site_key(name.decode()), ["report_id", "scorer_version"])
            rows = pipe.execute()
        for name, (report_id, stored_version) in zip(names, rows, strict=True):
            if report_id and (everything or stored_version != version):
                yield name.decode()
        start += len(names)


def enqueue_rescores(client: redis.Redis, everything: bool = False) -> int:
    """Queue one re-score job per chosen site (in batches of PAGE); returns how many were queued."""
    from api.verify.jobs import rescore_site

    queue = Queue(RESCORE_QUEUE, connection=client)
    batch: list[Any] = []
    total = 0
    for site in sites_to_rescore(client, everything):
        batch.append(
            Queue.prepare_data(
                rescore_site,
                (site, everything),
                timeout=JOB_TIMEOUT,
                result_ttl=3600,
                description=f"rescore {site}",
            )
        )
        if len(batch) >= PAGE:
            queue.enqueue_many(batch)
            total += len(batch)
            batch = []
    if batch:
        queue.enqueue_many(batch)
        total += len(batch)
    return total


def remaining(client: redis.Redis) -> int:
    """Re-score jobs still queued or running."""
    queue = Queue(RESCORE_QUEUE, connection=client)
    return queue.count + StartedJobRegistry(RESCORE_QUEUE, connection=client).count


def wait_until_drained(client: redis.Redis, total: int, show: bool = True, poll: float = 0.5) -> float:
    """Block with a progress bar until no re-score job is left; returns the seconds it took."""
    from tqdm import tqdm

    started = time.monotonic()
    last_progress, done_before = started, -1
    with tqdm(total=total, unit="site", disable=not show, desc="re-scoring") as bar:
        while True:
            left = remaining(client)
            done = max(0, total - left)
            bar.update(done - bar.n)
            if left == 0:
                return time.monotonic() - started
            if done != done_before:
                last_progress, done_before = time.monotonic(), done
            elif time.monotonic() - last_progress > STALL_WARNING_SECONDS:
                bar.write("no re-score finished for 30 s: is a worker running? (policygrade worker)")
                last_progress = time.monotonic()
            time.sleep(poll)
