"""api.store.SiteStore on a real Redis: report cache, site records, history, indexes, buckets, outages."""

from __future__ import annotations

import hashlib
import threading
import zlib
from typing import Any

import pytest
import redis

from api.domains import site_hash
from api.redis_client import connect
from api.store import SiteStore, StoreUnavailable

pytestmark = pytest.mark.redis


def make_report(
    text: str, grade: str | None, score: int | None, risks: list[str], version: str = "1"
) -> dict[str, Any]:
    """A report dict shaped like the API's (content made up; the store only reads these fields)."""
    return {
        "id": hashlib.sha256(text.encode()).hexdigest(),
        "is_policy": grade is not None,
        "grade": grade,
        "score": score,
        "scorer_version": version,
        "url": "https://www.example.com/privacy",
        "title": "Privacy",
        "risks": [
            {"id": rid, "detected": rid in risks, "severity": "high" if rid in risks else "none"}
            for rid in ("broad_disclosure", "no_opt_out", "retention_after_deletion")
        ],
    }


@pytest.fixture
def store(redis_url: str) -> SiteStore:
    return SiteStore(connect(redis_url))


def fetched(url: str = "https://www.example.com/privacy", when: str = "2025-01-01T00:00:00.000Z") -> dict:
    """Provenance of a verification fetch of ``url``."""
    return {"url": url, "requested_url": url, "http_status": 200, "fetched_at": when, "title": "Privacy"}


def verify(
    store: SiteStore, site: str, report: dict[str, Any], when: str, epoch: float, **kwargs: Any
) -> dict:
    """Record ``report`` as ``site``'s verified report, fetched at ``when``."""
    return store.record_verified(site, report, fetched(when=when), when, epoch, **kwargs)


def test_report_round_trip_is_keyed_by_scorer_version(store: SiteStore) -> None:
    report = make_report("v1 text", "C", 60, ["broad_disclosure"], version="1")
    store.put_report(report)
    assert store.cached_report(report["id"], "1")["grade"] == "C"
    assert store.cached_report(report["id"], "2") is None  # another scorer version is a miss
    # Reading by id falls back to the newest stored version when the current one has none.
    assert store.get_report(report["id"])["scorer_version"] == "1"
    assert store.get_report_json(report["id"], "2") is not None
    assert store.get_report("0" * 64) is None


def test_a_stored_report_holds_what_scoring_computed_and_nothing_about_a_request(store: SiteStore) -> None:
    answer = {
        **make_report("t", "A", 95, []),
        "cached": False,
        "site": "example.com",
        "scored_at": "2025-01-01T00:00:00.000Z",
        "verification": {"status": "queued"},
        # A field a later scorer adds is kept as it is: the store does not whitelist findings.
        "good_practices": [{"id": "clear_contact"}],
    }
    store.put_report(answer)
    stored = store.cached_report(answer["id"], "1")
    for name in ("url", "title", "site", "cached", "scored_at", "verification"):
        assert name not in stored, name
    assert stored["good_practices"] == [{"id": "clear_contact"}]
    assert stored["risks"] == answer["risks"] and stored["grade"] == "A"


def test_history_records_each_distinct_version_newest_first(store: SiteStore) -> None:
    first = make_report("first", "C", 60, ["broad_disclosure", "retention_after_deletion"])
    second = make_report("second", "B", 75, ["broad_disclosure", "no_opt_out"])
    store.put_report(first)
    store.put_report(second)
    verify(store, "example.com", first, "2025-01-01T00:00:00.000Z", 1.0)
    verify(store, "example.com", first, "2025-01-02T00:00:00.000Z", 2.0)  # seen again
    verify(store, "example.com", second, "2025-01-03T00:00:00.000Z", 3.0)

    site = store.get_site("example.com")
    assert site["current"]["id"] == second["id"]
    assert [entry["id"] for entry in site["history"]] == [second["id"], first["id"]]
    newest, oldest = site["history"]
    assert (oldest["kind"], newest["kind"]) == ("first", "policy_change")
    assert oldest["first_seen"] == "2025-01-01T00:00:00.000Z"
    assert oldest["last_seen"] == "2025-01-02T00:00:00.000Z"
    assert oldest["changes"] == {"added": [], "removed": [], "grade_from": None, "grade_to": "C"}
    assert newest["changes"] == {
        "added": ["no_opt_out"],
        "removed": ["retention_after_deletion"],
        "grade_from": "C",
        "grade_to": "B",
    }


