"""The flask-smorest Blueprint every resource uses, with a JSON parser that cannot crash on hostile bodies."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask import Request
from webargs import core
from webargs.flaskparser import FlaskParser, abort


class SafeParser(FlaskParser):
    """webargs' parser, plus two bodies Python's json module fails on with errors webargs does not catch.

    Nesting too deep (RecursionError) and an integer of more than 4,300 digits (a ValueError from
    CPython's int/str conversion limit, ``sys.get_int_max_str_digits``, since 3.11) are both a 400
    with the envelope, not a 500 with a traceback in the log.
    """

    def _raw_load_json(self, req: Request) -> Any:
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            abort(400, messages={"json": ["JSON body is nested too deeply."]})
        except ValueError as error:
            # JSONDecodeError and UnicodeDecodeError are ValueErrors webargs handles itself (they never
            # get here); what is left is the digit limit.
            if "integer string conversion" not in str(error):
                raise
            abort(400, messages={"json": ["JSON body has a number too long to read (over 4,300 digits)."]})
        return core.missing  # pragma: no cover - abort raises


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest Blueprint with :class:`SafeParser`."""

    ARGUMENTS_PARSER = SafeParser()
