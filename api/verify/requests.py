"""Whether a visitor's url earns a verification fetch, and queueing it (one RQ job per site at most).

Rules (issue 9): one pending verification per site (a Redis key set with NX until the job ends); a
site checked within VERIFY_INTERVAL (default 24 h) is not fetched again unless the visitor's text
hash differs from the verified one, and then at most once per VERIFY_CHANGED_INTERVAL (1 h). A
failed check counts as a check: a site that keeps failing is retried hourly at most, not per POST.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

import redis
from rq import Queue, Retry

from api.errors import StoreUnavailable
from api.redis_outage import outage
from api.verify import VERIFY_QUEUE

log = logging.getLogger(__name__)

#: Seconds one verification job may run: the fetch is capped at 10 s; extraction and scoring of a
#: 5 MB page take a few seconds more on a loaded machine.
JOB_TIMEOUT = 120
#: Crashes only (a killed worker, a Redis error): a failed fetch is a result, recorded, not retried.
JOB_RETRIES = 2
#: How long the per-site slot may outlive a job that vanished without releasing it.
PENDING_TTL = 15 * 60
#: Finished jobs are kept a day for `rq info` and debugging; the site record holds the outcome.
RESULT_TTL = 24 * 3600


def due(record: dict[str, Any] | None, submitted_id: str, now_epoch: float, config: Any) -> bool:
    """Whether a site with this ``record`` should be fetched now, given the visitor's text hash."""
    if record is None or not record.get("checked_epoch"):
        return True
    try:
        age = now_epoch - float(record["checked_epoch"])
    except (TypeError, ValueError):
        return True
    if age >= float(config["VERIFY_INTERVAL"]):
        return True
    differs = record.get("report_id") != submitted_id
    return differs and age >= float(config["VERIFY_CHANGED_INTERVAL"])


def enqueue_verification(queue: Queue, site: str, url: str, submitted_id: str | None, job_id: str) -> Any:
    """Put one verification job on ``queue`` (the caller holds the site's pending slot)."""
    from api.verify.jobs import verify_site

    return queue.enqueue(
        verify_site,
        site,
        url,
        submitted_id,
        job_id=job_id,
        job_timeout=JOB_TIMEOUT,
        retry=Retry(max=JOB_RETRIES),
        result_ttl=RESULT_TTL,
        failure_ttl=7 * 24 * 3600,
        description=f"verify {site}",
    )


def request_verification(
    services: Any, site: str, url: str, submitted_id: str, now: str, now_epoch: float
) -> dict[str, Any]:
    """Note the visitor's policy text on ``site``; queue a fetch if the rules allow. Returns what happened."""
    config = services.config
    answer: dict[str, Any] = {"status": "not_requested", "site": site, "job_id": None}
    store = services.store
    try:
        store.record_submission(site, submitted_id, url, now, now_epoch)
        if not config["VERIFY_ENABLED"]:
            return answer
        if not due(store.site_record(site), submitted_id, now_epoch, config):
            return {**answer, "status": "recent"}
        job_id = f"verify-{uuid.uuid4().hex}"
        if not store.claim_verification(site, job_id, PENDING_TTL):
            return {**answer, "status": "pending"}
    except StoreUnavailable:
        return {**answer, "status": "unavailable"}
    try:
        enqueue_verification(services.queue(VERIFY_QUEUE), site, url, submitted_id, job_id)
    except redis.RedisError as error:
        log.debug("verification of %s not queued: %s", site, error)
        outage.failed(error)
        with contextlib.suppress(StoreUnavailable):
            store.release_verification(site)
        return {**answer, "status": "unavailable"}
    return {**answer, "status": "queued", "job_id": job_id}
