"""The worker model under the Procfile's gunicorn: idle and stalled connections do not starve the service,
and a SIGKILLed master's workers do not keep the port (issue 10, defects 2 and 7)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from procfile_service import GunicornService, alive, get_json

from api.gunicorn_worker import HEAD_TIMEOUT

pytestmark = [pytest.mark.redis, pytest.mark.slow]

IDLE_CONNECTIONS = 8


@pytest.fixture
def service(tmp_path: Path, redis_url: str) -> Iterator[GunicornService]:
    running = GunicornService(tmp_path, {"REDIS_URL": redis_url, "WEB_CONCURRENCY": "2"})
    yield running
    running.stop()


def _stalled_connection(port: int) -> socket.socket:
    """A connection that sent a request line and half a header, and will never send the rest."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Waiting: ")
    return sock


def _closed_by_server(sock: socket.socket, wait: float) -> bool:
    """Whether the server closes ``sock`` (EOF or reset) within ``wait`` seconds."""
    sock.settimeout(max(wait, 0.01))
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_healthz_answers_while_idle_connections_are_held(service: GunicornService) -> None:
    opened = time.monotonic()
    held = [_stalled_connection(service.port) for _ in range(IDLE_CONNECTIONS)]
    # One more that never sends a byte, and one that dribbles its head a byte a second.
    held.append(socket.create_connection(("127.0.0.1", service.port), timeout=5))
    dribbler = _stalled_connection(service.port)
    held.append(dribbler)
    try:
        time.sleep(0.5)  # every stalled connection has reached a worker
        timings = []
        for _ in range(5):
            started = time.monotonic()
            status, body = get_json(service.base + "/healthz", timeout=3)
            timings.append(time.monotonic() - started)
            assert status == 200 and body["redis"] == "ok"
            dribbler.sendall(b"x")
            time.sleep(1)
        assert max(timings) < 3, timings
        # The head deadline is total, not per byte (the dribbler is cut off too), and the cut-off ones
        # are closed at once, all of them by the deadline plus a margin.
        cutoff = opened + HEAD_TIMEOUT + 3
        still_open = [
            i for i, sock in enumerate(held) if not _closed_by_server(sock, cutoff - time.monotonic())
        ]
        assert still_open == [], still_open
        assert get_json(service.base + "/healthz", timeout=3)[0] == 200
    finally:
        for sock in held:
            sock.close()


def test_a_slow_but_steady_body_still_arrives(service: GunicornService) -> None:
    """Body reads get their own per-read timeout: a text sent in pieces over a few seconds is scored."""
    body = b'{"text": "' + b"We collect your email address. " * 40 + b'"}'
    with socket.create_connection(("127.0.0.1", service.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        for start in range(0, len(body), len(body) // 4 + 1):
            sock.sendall(body[start : start + len(body) // 4 + 1])
            time.sleep(1)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_workers_of_a_killed_master_release_the_port(service: GunicornService) -> None:
    workers = service.workers()
    assert len(workers) == 2
    service.process.kill()  # SIGKILL: no hook runs; PR_SET_PDEATHSIG must stop the workers
    service.process.wait()
    started = time.monotonic()
    try:
        while any(alive(pid) for pid in workers) and time.monotonic() - started < 10:
            time.sleep(0.05)
        gone_after = time.monotonic() - started
        assert not any(alive(pid) for pid in workers), "a worker outlived its SIGKILLed master"
        with socket.socket() as sock:
            # What a restarted gunicorn does: SO_REUSEADDR passes TIME_WAIT leftovers, not a listener.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", service.port))
            sock.listen()
        assert gone_after < 3, gone_after
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
