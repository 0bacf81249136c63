"""Hostile input on the pages: the paste form and /sites/<site> answer a clean page, never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import POLICY, make_report

from api.pages._blueprint import CONTENT_SECURITY_POLICY
from api.pages.views import PASTE_MAX_CHARS

pytestmark = pytest.mark.redis

FORM = "application/x-www-form-urlencoded"
SCRIPT = '<script>alert("x")</script>'
SCRIPTED_POLICY = POLICY.replace(
    "We may disclose your personal", f'We may disclose {SCRIPT} "onerror=alert(1) your personal'
)
#: Markup that must never come back unescaped (it would run or break out of an attribute).
RAW_MARKUP = re.compile(r"<script>alert|\"onerror=|<a href=\"javascript:|<img src=x", re.I)


def assert_clean_page(response: Any, status: int) -> str:
    """A page with ``status``, the security headers, and none of the hostile markup live in it."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    page = response.get_data(as_text=True)
    assert not RAW_MARKUP.search(page), RAW_MARKUP.search(page)
    assert "Traceback" not in page and "\x00" not in page
    return page


# (case, request kwargs for POST /, status, text the page must show)
PASTE_CASES = [
    # Empty and blank: the form again, saying what to do.
    ("no body", {"data": b"", "content_type": FORM}, 422, "Paste the text of a privacy policy"),
    ("blank text", {"data": {"text": " \n\t\u00a0"}}, 422, "Paste the text of a privacy policy"),
    ("only a url", {"data": {"url": "https://example.com/privacy"}}, 422, "Paste the text"),
    ("duplicate empty fields", {"data": b"text=&text=&&==&url", "content_type": FORM}, 422, "Paste the text"),
    # Too much: refused before scoring.
    ("over the character cap", {"data": {"text": "a " * PASTE_MAX_CHARS}}, 413, "That text is too long"),
    ("one character over", {"data": {"text": "p" * (PASTE_MAX_CHARS + 1)}}, 413, "That text is too long"),
    # Malformed encodings: werkzeug keeps undecodable escapes as text or drops an undecodable body.
    (
        "bad percent escapes",
        {"data": b"text=%ZZ%E0%A4%A&url=%", "content_type": FORM},
        422,
        "Check the address",
    ),
    (
        "raw non-UTF-8 body",
        {"data": b"text=Privacy \xff\xfe policy", "content_type": FORM},
        422,
        "Paste the text",
    ),
    (
        "encoded non-UTF-8",
        {"data": b"text=We+share+%ff%fe%80+data+with+partners.", "content_type": FORM},
        200,
        "Your text",
    ),
    ("encoded lone surrogate", {"data": b"text=%ED%A0%80abc", "content_type": FORM}, 200, "Your text"),
    (
        "latin-1 charset claimed",
        {"data": b"text=caf%E9+policy", "content_type": FORM + "; charset=latin-1"},
        200,
        "Your text",
    ),
    (
        "multipart without boundary",
        {"data": b"text=x", "content_type": "multipart/form-data"},
        422,
        "Paste the text",
    ),
    (
        "truncated multipart",
        {
            "data": b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi',
            "content_type": "multipart/form-data; boundary=b",
        },
        422,
        "Paste the text",
    ),
    ("JSON instead of a form", {"json": {"text": POLICY}}, 422, "Paste the text"),
    ("plain text body", {"data": POLICY.encode(), "content_type": "text/plain"}, 422, "Paste the text"),
    # NUL bytes and other controls in the text are graded like any character; in the URL, refused.
    ("NUL bytes in text", {"data": {"text": "Privacy Policy.\x00 We share\x00 data.\x00"}}, 200, "Your text"),
    (
        "NUL byte in url",
        {"data": {"text": POLICY, "url": "https://exa\x00mple.com/p"}},
        422,
        "Check the address",
    ),
    (
        "newline in url",
        {"data": {"text": POLICY, "url": "https://example.com/\r\nSet-Cookie: x=1"}},
        422,
        "Check the address",
    ),
    # Markup and script URLs: shown as text, never live.
    # The disclosure sentence (a quote on the report) carries the markup: it must show as text.
    ("script in a quoted sentence", {"data": {"text": SCRIPTED_POLICY}}, 200, "&lt;script&gt;alert"),
    ("javascript: url", {"data": {"text": POLICY, "url": "javascript:alert(1)"}}, 422, "Check the address"),
    (
        "markup in url",
        {"data": {"text": POLICY, "url": 'https://example.com/"><img src=x onerror=alert(1)>'}},
        200,
        "Your policy",
    ),
    (
        "over-long url",
        {"data": {"text": POLICY, "url": "https://example.com/" + "a" * 5000}},
        422,
        "Check the address",
    ),
    (
        "unicode host",
        {"data": {"text": POLICY, "url": "https://www.bücher.example/datenschutz"}},
        200,
        'href="/sites/xn--bcher-kva.example"',
    ),
    # A url no browser can open is refused with the form kept (WHATWG parsing, api.urls).
    ("unparseable host", {"data": {"text": POLICY, "url": "https://[::1/privacy"}}, 422, "Check the address"),
]


