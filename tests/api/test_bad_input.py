"""Every bad request gets the JSON error envelope with the right status, never a 500 or a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = pytest.mark.redis

SCORE = "/api/v1/score"
ENVELOPE_KEYS = {"code", "status", "message", "errors"}


def assert_envelope(response: Any, status: int) -> dict[str, Any]:
    """The response is the error envelope with ``status`` and no exception text."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == ENVELOPE_KEYS
    assert body["code"] == status
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "Error(" not in text
    return body


# (description, request kwargs, status, field named in errors or None)
BAD_SCORE_REQUESTS = [
    ("malformed JSON", {"data": '{"text": "abc"', "content_type": "application/json"}, 400, None),
    ("JSON nested 100k deep", {"data": "[" * 100_000, "content_type": "application/json"}, 400, None),
    ("invalid UTF-8", {"data": b'{"text": "\xff\xfe"}', "content_type": "application/json"}, 400, None),
    ("plain text body", {"data": "text=hello", "content_type": "text/plain"}, 415, None),
    ("form body", {"data": {"text": "hello"}}, 415, None),
    ("no content type", {"data": '{"text": "hi"}'}, 415, None),
    ("missing text", {"json": {"url": "https://example.com/"}}, 422, "text"),
    ("empty text", {"json": {"text": ""}}, 422, "text"),
    ("whitespace-only text", {"json": {"text": " \n\t\u00a0 "}}, 422, "text"),
    ("numeric text", {"json": {"text": 42}}, 422, "text"),
    ("list text", {"json": {"text": ["a"]}}, 422, "text"),
    ("null text", {"json": {"text": None}}, 422, "text"),
    ("ftp url", {"json": {"text": "Privacy policy", "url": "ftp://example.com/p"}}, 422, "url"),
    ("javascript url", {"json": {"text": "Privacy policy", "url": "javascript:alert(1)"}}, 422, "url"),
    ("relative url", {"json": {"text": "Privacy policy", "url": "/privacy"}}, 422, "url"),
    ("url without host", {"json": {"text": "Privacy policy", "url": "https:///privacy"}}, 422, "url"),
    ("over-long url", {"json": {"text": "Privacy", "url": "https://a.example/" + "p" * 3000}}, 422, "url"),
    ("numeric url", {"json": {"text": "Privacy policy", "url": 7}}, 422, "url"),
    ("over-long title", {"json": {"text": "Privacy policy", "title": "t" * 501}}, 422, "title"),
    ("unknown field", {"json": {"text": "Privacy policy", "lang": "en"}}, 422, "lang"),
    ("body is a list", {"json": ["text"]}, 422, "_schema"),
    ("body is a string", {"json": "text"}, 422, "_schema"),
    ("empty JSON body", {"data": "", "content_type": "application/json"}, 422, "text"),
]


@pytest.mark.parametrize(
    ("case", "kwargs", "status", "field"), BAD_SCORE_REQUESTS, ids=[row[0] for row in BAD_SCORE_REQUESTS]
)
def test_bad_score_requests(
    client: Any, case: str, kwargs: dict[str, Any], status: int, field: str | None
) -> None:
    body = assert_envelope(client.post(SCORE, **kwargs), status)
    if field is not None:
        assert field in body["errors"]["json"], body
        assert field in body["message"]


def test_text_over_the_byte_limit_is_413(make_app: Any) -> None:
    client = make_app(MAX_TEXT_BYTES=1000).test_client()
    assert_envelope(client.post(SCORE, json={"text": "é" * 501}), 413)  # 1002 UTF-8 bytes
    # Just under the limit is not refused for its size (the scorer answers).
    assert client.post(SCORE, json={"text": "e" * 1000}).status_code != 413


def test_body_over_the_request_limit_is_413_before_parsing(make_app: Any) -> None:
    client = make_app(MAX_TEXT_BYTES=1000).test_client()
    huge = json.dumps({"text": "x" * 200_000})
    assert_envelope(client.post(SCORE, data=huge, content_type="application/json"), 413)


def test_default_limit_is_two_megabytes(client: Any) -> None:
    text = "word " * (2 * 1024 * 1024 // 5 + 10)
    assert_envelope(client.post(SCORE, json={"text": text}), 413)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/no/such/route", 404),  # outside /api/ people get a page: test_error_pages.py
        ("get", "/api/v1/nothing", 404),
        ("get", "/api/v1/reports/" + "0" * 64, 404),
        ("get", "/api/v1/reports/not-an-id", 404),
        ("get", "/api/v1/sites/unknown.example", 404),
        ("get", "/api/v1/sites/co.uk", 404),
        ("get", SCORE, 405),
        ("put", SCORE, 405),
        ("delete", "/api/v1/sites", 405),
        ("post", "/api/v1/reports/" + "0" * 64, 405),
        ("post", "/healthz", 405),
    ],
)
def test_unknown_routes_and_wrong_methods(client: Any, method: str, path: str, status: int) -> None:
    response = getattr(client, method)(path)
    assert_envelope(response, status)
    if status == 405:
        assert response.headers["Allow"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=x", "limit"),
        ("offset=-1", "offset"),
        ("sort=random", "sort"),
    ],
)
def test_bad_site_list_queries_name_the_parameter(client: Any, query: str, field: str) -> None:
    body = assert_envelope(client.get(f"/api/v1/sites?{query}"), 422)
    assert field in body["errors"]["query"]


