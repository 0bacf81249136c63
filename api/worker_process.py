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
import threading
import time

log = logging.getLogger(__name__)

#: A verification job ends within its 10 s fetch plus scoring; the rest is margin.
STOP_TIMEOUT = 30.0
#: Restart backoff after the worker exits on its own (RQ exits when Redis goes away): 1 s doubling
#: to 30 s; a worker that then runs this long counts as recovered (the backoff starts over).
RESTART_FIRST_DELAY = 1.0
RESTART_MAX_DELAY = 30.0
RECOVERED_AFTER = 10.0


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
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._supervisor: threading.Thread | None = None

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

    def supervise(self) -> None:
        """Start the worker again whenever it exits without :meth:`stop` (a thread of this process).

        RQ's worker exits when its Redis goes away; under ``policygrade serve`` the embedded Redis
        comes back (api.embedded), and so must the worker, or verifications would stop for good. One
        WARNING per outage; further failed restarts in the same outage are DEBUG.
        """
        if self._supervisor is None:
            self._supervisor = threading.Thread(target=self._watch, name="rq-worker-supervisor", daemon=True)
            self._supervisor.start()

    def _watch(self) -> None:
        delay, started, reported = RESTART_FIRST_DELAY, time.monotonic(), False
        while not self._stopping.wait(0.2):
            process = self.process
            if process is None or process.poll() is None:
                if reported and time.monotonic() - started > RECOVERED_AFTER:
                    log.warning("RQ worker running again (pid %s)", self.pid)
                    delay, reported = RESTART_FIRST_DELAY, False
                continue
            if not reported:
                log.warning("RQ worker exited (code %s); restarting it", process.returncode)
                reported = True
            else:
                log.debug("RQ worker exited again (code %s)", process.returncode)
            if self._stopping.wait(delay):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self.start()
            started, delay = time.monotonic(), min(delay * 2, RESTART_MAX_DELAY)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM, wait up to ``timeout``, then SIGKILL; a no-op if it is not running."""
        self._stopping.set()
        with self._lock:
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
