"""Raw HTTP/1.1 exchanges with a live server, for answers no HTTP client library would let through."""

from __future__ import annotations

import contextlib
import json
import socket
from typing import Any

ENVELOPE_KEYS = {"code", "status", "message", "errors"}


def exchange(port: int, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``raw`` on a new connection; (status, headers with lowercase names, body) of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        # The server may answer and close before reading everything; the answer is still there.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(raw)
        data = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {
        name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])
    }
    return status, headers, body


def assert_json_envelope(status: int, headers: dict[str, str], body: bytes, expected: int) -> dict[str, Any]:
    assert status == expected, body
    assert headers["content-type"].startswith("application/json")
    assert headers["x-content-type-options"] == "nosniff"
    envelope = json.loads(body)
    assert set(envelope) == ENVELOPE_KEYS
    assert envelope["code"] == expected
    return envelope
