"""A bare Flask app that answers GET /api/v1/reports/<id> with fixed bytes: bench/api.py's baseline.

No extensions, no Redis, no CORS, no limiter: what Flask and gunicorn alone cost for the same answer
(the bytes come from the file named by BARE_BYTES_FILE, read once at start).
"""

from __future__ import annotations

import os

from flask import Flask, Response


def create_app() -> Flask:
    """The bare app; gunicorn calls it as ``bench.bare_app:create_app()``."""
    app = Flask(__name__)
    with open(os.environ["BARE_BYTES_FILE"], "rb") as handle:
        body = handle.read()

    @app.get("/api/v1/reports/<report_id>")
    def report(report_id: str) -> Response:
        return Response(body, mimetype="application/json")

    return app
