"""Run N ``policygrade worker --burst`` processes on one Redis; time them until the queues are drained."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

POLICYGRADE = Path(sys.executable).with_name("policygrade")


def drain(
    redis_url: str, workers: int, extra_env: dict[str, str] | None = None, timeout: float = 1800
) -> float:
    """Start ``workers`` burst workers; seconds until the last one exits (each warms the scorer first)."""
    env = {**os.environ, "REDIS_URL": redis_url, "LOG_LEVEL": "WARNING", **(extra_env or {})}
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [str(POLICYGRADE), "worker", "--burst", "--name", f"bench-{n}-{os.getpid()}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(workers)
    ]
    try:
        for process in processes:
            process.wait(timeout)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    return time.perf_counter() - started
