"""Public reads have their own per-client budget (READ_RATE_LIMIT), apart from scoring's. Issue 10."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.redis

READS = ["/api/v1/sites", "/api/v1/sites/examplify.co.uk", "/api/v1/reports/" + "a" * 64, "/sites", "/"]


@pytest.mark.parametrize("path", READS)
def test_each_public_read_is_limited(make_app: Any, path: str) -> None:
    client = make_app(READ_RATE_LIMIT="4 per minute").test_client()
    statuses = [client.get(path).status_code for _ in range(5)]
    assert 429 not in statuses[:4]
    assert statuses[4] == 429
    refused = client.get(path)
    assert refused.headers.get("Retry-After")


def test_reads_and_scoring_have_separate_budgets(make_app: Any) -> None:
    client = make_app(READ_RATE_LIMIT="2 per minute", RATE_LIMIT="2 per minute").test_client()
    assert [client.get("/api/v1/sites").status_code for _ in range(3)] == [200, 200, 429]
    text = {"text": "Privacy policy. We collect your email address."}
    assert [client.post("/api/v1/score", json=text).status_code for _ in range(3)] == [200, 200, 429]


def test_the_read_budget_is_shared_by_every_read(make_app: Any) -> None:
    """One budget across the JSON API and the pages: switching endpoints is no way around it."""
    client = make_app(READ_RATE_LIMIT="3 per minute").test_client()
    statuses = [client.get(path).status_code for path in ("/api/v1/sites", "/sites", "/api/v1/sites/x.co.uk")]
    assert 429 not in statuses
    assert client.get("/api/v1/sites").status_code == 429


def test_health_is_never_limited(make_app: Any) -> None:
    client = make_app(READ_RATE_LIMIT="1 per minute").test_client()
    assert {client.get("/healthz").status_code for _ in range(5)} == {200}