@pytest.mark.parametrize(
    ("case", "kwargs", "status", "shown"), PASTE_CASES, ids=[case[0] for case in PASTE_CASES]
)
def test_paste_form_survives_hostile_input(
    client: Any, scorer: Any, case: str, kwargs: dict[str, Any], status: int, shown: str
) -> None:
    page = assert_clean_page(client.post("/", **kwargs), status)
    assert shown in page
    if status != 200:
        assert '<form method="post"' in page  # the form is back to correct the input


# (path, status, Location of a redirect or None)
SITE_CASES = [
    ("/sites/birchwood.example", 200, None),  # the seeded site, for contrast
    ("/sites/WWW.Birchwood.Example.", 301, "/sites/birchwood.example"),
    ("/sites/www.b%C3%BCcher.example", 301, "/sites/xn--bcher-kva.example"),  # unicode -> punycode
    ("/sites/xn--bcher-kva.example", 404, None),  # already canonical, never graded
    ("/sites/%EF%BD%85xample.com", 301, "/sites/example.com"),  # full-width letter, as browsers fold it
    ("/sites/xn--zz.example", 404, None),
    ("/sites/%E2%80%AEmoc.elpmaxe", 404, None),  # right-to-left override
    ("/sites/" + "a" * 64 + ".com", 404, None),  # label over 63 characters
    ("/sites/" + "a." * 130 + "com", 404, None),  # name over 253 characters
    ("/sites/" + "x" * 5000, 404, None),
    ("/sites/..", 404, None),
    ("/sites/.", 404, None),
    ("/sites/..%2f..%2fetc%2fpasswd", 404, None),  # %2f is a slash: no such route
    ("/sites/..%2F..%2Fapi%2Fv1%2Fsites", 404, None),
    ("/sites/%2e%2e", 404, None),
    ("/sites/example..com", 404, None),
    ("/sites/-bad-.com", 404, None),
    ("/sites/%00", 404, None),
    ("/sites/a%00b.com", 404, None),
    ("/sites/%ff%fe.com", 404, None),
    ("/sites/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, None),
    ("/sites/%3Cscript%3Ealert(1).com", 404, None),
    ("/sites/javascript:alert(1)", 404, None),
    ("/sites/%22onerror=alert(1)", 404, None),
    ("/sites/ex%20ample.com", 404, None),
    ("/sites/co.uk", 404, None),
    ("/sites/https:%2F%2Fexample.com", 404, None),
    ("/sites?page=99999999999999999999999", 200, None),  # past the end: the last page, not a Redis error
    ("/sites?page=" + "9" * 5000, 200, None),
    ("/sites?page=-3&sort=%00", 200, None),
    ("/sites?q=%00%ff%3Cscript%3Ealert(1)" + "a" * 5000, 200, None),
    ("/reports/..%2f..%2fetc", 404, None),
    ("/reports/" + "A" * 64, 404, None),
    ("/reports/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, None),
]


@pytest.mark.parametrize(
    ("path", "status", "location"), SITE_CASES, ids=[case[0][:60] for case in SITE_CASES]
)
def test_site_pages_survive_hostile_names(
    client: Any, seed: Any, path: str, status: int, location: str | None
) -> None:
    seed("birchwood.example", make_report(), text=POLICY)
    response = client.get(path)
    if location is not None:
        assert response.status_code == status
        assert response.headers["Location"] == location
        return
    page = assert_clean_page(response, status)
    if path.startswith("/sites/") and status == 404:
        assert len(page) < 20_000  # an over-long name is echoed in part, not in full


@pytest.mark.parametrize(
    "name",
    ["..", "%00", "a%00b.com", "%3Cscript%3E.com", "x" * 5000, "%E2%80%AEmoc.elpmaxe", "b%C3%BCcher.example"],
)
def test_badges_for_hostile_names_are_grey(client: Any, name: str) -> None:
    response = client.get(f"/sites/{name}/badge.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b"not graded" in response.data and b"<script" not in response.data
