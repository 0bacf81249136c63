"""Redis down (REDIS_URL points at a closed port): scoring still works, site endpoints 503, never a 500."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from policy_texts import POLICY_V1

pytestmark = pytest.mark.redis


@pytest.fixture
def down_client(make_app: Any, closed_redis_url: str) -> Any:
    return make_app(REDIS_URL=closed_redis_url, REDIS_TIMEOUT=0.2).test_client()


def test_score_still_answers_uncached(
    down_client: Any, scorer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="api"):
        started = time.perf_counter()
        first = down_client.post("/api/v1/score", json={"text": POLICY_V1, "url": "https://www.a.example/p"})
        second = down_client.post("/api/v1/score", json={"text": POLICY_V1, "url": "https://www.a.example/p"})
        elapsed = time.perf_counter() - started
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.json["cached"], second.json["cached"]) == (False, False)
    assert first.json["grade"] == second.json["grade"]
    assert any("Redis unavailable" in record.getMessage() for record in caplog.records)
    assert elapsed < 5, "a Redis outage must fail fast"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/sites",
        "/api/v1/sites/example.com",
        "/api/v1/sites/prefix/abcd",
        "/api/v1/reports/" + "a" * 64,
    ],
)
def test_site_and_report_endpoints_are_503_with_the_envelope(down_client: Any, path: str) -> None:
    response = down_client.get(path)
    assert response.status_code == 503
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert body["code"] == 503
    assert body["message"] == "The report store is unavailable; try again later."  # no driver error text


def test_healthz_degraded(down_client: Any) -> None:
    response = down_client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "degraded"
    assert response.get_json()["redis"] == "unavailable"


def test_bad_input_is_still_a_4xx(down_client: Any) -> None:
    assert down_client.post("/api/v1/score", json={"text": " "}).status_code == 422
    assert down_client.get("/api/v1/sites/prefix/zz").status_code == 422


def test_rate_limiter_without_redis_never_500s(make_app: Any, closed_redis_url: str) -> None:
    client = make_app(REDIS_URL=closed_redis_url, REDIS_TIMEOUT=0.2, RATE_LIMIT="2 per minute").test_client()
    statuses = {client.post("/api/v1/score", json={"text": ""}).status_code for _ in range(4)}
    assert statuses <= {422, 429}


def test_the_app_starts_and_warms_up_without_redis(make_app: Any, closed_redis_url: str, scorer: Any) -> None:
    client = make_app(REDIS_URL=closed_redis_url, REDIS_TIMEOUT=0.2, WARM_UP=True).test_client()
    assert client.post("/api/v1/score", json={"text": POLICY_V1}).status_code == 200
