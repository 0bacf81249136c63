"""api.scoring_service: text normalization, report ids and the validators score_text applies."""

from __future__ import annotations

import hashlib

import pytest

from api.errors import InputError, TextTooLarge
from api.scoring_service import normalize_text, report_id, validate_text, validate_title, validate_url


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("Privacy\r\nPolicy\r", "Privacy\nPolicy"),
        ("  \n Privacy Policy \t\n\n", "Privacy Policy"),
        ("We   share\tdata", "We   share\tdata"),  # inner spacing is kept: offsets stay close
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("a\ud800b", "a\ufffdb"),  # a lone surrogate cannot be stored or hashed as UTF-8
        ("line one   \nline two", "line one\nline two"),
    ],
)
def test_normalize_text(raw: str, normalized: str) -> None:
    assert normalize_text(raw) == normalized


def test_report_id_is_sha256_of_the_normalized_text() -> None:
    assert report_id("abc") == hashlib.sha256(b"abc").hexdigest()
    assert report_id(normalize_text("abc\r\n")) == report_id(normalize_text("abc"))
    assert report_id(normalize_text("abc")) != report_id(normalize_text("abd"))


@pytest.mark.parametrize("text", ["Privacy policy", "x", "é" * 10])
def test_valid_text(text: str) -> None:
    validate_text(text, max_bytes=20)


@pytest.mark.parametrize("text", [None, 3, b"bytes", "", "   ", "\n\t"])
def test_invalid_text_names_the_field(text: object) -> None:
    with pytest.raises(InputError) as raised:
        validate_text(text, max_bytes=100)
    assert raised.value.field == "text"


def test_text_size_is_counted_in_utf8_bytes() -> None:
    validate_text("é" * 10, max_bytes=20)
    with pytest.raises(TextTooLarge):
        validate_text("é" * 11, max_bytes=20)


@pytest.mark.parametrize(
    "url",
    [
        None,
        "https://example.com",
        "http://127.0.0.1:8000/p",
        "HTTPS://EXAMPLE.COM/P?q=1#x",
        "https://www.bücher.example/datenschutz",
    ],
)
def test_valid_urls(url: str | None) -> None:
    validate_url(url, max_length=100)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com",
        "javascript:alert(1)",
        "example.com",
        "https://",
        "https:///path",
        "//example.com",
        "https://example.com/" + "a" * 100,
        42,
        ["https://example.com"],
        # Control characters: a browser percent-encodes them, so raw ones are forged (header injection).
        "https://exa\x00mple.com/",
        "https://example.com/\r\nSet-Cookie: a=1",
        "https://example.com/\x7f",
        "https://example.com/\tp",
    ],
)
def test_invalid_urls(url: object) -> None:
    with pytest.raises(InputError) as raised:
        validate_url(url, max_length=100)
    assert raised.value.field == "url"


@pytest.mark.parametrize(("title", "ok"), [(None, True), ("Privacy", True), ("t" * 11, False), (5, False)])
def test_titles(title: object, ok: bool) -> None:
    if ok:
        validate_title(title, max_length=10)
    else:
        with pytest.raises(InputError):
            validate_title(title, max_length=10)
