"""Redis storage: reports cached by text hash and scorer version, and per-site records with history.

Keys (prefix ``pg:``; nothing expires: site records and the reports they point at are kept for good):

    pg:report:<id>:<scorer version>   report JSON, served verbatim by GET /api/v1/reports/<id>
    pg:report-version:<id>            the scorer version of the newest stored report for <id>
    pg:text:<id>                      zlib-compressed UTF-8 of the normalized text the report scored
                                      (policies only, at most MAX_TEXT_BYTES before compression)
    pg:site:<site>                    hash: site, report_id, report_key, grade, score, url, title,
                                      first_seen, updated_at
    pg:site:<site>:history            list of history entries (JSON), newest first
    pg:sites:updated                  sorted set: site -> last scored (epoch seconds)
    pg:prefix:<4 hex>                 set of sites whose sha256 hex starts with those 4 characters
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import redis

from api.domains import site_hash
from api.errors import StoreUnavailable
from api.memo import BytesLRU

__all__ = ["SiteStore", "StoreUnavailable", "history_entry"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Optimistic-locking retries for a site's history before giving up (each retry means another
# writer touched the same site in between; a handful is plenty).
_WATCH_RETRIES = 20
SORTS = ("updated", "grade", "score", "site")
#: zlib level for stored policy text. Measured on the 82 OPP-115 policies: median 13.4 KB -> 4.8 KB
#: (2.8x) at under 1 ms each; about 50 ms per MB, small beside scoring that MB. Level 9 saves under
#: 1% more for 1.6x the time; level 1 is 4x faster but stores ~25% more.
TEXT_COMPRESSION_LEVEL = 6
#: Default cap on stored text (UTF-8 bytes), the API's default MAX_TEXT_BYTES.
DEFAULT_MAX_TEXT_BYTES = 2 * 1024 * 1024


def report_key(report_id: str, version: str) -> str:
    """Where the report for ``report_id`` scored by ``version`` lives."""
    return f"pg:report:{report_id}:{version}"


def text_key(report_id: str) -> str:
    """Where the normalized policy text for ``report_id`` lives."""
    return f"pg:text:{report_id}"


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


def _site_key(site: str) -> str:
    return f"pg:site:{site}"


def _history_key(site: str) -> str:
    return f"pg:site:{site}:history"


def _prefix_key(prefix: str) -> str:
    return f"pg:prefix:{prefix}"


def detected_risks(report: dict[str, Any]) -> list[str]:
    """Ids of the risks a report found, in report order."""
    return [risk["id"] for risk in report.get("risks") or [] if risk.get("detected")]


def history_entry(report: dict[str, Any], now: str, previous: dict[str, Any] | None) -> dict[str, Any]:
    """A history entry for ``report`` with what changed since ``previous`` (None for the first)."""
    risks = detected_risks(report)
    before = previous["risks"] if previous else risks
    return {
        "id": report["id"],
        "grade": report.get("grade"),
        "score": report.get("score"),
        "risks": risks,
        "first_seen": now,
        "last_seen": now,
        "changes": {
            "added": [r for r in risks if r not in before],
            "removed": [r for r in before if r not in risks],
            "grade_from": previous["grade"] if previous else None,
            "grade_to": report.get("grade"),
        },
    }


class SiteStore:
    """Reports and site records in one Redis; every method raises StoreUnavailable when it is down."""

    def __init__(
        self, client: redis.Redis, memo_bytes: int = 0, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES
    ) -> None:
        self.redis = client
        #: Cap on stored policy text in UTF-8 bytes (the service passes MAX_TEXT_BYTES, its input limit).
        self.max_text_bytes = max_text_bytes
        #: Per-process copy of recently read report JSON (see api.memo); 0 bytes turns it off.
        self.memo = BytesLRU(memo_bytes)

    @contextmanager
    def _available(self) -> Iterator[None]:
        try:
            yield
        except (redis.ConnectionError, redis.TimeoutError) as error:
            log.warning("Redis unavailable: %s", error)
            raise StoreUnavailable() from error
        except redis.RedisError as error:
            # e.g. a read-only replica or an out-of-memory server: still "cannot store right now".
            log.warning("Redis error: %s", error)
            raise StoreUnavailable() from error

    def _run(self, work: Callable[[], T]) -> T:
        with self._available():
            return work()

    def ping(self) -> bool:
        """Whether Redis answers."""
        try:
            return bool(self.redis.ping())
        except redis.RedisError:
            return False

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
        """Cache ``report`` under its id and scorer version, with the normalized ``text`` it scored.

        The text lets the report pages show each quote inside its surrounding sentences. It is kept
        only for policies (``is_policy``): other text gets no site page and no quotes worth a context,
        and storing every pasted shopping list forever would let anyone fill the server's memory.
        Report and text go in one MULTI, so a reader never sees one without the other.
        """
        # ASCII-only JSON: lone surrogates in a title or quote stay storable (escaped) instead of failing.
        data = json.dumps({**report, "cached": True}, separators=(",", ":"))
        blob = encode_text(text, self.max_text_bytes) if text and report.get("is_policy") else None
        with self._available(), self.redis.pipeline(transaction=True) as pipe:
            pipe.set(report_key(report["id"], report["scorer_version"]), data)
            pipe.set(f"pg:report-version:{report['id']}", report["scorer_version"])
            if blob is not None:
                pipe.set(text_key(report["id"]), blob)
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

    # Sites -------------------------------------------------------------------------------------

    def record_site(self, site: str, report: dict[str, Any], now: str, now_epoch: float) -> None:
        """Note that ``site`` serves ``report`` now: new history entry, or a later last_seen.

        WATCH on the history list makes the read-compare-write atomic against concurrent scorers
        of the same site; a conflict retries with fresh data instead of losing an entry.
        """
        history_key = _history_key(site)
        with self._available(), self.redis.pipeline(transaction=True) as pipe:
            for _ in range(_WATCH_RETRIES):
                try:
                    pipe.watch(history_key)
                    head = [json.loads(raw) for raw in pipe.lrange(history_key, 0, 1)]
                    pipe.multi()
                    if head and head[0]["id"] == report["id"]:
                        # Same policy text again (possibly rescored by a newer scorer): refresh it.
                        entry = history_entry(report, now, head[1] if len(head) > 1 else None)
                        entry["first_seen"] = head[0]["first_seen"]
                        pipe.lset(history_key, 0, json.dumps(entry))
                    else:
                        entry = history_entry(report, now, head[0] if head else None)
                        pipe.lpush(history_key, json.dumps(entry))
                    fields = {
                        "site": site,
                        "report_id": report["id"],
                        "report_key": report_key(report["id"], report["scorer_version"]),
                        "grade": report.get("grade") or "",
                        "score": "" if report.get("score") is None else str(report["score"]),
                        "url": report.get("url") or "",
                        "title": report.get("title") or "",
                        "updated_at": now,
                    }
                    pipe.hset(_site_key(site), mapping=fields)
                    pipe.hsetnx(_site_key(site), "first_seen", now)
                    pipe.zadd("pg:sites:updated", {site: now_epoch})
                    pipe.sadd(_prefix_key(site_hash(site)[:4]), site)
                    pipe.execute()
                    return
                except redis.WatchError:
                    continue
        raise StoreUnavailable("The site record is too busy to update; try again.")

    def _summaries(self, sites: list[str]) -> list[dict[str, Any]]:
        """Site hashes for ``sites`` in one round trip (missing ones dropped)."""
        with self._available(), self.redis.pipeline(transaction=False) as pipe:
            for site in sites:
                pipe.hgetall(_site_key(site))
            rows = pipe.execute()
        return [_summary(row) for row in rows if row]

    def get_site(self, site: str) -> dict[str, Any] | None:
        """``{"site", "url", "updated_at", "first_seen", "current", "history"}`` or None if unknown."""
        with self._available(), self.redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(_site_key(site))
            pipe.lrange(_history_key(site), 0, -1)
            row, history = pipe.execute()
            if not row:
                return None
            summary = _summary(row)
            raw_report = self.redis.get(row[b"report_key"].decode())
        return {
            "site": site,
            "url": summary["url"],
            "title": summary["title"],
            "first_seen": summary["first_seen"],
            "updated_at": summary["updated_at"],
            "current": json.loads(raw_report) if raw_report is not None else None,
            "history": [json.loads(raw) for raw in history],
        }

    def list_sites(
        self, limit: int, offset: int, query: str | None = None, sort: str = "updated"
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of site summaries and the total matching; ``query`` filters by substring of the name."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        with self._available():
            if sort == "updated" and not query:
                with self.redis.pipeline(transaction=False) as pipe:
                    pipe.zcard("pg:sites:updated")
                    pipe.zrevrange("pg:sites:updated", offset, offset + limit - 1)
                    total, names = pipe.execute()
                return self._summaries([name.decode() for name in names]), int(total)
            names = [name.decode() for name in self.redis.zrevrange("pg:sites:updated", 0, -1)]
        if query:
            needle = query.strip().lower()
            names = [name for name in names if needle in name]
        items = self._summaries(names)
        if sort != "updated":
            items.sort(key=_SORT_KEYS[sort])
        return items[offset : offset + limit], len(items)

    def sites_with_prefix(self, prefix: str) -> list[dict[str, Any]]:
        """Every known site whose sha256 hex starts with ``prefix`` (4 lowercase hex), nothing else."""
        with self._available():
            names = sorted(name.decode() for name in self.redis.smembers(_prefix_key(prefix)))
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
        ]


def _summary(row: dict[bytes, bytes]) -> dict[str, Any]:
    """A site hash from Redis -> the JSON shape of GET /api/v1/sites items."""
    text = {key.decode(): value.decode() for key, value in row.items()}
    return {
        "site": text["site"],
        "grade": text.get("grade") or None,
        "score": int(text["score"]) if text.get("score") else None,
        "updated_at": text.get("updated_at"),
        "first_seen": text.get("first_seen"),
        "url": text.get("url") or None,
        "title": text.get("title") or None,
        "report_id": text.get("report_id"),
    }


# Best first: grade A before E (ungraded last), higher score first, names alphabetically.
_SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "grade": lambda item: (item["grade"] or "~", -(item["score"] or -1), item["site"]),
    "score": lambda item: (-(item["score"] if item["score"] is not None else -1), item["site"]),
    "site": lambda item: item["site"],
}
