"""Which client the rate limiter counts: TRUSTED_PROXIES hops of X-Forwarded-For, else the peer.

Issue 10, defect 4.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.redis

PROXY = "10.0.0.7"  # the reverse proxy: every request reaches the app from it
TEXT = {"text": "Privacy policy. We collect your email address."}


def _score_as(client: Any, forwarded_for: str) -> int:
    response = client.post(
        "/api/v1/score",
        json=TEXT,
        headers={"X-Forwarded-For": forwarded_for},
        environ_base={"REMOTE_ADDR": PROXY},
    )
    return int(response.status_code)


def test_without_trusted_proxies_every_forwarded_client_shares_the_peer_budget(make_app: Any) -> None:
    client = make_app(RATE_LIMIT="3 per minute", TRUSTED_PROXIES=0).test_client()
    statuses = [_score_as(client, f"203.0.113.{n}") for n in range(1, 6)]
    assert statuses == [200, 200, 200, 429, 429]  # the header is not believed: one client, the proxy


def test_with_one_trusted_proxy_each_forwarded_client_has_its_own_budget(make_app: Any) -> None:
    client = make_app(RATE_LIMIT="3 per minute", TRUSTED_PROXIES=1).test_client()
    distinct = [_score_as(client, f"203.0.113.{n}") for n in range(1, 31)]
    assert distinct == [200] * 30
    same = [_score_as(client, "198.51.100.9") for _ in range(4)]
    assert same == [200, 200, 200, 429]


def test_a_client_cannot_pick_its_address_by_prepending_to_the_header(make_app: Any) -> None:
    """With one hop trusted, only the address the proxy appended counts, not what the client wrote."""
    client = make_app(RATE_LIMIT="3 per minute", TRUSTED_PROXIES=1).test_client()
    statuses = [_score_as(client, f"192.0.2.{n}, 198.51.100.9") for n in range(1, 6)]
    assert statuses == [200, 200, 200, 429, 429]
