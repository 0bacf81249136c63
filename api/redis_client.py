"""Redis clients that fail fast: short socket timeouts and a single retry, so an outage costs milliseconds."""

from __future__ import annotations

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def connect(url: str, timeout: float = 0.5) -> redis.Redis:
    """A client for ``url`` (redis://, rediss:// or unix://); does not touch the network yet."""
    return redis.Redis.from_url(
        url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        # One immediate retry covers a pooled connection that a Redis restart closed; more would only
        # multiply the wait during an outage.
        retry=Retry(NoBackoff(), 1),
        health_check_interval=30,
    )


def limiter_storage_uri(url: str) -> str:
    """The same server in the URL syntax of the ``limits`` package (flask-limiter's storage)."""
    if url.startswith("unix://"):
        return "redis+unix://" + url[len("unix://") :]
    return url


def describe(url: str) -> str:
    """The URL without a password, for logs."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return scheme + sep + rest
