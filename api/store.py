"""Redis storage: reports by text hash and scorer version, site records with provenance, indexes, history.

Each fact lives where it belongs (the data model of issue 9):

    pg:report:<id>:<scorer version>   what scoring computed from a text, plus id and scorer_version:
                                      no url, title or dates (served verbatim by GET /api/v1/reports/<id>)
    pg:report-version:<id>            the scorer version of the newest stored report for <id>
    pg:text:<id>                      zlib-compressed UTF-8 of the normalized text (policies only,
                                      at most MAX_TEXT_BYTES before compression): re-scores read it
    pg:site:<site>                    hash, the site record (fields in SITE_FIELDS): the verified
                                      report and its provenance, the latest visitor report, the
                                      latest check; the badge is one HGET of it
    pg:site:<site>:history            verified versions (JSON), newest first, capped (api.history)
    pg:idx:*                          sorted sets that list, sort and search sites (api.site_index)
    pg:prefix:<4 hex>                 set of verified sites whose sha256 hex starts with those 4 characters
    pg:verify:pending:<site>          the one pending verification of a site (expires on its own)
    pg:report-sites:<id>              sites pointing to report <id> (api.report_expiry: unpointed
                                      reports, versions and texts expire after REPORT_TTL)
    pg:schema                         layout version (api.store_migration moves older layouts up)
"""

from __future__ import annotations

import json
import logging
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis

from api import site_index
from api.domains import site_hash
from api.errors import StoreUnavailable
from api.history import HISTORY_KEEP, entry_kind, grade_changed, history_entry
from api.memo import BytesLRU
from api.redis_outage import outage
from api.report_expiry import ReportExpiry

__all__ = ["SiteStore", "StoreUnavailable", "SCHEMA_VERSION"]

log = logging.getLogger(__name__)

#: The layout this module reads and writes (1: before issue 9, reports carried url/title/dates).
SCHEMA_VERSION = 2
SCHEMA_KEY = "pg:schema"
# Optimistic-locking retries for a site's history before giving up (each retry means another
# writer touched the same site in between; a handful is plenty).
_WATCH_RETRIES = 20
SORTS = tuple(site_index.SORTS)
#: zlib level for stored policy text. Measured on the 82 OPP-115 policies: median 13.4 KB -> 4.8 KB
#: (2.8x) at under 1 ms each; about 50 ms per MB, small beside scoring that MB. Level 9 saves under
#: 1% more for 1.6x the time; level 1 is 4x faster but stores ~25% more.
TEXT_COMPRESSION_LEVEL = 6
#: Default cap on stored text (UTF-8 bytes), the API's default MAX_TEXT_BYTES.
DEFAULT_MAX_TEXT_BYTES = 2 * 1024 * 1024
#: Fields a caller may have added to a report for one answer; they are about a request, not the text.
ANSWER_FIELDS = ("url", "site", "title", "cached", "scored_at", "verification", "site_recorded")

#: The site record's fields. Verified: report_id .. verified_at; visitor: submitted_*; check: checked_*.
SITE_FIELDS = (
    "site",
    "first_seen",
    "updated_at",
    "report_id",
    "scorer_version",
    "grade",
    "score",
    "url",
    "requested_url",
    "http_status",
    "title",
    "fetched_at",
    "verified_at",
    "policy_changed_at",
    "rescored_at",
    "submitted_report_id",
    "submitted_url",
    "submitted_at",
    "checked_at",
    "checked_epoch",
    "check_status",
    "check_error",
    "check_url",
    "history_dropped",
)
_INT_FIELDS = ("score", "http_status", "history_dropped")


def report_key(report_id: str, version: str) -> str:
    """Where the report for ``report_id`` scored by ``version`` lives."""
    return f"pg:report:{report_id}:{version}"


def text_key(report_id: str) -> str:
    """Where the normalized policy text for ``report_id`` lives."""
    return f"pg:text:{report_id}"


def site_key(site: str) -> str:
    """The site record's hash."""
    return f"pg:site:{site}"


