"""`policygrade worker` as real processes: a worker or work horse killed mid-job leaves the job retried."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from policy_texts import POLICY_V1, as_html

pytestmark = [pytest.mark.redis, pytest.mark.slow]

POLICYGRADE = Path(sys.executable).with_name("policygrade")
SITE = "shop-test.example"
URL = "http://www.shop-test.example/privacy"


def wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def stalled_site(site_server: Any) -> Any:
    """The policy url hangs (as a slow site does) until ``release`` is set; then it serves the policy."""
    release = threading.Event()
    body = as_html(POLICY_V1).encode()

    def slow(handler: Any) -> None:
        release.wait(20)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    site_server.routes["/privacy"] = slow
    site_server.release = release
    return site_server


def start_worker(redis_url: str, host_map: str, tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REDIS_URL": redis_url, "FETCH_HOST_MAP": host_map, "LOG_LEVEL": "INFO"}
    log = (tmp_path / f"worker-{time.monotonic_ns()}.log").open("wb")
    command = [str(POLICYGRADE), "worker", *args]
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def queue_job(redis_client: Any) -> Any:
    from rq import Queue

    from api.store import SiteStore
    from api.verify import VERIFY_QUEUE
    from api.verify.requests import PENDING_TTL, enqueue_verification

    SiteStore(redis_client).claim_verification(SITE, "verify-test", PENDING_TTL)
    return enqueue_verification(Queue(VERIFY_QUEUE, connection=redis_client), SITE, URL, None, "verify-test")


def verified_grade(redis_client: Any) -> bytes | None:
    """The site's verified grade, None until a verification recorded one."""
    report_id, grade = redis_client.hmget(f"pg:site:{SITE}", ["report_id", "grade"])
    return grade if report_id else None


def test_a_killed_work_horse_leaves_the_job_retried(
    redis_url: str, redis_client: Any, stalled_site: Any, tmp_path: Path
) -> None:
    worker = start_worker(redis_url, stalled_site.host_map("www.shop-test.example"), tmp_path)
    try:
        job = queue_job(redis_client)
        wait_for(lambda: stalled_site.requests, 60, "the worker's fetch to reach the site")
        horses = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
        assert len(horses) == 1, "RQ forks one work horse per job"
        os.kill(int(horses[0]), signal.SIGKILL)  # the process doing the job dies mid-fetch
        stalled_site.release.set()
        wait_for(lambda: verified_grade(redis_client) is not None, 60, "the retried job to verify the site")
        job.refresh()
        assert job.retries_left == 1  # one of its two retries was spent on the killed run
        assert len(stalled_site.requests) == 2  # fetched again by the retry
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)


def test_a_killed_worker_leaves_the_job_for_the_next_worker(
    redis_url: str, redis_client: Any, stalled_site: Any, tmp_path: Path
) -> None:
    from rq import Queue
    from rq.registry import StartedJobRegistry

    from api.verify import VERIFY_QUEUE

    host_map = stalled_site.host_map("www.shop-test.example")
    worker = start_worker(redis_url, host_map, tmp_path)
    job = queue_job(redis_client)
    wait_for(lambda: stalled_site.requests, 60, "the worker's fetch to reach the site")
    os.killpg(worker.pid, signal.SIGKILL)  # worker and work horse, with no chance to clean up
    worker.wait(10)
    registry = StartedJobRegistry(VERIFY_QUEUE, connection=redis_client)
    assert job.id in registry.get_job_ids()  # not lost: still marked as running
    # The dead worker's heartbeat lapses after ~90 s; a live worker's maintenance then retries the job.
    # Standing in for that wait: the same cleanup RQ's maintenance runs, at a time past the lapse.
    registry.cleanup(timestamp=time.time() + 3600)
    assert job.id in Queue(VERIFY_QUEUE, connection=redis_client).job_ids
    stalled_site.release.set()
    burst = start_worker(redis_url, host_map, tmp_path, "--burst")
    assert burst.wait(60) == 0
    assert verified_grade(redis_client) is not None
    assert job.get_status(refresh=True) == "finished"
    assert len(stalled_site.requests) == 2  # the killed run's fetch, and the retry's
