"""Move a store written before issue 9 (layout 1) up to date: on start, or ``policygrade migrate``.

Layout 1 kept url, site, title, scored_at and cached inside every report, and gave a site the grade of
whatever text a client posted. Nothing of that was verified, so the migration keeps it as what it
was, a visitor's report:

- reports lose the answer fields (url, site, title, scored_at, cached); findings are untouched;
- each site record keeps first_seen/updated_at, and its old report, url and time become the visitor
  report (``submitted_*``): the site is listed, ungraded, until a fetch verifies it;
- history entries are kept, marked ``kind: "visitor"``, capped like new ones (api.history);
- the indexes are built (api.site_index); ``pg:sites:updated`` and the prefix buckets of layout 1 go
  (buckets now hold verified sites only).

Every step can run again (a crash half-way through is finished by the next run); ``pg:schema`` is set
last. A lock keeps two processes (gunicorn workers starting together) from migrating at once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import redis

from api import site_index
from api.history import HISTORY_KEEP, grade_changed
from api.store import (
    ANSWER_FIELDS,
    SCHEMA_KEY,
    SCHEMA_VERSION,
    history_key,
    site_key,
)

log = logging.getLogger(__name__)

LOCK_KEY = "pg:migrate:lock"
LOCK_SECONDS = 600
_OLD_SITES = "pg:sites:updated"
#: Site-hash fields of layout 1 that now mean something else or live elsewhere.
_OLD_SITE_FIELDS = ("report_id", "report_key", "grade", "score", "url", "title")


@dataclass
class MigrationResult:
    """What one run did; ``to_verify`` lists (site, url) pairs worth a verification fetch."""

    ran: bool = False
    reports: int = 0
    sites: int = 0
    to_verify: list[tuple[str, str]] = field(default_factory=list)


def schema_version(client: redis.Redis) -> int:
    """The layout of the data in ``client``: 0 for an empty store, 1 before issue 9."""
    raw = client.get(SCHEMA_KEY)
    if raw is not None:
        return int(raw)
    if client.exists(_OLD_SITES) or next(iter(client.scan_iter("pg:report:*", count=100)), None):
        return 1
    return 0


def migrate(client: redis.Redis) -> MigrationResult:
    """Bring the store to SCHEMA_VERSION if it is older; a no-op when current or locked by another run."""
    version = schema_version(client)
    if version == SCHEMA_VERSION:
        return MigrationResult()
    if version == 0:
        client.set(SCHEMA_KEY, SCHEMA_VERSION)
        return MigrationResult()
    if not client.set(LOCK_KEY, "1", nx=True, ex=LOCK_SECONDS):
        log.info("store migration already running in another process")
        return MigrationResult()
    try:
        result = MigrationResult(ran=True)
        result.reports = _migrate_reports(client)
        for site, score in _old_sites(client):
            url = _migrate_site(client, site, score)
            result.sites += 1
            if url:
                result.to_verify.append((site, url))
        old_buckets = list(client.scan_iter("pg:prefix:*", count=1000))
        with client.pipeline(transaction=True) as pipe:
            for key in old_buckets:
                pipe.delete(key)
            pipe.delete(_OLD_SITES)
            pipe.set(SCHEMA_KEY, SCHEMA_VERSION)
            pipe.execute()
        log.info(
            "store migrated to layout %d: %d reports, %d sites", SCHEMA_VERSION, result.reports, result.sites
        )
        return result
    finally:
        client.delete(LOCK_KEY)


def _migrate_reports(client: redis.Redis) -> int:
    """Drop the answer fields from every stored report; returns how many were rewritten."""
    changed = 0
    for key in client.scan_iter("pg:report:*", count=500):
        raw = client.get(key)
        if raw is None:
            continue
        try:
            report = json.loads(raw)
        except ValueError:
            log.warning("migration: %s is not JSON; left as it is", key.decode(errors="replace"))
            continue
        if isinstance(report, dict) and any(name in report for name in ANSWER_FIELDS):
            client.set(
                key,
                json.dumps(
                    {k: v for k, v in report.items() if k not in ANSWER_FIELDS}, separators=(",", ":")
                ),
            )
            changed += 1
    return changed


def _old_sites(client: redis.Redis) -> Iterator[tuple[str, float]]:
    """Every site of layout 1 with its last-scored time, in pages (a big store is not read at once)."""
    start = 0
    while True:
        page = client.zrange(_OLD_SITES, start, start + 499, withscores=True)
        if not page:
            return
        for name, score in page:
            yield name.decode(), float(score)
        start += len(page)


def _migrate_site(client: redis.Redis, site: str, updated_epoch: float) -> str | None:
    """One site record and history to the current layout; returns its old (unverified) url."""
    row = {k.decode(): v.decode() for k, v in client.hgetall(site_key(site)).items()}
    old_history = [json.loads(raw) for raw in client.lrange(history_key(site), 0, -1)]
    history = _visitor_history(old_history)
    url = row.get("url") or ""
    with client.pipeline(transaction=True) as pipe:
        if row.get("report_key") or row.get("grade"):  # still layout 1 (a re-run skips this)
            pipe.hdel(site_key(site), *_OLD_SITE_FIELDS)
            pipe.hset(
                site_key(site),
                mapping={
                    "site": site,
                    "submitted_report_id": row.get("report_id", ""),
                    "submitted_url": url,
                    "submitted_at": row.get("updated_at", ""),
                },
            )
            pipe.delete(history_key(site))
            if history:
                pipe.rpush(history_key(site), *(json.dumps(entry) for entry in history))
            dropped = len(old_history) - len(history)
            if dropped:
                pipe.hincrby(site_key(site), "history_dropped", dropped)
        for name in ("first_seen", "updated_at"):
            pipe.hsetnx(site_key(site), name, row.get(name) or row.get("updated_at") or "")
        pipe.zadd(site_index.NAME, {site: 0})
        pipe.zadd(site_index.UPDATED, {site: updated_epoch})
        pipe.zadd(site_index.GRADE, {site: site_index.UNGRADED_GRADE_VALUE}, nx=True)
        pipe.zadd(site_index.SCORE, {site: site_index.UNGRADED_SCORE_VALUE}, nx=True)
        pipe.execute()
    return url or None


def _visitor_history(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Layout-1 entries marked as visitor reports, capped: the newest HISTORY_KEEP and grade changes."""
    marked = [
        {**entry, "kind": entry.get("kind") or "visitor"} for entry in entries if isinstance(entry, dict)
    ]
    # A visitor entry's grade_changed() reads its changes; the oldest one has grade_from None.
    return marked[:HISTORY_KEEP] + [
        entry for entry in marked[HISTORY_KEEP:] if grade_changed(entry) or entry is marked[-1]
    ]
