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


#: What each error status means, for the OpenAPI document (every error body is the envelope).
ERROR_DESCRIPTIONS = {
    400: "The body is not readable JSON (malformed, nested too deeply, a number too long)",
    404: "Not found",
    413: "Body over the request limit, or text over MAX_TEXT_BYTES",
    415: "Body is not JSON",
    414: "Request line over gunicorn's limit (4,094 bytes), answered by gunicorn with the envelope",
    422: "A field or parameter is invalid (the envelope's errors name it)",
    431: "Request headers over gunicorn's limits, answered by gunicorn with the envelope",
    429: "Rate limit exceeded (see Retry-After)",
    503: "Redis unavailable",
}


#: What any operation can get from gunicorn before Flask sees the request (api.protocol_errors).
PROTOCOL_ERRORS = {
    400: "The request could not be read as HTTP",
    414: ERROR_DESCRIPTIONS[414],
    431: ERROR_DESCRIPTIONS[431],
}


def error_responses(blp: Blueprint, *codes: int, **descriptions: str) -> Any:
    """Document ``codes`` and PROTOCOL_ERRORS as the operation's error answers (the envelope).

    ``descriptions`` override by status: ``_404="..."``.
    """
    from flask_smorest.error_handler import ErrorSchema

    def decorate(view: Any) -> Any:
        for code in sorted(set(codes) | set(PROTOCOL_ERRORS), reverse=True):
            if code not in codes:
                descriptions.setdefault(f"_{code}", PROTOCOL_ERRORS[code])
            description = descriptions.get(f"_{code}", ERROR_DESCRIPTIONS[code])
            view = blp.alt_response(code, schema=ErrorSchema, description=description)(view)
        return view

    return decorate
