"""A throwaway redis-server on a free loopback port for the benchmarks (no persistence), stopped after."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _binary() -> str:
    if os.access("/usr/bin/redis-server", os.X_OK):
        return "/usr/bin/redis-server"
    from api.embedded import redis_binary

    return redis_binary()


@contextmanager
def private_redis() -> Iterator[str]:
    """Yield the URL of a fresh redis-server; it is terminated on exit."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)
