"""The RQ jobs: verify a site by fetching its policy, and re-score a site's stored text.

Both run in a worker process (``policygrade worker``), never in a request. Each process builds one
:class:`JobContext` (settings from the environment, a store on REDIS_URL, the fetcher) on first use;
RQ's forking worker builds it in the parent before the first fork, so every job starts warm.

A job records what happened on the site record and returns a small dict (kept as the RQ result):
``{"site", "status", ...}`` with status ``verified`` | ``unchanged`` | ``skipped`` | a check failure
(``blocked``, ``timeout``, ``http_error``, ``not_html``, ``too_large``, ``no_text``, ``not_a_policy``,
``off_site_redirect``, ...). Only ``verified`` ever changes a grade.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import scoring
from api.config import load_config
from api.domains import site_for_url
from api.redis_client import connect
from api.scoring_service import normalize_text, report_for, scorer_version, utc_now
from api.store import SiteStore
from api.verify.extract import ExtractionError, extract
from api.verify.fetcher import Fetcher, FetchError
from api.verify.guard import Guard
from api.verify.requests import due

log = logging.getLogger(__name__)


@dataclass
class JobContext:
    """What jobs in one process share: settings, the store, the fetcher."""

    config: dict[str, Any]
    store: SiteStore
    fetcher: Fetcher


_context: tuple[int, JobContext] | None = None


def context() -> JobContext:
    """This process's JobContext (rebuilt after a fork: a Redis connection is never shared)."""
    global _context
    if _context is None or _context[0] != os.getpid():
        config = load_config()
        if not config["REDIS_URL"]:
            raise RuntimeError("REDIS_URL is not set: the worker needs the service's Redis")
        # Longer timeouts than the web app's: a job may wait a little rather than fail its write.
        store = SiteStore(
            connect(config["REDIS_URL"], timeout=5.0),
            max_text_bytes=int(config["MAX_TEXT_BYTES"]),
            report_ttl=int(config["REPORT_TTL"]),
        )
        _context = (os.getpid(), JobContext(config, store, Fetcher(Guard.from_config(config))))
    return _context[1]


def _check(ctx: JobContext, site: str, status: str, error: str, url: str) -> dict[str, Any]:
    now, epoch = utc_now()
    ctx.store.record_check(site, status, error, url, now, epoch)
    log.info("verify %s: %s (%s)", site, status, error)
    return {"site": site, "status": status, "error": error, "url": url}


def verify_site(site: str, url: str, submitted_id: str | None = None) -> dict[str, Any]:
    """Fetch ``url``, extract and score its text, and make that the grade of ``site`` if it is a policy."""
    ctx = context()
    try:
        return _verify(ctx, site, url, submitted_id)
    finally:
        ctx.store.release_verification(site)


def _verify(ctx: JobContext, site: str, url: str, submitted_id: str | None) -> dict[str, Any]:
    _, started_epoch = utc_now()
    if submitted_id and not due(ctx.store.site_record(site), submitted_id, started_epoch, ctx.config):
        # Another job for this site ran while this one waited in the queue.
        return {"site": site, "status": "skipped", "error": "checked recently", "url": url}
    fetched_at, _ = utc_now()
    try:
        page = ctx.fetcher.fetch(url)
    except FetchError as error:
        return _check(ctx, site, error.kind, str(error), error.url or url)
    if site_for_url(page.url) != site:
        # An open redirect on the site must not let another site's page become its grade.
        return _check(ctx, site, "off_site_redirect", f"redirected to another site: {page.url}", page.url)
    try:
        extracted = extract(page)
    except ExtractionError as error:
        return _check(ctx, site, error.kind, str(error), page.url)
    normalized = normalize_text(extracted.text)
    max_bytes = int(ctx.config["MAX_TEXT_BYTES"])
    if len(normalized.encode("utf-8")) > max_bytes:
        return _check(ctx, site, "too_large", f"extracted text over {max_bytes:,} bytes", page.url)
    try:
        report, _ = report_for(ctx.store, normalized, url=page.url)
    except scoring.ScoringInputError as error:
        return _check(ctx, site, "no_text", str(error), page.url)
    if not report.get("is_policy"):
        # Never a site record for a text that is not a policy: record_check only touches existing ones.
        return _check(
            ctx, site, "not_a_policy", report.get("grade_reason") or "not a privacy policy", page.url
        )
    provenance = {
        "url": page.url,
        "requested_url": page.requested_url,
        "http_status": page.status,
        "fetched_at": fetched_at,
        "title": extracted.title,
    }
    now, epoch = utc_now()
    entry = ctx.store.record_verified(site, report, provenance, now, epoch)
    log.info("verify %s: %s grade %s from %s", site, entry["kind"], report.get("grade"), page.url)
    return {
        "site": site,
        "status": "verified",
        "kind": entry["kind"],
        "report_id": report["id"],
        "grade": report.get("grade"),
        "url": page.url,
        "matches_submitted": submitted_id == report["id"],
    }


def rescore_site(site: str, force: bool = False) -> dict[str, Any]:
    """Score ``site``'s stored verified text with the running scorer; a method change, never an alert.

    Without ``force`` a site already scored by the running version is left as it is.
    """
    ctx = context()
    record = ctx.store.site_record(site)
    if record is None or not record.get("report_id"):
        return {"site": site, "status": "skipped", "error": "not verified"}
    version = scorer_version()
    if record.get("scorer_version") == version and not force:
        return {"site": site, "status": "unchanged"}
    text = ctx.store.get_text(record["report_id"])
    if text is None:
        return {"site": site, "status": "skipped", "error": "stored text missing"}
    report, _ = report_for(ctx.store, text, url=record.get("url"))
    provenance = {
        "url": record.get("url"),
        "requested_url": record.get("requested_url"),
        "http_status": record.get("http_status"),
        "fetched_at": record.get("fetched_at"),
        "title": record.get("title"),
    }
    now, epoch = utc_now()
    # The page is unchanged: keep its verification time and fetch provenance; only the method moved on.
    entry = ctx.store.record_verified(site, report, provenance, now, epoch, rescore=True)
    return {"site": site, "status": "rescored", "kind": entry["kind"], "grade": report.get("grade")}
