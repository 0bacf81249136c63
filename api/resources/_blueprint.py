"""The flask-smorest Blueprint every resource uses, with a JSON parser that cannot crash on deep nesting."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask import Request
from webargs import core
from webargs.flaskparser import FlaskParser, abort


class SafeParser(FlaskParser):
    """webargs' parser, plus: a JSON body nested too deep for Python's parser is a 400, not a 500."""

    def _raw_load_json(self, req: Request) -> Any:
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            abort(400, messages={"json": ["JSON body is nested too deeply."]})
            return core.missing  # pragma: no cover - abort raises


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest Blueprint with :class:`SafeParser`."""

    ARGUMENTS_PARSER = SafeParser()
