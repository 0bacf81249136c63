"""GET /healthz: is the service up, and can it reach Redis."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView

from api.resources._blueprint import Blueprint, error_responses
from api.schemas import HealthSchema

blp = Blueprint("health", __name__, description="Liveness and Redis status.")


@blp.route("/healthz")
class Health(MethodView):
    """Health check."""

    @blp.response(200, HealthSchema)
    @error_responses(blp)
    def get(self) -> dict[str, Any]:
        """``ok`` when Redis answers; ``degraded`` (still 200: scoring works) when it does not."""
        services = current_app.extensions["policygrade"]
        redis_ok = services.store.ping()
        return {
            "status": "ok" if redis_ok else "degraded",
            "redis": "ok" if redis_ok else "unavailable",
            "scorer_version": services.scorer_version(),
        }