def test_returning_to_an_older_policy_is_a_new_history_entry(store: SiteStore) -> None:
    a, b = make_report("a", "A", 90, []), make_report("b", "D", 40, ["no_opt_out"])
    for n, report in enumerate((a, b, a)):
        store.put_report(report)
        verify(store, "example.com", report, f"2025-01-0{n + 1}T00:00:00.000Z", float(n))
    history = store.get_site("example.com")["history"]
    assert [entry["grade"] for entry in history] == ["A", "D", "A"]
    assert history[0]["changes"]["removed"] == ["no_opt_out"]


def test_concurrent_writers_lose_no_history(store: SiteStore, redis_url: str) -> None:
    reports = [make_report(f"version {n}", "C", 50 + n, []) for n in range(16)]
    barrier = threading.Barrier(len(reports))

    def write(report: dict[str, Any]) -> None:
        own = SiteStore(connect(redis_url))  # one connection per writer, like separate workers
        barrier.wait()
        verify(own, "busy.example", report, "2025-01-01T00:00:00.000Z", 1.0)

    threads = [threading.Thread(target=write, args=(report,)) for report in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    history = store.get_site("busy.example")["history"]
    assert sorted(entry["id"] for entry in history) == sorted(report["id"] for report in reports)


def test_unknown_site_is_none(store: SiteStore) -> None:
    assert store.get_site("nowhere.example") is None


def _record(store: SiteStore, site: str, grade: str, score: int, when: float) -> None:
    report = make_report(site, grade, score, [])
    store.put_report(report)
    verify(store, site, report, f"2025-01-01T00:00:{int(when):02d}.000Z", when)


def test_list_sites_pages_by_most_recent(store: SiteStore) -> None:
    for n, site in enumerate(["a.example", "b.example", "c.example"]):
        _record(store, site, "B", 70, float(n))
    items, total = store.list_sites(limit=2, offset=0)
    assert total == 3
    assert [item["site"] for item in items] == ["c.example", "b.example"]
    items, _ = store.list_sites(limit=2, offset=2)
    assert [item["site"] for item in items] == ["a.example"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("grade", ["best.example", "mid.example", "worst.example"]),
        ("score", ["best.example", "mid.example", "worst.example"]),
        ("site", ["best.example", "mid.example", "worst.example"]),
        ("updated", ["worst.example", "mid.example", "best.example"]),
    ],
)
def test_list_sites_sorts(store: SiteStore, sort: str, expected: list[str]) -> None:
    _record(store, "best.example", "A", 95, 1)
    _record(store, "mid.example", "C", 60, 2)
    _record(store, "worst.example", "E", 10, 3)
    items, total = store.list_sites(limit=10, offset=0, sort=sort)
    assert [item["site"] for item in items] == expected
    assert total == 3


def test_list_sites_filters_by_query(store: SiteStore) -> None:
    _record(store, "shop.example", "A", 95, 1)
    _record(store, "news.example", "C", 60, 2)
    items, total = store.list_sites(limit=10, offset=0, query="SHOP")
    assert (total, [item["site"] for item in items]) == (1, ["shop.example"])


def test_prefix_bucket_holds_exactly_the_matching_sites(store: SiteStore) -> None:
    sites = [f"site{n}.example" for n in range(40)]
    for n, site in enumerate(sites):
        _record(store, site, "B", 70, float(n))
    prefix = site_hash(sites[0])[:4]
    found = store.sites_with_prefix(prefix)
    assert [item["site"] for item in found] == sorted(s for s in sites if site_hash(s).startswith(prefix))
    assert all(item["site_hash"] == site_hash(item["site"]) for item in found)
    other = next(p for p in ("0000", "ffff", "1234") if not any(site_hash(s).startswith(p) for s in sites))
    assert store.sites_with_prefix(other) == []


def test_store_raises_store_unavailable_when_redis_is_down(closed_redis_url: str) -> None:
    store = SiteStore(connect(closed_redis_url, timeout=0.2))
    assert store.ping() is False
    report = make_report("x", "A", 90, [])
    calls = [
        lambda: store.get_site("example.com"),
        lambda: store.list_sites(10, 0),
        lambda: store.sites_with_prefix("abcd"),
        lambda: store.get_report(report["id"]),
        lambda: store.put_report(report),
        lambda: verify(store, "example.com", report, "2025-01-01T00:00:00.000Z", 1.0),
        lambda: store.record_submission("example.com", report["id"], None, "2025-01-01T00:00:00.000Z", 1.0),
        lambda: store.verified_grade("example.com"),
    ]
    for call in calls:
        with pytest.raises(StoreUnavailable):
            call()


