"""GET /api/v1/reports/<id>: a cached report, served as the stored JSON bytes (no re-serializing)."""

from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from werkzeug.exceptions import NotFound

from api.resources._blueprint import Blueprint, error_responses
from api.schemas import ReportSchema
from api.scoring_service import REPORT_ID

blp = Blueprint("reports", __name__, url_prefix="/api/v1", description="Read stored reports.")


@blp.route(
    "/reports/<report_id>",
    parameters=[
        {"in": "path", "name": "report_id", "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}
    ],
)
class Report(MethodView):
    """Report by id."""

    @blp.response(200, ReportSchema)
    @error_responses(blp, 404, 429, 503, _404="No report with that id (or not a report id)")
    def get(self, report_id: str) -> Response:
        """The report with this id (the current scorer's if stored, else the newest stored)."""
        if not REPORT_ID.fullmatch(report_id):
            raise NotFound("No report with that id (ids are 64 lowercase hex characters).")
        services = current_app.extensions["policygrade"]
        raw = services.store.get_report_json(report_id, services.scorer_version())
        if raw is None:
            raise NotFound("No report with that id.")
        # The stored bytes were produced from the same dict the schema describes: returning them as
        # they are keeps this read path to one Redis round trip (bench/api.py measures it).
        return Response(raw, mimetype="application/json")
