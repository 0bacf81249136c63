"""GET /bench/constant: a bare endpoint returning a constant dict, the baseline bench/api.py compares to.

Registered only when the BENCH_ENDPOINT setting is on.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

blp = Blueprint("bench", __name__, url_prefix="/bench")

_CONSTANT = {"status": "ok", "purpose": "baseline for bench/api.py"}


@blp.get("/constant")
def constant() -> ResponseReturnValue:
    """The same small dict every time."""
    return jsonify(_CONSTANT)
