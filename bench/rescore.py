"""Re-score throughput: S stored sites scored by an old scorer version, re-scored by 1, 2 and 4 workers.

Run: ``.venv/bin/python bench/rescore.py [--sites 10000] [--workers 1 2 4]`` (10,000 sites: ~10 min)

Fills a private redis-server with S verified sites, each with its own ~600-word stored text and a
report from scorer version "bench-old"; then, for each worker count, marks every site stale again,
drops the current version's reports (so every job really scores), queues the jobs with
``api.rescore.enqueue_rescores`` (what ``policygrade rescore`` does) and times W burst workers
until the queue is empty. Prints policies/s and per worker (target >= 100 per worker core; this
machine has 2 cores, so 4 workers cannot be faster than 2 by much).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import redis  # noqa: E402

from api.rescore import enqueue_rescores  # noqa: E402
from api.scoring_service import normalize_text, scorer_version  # noqa: E402
from api.store import SiteStore, site_key  # noqa: E402
from bench._redis import private_redis  # noqa: E402
from bench._workers import drain  # noqa: E402
from bench.api import policy_text  # noqa: E402


def fill(store: SiteStore, sites: int) -> None:
    def one(n: int) -> None:
        site = f"site{n:06d}.bench"
        text = normalize_text(policy_text(600, n))
        report = {
            "id": hashlib.sha256(text.encode()).hexdigest(),
            "scorer_version": "bench-old",
            "is_policy": True,
            "grade": "C",
            "score": 60,
            "risks": [],
        }
        store.put_report(report, text=text)
        provenance = {
            "url": f"https://{site}/privacy",
            "requested_url": f"https://{site}/privacy",
            "http_status": 200,
            "fetched_at": "2026-01-01T00:00:00Z",
            "title": "Privacy",
        }
        store.record_verified(site, report, provenance, "2026-01-01T00:00:00Z", 1_700_000_000 + n)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, range(sites)))


def make_stale(client: redis.Redis, sites: int) -> None:
    current = scorer_version()
    with client.pipeline(transaction=False) as pipe:
        for n in range(sites):
            pipe.hset(site_key(f"site{n:06d}.bench"), "scorer_version", "bench-old")
        pipe.execute()
    for key in client.scan_iter(f"pg:report:*:{current}", count=1000):
        client.delete(key)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)
    with private_redis() as url:
        client = redis.Redis.from_url(url)
        store = SiteStore(client)
        fill(store, args.sites)
        print(f"{args.sites:,} stored sites; {os.cpu_count()} cores", file=sys.stderr)
        base = None
        for workers in args.workers:
            make_stale(client, args.sites)
            queued = enqueue_rescores(client)
            seconds = drain(url, workers)
            rate = queued / seconds
            base = base or rate / workers
            print(
                f"{workers} worker(s): {queued:,} policies in {seconds:.1f} s = {rate:.1f}/s "
                f"({rate / workers:.1f} per worker; {rate / (base * workers):.0%} of linear)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
