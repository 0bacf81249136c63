"""The one RQ worker ``policygrade serve`` runs beside gunicorn when it also runs the embedded Redis.

Started by the gunicorn master after the embedded Redis is up (it inherits REDIS_URL), stopped on the
master's way out before Redis stops: SIGTERM (RQ's warm shutdown: the job in hand finishes), then
SIGKILL after STOP_TIMEOUT. PR_SET_PDEATHSIG sends it SIGTERM if the master dies without a word
(SIGKILL), so nothing is left running either way.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys

log = logging.getLogger(__name__)

#: A verification job ends within its 10 s fetch plus scoring; the rest is margin.
STOP_TIMEOUT = 30.0


def _die_with_parent() -> None:
    """In the child before exec: own process group (Ctrl-C goes to the master), SIGTERM when it dies."""
    os.setpgid(0, 0)
    # Not Linux/glibc (OSError): the on_exit stop still applies.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 == PR_SET_PDEATHSIG


class WorkerProcess:
    """``python -m api.cli worker`` as a supervised child of this process."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        return self.process.pid if self.process and self.process.poll() is None else None

    def start(self) -> int:
        """Start the worker with this process's environment (REDIS_URL included); returns its pid."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--name", f"serve-{os.getpid()}"],
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
            close_fds=True,
        )
        return self.process.pid

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM, wait up to ``timeout``, then SIGKILL; a no-op if it is not running."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("RQ worker did not stop in %.0f s; killing it", timeout)
            process.kill()
            process.wait()