def test_nothing_is_given_an_expiry(store: SiteStore, redis_client: redis.Redis) -> None:
    _record(store, "keep.example", "A", 95, 1)
    assert all(redis_client.ttl(key) == -1 for key in redis_client.keys("pg:*"))


def test_report_reads_are_memoized_per_process_only_for_the_current_version(redis_url: str) -> None:
    client = connect(redis_url)
    store = SiteStore(client, memo_bytes=1 << 20)
    report = make_report("memo", "B", 70, [], version="1")
    store.put_report(report)
    first = store.get_report_json(report["id"], "1")
    client.delete(f"pg:report:{report['id']}:1")  # gone from Redis: the memo still has the bytes
    assert store.get_report_json(report["id"], "1") == first
    # A fallback read (asking for version 2, served version 1's bytes) is not memoized.
    other = make_report("memo 2", "C", 60, [], version="1")
    store.put_report(other)
    assert store.get_report_json(other["id"], "2") is not None
    client.delete(f"pg:report:{other['id']}:1")
    assert store.get_report_json(other["id"], "2") is None
    # Without a memo every read goes to Redis.
    plain = SiteStore(client)
    assert plain.get_report_json(report["id"], "1") is None


# Policy text kept beside the report (pg:text:<id>) --------------------------------------------------

POLICY_TEXT = (
    "Privacy Policy\n\nWe collect your e-mail address. We may share it with partners whenever we like.\n"
    "Copies stay in our backups after you delete your account. Write to us with any question.\n"
)


def test_policy_text_is_stored_with_the_report_and_read_back(store: SiteStore, redis_client) -> None:
    report = make_report(POLICY_TEXT, "C", 60, ["broad_disclosure"])
    store.put_report(report, text=POLICY_TEXT)
    assert store.get_text(report["id"]) == POLICY_TEXT
    assert store.has_text(report["id"]) is True
    # Stored compressed (a long policy takes a fraction of its size) and, like everything, for good.
    long_text = POLICY_TEXT * 200
    long_report = make_report(long_text, "C", 60, [])
    store.put_report(long_report, text=long_text)
    stored = redis_client.get(f"pg:text:{long_report['id']}")
    assert len(stored) < len(long_text.encode()) // 4
    assert redis_client.ttl(f"pg:text:{long_report['id']}") == -1
    assert store.get_text(long_report["id"]) == long_text


@pytest.mark.parametrize(
    ("grade", "text", "stored"),
    [
        ("C", POLICY_TEXT, True),  # a policy: its page shows quotes in context
        (None, POLICY_TEXT, False),  # not a policy: no page context needed, nothing kept for good
        ("C", None, False),  # no text given (old callers)
        ("C", "", False),
    ],
)
def test_text_is_kept_only_for_policies(store: SiteStore, grade, text, stored: bool) -> None:
    report = make_report(POLICY_TEXT, grade, 60 if grade else None, [])
    store.put_report(report, text=text)
    assert store.has_text(report["id"]) is stored
    assert (store.get_text(report["id"]) is not None) is stored


@pytest.mark.parametrize(
    ("text", "cap", "kept"),
    [
        ("abcdef", 6, "abcdef"),  # exactly at the cap: whole
        ("abcdefgh", 6, "abcdef"),  # over: cut at the cap
        ("ab\u00e9\u00e9", 5, "ab\u00e9"),  # the cut would split an é (2 bytes): the partial one goes
        ("\U0001f600\U0001f600", 7, "\U0001f600"),  # 4-byte characters
    ],
)
def test_stored_text_is_capped_at_max_text_bytes(redis_url: str, text: str, cap: int, kept: str) -> None:
    store = SiteStore(connect(redis_url), max_text_bytes=cap)
    report = make_report(text, "B", 80, [])
    store.put_report(report, text=text)
    assert store.get_text(report["id"]) == kept


