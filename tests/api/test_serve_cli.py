"""`policygrade serve`: gunicorn + embedded Redis; SIGTERM leaves no redis-server; a restart reads disk."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from policy_texts import POLICY_V1, as_html

pytestmark = [pytest.mark.redis, pytest.mark.slow]

POLICYGRADE = Path(sys.executable).with_name("policygrade")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _redis_processes_for(data_dir: Path) -> list[int]:
    """Pids of live redis-server processes whose command line mentions ``data_dir``."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "status").read_text()
        except OSError:
            continue
        if "redis-server" in cmdline and str(data_dir) in cmdline and "zombie" not in state:
            pids.append(int(proc.name))
    return pids


class Service:
    """One `policygrade serve` process in ``workdir`` with the environment given."""

    def __init__(self, workdir: Path, port: int, args: list[str], env: dict[str, str]) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.log = workdir / f"serve-{port}-{time.monotonic_ns()}.log"
        self.process = subprocess.Popen(
            [str(POLICYGRADE), "serve", *args],
            cwd=workdir,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(self.base + "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("policygrade serve did not come up:\n" + self.log.read_text())
            time.sleep(0.2)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail("policygrade serve ignored SIGTERM:\n" + self.log.read_text())


@pytest.fixture
def serve_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PORT", "POLICYGRADE_DATA_DIR"}}
    env.update(WEB_CONCURRENCY="2", LOG_LEVEL="INFO")
    return env


def _worker_processes() -> list[int]:
    """Pids of live `policygrade worker` processes started by a serve (their name says so)."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "status").read_text()
        except OSError:
            continue
        ours = any(arg.startswith(b"serve-") for arg in cmdline)
        if b"api.cli" in cmdline and b"worker" in cmdline and ours and "zombie" not in state:
            pids.append(int(proc.name))
    return pids


def _wait_for_site(base: str, site: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = _get(f"{base}/api/v1/sites/{site}")
        if status == 200 and body["verified"]:
            return body
        time.sleep(0.2)
    pytest.fail(f"{site} was not verified by the service's own worker")


def test_sigterm_stops_redis_and_a_restart_serves_from_disk(
    tmp_path: Path, serve_env: dict[str, str], scorer: Any, site_server: Any
) -> None:
    data_dir = tmp_path / "var"  # the default ./var, relative to the working directory
    site_server.html("/p", as_html(POLICY_V1))
    serve_env["FETCH_HOST_MAP"] = site_server.host_map("www.examplify.co.uk")
    port = free_port()
    workers_before = set(_worker_processes())
    first = Service(tmp_path, port, ["--port", str(port)], serve_env)
    try:
        report = _post(first.base + "/api/v1/score", {"text": POLICY_V1, "url": "http://www.examplify.co.uk/p"})
        # The one RQ worker serve runs beside the embedded Redis fetches the page and grades the site.
        verified = _wait_for_site(first.base, "examplify.co.uk")
        health = _get(first.base + "/healthz")[1]
        redis_pids = _redis_processes_for(data_dir)
        serve_workers = set(_worker_processes()) - workers_before
    finally:
        assert first.stop() == 0
    assert len(serve_workers) == 1, "serve with the embedded Redis runs exactly one RQ worker"
    assert not set(_worker_processes()) & serve_workers, "RQ worker left running after SIGTERM"
    assert verified["visitor_report"]["report_id"] == report["id"]
    assert health["redis"] == "ok"
    assert len(redis_pids) == 1, "exactly one embedded redis-server per service, not one per worker"
    log = first.log.read_text()
    assert "embedded" in log and str(data_dir) in log  # the log says which Redis is in use
    assert '"POST /api/v1/score HTTP/1.1" 200' in log  # access log
    assert _redis_processes_for(data_dir) == [], "redis-server left running after SIGTERM"

    # PORT from the environment works too.
    port = free_port()
    second = Service(tmp_path, port, [], {**serve_env, "PORT": str(port)})
    try:
        assert _redis_processes_for(data_dir) not in ([], redis_pids)  # a new server process
        status, site = _get(second.base + "/api/v1/sites/examplify.co.uk")
    finally:
        assert second.stop() == 0
    assert status == 200
    assert site["current"]["id"] == verified["current"]["id"]
    assert _redis_processes_for(data_dir) == []


def test_serve_uses_redis_url_when_set(tmp_path: Path, serve_env: dict[str, str], redis_url: str) -> None:
    port = free_port()
    args = ["--port", str(port), "--workers", "1"]
    service = Service(tmp_path, port, args, {**serve_env, "REDIS_URL": redis_url})
    try:
        assert _get(service.base + "/healthz")[1]["redis"] == "ok"
    finally:
        service.stop()
    assert not (tmp_path / "var").exists(), "no embedded Redis when REDIS_URL is set"


@pytest.mark.parametrize("args", [["--port", "0"], ["--port", "http"], ["--bogus"]])
def test_bad_serve_arguments_are_usage_errors(args: list[str]) -> None:
    result = subprocess.run([str(POLICYGRADE), "serve", *args], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_one_console_script_serves_and_scores() -> None:
    result = subprocess.run([str(POLICYGRADE), "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for command in ("serve", "score"):
        assert command in result.stdout
    bare = subprocess.run([str(POLICYGRADE)], capture_output=True, text=True, timeout=30)
    assert bare.returncode == 2


def test_a_killed_service_does_not_leave_redis_running(tmp_path: Path, serve_env: dict[str, str]) -> None:
    port = free_port()
    service = Service(tmp_path, port, ["--port", str(port), "--workers", "1"], serve_env)
    master = service.process.pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    workers = [int(pid) for pid in children if int(pid) not in _redis_processes_for(tmp_path / "var")]
    workers = [pid for pid in workers if pid not in _worker_processes()]
    assert len(_redis_processes_for(tmp_path / "var")) == 1
    rq_workers = [pid for pid in _worker_processes() if int(pid) in map(int, children)]
    assert len(rq_workers) == 1
    service.process.kill()  # SIGKILL: no on_exit hook runs; PR_SET_PDEATHSIG must stop Redis and the worker
    service.process.wait()
    try:
        deadline = time.monotonic() + 10
        while _redis_processes_for(tmp_path / "var") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _redis_processes_for(tmp_path / "var") == []
        while set(rq_workers) & set(_worker_processes()) and time.monotonic() < deadline + 20:
            time.sleep(0.1)
        assert not set(rq_workers) & set(_worker_processes()), "RQ worker outlived a killed serve"
    finally:
        for pid in workers:  # orphaned gunicorn workers notice on their own, but not quickly
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
