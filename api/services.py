"""Per-app service objects in ``app.extensions["policygrade"]``: Redis client, store, embedded server."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import redis

from api.embedded import EmbeddedRedis
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

    #: The running scorer's version (part of every cache key).
    scorer_version = staticmethod(scorer_version)

    def close(self) -> None:
        """Drop connections and stop the embedded server if this process owns it."""
        self.redis.close()
        self.redis.connection_pool.disconnect()
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None


def migrate_on_start(client: redis.Redis) -> None:
    """Bring an older store layout up to date (api.store_migration); a failure is logged, never fatal."""
    try:
        # Migration reads big stores page by page; the client's short timeouts are per command.
        result = migrate(client)
    except redis.RedisError as error:
        log.warning("store migration did not finish (%s); it runs again on the next start", error)
        return
    if result.ran:
        log.info("store migrated: %d reports, %d sites now await verification", result.reports, result.sites)


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
    else:
        migrate_on_start(client)
    store = SiteStore(
        client, memo_bytes=int(config["REPORT_MEMO_BYTES"]), max_text_bytes=int(config["MAX_TEXT_BYTES"])
    )
    return Services(redis=client, store=store, redis_url=url, embedded=embedded)