@pytest.mark.parametrize(
    "blob",
    [b"not zlib at all", b"", zlib.compress(b"x" * 100)[:-4], zlib.compress(b"y" * 5000)],
    ids=["garbage", "empty", "truncated", "inflates-past-cap"],
)
def test_unreadable_stored_text_is_none(redis_url: str, redis_client, blob: bytes) -> None:
    store = SiteStore(connect(redis_url), max_text_bytes=1000)
    redis_client.set("pg:text:" + "a" * 64, blob)
    assert store.get_text("a" * 64) is None


def test_text_reads_raise_store_unavailable_when_redis_is_down(closed_redis_url: str) -> None:
    store = SiteStore(connect(closed_redis_url, timeout=0.2))
    for call in (
        lambda: store.get_text("a" * 64),
        lambda: store.has_text("a" * 64),
    ):
        with pytest.raises(StoreUnavailable):
            call()


# Site records: verified versus visitor-reported ----------------------------------------------------


def test_two_sites_sharing_one_text_keep_their_own_urls(store: SiteStore) -> None:
    shared = make_report("one text, two sites", "B", 75, [])
    store.put_report(shared)
    store.record_verified(
        "one.example", shared, fetched("https://one.example/privacy"), "2025-01-01T00:00:00Z", 1
    )
    store.record_verified(
        "two.example", shared, fetched("https://two.example/legal"), "2025-01-02T00:00:00Z", 2
    )
    one, two = store.get_site("one.example"), store.get_site("two.example")
    assert one["record"]["url"] == "https://one.example/privacy"
    assert two["record"]["url"] == "https://two.example/legal"
    assert one["current"]["id"] == two["current"]["id"] == shared["id"]
    assert "url" not in one["current"]  # the report itself names no site
    assert one["history"][0]["url"] == "https://one.example/privacy"


def test_a_visitor_submission_lists_the_site_without_a_grade(store: SiteStore) -> None:
    report = make_report("visitor text", "A", 95, [])
    store.put_report(report)
    store.record_submission(
        "shop.example", report["id"], "https://shop.example/p", "2025-01-01T00:00:00Z", 5.0
    )
    record = store.site_record("shop.example")
    assert record["submitted_report_id"] == report["id"] and not record.get("report_id")
    assert store.verified_grade("shop.example") == (False, None)
    (item,), total = store.list_sites(10, 0)
    assert (total, item["site"], item["verified"], item["grade"], item["url"]) == (
        1,
        "shop.example",
        False,
        None,
        None,
    )
    assert store.sites_with_prefix(site_hash("shop.example")[:4]) == []  # buckets hold verified sites only
    assert store.get_site("shop.example")["current"] is None


def test_verification_after_a_submission_grades_the_site_and_keeps_first_seen(store: SiteStore) -> None:
    visitor = make_report("visitor text", "A", 95, [])
    fetched_report = make_report("fetched text", "D", 45, ["no_opt_out"])
    store.record_submission("shop.example", visitor["id"], None, "2025-01-01T00:00:00Z", 1.0)
    store.put_report(fetched_report)
    verify(store, "shop.example", fetched_report, "2025-01-02T00:00:00Z", 2.0)
    record = store.site_record("shop.example")
    assert (record["grade"], record["first_seen"]) == ("D", "2025-01-01T00:00:00Z")
    assert record["submitted_report_id"] == visitor["id"]  # kept beside it, for the page to compare
    assert store.verified_grade("shop.example") == (True, "D")
    # A later submission changes nothing about the grade or the order of the lists.
    store.record_submission("shop.example", visitor["id"], None, "2025-01-03T00:00:00Z", 3.0)
    assert store.verified_grade("shop.example") == (True, "D")
    assert store.list_sites(10, 0, sort="grade")[0][0]["grade"] == "D"


def test_a_failed_check_keeps_the_grade_and_never_creates_a_site(store: SiteStore) -> None:
    assert (
        store.record_check("ghost.example", "fetch_failed", "timed out", "https://ghost.example/", "t", 1)
        is False
    )
    assert store.site_record("ghost.example") is None
    report = make_report("kept", "B", 72, [])
    store.put_report(report)
    verify(store, "kept.example", report, "2025-01-01T00:00:00Z", 1.0)
    assert store.record_check("kept.example", "fetch_failed", "HTTP 503", "https://kept.example/", "later", 2)
    record = store.site_record("kept.example")
    assert (record["grade"], record["report_id"], record["check_status"]) == (
        "B",
        report["id"],
        "fetch_failed",
    )


