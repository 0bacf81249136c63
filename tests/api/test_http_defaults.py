"""api.http_defaults (issue 10, defect 7): chunked bodies over the limit, OPTIONS, nosniff.

The chunked tests talk to a real gunicorn over a raw socket (tests/api/conftest.py ``live_server``):
only a real server sends a chunked stream (``wsgi.input_terminated``) the way the bug needed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from raw_http import assert_json_envelope, exchange

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def _chunked(body: bytes, size: int = 8192) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size]) for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def _post_chunked(port: int, path: str, content_type: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    return exchange(port, head + _chunked(body))


def test_a_chunked_json_body_over_the_limit_is_413(live_server: Any) -> None:
    body = json.dumps({"text": "x" * 200_000}).encode()  # the server's limit is 73,728 bytes
    envelope = assert_json_envelope(
        *_post_chunked(live_server.port, "/api/v1/score", "application/json", body), 413
    )
    assert envelope["status"] == "Request Entity Too Large"


def test_a_chunked_json_body_under_the_limit_is_read_whole(live_server: Any) -> None:
    text = "Privacy policy. " * 200  # 3,200 bytes: under MAX_TEXT_BYTES (4,096)
    status, _, body = _post_chunked(
        live_server.port, "/api/v1/score", "application/json", json.dumps({"text": text}).encode()
    )
    assert status == 200, body
    assert json.loads(body)["id"]
    # Over MAX_TEXT_BYTES but under the body limit: the text check answers, also 413.
    big = json.dumps({"text": "y" * 6000}).encode()
    assert_json_envelope(*_post_chunked(live_server.port, "/api/v1/score", "application/json", big), 413)


def test_a_chunked_paste_form_over_the_limit_is_413_not_graded_cut_off(live_server: Any) -> None:
    body = b"text=" + b"z" * (4 * 1024 * 1024)  # the paste form's own bound is 3 MiB
    status, headers, page = _post_chunked(live_server.port, "/", "application/x-www-form-urlencoded", body)
    assert status == 413, page[:300]
    assert headers["content-type"].startswith("text/html")


def test_options_is_204_without_a_body_or_content_type(client: Any) -> None:
    response = client.options("/api/v1/score")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert "Content-Type" not in response.headers
    assert set(response.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}


def test_cors_preflight_from_the_extension_still_works(client: Any) -> None:
    origin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    response = client.options(
        "/api/v1/score",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert "Content-Type" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
    # A stranger's origin gets no CORS grant.
    other = client.options(
        "/api/v1/score", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("get", "/healthz", {}),
        ("get", "/api/v1/sites", {}),
        ("get", "/api/v1/sites/unknown.example", {}),
        ("get", "/api/v1/reports/" + "0" * 64, {}),
        ("get", "/api/v1/openapi.json", {}),
        ("post", "/api/v1/score", {"json": {"text": ""}}),
        ("post", "/api/v1/score", {"json": {"text": "Privacy policy of a test page."}}),
        ("options", "/api/v1/sites", {}),
    ],
)
def test_api_responses_carry_nosniff(client: Any, method: str, path: str, kwargs: dict[str, Any]) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
