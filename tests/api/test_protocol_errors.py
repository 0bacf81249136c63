"""api.protocol_errors: gunicorn's own 400/414/431 are the JSON envelope (issue 10, defect 7).

Against a real gunicorn on 127.0.0.1 (tests/api/conftest.py ``live_server``) over raw sockets: these
requests are refused by gunicorn before Flask sees them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from raw_http import assert_json_envelope, exchange

pytestmark = [pytest.mark.redis, pytest.mark.slow]


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"GET /api/v1/" + b"a" * 5000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),
        (b"GET /api/v1/sites HTTP/1.1\r\nHost: t\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431),
        (b"GET /api/v1/sites HTTP/1.1\r\nHost: t\r\n" + b"X-Many: 1\r\n" * 150 + b"\r\n", 431),
        (b"GET /api/v1/sites HTTP/9.9\r\nHost: t\r\n\r\n", 400),
        (b"GET /api/v1/sites HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n", 400),
    ],
    ids=["414 long request line", "431 long header", "431 many headers", "400 version", "400 header name"],
)
def test_gunicorns_own_errors_are_the_json_envelope(live_server: Any, raw: bytes, status: int) -> None:
    envelope = assert_json_envelope(*exchange(live_server.port, raw), status)
    # A fixed sentence, never the client's bytes quoted back.
    assert "aaaa" not in envelope["message"] and "bbbb" not in envelope["message"]


def test_error_bytes_are_one_closed_http_answer() -> None:
    from api.protocol_errors import error_bytes

    raw = error_bytes(431, "Request Header Fields Too Large")
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert b"Connection: close" in head
    assert f"Content-Length: {len(body)}".encode() in head
    assert json.loads(body) == {
        "code": 431,
        "status": "Request Header Fields Too Large",
        "message": "The request headers are too large, or there are too many of them.",
        "errors": {},
    }
