"""``policygrade serve``: run the app under gunicorn, in this process, with api.gunicorn_conf's settings.

With the embedded Redis (REDIS_URL unset) it also runs one RQ worker (api.worker_process), started
after Redis in the master's on_starting hook and stopped before Redis in on_exit: one command gives a
service whose verifications and re-scores get done, and leaves nothing running when it stops.
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication

from api import gunicorn_conf
from api.worker_process import WorkerProcess


class PolicygradeServer(BaseApplication):
    """Gunicorn application: api.gunicorn_conf's settings and hooks, plus command-line overrides."""

    def __init__(self, overrides: dict[str, Any]) -> None:
        self.overrides = overrides
        super().__init__()

    def load_config(self) -> None:
        """Module settings first, then the overrides (bind, workers)."""
        settings = {name: value for name, value in vars(gunicorn_conf).items() if name in self.cfg.settings}
        settings.update(self.overrides)
        settings["on_starting"] = _with_worker_start(settings.get("on_starting"))
        settings["on_exit"] = _with_worker_stop(settings.get("on_exit"))
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        """Build the app in each worker (no preload: workers must inherit the master's REDIS_URL)."""
        from api import create_app

        return create_app()


_worker = WorkerProcess()


def _with_worker_start(hook: Any) -> Any:
    """``hook`` (the embedded Redis start), then one RQ worker if that Redis is the embedded one."""

    def on_starting(server: Any) -> None:
        if hook is not None:
            hook(server)
        if os.environ.get("POLICYGRADE_EMBEDDED_REDIS") == "1":
            server.log.info("RQ worker started (pid %s) for verifications and re-scores", _worker.start())
            _worker.supervise()

    return on_starting


def _with_worker_stop(hook: Any) -> Any:
    """Stop the RQ worker (it finishes its job), then ``hook`` (which stops Redis)."""

    def on_exit(server: Any) -> None:
        if _worker.pid is not None:
            _worker.stop()
            server.log.info("RQ worker stopped")
        if hook is not None:
            hook(server)

    return on_exit


def serve(host: str, port: int, workers: int | None = None) -> None:
    """Serve until SIGTERM/SIGINT; the embedded Redis (if any) is stopped on the way out."""
    overrides: dict[str, Any] = {"bind": f"{host}:{port}"}
    if workers:
        overrides["workers"] = workers
    PolicygradeServer(overrides).run()
