"""``policygrade serve``: run the app under gunicorn, in this process, with api.gunicorn_conf's settings."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from api import gunicorn_conf


class PolicygradeServer(BaseApplication):
    """Gunicorn application: api.gunicorn_conf's settings and hooks, plus command-line overrides."""

    def __init__(self, overrides: dict[str, Any]) -> None:
        self.overrides = overrides
        super().__init__()

    def load_config(self) -> None:
        """Module settings first, then the overrides (bind, workers)."""
        settings = {
            name: value for name, value in vars(gunicorn_conf).items() if name in self.cfg.settings
        }
        settings.update(self.overrides)
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        """Build the app in each worker (no preload: workers must inherit the master's REDIS_URL)."""
        from api import create_app

        return create_app()


def serve(host: str, port: int, workers: int | None = None) -> None:
    """Serve until SIGTERM/SIGINT; the embedded Redis (if any) is stopped on the way out."""
    overrides: dict[str, Any] = {"bind": f"{host}:{port}"}
    if workers:
        overrides["workers"] = workers
    PolicygradeServer(overrides).run()
