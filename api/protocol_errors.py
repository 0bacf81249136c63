"""Gunicorn's own error answers (400, 414, 431...) as the JSON error envelope (issue 10, defect 7).

Gunicorn refuses some requests before Flask sees them: a malformed request line or header (400), a
request line over ``limit_request_line`` (414), a header over ``limit_request_field_size`` or too
many headers (431), an unknown transfer coding (501). It answered those with its own HTML page, also
under ``/api/``, where every client is a program expecting the envelope.

Why the envelope for every path, not only ``/api/``: at that point the request line was not read
(414) or not understood (400), so the path is unknown; these are protocol errors only programs make.
Why a replacement of ``gunicorn.util.write_error`` rather than raising gunicorn's limits so Flask
sees the request first: some of them (a broken request line, a bad chunk size) never become a
request Flask could answer, and gunicorn's limits are the ones that protect the workers. Every
worker class (sync, gthread) writes these answers through that one function
(``gunicorn.workers.base.Worker.handle_error``). The message is a fixed sentence per status: what
gunicorn would have said quotes the client's bytes.
"""

from __future__ import annotations

import json
import socket
from typing import Any

#: A client-safe message per status gunicorn answers by itself; anything else gets its reason phrase.
MESSAGES = {
    400: "The request could not be read as HTTP (a malformed request line, header or chunk).",
    403: "The request was refused.",
    414: "The request line (method, path and query) is too long.",
    417: "The Expect header is not supported.",
    431: "The request headers are too large, or there are too many of them.",
    500: "The server could not complete the request.",
    501: "The request uses a transfer coding this server does not support.",
}


def error_bytes(status: int, reason: str) -> bytes:
    """The whole HTTP/1.1 answer gunicorn sends for ``status``: the envelope, then close."""
    body = json.dumps(
        {"code": status, "status": reason, "message": MESSAGES.get(status, reason), "errors": {}}
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


def write_json_error(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """Drop-in for ``gunicorn.util.write_error``; ``mesg`` (which quotes the request) is not sent."""
    from gunicorn import util

    util.write_nonblock(sock, error_bytes(int(status_int), str(reason)))


def install() -> None:
    """Make gunicorn, if this process runs under it, answer its own errors with the envelope.

    Called by create_app (every gunicorn worker builds the app); harmless anywhere else.
    """
    try:
        from gunicorn import util
    except ImportError:  # not served by gunicorn
        return
    replaced: Any = write_json_error
    util.write_error = replaced
