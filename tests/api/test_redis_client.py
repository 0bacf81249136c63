"""api.redis_client: fail-fast clients and URL helpers."""

from __future__ import annotations

import time

import pytest
import redis

from api.redis_client import connect, describe, limiter_storage_uri


@pytest.mark.parametrize(
    ("url", "limits_url"),
    [
        ("unix:///tmp/x/redis.sock", "redis+unix:///tmp/x/redis.sock"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("rediss://u:p@cache.example:6380/1", "rediss://u:p@cache.example:6380/1"),
    ],
)
def test_limiter_storage_uri(url: str, limits_url: str) -> None:
    assert limiter_storage_uri(url) == limits_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:secret@db.example:6379/0", "redis://***@db.example:6379/0"),
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379"),
        ("unix:///var/redis.sock", "unix:///var/redis.sock"),
    ],
)
def test_describe_hides_passwords(url: str, shown: str) -> None:
    assert describe(url) == shown


@pytest.mark.redis
def test_connect_talks_to_a_real_server(redis_url: str) -> None:
    client = connect(redis_url)
    client.set("pg:test", "1")
    assert client.get("pg:test") == b"1"


def test_a_closed_port_fails_fast(closed_redis_url: str) -> None:
    client = connect(closed_redis_url, timeout=0.2)
    started = time.perf_counter()
    with pytest.raises(redis.ConnectionError):
        client.ping()
    assert time.perf_counter() - started < 2

