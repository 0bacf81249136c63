"""Hostile text is scored or refused cleanly: 200 or a 4xx envelope, never a 500, and stays storable."""

from __future__ import annotations

from typing import Any

import pytest
from policy_texts import POLICY_V1

pytestmark = pytest.mark.redis

HOSTILE_TEXTS = {
    "html and script tags": "<html><script>alert('x')</script><h1>Privacy Policy</h1><p>We sell data.</p>"
    + POLICY_V1,
    "10k-deep brackets": "(" * 10_000 + "[" * 10_000 + "{" * 10_000 + POLICY_V1 + "}" * 10_000,
    "NUL bytes": POLICY_V1.replace(" ", "\x00 ", 50) + "\x00" * 100,
    "right-to-left marks": "\u202e" + POLICY_V1.replace(".", ".\u200f\u202b", 30) + "\u202c",
    "1 MB without spaces": "a" * (1024 * 1024),
    "lone surrogates": "Privacy Policy \ud800 we may share your data \udfff with partners.",
    "only punctuation": "!?.,;:" * 5000,
    "emoji and combining marks": ("Privacy 🍪 policy. We share data 🙂 with ads partners. " * 50)
    + "e\u0301" * 2000,
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_hostile_text_never_breaks_the_service(client: Any, scorer: Any, name: str) -> None:
    text = HOSTILE_TEXTS[name]
    response = client.post("/api/v1/score", json={"text": text, "title": "<b>" + name + "</b>"})
    assert response.status_code == 200 or 400 <= response.status_code < 500, response.get_data(as_text=True)
    if response.status_code == 200:
        body = response.get_json()
        # It was stored and reads back identically (the cache copes with whatever the text held).
        stored = client.get(f"/api/v1/reports/{body['id']}")
        assert stored.status_code == 200
        assert stored.get_json()["risks"] == body["risks"]
        assert client.post("/api/v1/score", json={"text": text}).get_json()["cached"] is True


def test_script_in_title_is_returned_as_data_not_markup(client: Any, scorer: Any) -> None:
    title = "<script>alert(1)</script>"
    body = client.post("/api/v1/score", json={"text": POLICY_V1, "title": title}).get_json()
    assert body["title"] == title  # JSON data; clients must not put it into innerHTML
