"""api.rescore and the rescore job: a new scorer version re-scores stored texts as a method change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from policy_texts import POLICY_V1, POLICY_V2

from api.rescore import enqueue_rescores, sites_to_rescore

pytestmark = pytest.mark.redis

POLICYGRADE = Path(sys.executable).with_name("policygrade")


@pytest.fixture
def verified(make_app: Any, site_server: Any, worker_env: Any, run_jobs: Any) -> Any:
    """Two sites verified from plain-text pages; returns the app's store."""
    worker_env(FETCH_HOST_MAP=site_server.host_map("one.example", "two.example"))
    client = make_app().test_client()
    for host, text in (("one.example", POLICY_V1), ("two.example", POLICY_V2)):
        site_server.routes["/privacy"] = (200, {"Content-Type": "text/plain"}, text.encode())
        client.post("/api/v1/score", json={"text": text, "url": f"http://{host}/privacy"})
        assert run_jobs() == 1
    return client.application.extensions["policygrade"].store


def test_a_new_scorer_version_rescores_as_a_method_change(
    verified: Any, run_jobs: Any, scorer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = verified.site_record("one.example")
    assert list(sites_to_rescore(verified.redis, everything=False)) == []  # all current
    monkeypatch.setattr(scorer, "SCORER_VERSION", scorer.SCORER_VERSION + "-next")
    assert enqueue_rescores(verified.redis) == 2
    assert run_jobs() == 2
    after = verified.get_site("one.example")
    record = after["record"]
    assert record["scorer_version"] == scorer.SCORER_VERSION
    assert after["history"][0]["kind"] == "method_change"
    assert after["history"][0]["changes"]["grade_from"] == before["grade"]
    # Nothing was fetched and the policy did not change: those dates stay, so no change alert is due.
    for name in ("verified_at", "fetched_at", "policy_changed_at", "updated_at", "checked_at"):
        assert record[name] == before[name], name
    assert record["rescored_at"]
    assert enqueue_rescores(verified.redis) == 0  # --stale finds nothing left


def test_rescore_all_with_a_real_worker(verified: Any, redis_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "REDIS_URL": redis_url}
    worker = subprocess.Popen(
        [str(POLICYGRADE), "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        result = subprocess.run(
            [str(POLICYGRADE), "rescore", "--all"], env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        worker.terminate()
        worker.wait(30)
    assert result.returncode == 0, result.stderr
    assert "queued 2 re-score jobs" in result.stderr and "re-scored 2 sites" in result.stderr
    assert verified.get_site("two.example")["history"][0]["kind"] == "method_change"
