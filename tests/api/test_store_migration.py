"""api.store_migration on a real Redis: a layout-1 store (before issue 9) moved to the current layout."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
import redis

from api import site_index
from api.domains import site_hash
from api.store import SCHEMA_KEY, SCHEMA_VERSION
from api.store_migration import migrate, schema_version

pytestmark = pytest.mark.redis


def write_layout_1(
    client: redis.Redis, site: str, versions: list[tuple[str, str]], epoch: float
) -> list[str]:
    """A site as layout 1 stored it: each (text, grade) posted in turn; returns the report ids."""
    ids, history = [], []
    for n, (text, grade) in enumerate(versions):
        rid = hashlib.sha256(text.encode()).hexdigest()
        when = f"2025-01-{n + 1:02d}T00:00:00.000Z"
        report = {
            "id": rid,
            "is_policy": True,
            "grade": grade,
            "score": 70,
            "scorer_version": "old",
            "risks": [],
            "url": f"https://www.{site}/privacy",
            "site": site,
            "title": "Privacy",
            "scored_at": when,
            "cached": True,
        }
        client.set(f"pg:report:{rid}:old", json.dumps(report))
        client.set(f"pg:report-version:{rid}", "old")
        previous = history[0] if history else None
        history.insert(
            0,
            {
                "id": rid,
                "grade": grade,
                "score": 70,
                "risks": [],
                "first_seen": when,
                "last_seen": when,
                "changes": {
                    "added": [],
                    "removed": [],
                    "grade_from": previous["grade"] if previous else None,
                    "grade_to": grade,
                },
            },
        )
        ids.append(rid)
    client.delete(f"pg:site:{site}:history")
    client.rpush(f"pg:site:{site}:history", *(json.dumps(entry) for entry in history))
    client.hset(
        f"pg:site:{site}",
        mapping={
            "site": site,
            "report_id": ids[-1],
            "report_key": f"pg:report:{ids[-1]}:old",
            "grade": versions[-1][1],
            "score": "70",
            "url": f"https://www.{site}/privacy",
            "title": "Privacy",
            "first_seen": "2025-01-01T00:00:00.000Z",
            "updated_at": history[0]["first_seen"],
        },
    )
    client.zadd("pg:sites:updated", {site: epoch})
    client.sadd(f"pg:prefix:{site_hash(site)[:4]}", site)
    return ids


def test_layout_1_becomes_visitor_reports_waiting_for_verification(redis_client: redis.Redis) -> None:
    ids = write_layout_1(redis_client, "shop.example", [("one", "C"), ("two", "A")], epoch=5.0)
    write_layout_1(redis_client, "news.example", [("three", "B")], epoch=6.0)
    assert schema_version(redis_client) == 1

    result = migrate(redis_client)

    assert (result.ran, result.reports, result.sites) == (True, 3, 2)
    assert sorted(result.to_verify) == [
        ("news.example", "https://www.news.example/privacy"),
        ("shop.example", "https://www.shop.example/privacy"),
    ]
    assert int(redis_client.get(SCHEMA_KEY)) == SCHEMA_VERSION
    report = json.loads(redis_client.get(f"pg:report:{ids[1]}:old"))
    assert not {"url", "site", "title", "scored_at", "cached"} & report.keys()
    assert report["grade"] == "A"  # findings untouched
    record = {k.decode(): v.decode() for k, v in redis_client.hgetall("pg:site:shop.example").items()}
    assert "grade" not in record and "report_id" not in record  # an unverified text grades nothing
    assert (record["submitted_report_id"], record["submitted_url"]) == (
        ids[1],
        "https://www.shop.example/privacy",
    )
    assert record["first_seen"] == "2025-01-01T00:00:00.000Z"
    history = [json.loads(raw) for raw in redis_client.lrange("pg:site:shop.example:history", 0, -1)]
    assert [(entry["id"], entry["kind"]) for entry in history] == [(ids[1], "visitor"), (ids[0], "visitor")]
    # Indexes built; layout 1's list and buckets gone (buckets now hold verified sites only).
    assert redis_client.zrange(site_index.UPDATED, 0, -1, desc=True) == [b"news.example", b"shop.example"]
    assert redis_client.zcard(site_index.NAME) == 2
    assert not redis_client.exists("pg:sites:updated")
    assert not list(redis_client.scan_iter("pg:prefix:*"))


def test_migration_runs_once_and_finishes_a_run_cut_short(redis_client: redis.Redis) -> None:
    write_layout_1(redis_client, "shop.example", [("one", "C")], epoch=1.0)
    write_layout_1(redis_client, "news.example", [("two", "B")], epoch=2.0)
    from api.store_migration import _migrate_site

    _migrate_site(redis_client, "shop.example", 1.0)  # a crash after the first site
    result = migrate(redis_client)
    assert result.sites == 2
    for site in ("shop.example", "news.example"):
        assert not redis_client.hexists(f"pg:site:{site}", "grade")
        assert redis_client.hget(f"pg:site:{site}", "submitted_report_id")
    assert migrate(redis_client).ran is False  # current: nothing to do


def test_an_empty_store_is_stamped_current(redis_client: redis.Redis) -> None:
    assert schema_version(redis_client) == 0
    assert migrate(redis_client).ran is False
    assert int(redis_client.get(SCHEMA_KEY)) == SCHEMA_VERSION


def test_a_long_history_is_capped_on_the_way(redis_client: redis.Redis) -> None:
    versions = [(f"text {n}", "B" if n < 120 else "A") for n in range(130)]
    write_layout_1(redis_client, "busy.example", versions, epoch=1.0)
    migrate(redis_client)
    history = [json.loads(raw) for raw in redis_client.lrange("pg:site:busy.example:history", 0, -1)]
    # The newest 100, then older grade changes: only the first version (it set the grade) remains.
    assert len(history) == 101
    assert history[-1]["changes"]["grade_from"] is None
    assert int(redis_client.hget("pg:site:busy.example", "history_dropped")) == 29


def test_the_app_migrates_on_start_and_serves_the_new_shape(redis_client: redis.Redis, make_app: Any) -> None:
    ids = write_layout_1(redis_client, "shop.example", [("one", "C")], epoch=1.0)
    client = make_app().test_client()
    site = client.get("/api/v1/sites/shop.example").get_json()
    assert (site["verified"], site["grade"], site["current"]) == (False, None, None)
    assert site["visitor_report"]["report_id"] == ids[0]
    assert client.get("/sites/shop.example/badge.svg").data.decode().count("not graded") >= 1
    assert "url" not in client.get(f"/api/v1/reports/{ids[0]}").get_json()
