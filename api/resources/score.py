"""POST /api/v1/score: score a policy text (cached by text hash and scorer version)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from werkzeug.exceptions import UnsupportedMediaType

from api import scoring_service
from api.resources._blueprint import Blueprint, error_responses
from api.schemas import ScoreAnswerSchema, ScoreRequestSchema

blp = Blueprint("score", __name__, url_prefix="/api/v1", description="Score a privacy policy text.")


@blp.before_request
def _require_json() -> None:
    """A body that is not JSON is a 415, before webargs would read it as 'no fields' (422)."""
    if request.method == "POST" and not request.is_json:
        raise UnsupportedMediaType("Send the request body as JSON (Content-Type: application/json).")


@blp.route("/score")
class Score(MethodView):
    """Score endpoint."""

    @blp.arguments(ScoreRequestSchema)
    @blp.response(200, ScoreAnswerSchema)
    @error_responses(blp, 400, 413, 415, 422, 429)
    def post(self, body: dict[str, Any]) -> Any:
        """Score ``text``; the same text again returns the cached report with ``cached: true``."""
        return scoring_service.score_text(body["text"], url=body.get("url"), title=body.get("title"))
