"""Redis faults (issue 10, defect 3): the embedded redis-server is restarted by the service when it dies;
with an external REDIS_URL the app reconnects; every POST says whether its site update was stored."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import redis
from policy_texts import POLICY_V1
from procfile_service import alive, children, free_port, get_json, post_json
from test_serve_cli import Service, _redis_processes_for, _worker_processes

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def _redis_pid(data_dir: Path) -> int:
    return int((data_dir / "redis.pid").read_text().strip())


def _post_for(base: str, site: str) -> tuple[int, Any]:
    return post_json(base + "/api/v1/score", {"text": POLICY_V1, "url": f"https://www.{site}/privacy"})


@pytest.fixture
def serve_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PORT", "POLICYGRADE_DATA_DIR"}}
    # No verification fetches: each POST's site update is the visitor record alone.
    env.update(WEB_CONCURRENCY="2", LOG_LEVEL="INFO", WARM_UP="0", VERIFY_ENABLED="0")
    # The loop below sends a few requests a second: the limits have their own tests.
    env.update(RATE_LIMIT="100000 per minute", READ_RATE_LIMIT="100000 per minute")
    return env


def test_a_killed_embedded_redis_comes_back_and_posts_say_what_was_stored(
    tmp_path: Path, serve_env: dict[str, str]
) -> None:
    data_dir = tmp_path / "var"
    port = free_port()
    service = Service(tmp_path, port, ["--port", str(port)], serve_env)
    answers: list[tuple[str, int, Any]] = []
    site_503 = []
    try:
        status, body = _post_for(service.base, "before-0.example")
        assert status == 200 and body["site_recorded"] is True
        answers.append(("before-0.example", status, body.get("site_recorded")))
        killed = _redis_pid(data_dir)
        os.kill(killed, signal.SIGKILL)
        killed_at = time.monotonic()
        back_after = None
        n = 0
        while time.monotonic() - killed_at < 20:
            n += 1
            site = f"during-{n}.example"
            status, body = _post_for(service.base, site)
            answers.append((site, status, body.get("site_recorded")))
            listed, listing = get_json(service.base + "/api/v1/sites")
            if listed == 503:
                site_503.append(listing)
            health = get_json(service.base + "/healthz")[1]
            if health["redis"] == "ok" and back_after is None and any(a[2] is False for a in answers):
                back_after = time.monotonic() - killed_at
            if back_after is not None and n > 5 and answers[-1][2] is True:
                break
            time.sleep(0.05)
        new_pid = _redis_pid(data_dir)
        # RQ's worker exits when Redis goes away; the service starts it again.
        deadline = time.monotonic() + 15
        while not set(_worker_processes()) & set(children(service.process.pid)):
            assert time.monotonic() < deadline, "no RQ worker running after the outage"
            time.sleep(0.2)
    finally:
        assert service.stop() == 0
    log = service.log.read_text()
    assert all(status == 200 for _, status, _ in answers), answers  # scoring never failed
    assert {recorded for _, _, recorded in answers} == {True, False}, answers
    assert back_after is not None and back_after < 10, back_after
    assert new_pid != killed and not alive(killed)
    assert site_503 and all(body["code"] == 503 and body["message"] for body in site_503)
    # One line when it died and one when it was back, not one per request.
    deaths = [line for line in log.splitlines() if line.startswith("embedded Redis (pid")]
    assert len(deaths) == 1 and log.count("embedded Redis restarted") == 1, log[-3000:]
    assert log.count("RQ worker exited") == 1
    assert log.count("Redis unavailable (") <= 2, "at most one outage line per web worker"
    assert _redis_processes_for(data_dir) == [], "redis-server left running after SIGTERM"

    # A restart of the whole service: every POST that said it was recorded is there.
    again = Service(tmp_path, port, ["--port", str(port)], serve_env)
    try:
        found = {site: get_json(f"{again.base}/api/v1/sites/{site}")[0] for site, _, ok in answers if ok}
    finally:
        again.stop()
    assert set(found.values()) == {200}, {site: code for site, code in found.items() if code != 200}


def test_a_redis_left_running_does_not_block_the_next_start(
    tmp_path: Path, serve_env: dict[str, str]
) -> None:
    data_dir = tmp_path / "var"
    port = free_port()
    first = Service(tmp_path, port, ["--port", str(port)], serve_env)
    assert _post_for(first.base, "kept.example")[1]["site_recorded"] is True
    first.stop()
    # Someone starts the data dir's Redis by hand (or one is left over) and leaves it running.
    from api.embedded import redis_binary

    by_hand = subprocess.Popen(
        [redis_binary(), str(data_dir / "redis.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 10
        while not (data_dir / "redis.sock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = Service(tmp_path, port, ["--port", str(port)], serve_env)
        try:
            status, _ = get_json(second.base + "/api/v1/sites/kept.example")
            assert by_hand.wait(10) == 0, "the left-over server was shut down (it saved its data first)"
        finally:
            second.stop()
        assert status == 200
        assert _redis_processes_for(data_dir) == [], "nothing left running at shutdown"
    finally:
        if by_hand.poll() is None:
            by_hand.kill()
            by_hand.wait()


def test_with_redis_url_the_app_reconnects_after_an_outage(make_app: Any, tmp_path: Path) -> None:
    """An external Redis is not the service's to restart: the same app reconnects when it is back."""
    from api.embedded import redis_binary

    port = free_port()

    def start() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [redis_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        probe = redis.Redis(port=port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                probe.ping()
                break
            except redis.RedisError:
                time.sleep(0.05)
        probe.close()
        return process

    server = start()
    try:
        client = make_app(REDIS_URL=f"redis://127.0.0.1:{port}/0", REDIS_TIMEOUT=0.2).test_client()
        body = {"text": POLICY_V1, "url": "https://www.reconnect.example/privacy"}
        assert client.post("/api/v1/score", json=body).get_json()["site_recorded"] is True
        server.kill()
        server.wait()
        down = client.post("/api/v1/score", json=body)
        assert down.status_code == 200 and down.get_json()["site_recorded"] is False
        assert client.get("/api/v1/sites/reconnect.example").status_code == 503
        server = start()
        assert client.post("/api/v1/score", json=body).get_json()["site_recorded"] is True
        assert client.get("/api/v1/sites/reconnect.example").status_code == 200
        # A text that updates no site says so with null.
        assert client.post("/api/v1/score", json={"text": POLICY_V1}).get_json()["site_recorded"] is None
    finally:
        server.kill()
        server.wait()
