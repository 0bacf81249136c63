"""POST / (the paste form) shares the per-client scoring limit of POST /api/v1/score; 429 is a page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from api.pages._blueprint import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.redis

SCORE = "/api/v1/score"
#: Blank text is refused (422) before scoring, so these tests count requests without running the scorer.
BLANK = {"text": "   "}


@pytest.fixture
def limited(make_app: Any) -> Any:
    """A client of an app allowing 2 scoring requests per minute per client address."""
    return make_app(RATE_LIMIT="2 per minute").test_client()


def test_the_form_is_limited_and_the_429_is_a_page_that_keeps_the_text(limited: Any) -> None:
    assert [limited.post("/", data=BLANK).status_code for _ in range(2)] == [422, 422]
    text = 'Privacy Policy. We share <b>data</b> "onerror=x" with partners.'
    response = limited.post("/", data={"text": text, "url": "https://example.com/privacy"})
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    page = response.get_data(as_text=True)
    assert 'role="alert"' in page and "Too many requests" in page
    # The form is back with what was pasted (escaped), so the visitor can simply try again later.
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)
    assert textarea is not None
    assert textarea.group(1).strip() == (
        "Privacy Policy. We share &lt;b&gt;data&lt;/b&gt; &#34;onerror=x&#34; with partners."
    )
    assert 'value="https://example.com/privacy"' in page


def test_the_form_and_the_api_share_one_budget(limited: Any) -> None:
    assert limited.post("/", data=BLANK).status_code == 422
    assert limited.post(SCORE, json={"text": ""}).status_code == 422
    # Both spent: the API answers with its JSON 429, the form with its page.
    api = limited.post(SCORE, json={"text": ""})
    assert api.status_code == 429 and api.mimetype == "application/json"
    assert api.get_json()["code"] == 429 and int(api.headers["Retry-After"]) > 0
    assert limited.post("/", data=BLANK).status_code == 429


def test_a_json_client_posting_the_form_gets_the_envelope(limited: Any) -> None:
    for _ in range(2):
        limited.post("/", data=BLANK)
    response = limited.post("/", data=BLANK, headers={"Accept": "application/json"})
    assert response.status_code == 429 and response.mimetype == "application/json"
    assert response.get_json()["code"] == 429


def test_reading_pages_is_not_limited_and_clients_have_their_own_budget(limited: Any) -> None:
    for _ in range(3):
        limited.post("/", data=BLANK)
    assert [limited.get(path).status_code for path in ("/", "/", "/", "/sites", "/docs")] == [200] * 5
    other = limited.post("/", data=BLANK, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 422


def test_limit_off_means_no_429(make_app: Any) -> None:
    client = make_app(RATE_LIMIT="1 per minute", RATE_LIMIT_ENABLED=False).test_client()
    assert [client.post("/", data=BLANK).status_code for _ in range(3)] == [422, 422, 422]