@pytest.mark.parametrize("prefix", ["abc", "abcde", "xyz1", "ab-c", "abc%20", "0x12", "%C3%A9abc"])
def test_prefix_must_be_four_hex_characters(client: Any, prefix: str) -> None:
    body = assert_envelope(client.get(f"/api/v1/sites/prefix/{prefix}"), 422)
    assert "prefix" in body["errors"]["path"]


def test_rate_limit_is_429_with_retry_after(make_app: Any) -> None:
    client = make_app(RATE_LIMIT="3 per minute").test_client()
    # Requests count whether or not they are valid; these are 422s so no scoring is needed.
    statuses = [client.post(SCORE, json={"text": ""}).status_code for _ in range(3)]
    assert statuses == [422, 422, 422]
    limited = client.post(SCORE, json={"text": ""})
    body = assert_envelope(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0
    assert body["message"]
    # Another client (address) has its own budget; other endpoints are not limited.
    other = client.post(SCORE, json={"text": ""}, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 422
    assert client.get("/healthz").status_code == 200


def test_an_unexpected_error_is_a_bare_500(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import api.scoring_service as service

    def explode(*_: Any, **__: Any) -> Any:
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(service, "score_text", explode)
    response = app.test_client().post(SCORE, json={"text": "Privacy policy"})
    body = assert_envelope(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert body["message"] == "The server could not complete the request."


# Issue 10, defect 1: each of these was a 500 (or a 503) in the abuse campaign.
HUGE_INTEGER = "9" * 5000  # past CPython's 4,300-digit int/str conversion limit


@pytest.mark.parametrize(
    "body",
    [
        '{"text": ' + HUGE_INTEGER + "}",
        '{"text": "Privacy policy", "title": ' + HUGE_INTEGER + "}",
        '{"text": "Privacy policy", "url": [' + HUGE_INTEGER + "]}",
        "[" + HUGE_INTEGER + "]",
    ],
    ids=["text", "title", "url", "top level"],
)
def test_a_json_integer_of_thousands_of_digits_is_400_without_a_traceback(
    client: Any, body: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING"):
        response = client.post(SCORE, data=body, content_type="application/json")
    envelope = assert_envelope(response, 400)
    assert "number" in envelope["message"]
    assert not [record for record in caplog.records if record.exc_info], caplog.text


def test_lone_surrogates_in_the_title_are_cleaned_not_a_server_error(client: Any) -> None:
    # json.dumps writes "\ud800" escapes, exactly what a hostile page's document.title makes.
    body = json.dumps({"text": "Privacy policy of a test page.", "title": "A \ud800 title \udfff"})
    response = client.post(SCORE, data=body, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["title"] == "A \ufffd title \ufffd"
    response.get_data().decode("utf-8")  # valid UTF-8 all through
    assert b"\\ud800" not in response.get_data().lower()


@pytest.mark.parametrize(
    "url",
    ["https://example.com/\ud800", "https://example.com/a\udfffb/privacy", "https://exa\ud800mple.com/"],
)
def test_lone_surrogates_in_the_url_are_a_422(client: Any, url: str) -> None:
    body = json.dumps({"text": "Privacy policy of a test page.", "url": url})
    envelope = assert_envelope(client.post(SCORE, data=body, content_type="application/json"), 422)
    assert "url" in envelope["errors"]["json"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/sites/%ED%A0%80.example", "/api/v1/reports/%ED%A0%80", "/api/v1/sites/prefix/%ED%A0%80"],
)
def test_a_lone_surrogate_in_the_request_path_is_a_4xx(client: Any, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert_envelope(response, response.status_code)


@pytest.mark.parametrize(
    "query",
    ["offset=9223372036854775808", "offset=9223372036854775807", "offset=1000000001", "limit=" + "9" * 30],
)
def test_site_list_offsets_past_the_bound_are_422_not_503(client: Any, query: str) -> None:
    body = assert_envelope(client.get(f"/api/v1/sites?{query}"), 422)
    assert set(body["errors"]["query"]) <= {"offset", "limit"}


def test_the_largest_accepted_offset_reads_an_empty_page(client: Any) -> None:
    from api.schemas import MAX_SITE_OFFSET

    response = client.get(f"/api/v1/sites?offset={MAX_SITE_OFFSET}")
    assert response.status_code == 200
    assert response.get_json()["items"] == []
