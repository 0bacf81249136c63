"""REPORT_TTL: reports no site points to expire; reports a site points to do not (issue 10, defect 6).

Real Redis, a real RQ worker for the verification, and Redis's own TTLs (no clock is faked).
"""

from __future__ import annotations

from typing import Any

import pytest
import redis
from policy_texts import NOT_A_POLICY, POLICY_V1, POLICY_V2, as_html

pytestmark = pytest.mark.redis

TTL = 3600
URL = "http://www.shop-test.example/privacy"


@pytest.fixture
def shop(site_server: Any, worker_env: Any, make_app: Any) -> Any:
    host_map = site_server.host_map("www.shop-test.example")
    worker_env(FETCH_HOST_MAP=host_map, REPORT_TTL=str(TTL))
    site_server.html("/privacy", as_html(POLICY_V1))
    return make_app(FETCH_HOST_MAP=host_map, REPORT_TTL=TTL).test_client()


def _post(client: Any, text: str, url: str | None = None) -> dict[str, Any]:
    response = client.post("/api/v1/score", json={"text": text, **({"url": url} if url else {})})
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


def _ttls(redis_url: str, report: dict[str, Any]) -> dict[str, int]:
    """TTL of each key of ``report`` (-1: never expires, -2: no such key)."""
    client = redis.Redis.from_url(redis_url)
    rid, version = report["id"], report["scorer_version"]
    keys = {
        "report": f"pg:report:{rid}:{version}",
        "version": f"pg:report-version:{rid}",
        "text": f"pg:text:{rid}",
    }
    ttls = {name: int(client.ttl(key)) for name, key in keys.items()}
    client.close()
    return ttls


def test_a_report_no_site_points_to_expires_after_report_ttl(shop: Any, redis_url: str) -> None:
    policy = _post(shop, POLICY_V2)  # no url: no site
    junk = _post(shop, NOT_A_POLICY)
    for report in (policy, junk):
        ttls = _ttls(redis_url, report)
        ttls.pop("text") if report is junk else None  # only policies keep their text
        assert all(0 < ttl <= TTL for ttl in ttls.values()), ttls
    # Served from the cache again without making it permanent.
    assert _post(shop, POLICY_V2)["cached"] is True
    assert all(0 < ttl <= TTL for ttl in _ttls(redis_url, policy).values())


def test_a_verified_report_never_expires(shop: Any, redis_url: str, run_jobs: Any) -> None:
    _post(shop, POLICY_V1, URL)
    assert run_jobs() == 1  # the worker fetched the page, scored its text and verified the site
    verified = shop.get("/api/v1/sites/shop-test.example").get_json()["current"]
    assert _ttls(redis_url, verified) == {"report": -1, "version": -1, "text": -1}
    # A visitor's later text for the site does not unpin the verified one.
    shop.application.extensions["policygrade"].config["VERIFY_ENABLED"] = False
    _post(shop, POLICY_V2, URL)
    assert set(_ttls(redis_url, verified).values()) == {-1}


def test_a_visitor_report_lives_while_it_is_the_sites_latest(shop: Any, redis_url: str) -> None:
    shop.application.extensions["policygrade"].config["VERIFY_ENABLED"] = False  # no fetch
    first = _post(shop, POLICY_V1, URL)
    assert set(_ttls(redis_url, first).values()) == {-1}
    second = _post(shop, POLICY_V2, URL)  # replaces it as the site's visitor report
    assert set(_ttls(redis_url, second).values()) == {-1}
    assert all(0 < ttl <= TTL for ttl in _ttls(redis_url, first).values()), _ttls(redis_url, first)
    # Another site pointing to the same text keeps it alive when the first site moves on.
    _post(shop, POLICY_V2, "http://www.other-shop.example/privacy")
    _post(shop, POLICY_V1, URL)
    assert set(_ttls(redis_url, second).values()) == {-1}


def test_report_ttl_zero_keeps_every_report(make_app: Any, redis_url: str) -> None:
    client = make_app(REPORT_TTL=0).test_client()
    report = _post(client, POLICY_V2)
    assert set(_ttls(redis_url, report).values()) == {-1}