def history_key(site: str) -> str:
    """The site's history list."""
    return f"pg:site:{site}:history"


def prefix_key(prefix: str) -> str:
    """The k-anonymity bucket of 4 hex characters."""
    return f"pg:prefix:{prefix}"


def pending_key(site: str) -> str:
    """Set while a verification of ``site`` is queued or running."""
    return f"pg:verify:pending:{site}"


def encode_text(text: str, max_bytes: int) -> bytes:
    """``text`` as stored: UTF-8 cut to ``max_bytes`` (at a character boundary), zlib-compressed."""
    data = text.encode("utf-8", "replace")
    if len(data) > max_bytes:
        # "ignore" drops the partial character the cut may leave at the end.
        data = data[:max_bytes].decode("utf-8", "ignore").encode("utf-8")
    return zlib.compress(data, TEXT_COMPRESSION_LEVEL)


def decode_text(blob: bytes, max_bytes: int) -> str | None:
    """Stored bytes -> text; None if they are not what :func:`encode_text` wrote."""
    inflater = zlib.decompressobj()
    try:
        # Bounded: a corrupt or foreign value can never inflate past the cap.
        data = inflater.decompress(blob, max_bytes + 1)
    except zlib.error:
        return None
    if len(data) > max_bytes or not inflater.eof:
        return None
    return data.decode("utf-8", "replace")


