"""One log line when Redis goes away and one when it is back, per process, however many calls fail.

Why (issue 10, defect 3): during a 30 s outage every request logged its own warning (about 41,000
lines), which buried the one fact that mattered. Calls still fail fast and say so to clients; only
the log is summarized: the first failure at WARNING, the rest at DEBUG, then a WARNING with the
outage's length and count when a call succeeds again.
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)


class OutageLog:
    """Tracks whether this process currently sees Redis as down."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._since: float | None = None
        self._failures = 0

    @property
    def down(self) -> bool:
        return self._since is not None

    def failed(self, error: BaseException) -> None:
        """A Redis call failed: logged at WARNING only if it starts an outage."""
        with self._lock:
            self._failures += 1
            if self._since is not None:
                log.debug("Redis still unavailable: %s", error)
                return
            self._since = time.monotonic()
        log.warning(
            "Redis unavailable (%s): scoring continues uncached, site updates are not stored and say so "
            "(site_recorded: false); logged again when it is back",
            error,
        )

    def succeeded(self) -> None:
        """A Redis call worked: ends the outage, if there was one, with one line."""
        if self._since is None:  # the common case: no lock
            return
        with self._lock:
            if self._since is None:
                return
            lasted, failures = time.monotonic() - self._since, self._failures
            self._since, self._failures = None, 0
        log.warning("Redis is back after %.1f s (%d failed calls meanwhile)", lasted, failures)


#: This process's view (gunicorn workers each have their own, after the fork).
outage = OutageLog()