def test_the_same_text_rescored_is_a_method_change(store: SiteStore) -> None:
    old = make_report("policy", "C", 60, ["no_opt_out"], version="1")
    new = make_report("policy", "B", 72, [], version="2")
    verify(store, "example.com", old, "2025-01-01T00:00:00Z", 1.0)
    entry = verify(store, "example.com", new, "2025-02-01T00:00:00Z", 2.0, rescore=True)
    assert entry["kind"] == "method_change"
    record = store.site_record("example.com")
    assert (record["scorer_version"], record["grade"], record["rescored_at"]) == (
        "2",
        "B",
        "2025-02-01T00:00:00Z",
    )
    assert record["policy_changed_at"] == "2025-01-01T00:00:00Z"  # the policy itself did not change


def test_history_keeps_the_newest_versions_and_every_grade_change(
    store: SiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.store

    monkeypatch.setattr(api.store, "HISTORY_KEEP", 5)
    grades = ["C", "C", "B", "B", "B", "B", "A", "A", "A", "A", "A", "A", "A", "A"]  # 14 versions
    for n, grade in enumerate(grades):
        verify(store, "busy.example", make_report(f"v{n}", grade, 50, []), f"2025-01-01T00:00:{n:02d}Z", n)
    history = store.get_site("busy.example")["history"]
    seen = [int(entry["first_seen"][-3:-1]) for entry in history]
    # Newest 5 (13..9), then the versions that changed the grade: 6 (B->A), 2 (C->B), 0 (first).
    assert seen == [13, 12, 11, 10, 9, 6, 2, 0]
    assert store.site_record("busy.example")["history_dropped"] == len(grades) - len(seen)


def _verified_and_visitor_sites(store: SiteStore) -> None:
    for site, grade, score, when in [
        ("apple.example", "B", 75, 3),
        ("apricot.example", "A", 90, 1),
        ("banana.example", "E", 20, 2),
    ]:
        _record(store, site, grade, score, when)
    store.record_submission("avocado.example", "f" * 64, None, "2025-01-01T00:00:09.000Z", 9.0)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("grade", ["apricot.example", "apple.example", "banana.example", "avocado.example"]),
        ("score", ["apricot.example", "apple.example", "banana.example", "avocado.example"]),
        ("site", ["apple.example", "apricot.example", "avocado.example", "banana.example"]),
        ("updated", ["avocado.example", "apple.example", "banana.example", "apricot.example"]),
    ],
)
def test_unverified_sites_sort_after_every_graded_one(
    store: SiteStore, sort: str, expected: list[str]
) -> None:
    _verified_and_visitor_sites(store)
    items, total = store.list_sites(10, 0, sort=sort)
    assert ([item["site"] for item in items], total) == (expected, 4)


@pytest.mark.parametrize("sort", ["grade", "score", "site", "updated"])
def test_name_prefix_search_pages_in_every_order(store: SiteStore, sort: str) -> None:
    _verified_and_visitor_sites(store)
    everything, _ = store.list_sites(10, 0, sort=sort)
    expected = [item["site"] for item in everything if item["site"].startswith("ap")]
    first, total = store.list_sites(1, 0, query="https://www.AP", sort=sort)
    second, _ = store.list_sites(1, 1, query="ap", sort=sort)
    assert total == 2
    assert [item["site"] for item in first + second] == expected
    assert store.list_sites(10, 0, query="zz", sort=sort) == ([], 0)
    assert not any(key.startswith(b"pg:tmp") for key in store.redis.keys("*"))  # scratch sets are gone


@pytest.mark.parametrize("sort", ["grade", "score", "updated"])
def test_a_dense_search_walks_the_sort_index_with_the_same_answer(
    store: SiteStore, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _verified_and_visitor_sites(store)
    by_intersection = [store.list_sites(1, offset, query="ap", sort=sort) for offset in range(3)]
    monkeypatch.setattr(SiteStore, "DENSE_SEARCH_MATCHES", 0)  # every search is "dense"
    monkeypatch.setattr(SiteStore, "WALK_CHUNK", 1)  # and read one entry per step
    by_walk = [store.list_sites(1, offset, query="ap", sort=sort) for offset in range(3)]
    assert by_walk == by_intersection
    assert [total for _, total in by_walk] == [2, 2, 2] and by_walk[2][0] == []
