"""Site list and name search at 1,000 and 100,000 sites: a page of 50 should cost the same (target <= 2x).

Run: ``.venv/bin/python bench/sites.py [--sizes 1000 100000] [--repeat 200]`` (about 2 min for 100k)

Fills a private redis-server through the real store (``SiteStore.record_verified``, site by site in
4 threads: its WATCH transaction is what production runs), then times ``list_sites(50, offset)``
for each sort, with name-prefix searches, at offsets 0 and near the end: p50 and p90 in ms.
Loopback only; nothing else runs against the server.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.redis_client import connect  # noqa: E402
from api.store import SiteStore  # noqa: E402
from bench._redis import private_redis  # noqa: E402

GRADES = "ABCDE"


def fill(store: SiteStore, count: int, start: int = 0) -> None:
    """Record ``count`` verified sites named site<N>.example with made-up grades and scores."""
    rng = random.Random(start)

    def one(n: int) -> None:
        site = f"site{n:06d}.example"
        grade = GRADES[n % 5]
        report = {
            "id": hashlib.sha256(site.encode()).hexdigest(),
            "scorer_version": "bench",
            "grade": grade,
            "score": rng.randint(0, 100),
            "is_policy": True,
            "risks": [],
        }
        provenance = {
            "url": f"https://{site}/privacy",
            "requested_url": f"https://{site}/privacy",
            "http_status": 200,
            "fetched_at": "2026-01-01T00:00:00Z",
            "title": "Privacy",
        }
        store.record_verified(site, report, provenance, "2026-01-01T00:00:00Z", 1_700_000_000 + n)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, range(start, start + count)))


def time_case(store: SiteStore, repeat: int, **kwargs: object) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        items, _ = store.list_sites(**kwargs)  # type: ignore[arg-type]
        samples.append((time.perf_counter() - started) * 1000)
        assert items or kwargs.get("query"), kwargs
    samples.sort()
    return {"p50_ms": statistics.median(samples), "p90_ms": samples[int(len(samples) * 0.9)]}


CASES = [
    ("updated, first page", {"sort": "updated", "offset": 0}),
    ("grade, first page", {"sort": "grade", "offset": 0}),
    ("score, first page", {"sort": "score", "offset": 0}),
    ("name, first page", {"sort": "site", "offset": 0}),
    ("updated, page near the end", {"sort": "updated", "offset": -100}),
    # 1,000 names start with "site000" at either size: the same answer size, so the same cost.
    ("search 'site000' by name", {"sort": "site", "offset": 0, "query": "site000"}),
    ("search 'site000' by grade", {"sort": "grade", "offset": 0, "query": "site000"}),
    # A broad prefix sorted by anything but name costs O(matches): 1,000 vs 10,000 here.
    ("search 'site0' by grade", {"sort": "grade", "offset": 0, "query": "site0"}),
]


def measure(url: str, sizes: list[int], repeat: int) -> dict[str, dict[str, dict[str, float]]]:
    store = SiteStore(connect(url, timeout=5.0))
    results: dict[str, dict[str, dict[str, float]]] = {}
    filled = 0
    for size in sorted(sizes):
        started = time.perf_counter()
        fill(store, size - filled, start=filled)
        filled = size
        print(f"filled {size:,} sites in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        row = {}
        for label, case in CASES:
            kwargs = {"limit": 50, **case}
            if kwargs["offset"] == -100:
                kwargs["offset"] = size - 100
            row[label] = time_case(store, repeat, **kwargs)
        results[str(size)] = row
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with private_redis() as url:
        results = measure(url, args.sizes, args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    small, large = str(min(args.sizes)), str(max(args.sizes))
    print(f"{'page of 50':<32}{'p50 ' + small:>12}{'p50 ' + large:>12}{'ratio':>8}{'p90 ' + large:>12}")
    for label, _ in CASES:
        a, b = results[small][label], results[large][label]
        print(
            f"{label:<32}{a['p50_ms']:>10.2f}ms{b['p50_ms']:>10.2f}ms{b['p50_ms'] / a['p50_ms']:>7.2f}x"
            f"{b['p90_ms']:>10.2f}ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
