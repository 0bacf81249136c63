"""Per-app service objects in ``app.extensions["policygrade"]``: Redis client, store, embedded server."""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import redis
from rq import Queue

from api.embedded import EmbeddedRedis
from api.errors import StoreUnavailable
from api.redis_client import connect, describe
from api.scoring_service import scorer_version
from api.store import SiteStore
from api.store_migration import migrate

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What views reach through ``current_app.extensions["policygrade"]``."""

    redis: redis.Redis
    store: SiteStore
    redis_url: str
    #: The embedded server when this process started it (None with REDIS_URL or under gunicorn hooks).
    embedded: EmbeddedRedis | None = None
    #: The app's settings (api.config), for code that runs outside a request too.
    config: dict[str, Any] = field(default_factory=dict)

    #: The running scorer's version (part of every cache key).
    scorer_version = staticmethod(scorer_version)

    def queue(self, name: str) -> Queue:
        """The RQ queue ``name`` on the service's Redis (enqueueing only: workers use their own client)."""
        return Queue(name, connection=self.redis)

    def close(self) -> None:
        """Drop connections and stop the embedded server if this process owns it."""
        self.redis.close()
        self.redis.connection_pool.disconnect()
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None


def migrate_on_start(store: SiteStore, config: dict[str, Any]) -> None:
    """Bring an older store layout up to date (api.store_migration) and queue a verification of every
    site it found; a failure is logged, never fatal (the next start runs it again)."""
    try:
        result = migrate(store.redis)
    except redis.RedisError as error:
        log.warning("store migration did not finish (%s); it runs again on the next start", error)
        return
    if not result.ran:
        return
    log.info("store migrated: %d reports, %d sites now await verification", result.reports, result.sites)
    if not config["VERIFY_ENABLED"]:
        return
    from api.verify import VERIFY_QUEUE
    from api.verify.requests import PENDING_TTL, enqueue_verification

    queue = Queue(VERIFY_QUEUE, connection=store.redis)
    for site, url in result.to_verify:
        job_id = f"verify-{uuid.uuid4().hex}"
        try:
            if store.claim_verification(site, job_id, PENDING_TTL):
                enqueue_verification(queue, site, url, None, job_id)
        except (redis.RedisError, StoreUnavailable) as error:
            log.warning("verification of migrated site %s not queued: %s", site, error)


def build_services(config: dict[str, Any]) -> Services:
    """Connect to REDIS_URL, or start an embedded Redis in POLICYGRADE_DATA_DIR when it is unset."""
    embedded = None
    url = config["REDIS_URL"]
    if url and os.environ.get("POLICYGRADE_EMBEDDED_REDIS") == "1" and url == os.environ.get("REDIS_URL"):
        log.info("using the embedded Redis at %s (started by the gunicorn master)", url)
    elif url:
        log.info("using Redis at %s (REDIS_URL)", describe(url))
    else:
        embedded = EmbeddedRedis(config["POLICYGRADE_DATA_DIR"])
        url = embedded.start()
        log.info("using embedded Redis at %s (REDIS_URL unset; data in %s)", url, embedded.data_dir)
    client = connect(url, float(config["REDIS_TIMEOUT"]))
    try:
        # Opens the pooled connection now, so the first request does not pay for it; and says early
        # in the log when Redis is not there (the service still starts: scoring works without it).
        client.ping()
    except redis.RedisError as error:
        log.warning(
            "Redis at %s is unavailable (%s): scoring uncached, site endpoints 503", describe(url), error
        )
    store = SiteStore(
        client,
        memo_bytes=int(config["REPORT_MEMO_BYTES"]),
        max_text_bytes=int(config["MAX_TEXT_BYTES"]),
        report_ttl=int(config["REPORT_TTL"]),
    )
    if store.ping():
        migrate_on_start(store, config)
    return Services(redis=client, store=store, redis_url=url, embedded=embedded, config=dict(config))
