"""Fixtures for verification tests: a local web server standing in for websites, and RQ workers."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: A route's answer: (status, headers, body), or a callable taking the handler that writes its own.
Route = tuple[int, dict[str, str], bytes] | Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class SiteServer:
    """A threading HTTP server on 127.0.0.1 that answers ``routes`` and counts what reaches it."""

    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    connections: int = 0
    requests: list[dict[str, Any]] = field(default_factory=list)

    def html(self, path: str, body: str, status: int = 200, **headers: str) -> None:
        """Serve ``body`` as UTF-8 HTML at ``path``."""
        self.routes[path] = (status, {"Content-Type": "text/html; charset=utf-8", **headers}, body.encode())

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``location``."""
        self.routes[path] = (status, {"Location": location}, b"")

    def host_map(self, *hosts: str) -> str:
        """A FETCH_HOST_MAP value sending ``hosts`` to this server."""
        return ",".join(f"{host}=127.0.0.1:{self.port}" for host in hosts)


@pytest.fixture
def site_server() -> Iterator[SiteServer]:
    """A local web server for the verification fetch (reached through FETCH_HOST_MAP)."""
    state = SiteServer(port=0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            state.requests.append({"path": self.path, "headers": dict(self.headers)})
            route = state.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if callable(route):
                route(self)
                return
            status, headers, body = route
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    class CountingServer(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def get_request(self) -> Any:
            request = super().get_request()
            state.connections += 1
            return request

    server = CountingServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def worker_env(monkeypatch: pytest.MonkeyPatch, redis_url: str) -> Callable[..., None]:
    """``worker_env(FETCH_HOST_MAP=...)``: the environment an in-process RQ worker's jobs read."""
    from api.verify import jobs

    def configure(**settings: str) -> None:
        monkeypatch.setenv("REDIS_URL", redis_url)
        for name, value in settings.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(jobs, "_context", None)  # rebuilt from this environment

    configure()
    return configure


@pytest.fixture
def run_jobs(redis_url: str, worker_env: Callable[..., None]) -> Callable[[], int]:
    """Run every queued job now in a real RQ SimpleWorker (burst mode); returns how many ran."""
    import redis
    from rq import Queue, SimpleWorker

    from api.verify import QUEUES

    def ended(queues: list[Any]) -> int:
        return sum(q.finished_job_registry.count + q.failed_job_registry.count for q in queues)

    def run() -> int:
        connection = redis.Redis.from_url(redis_url)
        queues = [Queue(name, connection=connection) for name in QUEUES]
        before = ended(queues)
        SimpleWorker(queues, connection=connection).work(burst=True, logging_level="WARNING")
        count = ended(queues) - before
        connection.close()
        return count

    return run


@dataclass
class LiveServer:
    """A real gunicorn serving create_app() on 127.0.0.1 (api.gunicorn_conf settings, test Redis)."""

    base: str
    port: int
    log: Any


@pytest.fixture(scope="module")
def live_server(redis_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """gunicorn on a free port with the session's Redis, no rate limit, small body limits; stopped after.

    MAX_TEXT_BYTES is 4,096, so the request body limit (twice that plus 64 KiB) is 73,728 bytes.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    workdir = tmp_path_factory.mktemp("gunicorn")
    log = (workdir / "gunicorn.log").open("wb")
    env = {
        **os.environ,
        "REDIS_URL": redis_server,
        "RATE_LIMIT_ENABLED": "0",
        "WARM_UP": "0",
        "VERIFY_ENABLED": "0",
        "MAX_TEXT_BYTES": "4096",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [str(gunicorn), "-c", "python:api.gunicorn_conf", "--bind", f"127.0.0.1:{port}", "api:create_app()"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("gunicorn did not come up: " + (workdir / "gunicorn.log").read_text())
        time.sleep(0.2)
    try:
        yield LiveServer(base=base, port=port, log=workdir / "gunicorn.log")
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