def stored_report(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` without the fields that describe one answer (url, title, dates...): what is stored.

    Everything else scoring computed is kept as it is (no whitelist: new scorer fields are stored).
    """
    return {key: value for key, value in report.items() if key not in ANSWER_FIELDS}


def decode_record(row: dict[bytes, bytes]) -> dict[str, Any]:
    """A site hash from Redis -> str fields, ints where numbers, None for empty values."""
    record: dict[str, Any] = {}
    for raw_key, raw_value in row.items():
        key, value = raw_key.decode(), raw_value.decode()
        if key in _INT_FIELDS:
            record[key] = int(value) if value.lstrip("-").isdigit() else None
        else:
            record[key] = value or None
    return record


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """A site record -> an item of GET /api/v1/sites (grade only when verified)."""
    verified = bool(record.get("report_id"))
    return {
        "site": record["site"],
        "verified": verified,
        "grade": record.get("grade") if verified else None,
        "score": record.get("score") if verified else None,
        "updated_at": record.get("updated_at"),
        "first_seen": record.get("first_seen"),
        "url": record.get("url") if verified else None,
        "title": record.get("title") if verified else None,
        "report_id": record.get("report_id"),
    }


class SiteStore:
    """Reports and site records in one Redis; every method raises StoreUnavailable when it is down."""

    def __init__(
        self,
        client: redis.Redis,
        memo_bytes: int = 0,
        max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES,
        report_ttl: int = 0,
    ) -> None:
        self.redis = client
        #: Lifetime of reports no site points to (api.report_expiry); 0 keeps every report.
        self.expiry = ReportExpiry(client, report_ttl)
        #: Cap on stored policy text in UTF-8 bytes (the service passes MAX_TEXT_BYTES, its input limit).
        self.max_text_bytes = max_text_bytes
        #: Per-process copy of recently read report JSON (see api.memo); 0 bytes turns it off.
        self.memo = BytesLRU(memo_bytes)

    @contextmanager
    def _available(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as error:
            # Down, timed out, loading, read-only or out of memory: all "cannot store right now".
            # Logged once per outage (api.redis_outage), not once per call.
            outage.failed(error)
            raise StoreUnavailable() from error
        outage.succeeded()

    def ping(self) -> bool:
        """Whether Redis answers."""
        try:
            answered = bool(self.redis.ping())
        except redis.RedisError:
            return False
        outage.succeeded()
        return answered

    # Reports -----------------------------------------------------------------------------------

    def get_report_json(self, report_id: str, version: str) -> bytes | None:
        """The stored JSON for ``report_id``: this scorer version's, else the newest one stored."""
        key = report_key(report_id, version)
        raw = self.memo.get(key)
        if raw is not None:
            return raw
        with self._available():
            # One round trip for a hit and for an unknown id alike: the version is read alongside.
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.get(key)
                pipe.get(f"pg:report-version:{report_id}")
                raw, stored_version = pipe.execute()
            if raw is not None:
                self.memo.put(key, raw)
                return raw  # type: ignore[no-any-return]
            # Only the current version's bytes are memoized: "newest stored" can change.
            if stored_version is None:
                return None
            return self.redis.get(report_key(report_id, stored_version.decode()))  # type: ignore[no-any-return]

    def get_report(self, report_id: str, version: str | None = None) -> dict[str, Any] | None:
        """The report for ``report_id`` (newest scorer version stored unless ``version``)."""
        if version is None:
            with self._available():
                stored = self.redis.get(f"pg:report-version:{report_id}")
            if stored is None:
                return None
            version = stored.decode()
        raw = self.get_report_json(report_id, version)
        return json.loads(raw) if raw is not None else None

    def cached_report(self, report_id: str, version: str) -> dict[str, Any] | None:
        """The report for exactly this scorer version, or None (a cache miss)."""
        with self._available():
            raw = self.redis.get(report_key(report_id, version))
        return json.loads(raw) if raw is not None else None

    def put_report(self, report: dict[str, Any], text: str | None = None) -> None:
        """Store what scoring computed for a text (see :func:`stored_report`), with the normalized ``text``.

        The text lets the report pages show each quote inside its surrounding sentences and lets a
        re-score run without fetching again. It is kept only for policies (``is_policy``): storing every
        pasted shopping list forever would let anyone fill the server's memory. Report and text go in
        one MULTI, so a reader never sees one without the other.
        """
        # ASCII-only JSON: lone surrogates in a quote stay storable (escaped) instead of failing.
        data = json.dumps(stored_report(report), separators=(",", ":"))
        blob = encode_text(text, self.max_text_bytes) if text and report.get("is_policy") else None
        values: dict[str, Any] = {
            report_key(report["id"], report["scorer_version"]): data,
            f"pg:report-version:{report['id']}": report["scorer_version"],
        }
        if blob is not None:
            values[text_key(report["id"])] = blob
        with self._available(), self.redis.pipeline(transaction=True) as pipe:
            # One script: report, version and text get REPORT_TTL together, unless a site pinned them.
            self.expiry.put(pipe, values)
            pipe.execute()

    def has_text(self, report_id: str) -> bool:
        """Whether the policy text for ``report_id`` is stored (only policies' texts are)."""
        with self._available():
            return bool(self.redis.exists(text_key(report_id)))

    def get_text(self, report_id: str) -> str | None:
        """The normalized policy text ``report_id`` was scored from, None if it is not stored."""
        with self._available():
            blob = self.redis.get(text_key(report_id))
        if not isinstance(blob, bytes):  # None: not stored (the client never decodes responses)
            return None
        text = decode_text(blob, self.max_text_bytes)
        if text is None:
            log.warning("stored text for report %s is unreadable; ignoring it", report_id[:12])
        return text

    # Site records ------------------------------------------------------------------------------

    def record_submission(
        self, site: str, report_id: str, url: str | None, now: str, now_epoch: float
    ) -> None:
        """Note that a visitor sent the policy text ``report_id`` for ``site``: never its grade.

        A site first known this way is listed (ungraded, "not verified") until a fetch verifies it.
        """
        key = site_key(site)
        with self._available():
            previous = self.redis.hget(key, "submitted_report_id")
        with self._available(), self.redis.pipeline(transaction=True) as pipe:
            # The site points to this visitor report now, and no longer to the one it replaces.
            self.expiry.pin(pipe, report_id, site, previous.decode() if previous else None)
            pipe.hset(
                key,
                mapping={
                    "site": site,
                    "submitted_report_id": report_id,
                    "submitted_url": url or "",
                    "submitted_at": now,
                },
            )
            pipe.hsetnx(key, "first_seen", now)
            pipe.hsetnx(key, "updated_at", now)
            # NX: a verified site keeps its place in every order.
            pipe.zadd(site_index.NAME, {site: 0}, nx=True)
            pipe.zadd(site_index.UPDATED, {site: now_epoch}, nx=True)
            pipe.zadd(site_index.GRADE, {site: site_index.UNGRADED_GRADE_VALUE}, nx=True)
            pipe.zadd(site_index.SCORE, {site: site_index.UNGRADED_SCORE_VALUE}, nx=True)
            pipe.execute()

    def record_verified(
        self,
        site: str,
        report: dict[str, Any],
        provenance: dict[str, Any],
        now: str,
        now_epoch: float,
        rescore: bool = False,
    ) -> dict[str, Any]:
        """Make ``report`` (scored from text this service fetched) the site's grade; returns the new entry.

        ``provenance``: ``url`` (after redirects), ``requested_url``, ``http_status``, ``fetched_at``,
        ``title``. ``rescore`` marks a re-score of the stored text (a method change, never an alert).
        WATCH on the history list makes the read-compare-write atomic against concurrent writers of
        the same site; a conflict retries with fresh data instead of losing an entry.
        """
        key = history_key(site)
        with self._available(), self.redis.pipeline(transaction=True) as pipe:
            for _ in range(_WATCH_RETRIES):
                try:
                    pipe.watch(key)
                    head = [json.loads(raw) for raw in pipe.lrange(key, 0, 0)]
                    falling_off = pipe.lindex(key, HISTORY_KEEP - 1)
                    entry = self._write_verified(
                        pipe,
                        site,
                        report,
                        provenance,
                        now,
                        now_epoch,
                        rescore,
                        head[0] if head else None,
                        falling_off,
                    )
                    pipe.execute()
                    return entry
                except redis.WatchError:
                    continue
        raise StoreUnavailable("The site record is too busy to update; try again.")

    def _write_verified(
        self,
        pipe: Any,
        site: str,
        report: dict[str, Any],
        provenance: dict[str, Any],
        now: str,
        now_epoch: float,
        rescore: bool,
        head: dict[str, Any] | None,
        falling_off: bytes | None,
    ) -> dict[str, Any]:
        """The MULTI part of :meth:`record_verified` (``pipe`` is watching the history)."""
        hkey = history_key(site)
        kind = entry_kind(report, head, rescore)
        pipe.multi()
        if kind is None:
            assert head is not None
            entry = {
                **head,
                "last_seen": now,
                "url": provenance.get("url"),
                "http_status": provenance.get("http_status"),
            }
            pipe.lset(hkey, 0, json.dumps(entry))
        else:
            previous = head if head is not None and head.get("kind") != "visitor" else None
            entry = history_entry(report, now, previous, kind, provenance)
            if falling_off is not None and not grade_changed(json.loads(falling_off)):
                # The entry pushed past the newest HISTORY_KEEP goes unless its grade changed.
                pipe.lrem(hkey, -1, falling_off)
                pipe.hincrby(site_key(site), "history_dropped", 1)
            pipe.lpush(hkey, json.dumps(entry))
        fields = {
            "site": site,
            "report_id": report["id"],
            "scorer_version": report["scorer_version"],
            "grade": report.get("grade") or "",
            "score": "" if report.get("score") is None else str(report["score"]),
            "url": provenance.get("url") or "",
            "requested_url": provenance.get("requested_url") or "",
            "http_status": str(provenance.get("http_status") or ""),
            "title": provenance.get("title") or "",
            "fetched_at": provenance.get("fetched_at") or now,
            "verified_at": now,
            "updated_at": now,
            "checked_at": now,
            "checked_epoch": repr(now_epoch),
            "check_status": "verified",
            "check_error": "",
            "check_url": provenance.get("requested_url") or provenance.get("url") or "",
        }
        if kind in ("first", "policy_change"):
            fields["policy_changed_at"] = now
        elif kind == "method_change":
            fields["rescored_at"] = now
        if rescore:
            # Nothing was fetched: the verification and check times stay, and so does the site's
            # place in "last updated" (a method change is not news about the site's policy).
            for name in ("verified_at", "updated_at", "checked_at", "checked_epoch", "check_status",
                         "check_error", "check_url"):  # fmt: skip
                del fields[name]
        skey = site_key(site)
        # A verified report is the site's record (and its history): it never expires.
        self.expiry.pin(pipe, report["id"], f"{site}#verified")
        pipe.hset(skey, mapping=fields)
        pipe.hsetnx(skey, "first_seen", now)
        pipe.zadd(site_index.NAME, {site: 0})
        if not rescore:
            pipe.zadd(site_index.UPDATED, {site: now_epoch})
        pipe.zadd(site_index.GRADE, {site: site_index.grade_value(report.get("grade"), report.get("score"))})
        pipe.zadd(site_index.SCORE, {site: site_index.score_value(report.get("score"))})
        pipe.sadd(prefix_key(site_hash(site)[:4]), site)
        return entry

    def record_check(self, site: str, status: str, error: str, url: str, now: str, now_epoch: float) -> bool:
        """Note a verification that did not verify (fetch failed, not a policy); the grade stays.

        Only an existing record is touched: a failed check never creates a site. Returns whether it did.
        """
        key = site_key(site)
        fields = {
            "checked_at": now,
            "checked_epoch": repr(now_epoch),
            "check_status": status,
            "check_error": error,
            "check_url": url,
        }
        with self._available():
            # A Lua-free check-then-set: a record is never deleted, so the race is harmless.
            if not self.redis.exists(key):
                return False
            self.redis.hset(key, mapping=fields)
        return True

    def verified_grade(self, site: str) -> tuple[bool, str | None]:
        """``(known, grade)`` from one HMGET of the site record: the badge's whole read.

        ``grade`` is the verified grade only (None for a site known only from visitors' texts).
        """
        with self._available():
            report_id, grade = self.redis.hmget(site_key(site), ["report_id", "grade"])
        if not report_id:
            return False, None
        return True, grade.decode() if grade else None

    def site_record(self, site: str) -> dict[str, Any] | None:
        """The site hash alone (one read: the badge, the verification checks), None if unknown."""
        with self._available():
            row = self.redis.hgetall(site_key(site))
        return decode_record(row) if row else None

    def get_site(self, site: str) -> dict[str, Any] | None:
        """The site record, its verified report (``current``), history, and whether a check is pending."""
        with self._available(), self.redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(site_key(site))
            pipe.lrange(history_key(site), 0, -1)
            pipe.exists(pending_key(site))
            row, history, pending = pipe.execute()
            if not row:
                return None
            record = decode_record(row)
            raw_report = None
            if record.get("report_id") and record.get("scorer_version"):
                raw_report = self.redis.get(report_key(record["report_id"], record["scorer_version"]))
        return {
            "record": record,
            "current": json.loads(raw_report) if raw_report is not None else None,
            "history": [json.loads(raw) for raw in history],
            "pending": bool(pending),
        }

    def _summaries(self, sites: list[str]) -> list[dict[str, Any]]:
        """Site summaries for ``sites`` in one round trip (missing ones dropped)."""
        with self._available(), self.redis.pipeline(transaction=False) as pipe:
            for site in sites:
                pipe.hgetall(site_key(site))
            rows = pipe.execute()
        return [summary(decode_record(row)) for row in rows if row]

    def list_sites(
        self, limit: int, offset: int, query: str | None = None, sort: str = "updated"
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of site summaries and the total matching; ``query`` keeps names starting with it.

        Reads indexes only: the page's names from one sorted set, then their records (api.site_index).
        """
        if sort not in site_index.SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        index, newest_first = site_index.SORTS[sort]
        needle = site_index.search_prefix(query or "")
        with self._available():
            if not needle:
                names, total = self._page_of(index, newest_first, offset, limit)
            elif sort == "site":
                low, high = site_index.prefix_range(needle)
                with self.redis.pipeline(transaction=False) as pipe:
                    pipe.zlexcount(site_index.NAME, low, high)
                    pipe.zrange(site_index.NAME, low, high, bylex=True, offset=offset, num=limit)
                    total, names = pipe.execute()
            else:
                names, total = self._matching_page(needle, index, newest_first, offset, limit)
        return self._summaries([name.decode() for name in names]), int(total)

    def _page_of(self, index: str, newest_first: bool, offset: int, limit: int) -> tuple[list[bytes], int]:
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.zcard(index)
            pipe.zrange(index, offset, offset + limit - 1, desc=newest_first)
            total, names = pipe.execute()
        return names, total

    #: Above this many matching names a search walks the sort index instead of intersecting: the walk
    #: reads about (offset + limit) x sites / matches entries, few when matches are dense, while the
    #: intersection costs every match ("site0" among 100,000 sites: 229 ms vs 3 ms for a narrow one).
    DENSE_SEARCH_MATCHES = 2_000
    #: Entries read per step of that walk.
    WALK_CHUNK = 1_000

    def _matching_page(
        self, needle: str, index: str, newest_first: bool, offset: int, limit: int
    ) -> tuple[list[bytes], int]:
        """Names starting with ``needle``, in ``index`` order, and how many there are."""
        low, high = site_index.prefix_range(needle)
        total = int(self.redis.zlexcount(site_index.NAME, low, high))
        if total == 0:
            return [], 0
        if total > self.DENSE_SEARCH_MATCHES:
            return self._walked_page(needle.encode(), index, newest_first, offset, limit), total
        scratch = f"pg:tmp:search:{uuid.uuid4().hex}"
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrangestore(scratch, site_index.NAME, low, high, bylex=True)
            # Weights 0 and 1: the scratch set's members with the sort index's scores.
            pipe.zinterstore(scratch, {scratch: 0, index: 1})
            pipe.zrange(scratch, offset, offset + limit - 1, desc=newest_first)
            pipe.delete(scratch)
            _, total, names, _ = pipe.execute()
        return names, total

    def _walked_page(
        self, needle: bytes, index: str, newest_first: bool, offset: int, limit: int
    ) -> list[bytes]:
        """The page of names starting with ``needle``, read from ``index`` in order, chunk by chunk."""
        names: list[bytes] = []
        skipped = 0
        position = 0
        while len(names) < limit:
            chunk = self.redis.zrange(index, position, position + self.WALK_CHUNK - 1, desc=newest_first)
            if not chunk:
                break
            for name in chunk:
                if not name.startswith(needle):
                    continue
                if skipped < offset:
                    skipped += 1
                    continue
                names.append(name)
                if len(names) == limit:
                    break
            position += self.WALK_CHUNK
        return names

    def sites_with_prefix(self, prefix: str) -> list[dict[str, Any]]:
        """Every verified site whose sha256 hex starts with ``prefix`` (4 lowercase hex), nothing else."""
        with self._available():
            names = sorted(name.decode() for name in self.redis.smembers(prefix_key(prefix)))
        return [
            {
                "site": item["site"],
                "site_hash": site_hash(item["site"]),
                "grade": item["grade"],
                "score": item["score"],
                "report_id": item["report_id"],
                "updated_at": item["updated_at"],
            }
            for item in self._summaries(names)
            if item["verified"]
        ]

    # Verification bookkeeping ------------------------------------------------------------------

    def claim_verification(self, site: str, job_id: str, ttl_seconds: int) -> bool:
        """Take the one pending-verification slot of ``site``; False if one is already pending."""
        with self._available():
            return bool(self.redis.set(pending_key(site), job_id, nx=True, ex=ttl_seconds))

    def release_verification(self, site: str) -> None:
        """Free the slot (the job finished, or could not be queued)."""
        with self._available():
            self.redis.delete(pending_key(site))

    def verification_pending(self, site: str) -> bool:
        """Whether a verification of ``site`` is queued or running."""
        with self._available():
            return bool(self.redis.exists(pending_key(site)))
